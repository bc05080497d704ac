package newsstand.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import newsstand.delivery.Broker;
import newsstand.delivery.DeviceSync;
import newsstand.delivery.SyncSettings;
import newsstand.issue.Keys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet on a cluster of two real Mosquitto brokers bridged as config/examples/mosquitto/bridge.conf bridges them:
 * the operator publishes once, kiosks on either broker take the issue, and a kiosk whose broker dies mid-download
 * takes the rest from the other (mqtt.url lists both).
 */
class ClusterTest {
    @TempDir Path dir;
    Mosquitto first;
    Mosquitto second;
    PublicKey operator;
    final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        first = new Mosquitto(dir.resolve("broker-1"));
        closing.add(first);
        second = new Mosquitto(dir.resolve("broker-2"), bridgeTo(first));
        closing.add(second);
        assertEquals(0, Cli.run("keygen", "--out", dir.resolve("keys").toString()).exit());
        operator = Keys.readPublic(dir.resolve("keys/operator.pub"));
        Mosquitto.sleep(1000); // the bridge connects
    }

    /** The configuration of a broker bridged to {@code first} as the example's bridge is, on loopback (no TLS, no users here). */
    static String bridgeTo(Mosquitto first) throws java.io.IOException {
        StringBuilder bridge = new StringBuilder("allow_anonymous true\n");
        for (String line : Files.readAllLines(BrokerSecurityTest.EXAMPLES.resolve("bridge.conf"))) {
            String key = line.split(" ")[0];
            switch (key) {
                case "connection", "topic", "bridge_protocol_version", "cleansession", "remote_clientid" -> bridge.append(line).append('\n');
                case "address" -> bridge.append("address 127.0.0.1:").append(first.port).append('\n');
                default -> { } // comments, TLS and the bridge's user: not on this loopback pair
            }
        }
        assertTrue(bridge.toString().contains("topic newsstand/# both 1"), bridge.toString());
        return bridge.toString();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) closing.get(i).close();
    }

    record Kiosk(DeviceSync sync, BlockingQueue<String> activated) {}

    Kiosk kiosk(String name, String urls) throws Exception {
        BlockingQueue<String> activated = new LinkedBlockingQueue<>();
        DeviceSync sync = DeviceSync.start(new SyncSettings(new Broker(urls, null, null, null), "qd", name, List.of(operator),
                dir.resolve(name + ".db"), 7, 512L << 20, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5), 5), activated::add);
        closing.add(sync);
        return new Kiosk(sync, activated);
    }

    Cli publish(String url, Path issue) {
        return Cli.run("publish", "--broker", url, "--fleet", "qd", "--key", dir.resolve("keys/operator.key").toString(), "--issue", issue.toString());
    }

    @Test
    void anIssuePublishedToOneBrokerActivatesOnKiosksOfBoth() throws Exception {
        Kiosk onFirst = kiosk("kiosk-1", first.url());
        Kiosk onSecond = kiosk("kiosk-2", second.url());
        assertEquals(0, publish(first.url(), TestIssues.write(dir.resolve("pkg"), "qd-cluster", 300_000)).exit());
        assertEquals("qd-cluster", onFirst.activated().poll(60, TimeUnit.SECONDS));
        assertEquals("qd-cluster", onSecond.activated().poll(60, TimeUnit.SECONDS), () -> "broker-2:\n" + second.logTail(20));
        // A kiosk that comes later to the second broker finds the retained issue there.
        Kiosk later = kiosk("kiosk-3", second.url());
        assertEquals("qd-cluster", later.activated().poll(60, TimeUnit.SECONDS));
    }

    @Test
    void aKioskWhoseBrokerDiesMidDownloadTakesTheRestFromTheOther() throws Exception {
        assertEquals(0, publish(first.url(), TestIssues.write(dir.resolve("pkg"), "qd-failover", DeliveryTest.BIG)).exit());
        Mosquitto.sleep(1500); // the bridge carries the retained chunks to the second broker
        CutProxy slow = new CutProxy(second.port, 2_000_000);
        closing.add(slow);
        Kiosk k = kiosk("kiosk-f", slow.url() + "," + first.url());
        DeliveryTest.await("a fifth of the chunks", 60, () -> chunks(k) > 16);
        second.kill();
        slow.close();
        assertEquals("qd-failover", k.activated().poll(90, TimeUnit.SECONDS), () -> "status " + k.sync().status());
        assertTrue(k.sync().status().contains("\"online\":true"), k.sync().status());
    }

    @Test
    void theFleetBenchmarkActivatesEveryKioskOnABridgedPair() {
        Cli bench = Cli.run("bench", "fleet", "--kiosks", "6", "--brokers", "2", "--issue-mb", "0", "--in-this-jvm");
        assertEquals(0, bench.exit(), bench.out() + bench.err());
        assertTrue(bench.out().matches("(?s).*fleet_kiosks=6 brokers=2 p50_s=[0-9.]+ p99_s=[0-9.]+ all_s=[0-9.]+ broker_mb_sent=\\d+ broker_cpu_s=[0-9.]+.*"), bench.out());
    }

    static int chunks(Kiosk k) {
        var s = com.google.gson.JsonParser.parseString(k.sync().status()).getAsJsonObject();
        return s.get("syncing").isJsonObject() ? s.getAsJsonObject("syncing").get("chunks").getAsInt() : 0;
    }
}
