package newsstand.app;

import java.util.BitSet;
import java.util.Locale;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * {@link DeliveryBenchmark}'s cold peer: a bare Paho MQTT 5 client in a process of its own, started by the benchmark
 * with the kiosk's JVM options and the device jar's Paho, as fresh as the kiosk is when it takes its first issue. It
 * connects, subscribes to the chunk topics (one wildcard), lets Paho acknowledge each chunk as it arrives,
 * keeps nothing, and prints the time from its SUBSCRIBE to the last chunk and the CPU its process (every thread: Paho's,
 * the collector, the compiler) used meanwhile ({@code cold peer: N ms, CPU M ms}).
 *
 * <p>Arguments: the broker's URL, the chunk topics' filter, the number of chunks.
 */
public final class ColdPeer {
    public static void main(String[] args) throws Exception {
        String url = args[0], filter = args[1];
        int chunks = Integer.parseInt(args[2]);
        BitSet got = new BitSet();
        Object done = new Object();
        MqttClient client = new MqttClient(url, "cold-peer-" + ProcessHandle.current().pid(), new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                synchronized (done) {
                    got.set(Integer.parseInt(topic.substring(topic.lastIndexOf('/') + 1)));
                    if (got.cardinality() == chunks) done.notifyAll();
                }
            }

            @Override public void disconnected(MqttDisconnectResponse response) {}
            @Override public void mqttErrorOccurred(MqttException exception) {}
            @Override public void deliveryComplete(IMqttToken token) {}
            @Override public void connectComplete(boolean reconnect, String serverURI) {}
            @Override public void authPacketArrived(int reasonCode, MqttProperties properties) {}
        });
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setReceiveMaximum(100); // as the warm peer (TestMqtt)
        client.connect(options);
        long cpu = cpuNs();
        long t = System.nanoTime();
        client.subscribe(filter, 1);
        synchronized (done) {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (got.cardinality() < chunks && System.nanoTime() < deadline) done.wait(1000);
        }
        double ms = (System.nanoTime() - t) / 1e6;
        double cpuMs = (cpuNs() - cpu) / 1e6;
        if (got.cardinality() < chunks) throw new IllegalStateException("cold peer: " + got.cardinality() + " of " + chunks + " chunks");
        System.out.printf(Locale.ROOT, "cold peer: %.1f ms, CPU %.0f ms%n", ms, cpuMs);
        client.disconnect(100);
        client.close(true);
    }

    /** The process's threads' time on a CPU so far (ns, /proc's schedstat, as the benchmark reads the kiosk's). */
    static long cpuNs() throws java.io.IOException {
        long ns = 0;
        try (var tasks = java.nio.file.Files.newDirectoryStream(java.nio.file.Path.of("/proc/self/task"))) {
            for (java.nio.file.Path t : tasks) {
                try {
                    ns += Long.parseLong(java.nio.file.Files.readString(t.resolve("schedstat")).split(" ")[0]);
                } catch (java.io.IOException e) {
                    // the thread ended
                }
            }
        }
        return ns;
    }

    private ColdPeer() {}
}
