package newsstand.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import newsstand.delivery.Broker;
import newsstand.delivery.DeviceSync;
import newsstand.delivery.SyncSettings;
import newsstand.delivery.Topics;
import newsstand.delivery.Trial;
import newsstand.issue.Keys;
import newsstand.issue.Manifest;
import newsstand.store.IssueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input from outside, however wrong, never stops a kiosk showing a newspaper (issue 18), against a real broker. */
class HardeningTest {
    @TempDir Path dir;
    Mosquitto broker;
    PublicKey operator;
    TestMqtt observer;
    final List<String> events = new CopyOnWriteArrayList<>();
    final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        broker = new Mosquitto(dir.resolve("broker"));
        closing.add(broker);
        assertEquals(0, Cli.run("keygen", "--out", dir.resolve("keys").toString()).exit());
        operator = Keys.readPublic(dir.resolve("keys/operator.pub"));
        observer = DeliveryTest.client(broker.url());
        closing.add(DeliveryTest.closer(observer));
        observer.subscribe(Topics.events("qd", "+"), 1, (t, m) -> events.add(new String(m.getPayload(), StandardCharsets.UTF_8)));
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) closing.get(i).close();
    }

    record Device(DeviceSync sync, Path store, BlockingQueue<String> activated) {
        JsonObject status() {
            return JsonParser.parseString(sync.status()).getAsJsonObject();
        }

        String lastError() {
            JsonObject s = status();
            return s.get("lastError").isJsonObject() ? s.getAsJsonObject("lastError").get("message").getAsString() : "";
        }

        Optional<String> active() throws Exception {
            try (IssueStore st = IssueStore.open(store)) {
                return st.active();
            }
        }
    }

    Device device(String name, Trial trial, Duration trialTimeout) throws Exception {
        BlockingQueue<String> activated = new LinkedBlockingQueue<>();
        Path store = dir.resolve(name + ".db");
        DeviceSync sync = DeviceSync.start(new SyncSettings(new Broker(broker.url(), null, null, null), "qd", name, List.of(operator),
                store, 7, 512L << 20, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5), 5, trialTimeout), trial, activated::add);
        closing.add(sync);
        return new Device(sync, store, activated);
    }

    Cli publish(Path issue, long sequence) {
        return Cli.run("publish", "--broker", broker.url(), "--fleet", "qd", "--key", dir.resolve("keys/operator.key").toString(),
                "--issue", issue.toString(), "--sequence", Long.toString(sequence));
    }

    /** The sample issue with one paragraph of n characters. */
    Path withParagraph(String id, int n) throws Exception {
        Path pkg = TestIssues.write(dir.resolve(id), id, 0);
        Path json = pkg.resolve("issue.json");
        JsonObject issue = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        issue.getAsJsonArray("sections").get(0).getAsJsonObject().getAsJsonArray("articles").get(0).getAsJsonObject()
                .getAsJsonArray("paragraphs").set(0, new com.google.gson.JsonPrimitive("海".repeat(n)));
        Files.writeString(json, issue.toString());
        return pkg;
    }

    @Test
    void anIssueOverTheLimitsIsRefusedByRenderAndPublishNamingTheLimit() throws Exception {
        Path huge = withParagraph("qd-huge", 400_000);
        String limit = "sections[0].articles[0].paragraphs[0] is 400000 characters (allowed: at most 4000 a paragraph)";
        Cli render = Cli.run("render", "--issue", huge.toString(), "--out", dir.resolve("preview").toString());
        assertEquals(1, render.exit(), render.err());
        assertTrue(render.err().contains(limit), render.err());
        Cli publish = publish(huge, 1);
        assertEquals(1, publish.exit(), publish.err());
        assertTrue(publish.err().contains(limit), publish.err());
        TestMqtt probe = DeliveryTest.client(broker.url());
        closing.add(DeliveryTest.closer(probe));
        List<String> retained = new CopyOnWriteArrayList<>();
        probe.subscribe("newsstand/qd/#", 1, (t, m) -> retained.add(t));
        Mosquitto.sleep(500);
        assertEquals(List.of(), retained, "nothing of a refused issue reaches the broker");
    }

    @Test
    void anIssueThatFailsItsTrialIsRefusedAndThePreviousStaysActive() throws Exception {
        Trial trial = (issue, images) -> {
            if (issue.id().equals("qd-bad")) throw new IllegalStateException("page 3 cannot be laid out");
            if (issue.id().equals("qd-oom")) {
                long[] whole = new long[Integer.MAX_VALUE - 8]; // more than any heap: an OutOfMemoryError, at once
                whole[0] = 1;
            }
        };
        Device d = device("kiosk-t", trial, Duration.ofSeconds(30));
        assertEquals(0, publish(TestIssues.write(dir.resolve("good"), "qd-good", 0), 1).exit());
        assertEquals("qd-good", d.activated().poll(30, TimeUnit.SECONDS));

        assertEquals(0, publish(TestIssues.write(dir.resolve("bad"), "qd-bad", 0), 2).exit());
        DeliveryTest.await("the rejection of qd-bad", 30, () -> events.stream().anyMatch(e -> e.contains("\"rejected\"")
                && e.contains("qd-bad") && e.contains("it does not compose: java.lang.IllegalStateException: page 3 cannot be laid out")));
        assertTrue(d.lastError().startsWith("issue qd-bad rejected: it does not compose"), d.lastError());
        assertEquals(Optional.of("qd-good"), d.active());

        assertEquals(0, publish(TestIssues.write(dir.resolve("oom"), "qd-oom", 0), 3).exit());
        DeliveryTest.await("the rejection of qd-oom", 30, () -> events.stream().anyMatch(e -> e.contains("\"rejected\"")
                && e.contains("qd-oom") && e.contains("it does not compose within the kiosk's memory")));
        assertEquals(Optional.of("qd-good"), d.active());
        assertTrue(d.activated().isEmpty());

        // Refused for good: after a restart the retained manifests come again and are passed over.
        d.sync().close();
        long rejections = rejectionIds();
        Device again = device("kiosk-t", trial, Duration.ofSeconds(30));
        DeliveryTest.await("online again", 10, () -> again.status().get("online").getAsBoolean());
        Mosquitto.sleep(1500);
        assertTrue(again.status().get("syncing").isJsonNull(), again.status().toString());
        assertEquals(rejections, rejectionIds(), "no new rejection (a repeat keeps its id): " + events);

        // And nothing is blocked behind them.
        assertEquals(0, publish(TestIssues.write(dir.resolve("next"), "qd-next", 0), 4).exit());
        assertEquals("qd-next", again.activated().poll(30, TimeUnit.SECONDS));
        assertEquals("", again.lastError(), "an activation ends the last error");
    }

    @Test
    void anIssueThatDoesNotComposeInTimeIsRefused() throws Exception {
        Trial slow = (issue, images) -> Thread.sleep(issue.id().equals("qd-slow") ? 10_000 : 0);
        Device d = device("kiosk-s", slow, Duration.ofSeconds(1));
        assertEquals(0, publish(TestIssues.write(dir.resolve("good"), "qd-good", 0), 1).exit());
        assertEquals("qd-good", d.activated().poll(30, TimeUnit.SECONDS));
        assertEquals(0, publish(TestIssues.write(dir.resolve("slow"), "qd-slow", 0), 2).exit());
        DeliveryTest.await("the rejection of qd-slow", 30, () -> events.stream().anyMatch(e -> e.contains("\"rejected\"")
                && e.contains("qd-slow") && e.contains("it did not compose within 1 s")));
        assertEquals(Optional.of("qd-good"), d.active());
        assertFalse(d.activated().contains("qd-slow"));
    }

    @Test
    void aSequenceFarAheadCannotLockTheFleetOutAndAResetBringsItBack() throws Exception {
        Path pkg = TestIssues.write(dir.resolve("first"), "qd-first", 0);
        Cli far = publish(pkg, Long.MAX_VALUE);
        assertEquals(1, far.exit());
        assertTrue(far.err().contains("--sequence 9223372036854775807 is not allowed (allowed: 1 to "), far.err());

        // A manifest signed with a sequence far ahead of its own publishing time is refused by the kiosk.
        Device d = device("kiosk-q", Trial.NONE, Duration.ofSeconds(30));
        PrivateKeyAndId op = operatorKey();
        Instant now = Instant.now();
        Manifest ahead = new Manifest("qd", "qd-ahead", "qd", now.toEpochMilli() + 2 * Manifest.SEQUENCE_LEAD_MS, java.time.LocalDate.now(), now,
                now.plus(Duration.ofDays(1)), null, 65536, List.of(new Manifest.FileEntry("issue.json", 10)), List.of("0".repeat(64)));
        DeliveryTest.send(observer, Topics.manifest("qd", "qd-ahead"), ahead.sign(op.key(), op.id()), true);
        DeliveryTest.await("the rejection of qd-ahead", 30, () -> events.stream().anyMatch(e -> e.contains("\"rejected\"")
                && e.contains("qd-ahead") && e.contains("is more than a day ahead of its publishing time")));
        DeliveryTest.send(observer, Topics.manifest("qd", "qd-ahead"), new byte[0], true);

        // A high-water mark that is wrong all the same (an older kiosk took such a sequence) locks the fleet out...
        d.sync().close();
        try (var db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + d.store())) {
            db.createStatement().execute("INSERT INTO high_water (publication, sequence) VALUES ('haibin-daily', " + Long.MAX_VALUE + ")"
                    + " ON CONFLICT(publication) DO UPDATE SET sequence = excluded.sequence");
        }
        Device locked = device("kiosk-q", Trial.NONE, Duration.ofSeconds(30));
        assertEquals(0, publish(pkg, now.toEpochMilli()).exit());
        DeliveryTest.await("qd-first refused as a replay", 30, () -> events.stream().anyMatch(e -> e.contains("\"rejected\"")
                && e.contains("qd-first") && e.contains("is not newer than " + Long.MAX_VALUE + ", the highest taken of haibin-daily")));
        // ... until the operator's signed reset: applied once, and the issue refused before is taken.
        Cli reset = Cli.run("fleet", "reset-sequence", "--broker", broker.url(), "--fleet", "qd", "--key",
                dir.resolve("keys/operator.key").toString(), "--to", "0");
        assertEquals(0, reset.exit(), reset.err());
        assertTrue(reset.lastLine().startsWith("published a reset of fleet qd's highest sequence to 0 (issued "), reset.lastLine());
        assertEquals("qd-first", locked.activated().poll(30, TimeUnit.SECONDS));
        DeliveryTest.await("the high-water event", 10, () -> events.stream().anyMatch(e -> e.contains("\"high-water\"")
                && e.contains("every publication to 0")));
        locked.sync().close();
        Device later = device("kiosk-q", Trial.NONE, Duration.ofSeconds(30));
        DeliveryTest.await("online again", 10, () -> later.status().get("online").getAsBoolean());
        Mosquitto.sleep(1500);
        assertEquals(1, events.stream().filter(e -> e.contains("\"high-water\"")).count(), "a retained reset is applied once: " + events);
        assertEquals(Optional.of("qd-first"), later.active());
    }

    /** Distinct rejected events seen: an event sent again after a restart keeps its id. */
    long rejectionIds() {
        return events.stream().filter(e -> e.contains("\"rejected\"")).map(e -> JsonParser.parseString(e).getAsJsonObject().get("id")).distinct().count();
    }

    record PrivateKeyAndId(java.security.PrivateKey key, String id) {}

    PrivateKeyAndId operatorKey() throws Exception {
        return new PrivateKeyAndId(Keys.readPrivate(dir.resolve("keys/operator.key")), Keys.id(operator));
    }

    @Test
    void hostileStatusesBecomeRowsThatSaySoAndControlCharactersAreNeverPrinted() throws Exception {
        String good = "{\"device\":\"kiosk-1\",\"online\":true,\"activeIssue\":\"qd-1\",\"syncing\":null,"
                + "\"lastError\":{\"message\":\"\\u001b[2J\\u001b[31mpwned\\u0085\\u202eevil\",\"time\":\"x\"},\"updated\":\"2025-09-10T04:00:00Z\"}";
        DeliveryTest.send(observer, Topics.status("qd", "kiosk-1"), good.getBytes(StandardCharsets.UTF_8), true);
        DeliveryTest.send(observer, Topics.status("qd", "kiosk-2"), "not json at all".getBytes(StandardCharsets.UTF_8), true);
        DeliveryTest.send(observer, Topics.status("qd", "kiosk-3"), "{\"online\":\"yes\",\"activeIssue\":{\"a\":1}}".getBytes(StandardCharsets.UTF_8), true);
        DeliveryTest.send(observer, Topics.status("qd", "kiosk-4"), "[1,2,3]".getBytes(StandardCharsets.UTF_8), true);
        DeliveryTest.send(observer, Topics.status("qd", "\u202ekiosk-5"), "{\"online\":false}".getBytes(StandardCharsets.UTF_8), true);
        Cli table = Cli.run("fleet", "status", "--broker", broker.url(), "--fleet", "qd", "--wait", "500");
        assertEquals(0, table.exit(), table.err());
        assertTrue(table.out().matches("(?s).*kiosk-1 +online +qd-1 .*\\?\\[2J\\?\\[31mpwned\\?\\?evil.*"), table.out());
        assertTrue(table.out().matches("(?s).*kiosk-2 +unreadable .*not a JSON object.*"), table.out());
        assertTrue(table.out().matches("(?s).*kiosk-3 +unreadable .*online is not true or false.*"), table.out());
        assertTrue(table.out().matches("(?s).*kiosk-4 +unreadable .*"), table.out());
        assertTrue(table.out().matches("(?s).*\\?kiosk-5 +offline .*"), table.out());
        assertTrue(table.lastLine().startsWith("5 kiosks in fleet qd"), table.out());
        for (char c : new char[] {0x1b, 0x07, 0x85, 0x202e}) assertFalse(table.out().indexOf(c) >= 0, "printed U+" + Integer.toHexString(c));
        Cli json = Cli.run("fleet", "status", "--broker", broker.url(), "--fleet", "qd", "--wait", "500", "--json");
        assertEquals(0, json.exit(), json.err());
        com.google.gson.JsonArray rows = JsonParser.parseString(json.out()).getAsJsonArray();
        assertEquals(5, rows.size());
        assertEquals("online", rows.get(0).getAsJsonObject().get("state").getAsString());
        assertEquals("unreadable", rows.get(2).getAsJsonObject().get("state").getAsString());
        for (char c : new char[] {0x1b, 0x07, 0x85, 0x202e}) assertFalse(json.out().indexOf(c) >= 0, "printed U+" + Integer.toHexString(c));
    }

    @Test
    void aFloodOfGarbageCostsOneRowAndNeverHoldsBackAnActivation() throws Exception {
        Device d = device("kiosk-f", Trial.NONE, Duration.ofSeconds(30));
        DeliveryTest.await("online", 10, () -> d.status().get("online").getAsBoolean());
        int flood = 2_000;
        for (int i = 0; i < flood; i++) {
            observer.publish(Topics.manifest("qd", "junk-" + i), ("{\"manifest\":\"" + i + "\"}").getBytes(StandardCharsets.UTF_8), 0, false);
        }
        assertEquals(0, publish(TestIssues.write(dir.resolve("real"), "qd-real", 0), 1).exit());
        assertEquals("qd-real", d.activated().poll(60, TimeUnit.SECONDS));
        DeliveryTest.await("the activated event", 30, () -> events.stream().anyMatch(e -> e.contains("\"activated\"") && e.contains("qd-real")));
        try (var db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + d.store());
             var rs = db.createStatement().executeQuery("SELECT count(*) FROM outbox")) {
            assertTrue(rs.getInt(1) <= newsstand.store.Events.LIMIT, "outbox rows: " + rs.getInt(1));
        }
        DeliveryTest.await("the flood reported", 30, () -> events.stream().anyMatch(e -> e.contains("junk-")));
        Mosquitto.sleep(1000);
        long rows = events.stream().filter(e -> e.contains("junk-")).map(e -> JsonParser.parseString(e).getAsJsonObject().get("id")).distinct().count();
        long counted = events.stream().filter(e -> e.contains("junk-")).map(e -> JsonParser.parseString(e).getAsJsonObject()).distinct()
                .mapToLong(e -> e.has("repeats") ? e.get("repeats").getAsLong() : 1).sum();
        assertTrue(rows < flood / 4, "rejections sent one by one: " + rows);
        assertTrue(counted > rows, "repeats counted on the coalesced rejection: " + counted + " in " + rows + " events");
    }

    @Test
    void publishReadsBackWhatItWroteAndFailsNamingTheTopicABrokerDidNotKeep() throws Exception {
        Path acl = Files.writeString(dir.resolve("read-only.acl"), "topic read newsstand/#\n");
        Mosquitto readOnly = new Mosquitto(dir.resolve("read-only"), "allow_anonymous true\nacl_file " + acl + "\n");
        closing.add(readOnly);
        Path pkg = TestIssues.write(dir.resolve("denied"), "qd-denied", 0);
        Cli p = Cli.run("publish", "--broker", readOnly.url(), "--fleet", "qd", "--key", dir.resolve("keys/operator.key").toString(),
                "--issue", pkg.toString(), "--sequence", "7");
        assertEquals(1, p.exit(), p.out() + p.err());
        assertTrue(p.err().contains("broker " + readOnly.url() + " did not keep newsstand/qd/chunks/qd-denied/7/0 (read back: missing), so kiosks"
                + " cannot take it. Check that the operator's user may write newsstand/# (ACL: topic readwrite newsstand/#)"), p.err());
        assertFalse(p.out().contains("published issue"), p.out());
        Cli ok = publish(pkg, 8);
        assertEquals(0, ok.exit(), ok.err());
        assertTrue(ok.out().contains("read back "), ok.out());
    }

    @Test
    void aSessionTakenOverAgainAndAgainIsReportedInTheStatus() throws Exception {
        Device first = device("kiosk-dup", Trial.NONE, Duration.ofSeconds(30));
        DeliveryTest.await("online", 10, () -> first.status().get("online").getAsBoolean());
        BlockingQueue<String> activated = new LinkedBlockingQueue<>();
        DeviceSync second = DeviceSync.start(new SyncSettings(new Broker(broker.url(), null, null, null), "qd", "kiosk-dup", List.of(operator),
                dir.resolve("other.db"), 7, 512L << 20, Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(5), 5), activated::add);
        closing.add(second);
        String likely = "another client may be using this kiosk's client id (two kiosks with one device.id?)";
        DeliveryTest.await("the takeover reported", 60, () -> first.lastError().contains(likely)
                || JsonParser.parseString(second.status()).getAsJsonObject().toString().contains(likely));
    }

    @Test
    void anIssueThatDoesNotFitTheQuotaIsNotDownloadedAndSaysWhy() throws Exception {
        BlockingQueue<String> activated = new LinkedBlockingQueue<>();
        Path store = dir.resolve("small.db");
        DeviceSync sync = DeviceSync.start(new SyncSettings(new Broker(broker.url(), null, null, null), "qd", "kiosk-small",
                List.of(operator), store, 7, 100_000, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5), 5), activated::add);
        closing.add(sync);
        Device d = new Device(sync, store, activated);
        assertEquals(0, publish(TestIssues.write(dir.resolve("big"), "qd-big", 0), 1).exit());
        DeliveryTest.await("the refusal", 30, () -> events.stream().anyMatch(e -> e.contains("\"rejected\"") && e.contains("qd-big")
                && e.contains("not now: it is 0.3 MB and storage.quota-mb allows 0.1 MB for all issues (raise storage.quota-mb)")));
        assertTrue(d.lastError().startsWith("issue qd-big not taken now: it is 0.3 MB"), d.lastError());
        assertTrue(d.status().get("syncing").isJsonNull(), "nothing downloaded: " + d.status());
        assertEquals(Optional.empty(), d.active());
    }
}
