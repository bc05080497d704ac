package newsstand.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import newsstand.delivery.Topics;
import newsstand.issue.Command;
import newsstand.issue.Keys;
import newsstand.store.IssueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator acts on kiosks from afar: two kiosk processes (32 MB heaps, simulated panels of two depths) on a real
 * Mosquitto, the operator's `fleet command` and `fleet screenshot`, and commands forged, replayed, expired and
 * misaddressed published by hand.
 */
class RemoteCommandTest {
    @TempDir Path dir;
    Mosquitto broker;
    TestMqtt observer;
    KioskProcess a;
    KioskProcess b;
    final Map<String, JsonObject> statuses = new ConcurrentHashMap<>();
    final List<JsonObject> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        broker = new Mosquitto(dir.resolve("broker"));
        assertEquals(0, Cli.run("keygen", "--out", dir.resolve("keys").toString()).exit());
        assertEquals(0, Cli.run("keygen", "--out", dir.resolve("other-keys").toString()).exit());
        observer = DeliveryTest.client(broker.url());
        observer.subscribe("newsstand/qd/+/status", 1, (t, m) -> {
            if (m.getPayload().length > 0) statuses.put(t.split("/")[2], json(m.getPayload()));
        });
        observer.subscribe("newsstand/qd/+/events", 1, (t, m) -> events.add(json(m.getPayload())));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (a != null) a.kill();
        if (b != null) b.kill();
        DeliveryTest.closer(observer).close();
        broker.close();
    }

    static JsonObject json(byte[] payload) {
        return JsonParser.parseString(new String(payload, StandardCharsets.UTF_8)).getAsJsonObject();
    }

    Path config(String device, String model) throws Exception {
        Path config = dir.resolve(device + ".properties");
        Files.writeString(config, String.join("\n",
                "device.id = " + device,
                "device.fleet = qd",
                "panel.model = " + model,
                "panel.driver = simulated",
                "panel.output = " + dir.resolve(device + "-panel"),
                "storage.path = " + dir.resolve(device + ".db"),
                "mqtt.url = " + broker.url(),
                "trust.keys = " + dir.resolve("keys/operator.pub"),
                "kiosk.idle.seconds = 600") + "\n");
        return config;
    }

    String field(String device, String name) {
        JsonObject s = statuses.get(device);
        return s == null || !s.has(name) || s.get(name).isJsonNull() ? null : s.get(name).getAsString();
    }

    Cli fleet(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("fleet", args[0], "--broker", broker.url(), "--fleet", "qd",
                "--key", dir.resolve("keys/operator.key").toString(), "--wait", "20"));
        all.addAll(List.of(args).subList(1, args.length));
        return Cli.run(all.toArray(String[]::new));
    }

    /** The answer event of a command (by id) from a device, waited for. */
    JsonObject answer(String device, String commandId) {
        DeliveryTest.await("the answer of " + device + " to " + commandId, 20, () -> events.stream().anyMatch(e -> matches(e, device, commandId)));
        return events.stream().filter(e -> matches(e, device, commandId)).findFirst().orElseThrow();
    }

    static boolean matches(JsonObject e, String device, String commandId) {
        return "command".equals(e.get("event").getAsString()) && device.equals(e.get("device").getAsString())
                && e.has("commandId") && commandId.equals(e.get("commandId").getAsString());
    }

    Command command(String id, Instant issued, Instant expires, List<String> targets, String name, String... args) {
        return new Command("qd", id, issued, expires, targets, name, List.of(args));
    }

    void publish(String device, byte[] payload) throws Exception {
        observer.publish(Topics.commands("qd", device), payload, 1, false);
    }

    @Test
    void signedCommandsActOnlyOnTheirTargetsAndEverythingElseIsRefusedWithAReason() throws Exception {
        a = new KioskProcess(dir, config("kiosk-a", "it8951-6in"), "kiosk-a");
        b = new KioskProcess(dir, config("kiosk-b", "waveshare-7in5-v2"), "kiosk-b");
        a.await("^INFO: kiosk: no issue yet", 30);
        b.await("^INFO: kiosk: no issue yet", 30);
        assertEquals(0, Cli.run("publish", "--broker", broker.url(), "--fleet", "qd", "--key", dir.resolve("keys/operator.key").toString(),
                "--issue", TestIssues.write(dir.resolve("issue"), "qd-1", 0).toString(), "--sequence", "100").exit());
        for (String k : List.of("kiosk-a", "kiosk-b")) {
            DeliveryTest.await(k + " shows the front page", 60, () -> "page".equals(field(k, "screen")) && "1".equals(field(k, "page")));
        }
        String publication = field("kiosk-a", "publication");
        int pages = Integer.parseInt(field("kiosk-a", "pages"));
        assertTrue(pages >= 3, "pages: " + pages);

        // show: only its target turns to the page; the operator's tool prints the answer.
        Cli shown = fleet("command", "--device", "kiosk-a", "show", publication, "3");
        assertEquals(0, shown.exit(), shown.out() + shown.err());
        assertTrue(shown.out().matches("(?s).*\\nkiosk-a +done +shows " + publication + " qd-1 page 3 of " + pages + "\\n.*"), shown.out());
        DeliveryTest.await("kiosk-a's status shows page 3", 10, () -> "3".equals(field("kiosk-a", "page")));
        assertEquals("1", field("kiosk-b", "page"));
        assertFalse(b.log().contains("command"), b.log());

        // screenshot: a PNG of the panel's size and depth, the very pixels of the kiosk's frame.
        Path shot = dir.resolve("shot.png");
        Cli taken = fleet("screenshot", "--device", "kiosk-a", "--out", shot.toString());
        assertEquals(0, taken.exit(), taken.out() + taken.err());
        BufferedImage png = ImageIO.read(shot.toFile());
        assertEquals(800, png.getWidth());
        assertEquals(600, png.getHeight());
        assertEquals(4, png.getColorModel().getPixelSize(), "16 greys: 4 bits a pixel");
        List<String> refreshes = Files.readAllLines(dir.resolve("kiosk-a-panel/refresh.log"));
        String last = refreshes.get(refreshes.size() - 1);
        KioskProcessTest.assertSamePixels(ImageIO.read(dir.resolve("kiosk-a-panel").resolve(last.substring(last.lastIndexOf(' ') + 1)).toFile()), png);
        Path bw = dir.resolve("bw.png");
        assertEquals(0, fleet("screenshot", "--device", "kiosk-b", "--out", bw.toString()).exit());
        BufferedImage bwPng = ImageIO.read(bw.toFile());
        assertEquals(800, bwPng.getWidth());
        assertEquals(480, bwPng.getHeight());
        assertEquals(1, bwPng.getColorModel().getPixelSize(), "black and white: 1 bit a pixel");

        // Refused, each with an event saying why, and nothing done.
        PrivateKey key = Keys.readPrivate(dir.resolve("keys/operator.key"));
        String keyId = Keys.id(Keys.readPublic(dir.resolve("keys/operator.pub")));
        Instant now = Instant.now();
        byte[] good = command("c-replayed", now, now.plusSeconds(600), List.of("kiosk-a"), "show", publication, "2").sign(key, keyId);
        publish("kiosk-a", good);
        assertEquals("done", answer("kiosk-a", "c-replayed").get("result").getAsString());
        DeliveryTest.await("page 2", 10, () -> "2".equals(field("kiosk-a", "page")));
        assertEquals(0, fleet("command", "--device", "kiosk-a", "show", publication, "3").exit());
        publish("kiosk-a", good); // the same signed bytes again
        assertRefused("kiosk-a", "c-replayed", "was taken before");
        publish("kiosk-a", command("c-expired", now.minusSeconds(7200), now.minusSeconds(3600), List.of("kiosk-a"), "show", publication, "1").sign(key, keyId));
        assertRefused("kiosk-a", "c-expired", "expired at");
        publish("kiosk-a", command("c-elsewhere", now, now.plusSeconds(600), List.of("kiosk-b"), "show", publication, "1").sign(key, keyId));
        assertRefused("kiosk-a", "c-elsewhere", "is addressed to kiosk-b");
        publish(Topics.ALL, command("c-all", now, now.plusSeconds(600), List.of("kiosk-a"), "show", publication, "1").sign(key, keyId));
        assertRefused("kiosk-a", "c-all", "addressed to kiosk-a but came on the topic of every kiosk");
        PrivateKey stranger = Keys.readPrivate(dir.resolve("other-keys/operator.key"));
        String strangerId = Keys.id(Keys.readPublic(dir.resolve("other-keys/operator.pub")));
        publish("kiosk-a", command("c-stranger", now, now.plusSeconds(600), List.of("kiosk-a"), "show", publication, "1").sign(stranger, strangerId));
        assertRefusedNoId("kiosk-a", "which this kiosk does not trust");
        String forged = new String(command("c-forged", now, now.plusSeconds(600), List.of("kiosk-a"), "show", publication, "1").sign(key, keyId),
                StandardCharsets.UTF_8);
        JsonObject env = JsonParser.parseString(forged).getAsJsonObject();
        String doc = new String(java.util.Base64.getDecoder().decode(env.get("command").getAsString()), StandardCharsets.UTF_8);
        env.addProperty("command", java.util.Base64.getEncoder().encodeToString(doc.replace("\"1\"", "\"2\"").getBytes(StandardCharsets.UTF_8)));
        publish("kiosk-a", env.toString().getBytes(StandardCharsets.UTF_8));
        assertRefusedNoId("kiosk-a", "signature does not match");
        publish("kiosk-a", "{\"command\":\"show\"}".getBytes(StandardCharsets.UTF_8));
        assertRefusedNoId("kiosk-a", "unsigned");
        Mosquitto.sleep(500);
        assertEquals("3", field("kiosk-a", "page"), "a refused command changed the page");

        // set: checked by the configuration's rules, kept in the store, applied at once.
        Cli bad = fleet("command", "--device", "kiosk-a", "set", "kiosk.idle.seconds=2");
        assertEquals(1, bad.exit(), bad.out());
        assertTrue(bad.out().contains("kiosk.idle.seconds = 2 is not allowed (allowed: 0 (never) or 5 to 86400"), bad.out());
        Cli notAllowed = fleet("command", "--device", "kiosk-a", "set", "storage.path=/tmp/x");
        assertEquals(1, notAllowed.exit(), notAllowed.out() + notAllowed.err());
        assertTrue(notAllowed.err().contains("allowed: KEY=VALUE, KEY one of panel.full-refresh-every, kiosk.hours, kiosk.idle.seconds, kiosk.titles, kiosk.rotate.seconds"), notAllowed.err());
        Cli set = fleet("command", "--device", "kiosk-a", "set", "kiosk.idle.seconds=5");
        assertEquals(0, set.exit(), set.out());
        DeliveryTest.await("idle: back to the front page after 5 s", 20, () -> "1".equals(field("kiosk-a", "page")));
        // kiosk.titles: each entry's form checked before it is signed; a window applied at once and said in the status.
        Cli badTitles = fleet("command", "--device", "kiosk-a", "set", "kiosk.titles=" + publication + "@Sat-Sn/30s");
        assertEquals(1, badTitles.exit(), badTitles.out() + badTitles.err());
        assertTrue(badTitles.err().contains("kiosk.titles: '" + publication + "@Sat-Sn/30s': day 'Sn' in 'Sat-Sn' is not Mon, Tue, Wed, Thu, Fri, Sat or Sun"
                + " (allowed: empty (titles in order of first arrival), or publication ids"), badTitles.err());
        java.time.format.DateTimeFormatter hm = java.time.format.DateTimeFormatter.ofPattern("HH:mm");
        java.time.ZonedDateTime clock = java.time.ZonedDateTime.now();
        String window = hm.format(clock.plusHours(2)) + "-" + hm.format(clock.plusHours(3));
        Cli titles = fleet("command", "--device", "kiosk-a", "set", "kiosk.titles=" + publication + "@" + window + "/30s");
        assertEquals(0, titles.exit(), titles.out() + titles.err());
        assertTrue(titles.out().contains("kiosk.titles = " + publication + "@" + window + "/30s (set from afar"), titles.out());
        DeliveryTest.await("outside its window, in the status", 20, () -> statuses.get("kiosk-a").getAsJsonArray("outsideWindow").toString().equals("[\"" + publication + "\"]"));
        assertEquals(0, fleet("command", "--device", "kiosk-a", "set", "kiosk.titles=").exit());
        DeliveryTest.await("the file's titles again", 20, () -> statuses.get("kiosk-a").getAsJsonArray("outsideWindow").isEmpty());

        // refresh and clear: full refreshes of what is shown; to every kiosk at once.
        int before = Files.readAllLines(dir.resolve("kiosk-b-panel/refresh.log")).size();
        Cli all = fleet("command", "--all", "refresh");
        assertEquals(0, all.exit(), all.out());
        assertTrue(all.out().matches("(?s).*kiosk-a +done +full refresh of page qd-1 page 1.*") && all.out().matches("(?s).*kiosk-b +done +full refresh.*"), all.out());
        List<String> bLog = Files.readAllLines(dir.resolve("kiosk-b-panel/refresh.log"));
        assertTrue(bLog.size() > before && bLog.get(bLog.size() - 1).contains("FULL"), bLog.toString());
        assertEquals(0, fleet("command", "--device", "kiosk-b", "clear").exit());

        // A kiosk id the broker never had a status of is said at once; the known kiosk's answer is still waited for.
        long asked = System.nanoTime();
        Cli mistyped = fleet("command", "--device", "kiosk-b,kiosk-zzz", "refresh");
        long tookMs = (System.nanoTime() - asked) / 1_000_000;
        assertEquals(1, mistyped.exit(), mistyped.out());
        assertTrue(mistyped.out().contains("\nkiosk-zzz        unknown  never seen: no kiosk of this id ever sent a status to this broker (is the id right?)\n"),
                mistyped.out());
        assertTrue(mistyped.out().matches("(?s).*\nkiosk-zzz +unknown .*\nkiosk-b +done +full refresh.*"), "said before kiosk-b's answer:\n" + mistyped.out());
        assertTrue(tookMs < 8_000, "took " + tookMs + " ms of the 20 s wait:\n" + mistyped.out());

        // resync: the shown issue downloaded, verified and installed again.
        Cli resync = fleet("command", "--device", "kiosk-b", "resync");
        assertEquals(0, resync.exit(), resync.out());
        assertTrue(resync.out().contains("asked the broker again for qd-1"), resync.out());
        b.await("downloaded again for the operator's resync", 20);
        DeliveryTest.await("qd-1 activated again on kiosk-b", 30, () -> events.stream().filter(e -> "kiosk-b".equals(e.get("device").getAsString())
                && "activated".equals(e.get("event").getAsString())).count() >= 2);

        // restart: the kiosk answers, ends with 75 for its service, and comes back with what was set from afar.
        Cli restart = fleet("command", "--device", "kiosk-a", "restart");
        assertEquals(0, restart.exit(), restart.out());
        assertTrue(a.process.waitFor(20, TimeUnit.SECONDS), "kiosk-a did not stop");
        assertEquals(75, a.process.exitValue(), a.log());
        DeliveryTest.await("kiosk-a offline", 10, () -> "false".equals(field("kiosk-a", "online")));
        try (IssueStore st = IssueStore.open(dir.resolve("kiosk-a.db"))) {
            assertEquals(Map.of("kiosk.idle.seconds", "5"), st.commands().settings());
        }
        a = new KioskProcess(dir, dir.resolve("kiosk-a.properties"), "kiosk-a-2");
        a.await("values set from afar: \\{kiosk.idle.seconds=5\\}", 30);
        DeliveryTest.await("kiosk-a back online", 30, () -> "true".equals(field("kiosk-a", "online")));
        // The panel's health is in the status.
        JsonObject panel = statuses.get("kiosk-b").getAsJsonObject("health").getAsJsonObject("panel");
        assertEquals("waveshare-7in5-v2", panel.get("model").getAsString());
        assertTrue(panel.get("refreshes").getAsLong() >= 3 && panel.get("fullRefreshes").getAsLong() >= 2 && panel.get("failures").getAsLong() == 0, panel.toString());

        // A kiosk that is off when the command is sent carries it out when it is back (its session keeps it).
        b.kill();
        DeliveryTest.await("kiosk-b offline", 20, () -> "false".equals(field("kiosk-b", "online")));
        Cli whileOff = Cli.run("fleet", "command", "--broker", broker.url(), "--fleet", "qd", "--key", dir.resolve("keys/operator.key").toString(),
                "--wait", "2", "--device", "kiosk-b", "show", publication, "2");
        assertEquals(1, whileOff.exit(), whileOff.out());
        assertTrue(whileOff.out().contains("kiosk-b          silent   no answer in 2 s (its status says it is offline"), whileOff.out());
        String id = whileOff.out().replaceFirst("(?s)^command (\\S+) .*", "$1");
        b = new KioskProcess(dir, dir.resolve("kiosk-b.properties"), "kiosk-b-2");
        assertEquals("done", answer("kiosk-b", id).get("result").getAsString());
        DeliveryTest.await("kiosk-b shows page 2", 20, () -> "2".equals(field("kiosk-b", "page")));
    }

    void assertRefused(String device, String commandId, String reason) {
        DeliveryTest.await(device + " refusing " + commandId, 20, () -> events.stream().anyMatch(e -> matches(e, device, commandId)
                && "refused".equals(e.get("result").getAsString())));
        JsonObject e = events.stream().filter(x -> matches(x, device, commandId) && "refused".equals(x.get("result").getAsString())).findFirst().orElseThrow();
        assertTrue(e.get("message").getAsString().contains(reason), e.toString());
    }

    void assertRefusedNoId(String device, String reason) {
        DeliveryTest.await("a refusal saying " + reason, 20, () -> events.stream().anyMatch(e -> "command".equals(e.get("event").getAsString())
                && device.equals(e.get("device").getAsString()) && "refused".equals(e.get("result").getAsString())
                && e.get("message").getAsString().contains(reason)));
    }
}
