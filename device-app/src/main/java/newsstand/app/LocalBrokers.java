package newsstand.app;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import newsstand.delivery.Arrivals;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Mosquitto brokers on loopback for `bench fleet`: the first is the hub, each other bridged to it as
 * config/examples/mosquitto/bridge.conf bridges (newsstand/# both ways, MQTT 5, retained kept). Debian's mosquitto.
 */
final class LocalBrokers implements AutoCloseable {
    static final String BINARY = "/usr/sbin/mosquitto";
    final List<Integer> ports = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

    LocalBrokers(Path dir, int count) throws IOException, Newsstand.UserError {
        if (!Files.isExecutable(Path.of(BINARY))) throw new Newsstand.UserError(BINARY + " is missing: sudo apt-get install mosquitto");
        for (int i = 0; i < count; i++) {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            StringBuilder conf = new StringBuilder("listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n"
                    + "max_queued_messages 100000\nsys_interval 1\nlog_dest none\nmax_connections -1\n");
            if (i > 0) {
                conf.append("connection hub\naddress 127.0.0.1:").append(ports.get(0)).append("\ntopic newsstand/# both 1\n")
                        .append("bridge_protocol_version mqttv50\ncleansession false\nremote_clientid bridge-").append(i).append('\n');
            }
            Path file = dir.resolve("broker-" + i + ".conf");
            Files.writeString(file, conf.toString());
            Process p = new ProcessBuilder(BINARY, "-c", file.toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("broker-" + i + ".log").toFile()).start();
            processes.add(p);
            ports.add(port);
            long deadline = System.currentTimeMillis() + 10_000;
            while (!listening(port)) {
                if (!p.isAlive() || System.currentTimeMillis() > deadline) throw new IOException("mosquitto did not start on " + port);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted");
                }
            }
        }
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    String url(int i) {
        return "tcp://127.0.0.1:" + ports.get(i % ports.size());
    }

    /** CPU seconds the brokers have used (user and system), from /proc. */
    double cpuSeconds() throws IOException {
        double total = 0;
        for (Process p : processes) {
            String[] f = Files.readString(Path.of("/proc/" + p.pid() + "/stat")).replaceFirst("^.*\\) ", "").split(" ");
            total += (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0; // utime, stime in clock ticks (USER_HZ 100)
        }
        return total;
    }

    /** Bytes the brokers sent and received, from their $SYS topics (updated every second). */
    long[] bytes() throws MqttException, InterruptedException {
        long sent = 0, received = 0;
        for (int i = 0; i < ports.size(); i++) {
            Map<String, Long> seen = new ConcurrentHashMap<>();
            MqttClient c = new MqttClient(url(i), "bench-sys-" + i + "-" + System.nanoTime(), new MemoryPersistence());
            c.setCallback(new Arrivals((t, m) -> seen.put(t, Long.parseLong(new String(m.getPayload(), StandardCharsets.UTF_8).strip()))));
            c.connect();
            c.subscribe("$SYS/broker/bytes/#", 1);
            Thread.sleep(1500);
            c.disconnect();
            c.close();
            sent += seen.getOrDefault("$SYS/broker/bytes/sent", 0L);
            received += seen.getOrDefault("$SYS/broker/bytes/received", 0L);
        }
        return new long[] {sent, received};
    }

    @Override
    public void close() {
        for (Process p : processes) p.destroy();
    }
}
