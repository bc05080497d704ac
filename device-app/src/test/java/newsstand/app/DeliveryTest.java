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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import newsstand.sync.Broker;
import newsstand.sync.DeviceSync;
import newsstand.sync.IssueStore;
import newsstand.sync.Keys;
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
        DeviceSync sync = DeviceSync.start(new DeviceSync.Settings(new Broker(url, null, null, null), "qd", name, List.of(operator),
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
        Mosquitto.sleep(2500); // an autosave has written the retained chunks
        List<Device> devices = new ArrayList<>();
        for (String n : List.of("kiosk-a", "kiosk-b")) {
            CutProxy slow = new CutProxy(broker.port, 2_000_000);
            closing.add(slow);
            devices.add(device(n, slow.url()));
        }
        await("a fifth of the chunks", 60, () -> devices.get(0).chunks() > 16);
        broker.kill();
        Mosquitto.sleep(500);
        broker.start();
        for (Device d : devices) {
            assertEquals("qd-2025-09-11", d.activated().poll(90, TimeUnit.SECONDS), d.name() + " activated");
            JsonObject s = d.status();
            assertTrue(s.get("duplicateChunks").getAsInt() <= 1, d.name() + " fetched again: " + s);
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
        assertTrue(s.get("duplicateChunks").getAsInt() <= cuts, "fetched again: " + s);
        try (IssueStore st = IssueStore.open(d.store())) {
            assertEquals("ok", st.integrityCheck());
        }
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
