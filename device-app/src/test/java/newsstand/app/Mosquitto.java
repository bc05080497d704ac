package newsstand.app;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Objects;

/**
 * A real Mosquitto (Debian's package) on a free loopback port for a test: its own folder, persistence on (saved
 * every second), optional password file and ACLs. kill() is SIGKILL; start() again brings it back on the same port
 * with what it persisted.
 */
final class Mosquitto implements AutoCloseable {
    static final String BINARY = "/usr/sbin/mosquitto";

    final Path dir;
    final int port;
    private final String extra;
    private Process process;

    Mosquitto(Path dir, String extraConfig) throws IOException {
        this.dir = dir;
        this.port = freePort();
        this.extra = extraConfig;
        Files.createDirectories(dir);
        start();
    }

    Mosquitto(Path dir) throws IOException {
        this(dir, "allow_anonymous true\n");
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    void start() throws IOException {
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, String.join("\n", List.of(
                "listener " + port + " 127.0.0.1",
                "persistence true",
                "persistence_location " + dir + "/",
                "autosave_interval 1",
                "max_queued_messages 10000",
                "user " + System.getProperty("user.name"),
                "log_dest file " + dir.resolve("mosquitto.log"),
                "log_type error", "log_type warning", "log_type notice", "log_type information",
                extra)) + "\n");
        process = new ProcessBuilder(BINARY, "-c", conf.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile()).start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                if (!process.isAlive()) throw new IOException("mosquitto exited: " + Files.readString(dir.resolve("stdout.log")));
                sleep(50);
            }
        }
        throw new IOException("mosquitto did not listen on " + port);
    }

    /**
     * Makes the broker write its database now (SIGUSR1) and waits until the new file has replaced the old one: the
     * autosave alone comes every one to two seconds, later than that when the disk is slow.
     */
    void save() throws IOException, InterruptedException {
        Path db = dir.resolve("mosquitto.db");
        Object before = Files.exists(db) ? Files.readAttributes(db, BasicFileAttributes.class).fileKey() : null;
        Process kill = new ProcessBuilder("kill", "-USR1", String.valueOf(process.pid())).start();
        if (kill.waitFor() != 0) throw new IOException("kill -USR1 " + process.pid() + " failed");
        long deadline = System.currentTimeMillis() + 30_000;
        while (!Files.exists(db) || Objects.equals(before, Files.readAttributes(db, BasicFileAttributes.class).fileKey())) {
            if (System.currentTimeMillis() > deadline) throw new IOException("mosquitto did not save " + db + " in 30 s");
            sleep(20);
        }
    }

    /** The end of the broker's log, for a failing test's message. */
    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(dir.resolve("mosquitto.log"));
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** SIGKILL: no goodbye, nothing saved beyond the last save. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) kill();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
