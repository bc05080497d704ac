package newsstand.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import newsstand.delivery.Broker;
import newsstand.delivery.DeviceSync;
import newsstand.delivery.SyncSettings;
import newsstand.delivery.Topics;
import newsstand.issue.Keys;
import newsstand.issue.Manifest;
import newsstand.store.IssueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Delivery against a real Mosquitto: the operator's tool publishes, real device sync code takes the issue. */
class DeliveryTest {
    static final int BIG = 5 * 1024 * 1024;

    @TempDir Path dir;
    Mosquitto broker;
    PublicKey operator;
    final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        broker = new Mosquitto(dir.resolve("broker"));
        closing.add(broker);
        assertEquals(0, Cli.run("keygen", "--out", dir.resolve("keys").toString()).exit());
        operator = Keys.readPublic(dir.resolve("keys/operator.pub"));
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) closing.get(i).close();
    }

    /** A device in this JVM: the real sync code with its own SQLite file, activations reported to a queue. */
    record Device(String name, DeviceSync sync, Path store, BlockingQueue<String> activated) {
        JsonObject status() {
            return JsonParser.parseString(sync.status()).getAsJsonObject();
        }

        int chunks() {
            JsonObject s = status();
            return s.get("syncing").isJsonObject() ? s.getAsJsonObject("syncing").get("chunks").getAsInt() : 0;
        }

        Optional<String> active() throws Exception {
            try (IssueStore st = IssueStore.open(store)) {
                return st.active();
            }
        }
    }

    Device device(String name, String url) throws Exception {
        BlockingQueue<String> activated = new LinkedBlockingQueue<>();
        Path store = dir.resolve(name + ".db");
        DeviceSync sync = DeviceSync.start(new SyncSettings(new Broker(url, null, null, null), "qd", name, List.of(operator),
                store, 7, 512L << 20, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5), 5), activated::add);
        closing.add(sync);
        return new Device(name, sync, store, activated);
    }

    Cli publish(String url, Path issue, String... more) {
        List<String> args = new ArrayList<>(List.of("publish", "--broker", url, "--fleet", "qd", "--key",
                dir.resolve("keys/operator.key").toString(), "--issue", issue.toString()));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    static void await(String what, long seconds, BooleanSupplier done) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            Mosquitto.sleep(20);
        }
    }

    @Test
    void aFiveMegabyteIssueReachesSeveralDevicesAtOnce() throws Exception {
        Path issue = TestIssues.write(dir.resolve("pkg"), "qd-2025-09-10", BIG);
        List<Device> devices = new ArrayList<>();
        for (String n : List.of("kiosk-1", "kiosk-2", "kiosk-3")) devices.add(device(n, broker.url()));
        Cli p = publish(broker.url(), issue);
        assertEquals(0, p.exit(), p.err());
        assertTrue(p.lastLine().matches("published issue qd-2025-09-10 \\(sequence \\d+\\) to fleet qd: \\d+ bytes sent in \\d+ chunks and a manifest"), p.lastLine());
        long bytes = Long.parseLong(p.lastLine().replaceAll(".*: (\\d+) bytes.*", "$1"));
        assertTrue(bytes > BIG, "bytes sent " + bytes);
        for (Device d : devices) {
            assertEquals("qd-2025-09-10", d.activated().poll(60, TimeUnit.SECONDS), d.name() + " activated");
            assertEquals(Optional.of("qd-2025-09-10"), d.active());
            try (IssueStore st = IssueStore.open(d.store())) {
                assertEquals("ok", st.integrityCheck());
                assertEquals(Files.size(issue.resolve("images/noise.png")), st.image("qd-2025-09-10", "images/noise.png").length);
            }
            JsonObject s = d.status();
            assertTrue(s.get("online").getAsBoolean());
            assertTrue(s.get("syncing").isJsonNull());
            assertEquals(0, s.get("duplicateChunks").getAsInt(), d.name());
        }
        Cli fleet = Cli.run("fleet", "status", "--broker", broker.url(), "--fleet", "qd");
        assertEquals(0, fleet.exit(), fleet.err());
        for (Device d : devices) assertTrue(fleet.out().matches("(?s).*" + d.name() + " +online +qd-2025-09-10 .*"), fleet.out());
        assertTrue(fleet.lastLine().startsWith("3 kiosks"), fleet.out());
    }

    @Test
    void devicesFinishAfterTheBrokerIsKilledMidTransfer() throws Exception {
        Path issue = TestIssues.write(dir.resolve("pkg"), "qd-2025-09-11", BIG);
        assertEquals(0, publish(broker.url(), issue).exit());
        broker.save(); // the retained chunks are on disk, as a broker that has run a while has them
        List<Device> devices = new ArrayList<>();
        for (String n : List.of("kiosk-a", "kiosk-b")) {
            CutProxy slow = new CutProxy(broker.port, 2_000_000);
            closing.add(slow);
            devices.add(device(n, slow.url()));
        }
        await("a fifth of the chunks", 60, () -> devices.get(0).chunks() > 16);
        // The broker's sessions as a crash finds them on disk: saved just before the kill. What the broker remembers
        // is its own autosave's business (every second or two); a kiosk must refetch no more than what was in flight
        // then, and what it stored between that save and the kill.
        int[] atSave = devices.stream().mapToInt(Device::chunks).toArray();
        broker.save();
        broker.kill();
        int[] atKill = devices.stream().mapToInt(Device::chunks).toArray();
        Mosquitto.sleep(500);
        broker.start();
        for (int i = 0; i < devices.size(); i++) {
            Device d = devices.get(i);
            assertEquals("qd-2025-09-11", d.activated().poll(90, TimeUnit.SECONDS),
                    () -> d.name() + " activated; status " + d.status() + "; broker log:\n" + broker.logTail(20));
            JsonObject s = d.status();
            // At most the window of chunks in flight comes again (the broker's Receive Maximum), and those the
            // broker's last save did not see acknowledged.
            int bound = Broker.RECEIVE_MAXIMUM + atKill[i] - atSave[i];
            assertTrue(s.get("duplicateChunks").getAsInt() <= bound, d.name() + " fetched again (more than " + bound + "): " + s);
        }
    }

    @Test
    void aCutNetworkResumesWithoutRefetching() throws Exception {
        Path issue = TestIssues.write(dir.resolve("pkg"), "qd-2025-09-12", BIG);
        CutProxy net = new CutProxy(broker.port, 3_000_000);
        closing.add(net);
        Device d = device("kiosk-c", net.url());
        assertEquals(0, publish(broker.url(), issue).exit());
        int cuts = 0;
        for (int at : new int[] {15, 45}) {
            await("chunk " + at, 60, () -> d.chunks() > at);
            net.cut();
            cuts++;
        }
        assertEquals("qd-2025-09-12", d.activated().poll(90, TimeUnit.SECONDS));
        JsonObject s = d.status();
        assertTrue(s.get("duplicateChunks").getAsInt() <= cuts * Broker.RECEIVE_MAXIMUM, "fetched again: " + s);
        try (IssueStore st = IssueStore.open(d.store())) {
            assertEquals("ok", st.integrityCheck());
        }
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** A plain test client on the broker: the "attacker" or the observer. */
    static TestMqtt client(String url) throws Exception {
        return TestMqtt.connect(url, null, null);
    }

    static AutoCloseable closer(TestMqtt c) {
        return c;
    }

    static void send(TestMqtt c, String topic, byte[] payload, boolean retained) throws Exception {
        c.publish(topic, payload, 1, retained);
    }

    @Test
    void garbageOnTheIssueTopicsIsRejectedAndNothingIsLost() throws Exception {
        Device d = device("kiosk-g", broker.url());
        assertEquals(0, publish(broker.url(), TestIssues.write(dir.resolve("first"), "qd-first", 0), "--sequence", "100").exit());
        assertEquals("qd-first", d.activated().poll(30, TimeUnit.SECONDS));
        TestMqtt bad = client(broker.url());
        closing.add(closer(bad));
        send(bad, Topics.manifest("qd", "qd-x"), "not json at all".getBytes(), false);
        send(bad, Topics.manifest("qd", "qd-x"), "{\"manifest\":\"eyJ".getBytes(), false); // truncated
        send(bad, Topics.manifest("qd", "qd-x"), new byte[Manifest.MAX_ENVELOPE_BYTES + 1], false); // oversized
        send(bad, Topics.manifest("qd", "qd-x"), new byte[] {(byte) 0xff, 0, 1, 2}, false);
        send(bad, Topics.chunk("qd", "qd-first", 100, 0), new byte[70_000], false);
        send(bad, Topics.chunk("qd", "qd-x", 1, -3), "garbage".getBytes(), false);
        send(bad, "newsstand/qd/issues/a/b/c", "x".getBytes(), false);
        // A real issue published after the garbage, its chunks sent again, last first, by a replaying client for as
        // long as the device downloads: duplicates and chunks out of order on the topics the device listens to.
        Map<String, byte[]> chunks = new ConcurrentHashMap<>();
        bad.subscribe(Topics.chunk("qd", "qd-second", 200, 0).replaceAll("/0$", "/#"), 1, (t, m) -> chunks.put(t, m.getPayload()));
        Path second = TestIssues.write(dir.resolve("second"), "qd-second", 2_000_000);
        assertEquals(0, publish(broker.url(), second, "--sequence", "200").exit());
        int replays = 0;
        String activated = null;
        while (activated == null && replays < 200) {
            List<String> topics = new ArrayList<>(chunks.keySet());
            topics.sort(Comparator.comparingInt((String t) -> Integer.parseInt(t.substring(t.lastIndexOf('/') + 1))).reversed());
            for (String t : topics) send(bad, t, chunks.get(t), false);
            replays++;
            activated = d.activated().poll(50, TimeUnit.MILLISECONDS);
        }
        if (activated == null) activated = d.activated().poll(30, TimeUnit.SECONDS);
        assertEquals("qd-second", activated);
        assertTrue(replays > 0 && chunks.size() > 20, replays + " replays of " + chunks.size() + " chunks");
        System.out.println("garbage test: " + replays + " replays of " + chunks.size() + " chunks; device: " + d.status());
        try (IssueStore st = IssueStore.open(d.store())) {
            assertEquals(Optional.of("qd-second"), st.active());
            assertEquals(Optional.of("qd-first"), st.previous());
            assertEquals("ok", st.integrityCheck());
        }
        JsonObject s = d.status();
        assertTrue(s.get("lastError").isJsonNull() || !s.get("lastError").toString().isEmpty());
    }

    @Test
    void manifestsThatAreNotTrustworthyAreNeverActivated() throws Exception {
        Device d = device("kiosk-s", broker.url());
        TestMqtt observer = client(broker.url());
        closing.add(closer(observer));
        BlockingQueue<String> events = new LinkedBlockingQueue<>();
        observer.subscribe(Topics.events("qd", "kiosk-s"), 1, (t, m) -> events.add(text(m.getPayload())));
        Path pkg = TestIssues.write(dir.resolve("good"), "qd-good", 0);
        assertEquals(0, publish(broker.url(), pkg, "--sequence", "500").exit());
        assertEquals("qd-good", d.activated().poll(30, TimeUnit.SECONDS));
        // Read back the genuine envelope, to tamper with and replay.
        BlockingQueue<byte[]> got = new LinkedBlockingQueue<>();
        observer.subscribe(Topics.manifest("qd", "qd-good"), 1, (t, m) -> got.add(m.getPayload()));
        byte[] genuine = got.poll(5, TimeUnit.SECONDS);
        observer.unsubscribe(Topics.manifest("qd", "qd-good"));
        Manifest m = Manifest.read(genuine);
        PrivateKey key = Keys.readPrivate(dir.resolve("keys/operator.key"));
        String keyId = Keys.id(operator);
        Manifest newer = new Manifest("qd", "qd-evil", m.publication(), 900, m.date(), m.published(), m.expires(), null, m.chunkSize(), m.files(), m.chunks());
        // tampered: a genuine signature over other bytes
        JsonObject env = JsonParser.parseString(text(newer.sign(key, keyId))).getAsJsonObject();
        String json = text(Base64.getDecoder().decode(env.get("manifest").getAsString())).replace("\"sequence\":900", "\"sequence\":901");
        env.addProperty("manifest", Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)));
        send(observer, Topics.manifest("qd", "qd-evil"), env.toString().getBytes(), false);
        // unsigned
        JsonObject unsigned = JsonParser.parseString(text(newer.sign(key, keyId))).getAsJsonObject();
        unsigned.remove("signature");
        send(observer, Topics.manifest("qd", "qd-evil"), unsigned.toString().getBytes(), false);
        // signed by a key the kiosk does not trust
        assertEquals(0, Cli.run("keygen", "--out", dir.resolve("other").toString()).exit());
        Cli wrong = Cli.run("publish", "--broker", broker.url(), "--fleet", "qd", "--key", dir.resolve("other/operator.key").toString(),
                "--issue", TestIssues.write(dir.resolve("evil"), "qd-evil", 0).toString(), "--sequence", "902");
        assertEquals(0, wrong.exit(), wrong.err());
        // expired
        Manifest expired = new Manifest("qd", "qd-old", m.publication(), 903, m.date(), m.published().minusSeconds(7200), m.published().minusSeconds(3600), null,
                m.chunkSize(), m.files(), m.chunks());
        send(observer, Topics.manifest("qd", "qd-old"), expired.sign(key, keyId), false);
        // replayed: an older sequence than the active issue's, genuinely signed
        assertEquals(0, publish(broker.url(), TestIssues.write(dir.resolve("replay"), "qd-replay", 0), "--sequence", "400").exit());
        List<String> reasons = new ArrayList<>();
        await("five rejections", 30, () -> {
            events.drainTo(reasons);
            return reasons.stream().filter(e -> e.contains("\"rejected\"")).count() >= 5;
        });
        String all = String.join("\n", reasons);
        assertTrue(all.contains("signature does not match"), all);
        assertTrue(all.contains("unsigned"), all);
        assertTrue(all.contains("does not trust"), all);
        assertTrue(all.contains("expired"), all);
        assertTrue(all.contains("not newer"), all);
        assertTrue(all.contains("\"activated\""), all); // the outbox sent the genuine issue's events too
        Mosquitto.sleep(500);
        assertEquals(null, d.activated().poll());
        try (IssueStore st = IssueStore.open(d.store())) {
            assertEquals(Optional.of("qd-good"), st.active());
            assertEquals(List.of("qd-good"), st.issueIds());
        }
    }

    @Test
    void aWrongPasswordIsReportedAndRetriedWithoutACrash() throws Exception {
        Path passwords = dir.resolve("passwd");
        Process p = new ProcessBuilder("mosquitto_passwd", "-b", "-c", passwords.toString(), "kiosk-p", "right").redirectErrorStream(true).start();
        assertEquals(0, p.waitFor());
        Mosquitto secure = new Mosquitto(dir.resolve("secure"), "allow_anonymous false\npassword_file " + passwords + "\n");
        closing.add(secure);
        BlockingQueue<String> activated = new LinkedBlockingQueue<>();
        DeviceSync sync = DeviceSync.start(new SyncSettings(new Broker(secure.url(), "kiosk-p", "wrong", null), "qd", "kiosk-p",
                List.of(operator), dir.resolve("p.db"), 7, 512L << 20, Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofSeconds(5), 5),
                activated::add);
        closing.add(sync);
        await("three failed connects", 30, () -> JsonParser.parseString(sync.status()).getAsJsonObject().get("failedConnects").getAsInt() >= 3);
        JsonObject s = JsonParser.parseString(sync.status()).getAsJsonObject();
        assertFalse(s.get("online").getAsBoolean());
        assertTrue(s.getAsJsonObject("lastError").get("message").getAsString().contains("the broker refused the user name or password of user 'kiosk-p' (MQTT reason 0x8"), s.toString());
        Cli op = Cli.run("fleet", "status", "--broker", secure.url(), "--fleet", "qd", "--username", "kiosk-p", "--password", "nope");
        assertEquals(1, op.exit());
        assertTrue(op.err().contains("the broker refused the user name or password of user 'kiosk-p'"), op.err());
    }
}
