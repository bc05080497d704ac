package newsstand.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import newsstand.delivery.Broker;
import newsstand.delivery.Topics;
import newsstand.desk.Desk;
import newsstand.desk.FleetView;
import newsstand.desk.KioskStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long-lived desk (the console's) keeps following the fleet's statuses: through the death of the first broker of a
 * cluster (it takes the next one of its list and subscribes again), through its one broker's restart, and while
 * other calls follow the same topics for a moment (a command's look at the statuses).
 */
class DeskFailoverTest {
    @TempDir Path dir;

    /** Each kiosk's latest "n" as the desk's watcher heard it. */
    final Map<String, Integer> heard = new ConcurrentHashMap<>();

    @Test
    void theFleetsStatusesKeepComingWhenTheFirstBrokerOfTheClusterDies() throws Exception {
        try (Mosquitto first = new Mosquitto(dir.resolve("broker-1"));
             Mosquitto second = new Mosquitto(dir.resolve("broker-2"), ClusterTest.bridgeTo(first));
             TestMqtt kiosks = TestMqtt.connect(second.url(), null, null);
             Desk desk = Desk.open(new Broker(first.url() + "," + second.url(), null, null, null), "qd", null);
             FleetView view = desk.watch(this::heard)) {
            // Kiosks on the second broker; the desk on the first hears them through the bridge.
            status(kiosks, "kiosk-1", 1);
            DeliveryTest.await("kiosk-1's first status through the bridge", 30, () -> heard.getOrDefault("kiosk-1", 0) == 1);
            first.kill();
            status(kiosks, "kiosk-1", 2);
            status(kiosks, "kiosk-2", 1);
            DeliveryTest.await("the statuses sent after the first broker died", 60,
                    () -> heard.getOrDefault("kiosk-1", 0) == 2 && heard.getOrDefault("kiosk-2", 0) == 1);
            assertEquals(2, view.kiosks().size(), view.kiosks().toString());
            // The desk's other calls work on the second broker too.
            assertEquals(2, desk.statuses(Duration.ofMillis(700)).size());
            status(kiosks, "kiosk-2", 2);
            DeliveryTest.await("a status after a call that looked at the statuses for a moment", 30, () -> heard.getOrDefault("kiosk-2", 0) == 2);
        }
    }

    @Test
    void theFleetsStatusesKeepComingAfterItsBrokerRestarts() throws Exception {
        try (Mosquitto broker = new Mosquitto(dir.resolve("broker"));
             Desk desk = Desk.open(new Broker(broker.url(), null, null, null), "qd", null);
             FleetView view = desk.watch(this::heard)) {
            try (TestMqtt kiosk = TestMqtt.connect(broker.url(), null, null)) {
                status(kiosk, "kiosk-1", 1);
            }
            DeliveryTest.await("kiosk-1's first status", 30, () -> heard.getOrDefault("kiosk-1", 0) == 1);
            // A command's look at the statuses follows the same topics for a moment; the watch goes on after it.
            assertTrue(desk.statuses(Duration.ofMillis(300)).containsKey("kiosk-1"));
            broker.kill();
            broker.start();
            try (TestMqtt kiosk = TestMqtt.connect(broker.url(), null, null)) {
                status(kiosk, "kiosk-1", 2);
                DeliveryTest.await("the status sent after the restart", 60, () -> heard.getOrDefault("kiosk-1", 0) == 2);
            }
            assertEquals(2, view.kiosks().get("kiosk-1").document().get("n").getAsInt());
        }
    }

    private void heard(KioskStatus s) {
        if (s.document() != null && s.document().has("n")) heard.put(s.device(), s.document().get("n").getAsInt());
    }

    static void status(TestMqtt kiosk, String device, int n) throws Exception {
        kiosk.publish(Topics.status("qd", device), ("{\"online\":true,\"n\":" + n + "}").getBytes(StandardCharsets.UTF_8), 1, true);
    }
}
