package newsstand.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import newsstand.delivery.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kiosk's local inputs, however wrong, never stall it (issue 32), in the real process with the device's 32 MB
 * heap: a flooded, garbled, truncated or replaced buttons.input, a configuration saved by Notepad, a frames folder
 * that would fill the disk, and a thread that dies.
 */
class LocalInputsTest {
    @TempDir Path dir;
    Mosquitto broker;
    Path config;
    Path panel;
    Path input;
    KioskProcess kiosk;
    TestMqtt observer;
    final AtomicReference<JsonObject> status = new AtomicReference<>();

    @BeforeEach
    void setUp() throws Exception {
        broker = new Mosquitto(dir.resolve("broker"));
        assertEquals(0, Cli.run("keygen", "--out", dir.resolve("keys").toString()).exit());
        panel = dir.resolve("panel");
        input = dir.resolve("buttons.input");
        config = dir.resolve("kiosk.properties");
        Files.writeString(config, String.join("\n",
                "device.id = kiosk-i",
                "device.fleet = qd",
                "panel.model = waveshare-7in5-v2",
                "panel.driver = simulated",
                "panel.output = " + panel,
                "panel.output.keep = 5",
                "storage.path = " + dir.resolve("kiosk.db"),
                "mqtt.url = " + broker.url(),
                "trust.keys = " + dir.resolve("keys/operator.pub"),
                "buttons.input = " + input,
                "kiosk.idle.seconds = 0") + "\n");
        observer = DeliveryTest.client(broker.url());
        observer.subscribe(Topics.status("qd", "kiosk-i"), 1,
                (t, m) -> status.set(JsonParser.parseString(new String(m.getPayload(), StandardCharsets.UTF_8)).getAsJsonObject()));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (kiosk != null) kiosk.kill();
        DeliveryTest.closer(observer).close();
        broker.close();
    }

