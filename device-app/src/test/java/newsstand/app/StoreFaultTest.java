package newsstand.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import newsstand.delivery.Topics;
import newsstand.store.IssueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A signed message that arrives while the store cannot take it (a full disk, another process holding its write
 * lock) is kept, said as pending, and applied once the store can take it again, never said done before (issue 32):
 * the real kiosk process, a real Mosquitto, the store on a small tmpfs.
 */
class StoreFaultTest {
    @TempDir Path dir;
    Mosquitto broker;
    Path storage;
    Path store;
    Path config;
    KioskProcess kiosk;
    TestMqtt observer;
    boolean mounted;
    final AtomicReference<JsonObject> status = new AtomicReference<>();
    final List<JsonObject> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        broker = new Mosquitto(dir.resolve("broker"));
        assertEquals(0, Cli.run("keygen", "--out", dir.resolve("keys").toString()).exit());
        storage = Files.createDirectories(dir.resolve("storage"));
        store = storage.resolve("kiosk.db");
        config = dir.resolve("kiosk.properties");
        Files.writeString(config, String.join("\n",
                "device.id = kiosk-f",
                "device.fleet = qd",
                "panel.model = waveshare-7in5-v2",
                "panel.driver = simulated",
                "panel.output = " + dir.resolve("panel"),
                "storage.path = " + store,
                "mqtt.url = " + broker.url(),
                "trust.keys = " + dir.resolve("keys/operator.pub")) + "\n");
        observer = DeliveryTest.client(broker.url());
        observer.subscribe(Topics.status("qd", "kiosk-f"), 1,
                (t, m) -> status.set(JsonParser.parseString(new String(m.getPayload(), StandardCharsets.UTF_8)).getAsJsonObject()));
        observer.subscribe(Topics.events("qd", "kiosk-f"), 1,
                (t, m) -> events.add(JsonParser.parseString(new String(m.getPayload(), StandardCharsets.UTF_8)).getAsJsonObject()));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (kiosk != null) kiosk.kill();
        DeliveryTest.closer(observer).close();
        broker.close();
        if (mounted) new ProcessBuilder("umount", "-l", storage.toString()).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
    }

    /** The store's folder on a tmpfs of its own, that a test can fill. */
    void smallDisk() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "mounting a tmpfs for a full disk needs root (CI runs as root)");
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=40m", "tmpfs", storage.toString()).redirectErrorStream(true).start();
        assertTrue(mount.waitFor(10, TimeUnit.SECONDS) && mount.exitValue() == 0, new String(mount.getInputStream().readAllBytes()));
        mounted = true;
    }

    /** Fills the store's disk to the last byte; returns the file that holds it. */
    Path fill() throws Exception {
        // SQLite appends to its write-ahead log: emptied first, every write of the kiosk's needs room from now on.
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + store); Statement st = db.createStatement()) {
            st.execute("PRAGMA busy_timeout = 5000");
            st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        Path filler = storage.resolve("filler");
        try (OutputStream out = Files.newOutputStream(filler)) {
            for (int size : new int[] {1 << 20, 4096, 1}) {
                byte[] block = new byte[size];
                try {
                    while (true) {
                        out.write(block);
                        out.flush();
                    }
                } catch (IOException full) {
                    // this size no longer fits; the next smaller one fills what is left
                }
            }
        } catch (IOException full) {
            // the close, too, found the disk full
        }
        return filler;
    }

    Cli publish(String id, long sequence) throws Exception {
        return Cli.run("publish", "--broker", broker.url(), "--fleet", "qd", "--key", dir.resolve("keys/operator.key").toString(),
                "--issue", TestIssues.write(dir.resolve(id), id, 0).toString(), "--sequence", Long.toString(sequence));
    }

    Cli withdraw(String id) {
        return Cli.run("withdraw", "--broker", broker.url(), "--fleet", "qd", "--key", dir.resolve("keys/operator.key").toString(), "--issue", id);
    }

    /** Starts the kiosk and gives it qd-1 and then qd-2 of one publication: qd-2 shown, qd-1 the one before. */
    void twoIssues() throws Exception {
        kiosk = new KioskProcess(dir, config, "kiosk");
        kiosk.await("^INFO: kiosk: no issue yet", 30);
        assertEquals(0, publish("qd-1", 100).exit());
        kiosk.await("^INFO: sync: qd-1 \\(sequence 100\\) is now the shown issue", 30);
        assertEquals(0, publish("qd-2", 200).exit());
        kiosk.await("^INFO: sync: qd-2 \\(sequence 200\\) is now the shown issue", 30);
        DeliveryTest.await("the events sent", 10, () -> events.stream().filter(e -> "activated".equals(e.get("event").getAsString())).count() == 2);
        Mosquitto.sleep(500); // the outbox's deletions of what was sent committed
    }

    /** The status's pending message of this kind and id, if any. */
    Optional<JsonObject> pending(String kind, String id) {
        JsonObject s = status.get();
        if (s == null || !s.has("pending") || !s.get("pending").isJsonArray()) return Optional.empty();
        for (JsonElement e : s.getAsJsonArray("pending")) {
            JsonObject p = e.getAsJsonObject();
            if (kind.equals(p.get("kind").getAsString()) && id.equals(p.get("id").getAsString())) return Optional.of(p);
        }
        return Optional.empty();
    }

    boolean nothingPending() {
        JsonObject s = status.get();
        return s != null && s.get("pending") instanceof JsonArray a && a.isEmpty();
    }

    List<String> shelf() throws Exception {
        try (IssueStore st = IssueStore.open(store)) {
            return st.shelf().stream().map(s -> s.issue() + "/" + s.previous()).toList();
        }
    }

    @Test
    void aWithdrawalOnAFullDiskIsKeptAndAppliedOnceThereIsRoom() throws Exception {
        smallDisk();
        twoIssues();
        Path filler = fill();
        assertEquals(0, withdraw("qd-1").exit());
        kiosk.await("^WARN: sync: withdrawal qd-1 not applied \\(attempt 1\\): storage full", 20);
        DeliveryTest.await("the withdrawal pending in the status", 10, () -> pending("withdrawal", "qd-1")
                .map(p -> p.get("reason").getAsString().startsWith("storage full")).orElse(false));
        assertFalse(kiosk.log().contains("withdrew qd-1"), "said done before it was committed:\n" + kiosk.log());
        assertFalse(kiosk.log().contains("issue qd-1 withdrawn"), kiosk.log());

        Files.delete(filler);
        kiosk.await("^WARN: sync: the operator withdrew qd-1 up to sequence", 20);
        kiosk.await("^INFO: haibin-daily: issue qd-1 withdrawn; shown now: qd-2 \\(previous: none\\)", 5);
        DeliveryTest.await("nothing pending", 10, this::nothingPending);
        DeliveryTest.await("the withdrawn event", 10, () -> events.stream().anyMatch(e -> "withdrawn".equals(e.get("event").getAsString())
                && "qd-1".equals(e.get("issue").getAsString())));
        // The withdrawn issue does not come back when the newer one goes too.
        assertEquals(0, withdraw("qd-2").exit());
        kiosk.await("^WARN: sync: the operator withdrew qd-2 up to sequence", 20);
        assertEquals(List.of(), shelf());
    }

    @Test
    void aManifestOnAFullDiskIsKeptAndTheIssueShownOnceThereIsRoom() throws Exception {
        smallDisk();
        twoIssues();
        Path filler = fill();
        assertEquals(0, publish("qd-3", 300).exit());
        kiosk.await("^WARN: sync: manifest qd-3 not applied \\(attempt 1\\): storage full", 20);
        DeliveryTest.await("the manifest pending in the status", 10, () -> pending("manifest", "qd-3").isPresent());
        assertFalse(kiosk.log().contains("downloading qd-3"), kiosk.log());

        Files.delete(filler);
        kiosk.await("^INFO: sync: qd-3 \\(sequence 300\\) is now the shown issue", 25);
        DeliveryTest.await("nothing pending", 10, this::nothingPending);
        assertEquals(List.of("qd-3/qd-2"), shelf());
    }

    @Test
    void aWithdrawalAndACommandWhileAnotherProcessHoldsTheStoreAreAppliedOnceItLetsGo() throws Exception {
        twoIssues();
        try (Connection lock = DriverManager.getConnection("jdbc:sqlite:" + store); Statement st = lock.createStatement()) {
            st.execute("BEGIN IMMEDIATE");
            assertEquals(0, withdraw("qd-1").exit());
            Cli command = Cli.run("fleet", "command", "--broker", broker.url(), "--fleet", "qd", "--key", dir.resolve("keys/operator.key").toString(),
                    "--wait", "1", "--device", "kiosk-f", "refresh");
            String id = command.out().replaceFirst("(?s)^command (\\S+) .*", "$1");
            kiosk.await("^WARN: sync: withdrawal qd-1 not applied \\(attempt 1\\): store .*(locked|busy)", 20);
            kiosk.await("^WARN: sync: command \\S+ not applied \\(attempt 1\\)", 20);
            DeliveryTest.await("both pending in the status", 10, () -> pending("withdrawal", "qd-1").isPresent()
                    && status.get().getAsJsonArray("pending").size() == 2);
            assertFalse(kiosk.log().contains("withdrew qd-1"), kiosk.log());
            Cli doctor = Cli.run("doctor", "--config", config.toString());
            assertTrue(doctor.out().contains("the store has been failing, the kiosk keeps and tries again: withdrawal qd-1 since "), doctor.out());
            st.execute("COMMIT");
            lock.close();

            kiosk.await("^WARN: sync: the operator withdrew qd-1 up to sequence", 30);
            DeliveryTest.await("the command answered", 30, () -> answers(id) >= 1);
            DeliveryTest.await("nothing pending", 20, this::nothingPending);
            Mosquitto.sleep(2000);
            assertEquals(1, answers(id), "answered once: " + events);
            assertEquals(List.of("qd-2/null"), shelf());
            assertFalse(Cli.run("doctor", "--config", config.toString()).out().contains("has been failing"));
        }
    }

    long answers(String commandId) {
        return events.stream().filter(e -> "command".equals(e.get("event").getAsString()) && e.has("commandId")
                && commandId.equals(e.get("commandId").getAsString())).count();
    }
}