    @Test
    void aFloodedGarbledTruncatedOrReplacedInputFileNeverStallsTheKiosk() throws Exception {
        // Left by the run before: three million presses, not replayed by this start.
        lines(input, "next\n", 3_000_000, StandardOpenOption.CREATE_NEW);
        kiosk = new KioskProcess(dir, config, "flood");
        kiosk.await("^INFO: buttons.input .*: the 15000000 bytes in it are not read as presses; lines appended from now on are", 30);
        assertEquals(0, Cli.run("publish", "--broker", broker.url(), "--fleet", "qd", "--key", dir.resolve("keys/operator.key").toString(),
                "--issue", TestIssues.write(dir.resolve("first"), "qd-first", 0).toString(), "--sequence", "100").exit());
        DeliveryTest.await("the front page", 60, () -> "qd-first".equals(text("issue")) && "1".equals(text("page")));
        String pages = text("pages");

        // Three million more while it runs: the oldest dropped, said once as the flood starts and once as it ends.
        lines(input, "next\n", 3_000_000, StandardOpenOption.APPEND);
        kiosk.await("^WARN: kiosk: presses come faster than the panel follows; the oldest are dropped \\(at most 16 wait\\)", 30);
        kiosk.await("^WARN: kiosk: \\d+ presses were dropped \\(the oldest, while more than 16 waited\\)", 30);
        DeliveryTest.await("the last page", 30, () -> pages.equals(text("page")));
        assertEquals(1, count("presses come faster"), "said once a flood, not once a press");

        // A 64 MB line, bytes that are not UTF-8, a NUL: each skipped with a warning.
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(input, StandardOpenOption.APPEND), 1 << 16)) {
            byte[] x = new byte[1 << 20];
            java.util.Arrays.fill(x, (byte) 'x');
            for (int i = 0; i < 64; i++) out.write(x);
            out.write(new byte[] {'\n', 'h', 'o', 'm', (byte) 0xC3, (byte) 0x28, '\n', 'h', 'o', 0, 'm', 'e', '\n'});
        }
        kiosk.await("^WARN: buttons.input .*: a line longer than 256 bytes is skipped to its end", 30);
        kiosk.await("^WARN: buttons.input .*: a line that is not UTF-8 text is skipped", 10);
        kiosk.await("^WARN: buttons.input .*: a line holding the control character U\\+0000 is skipped", 10);
        assertEquals(pages, text("page"), "none of them a press");
        press("home");
        DeliveryTest.await("the front page after the garbage", 10, () -> "1".equals(text("page")));

        // Truncated, then appended to: the new lines are presses.
        Files.write(input, new byte[0]);
        kiosk.await("^WARN: buttons.input .* was truncated \\(0 bytes, read up to \\d+\\)", 10);
        press("next");
        DeliveryTest.await("page 2 after the truncation", 10, () -> "2".equals(text("page")));
        // Replaced by another file: what that holds is not replayed; what is appended to it is read.
        Path other = Files.writeString(dir.resolve("other.input"), "next\nnext\n");
        Files.move(other, input, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        kiosk.await("^WARN: buttons.input .* was removed or replaced", 10);
        kiosk.await("^INFO: buttons.input .*: the 10 bytes in it are not read as presses", 10);
        press("previous");
        DeliveryTest.await("page 1 after the replacement", 10, () -> "1".equals(text("page")));

        assertTrue(kiosk.process.isAlive());
        String log = kiosk.log();
        assertFalse(log.contains("OutOfMemoryError"), log.length() > 4000 ? log.substring(log.length() - 4000) : log);
        assertTrue(status.get().get("online").getAsBoolean());
        // The frames folder holds the newest five of the many refreshes.
        long frames;
        try (var files = Files.list(panel)) {
            frames = files.filter(f -> f.getFileName().toString().matches("page-\\d+\\.png")).count();
        }
        assertTrue(Files.readAllLines(panel.resolve("refresh.log")).size() > 5, "more refreshes than frames kept");
        assertEquals(5, frames);
    }

    @Test
    void aKioskAThreadOfWhichDiesEndsSayingWhyAndIsOfflineForItsServiceToStartItAgain() throws Exception {
        Files.writeString(input, "");
        Path die = dir.resolve("die");
        kiosk = new KioskProcess(DyingKiosk.class, dir, config, "dying", "-Dnewsstand.test.die=" + die);
        DeliveryTest.await("online, waiting", 30, () -> "waiting".equals(text("screen")) && status.get().get("online").getAsBoolean());
        Files.writeString(die, "");
        assertTrue(kiosk.process.waitFor(30, TimeUnit.SECONDS), "the kiosk ended:\n" + kiosk.log());
        assertEquals(70, kiosk.process.exitValue(), kiosk.log());
        assertTrue(kiosk.log().contains("ERROR: kiosk: thread worker died of java.lang.OutOfMemoryError: Java heap space (thrown by the test);"
                + " the kiosk ends (exit 70) for its service to start it again"), kiosk.log());
        DeliveryTest.await("the status says offline", 10, () -> !status.get().get("online").getAsBoolean());
    }

    /** n copies of a line, written to the file at once. */
    static void lines(Path file, String line, int n, StandardOpenOption how) throws IOException {
        byte[] one = line.getBytes(StandardCharsets.US_ASCII);
        byte[] block = new byte[one.length * 10_000];
        for (int i = 0; i < 10_000; i++) System.arraycopy(one, 0, block, i * one.length, one.length);
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE, how)) {
            for (int i = 0; i < n / 10_000; i++) out.write(block);
        }
    }

    void press(String press) throws IOException {
        Files.writeString(input, press + "\n", StandardOpenOption.APPEND);
    }

    long count(String text) {
        return kiosk.log().lines().filter(l -> l.contains(text)).count();
    }

    String text(String field) {
        JsonObject s = status.get();
        return s == null || s.get(field) == null || s.get(field).isJsonNull() ? null : s.get(field).getAsString();
    }
}
