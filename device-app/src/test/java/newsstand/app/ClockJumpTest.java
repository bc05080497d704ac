package newsstand.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Pi without a real-time clock starts with a wrong time, and NTP then sets it back or forward by days: the real
 * kiosk process under libfaketime (Debian's faketime: its offset read again from a file every second,
 * the monotonic clock left real), its clock set right in the middle of the test. After the jump the kiosk does what
 * the corrected time implies: an embargo ends at its time, the nightly clear comes on the corrected night, at its time.
 */
class ClockJumpTest {
    @TempDir Path dir;
    Path offset;
    Path stick;
    /** The kiosk's time zone, made so that its nightly clear (12:00) falls when the test wants it. */
    ZoneOffset zone;

    /** libfaketime for this machine's architecture, or null (not installed). */
    static Path libfaketime() throws IOException {
        try (Stream<Path> libs = Files.list(Path.of("/usr/lib"))) {
            return libs.map(p -> p.resolve("faketime/libfaketime.so.1")).filter(Files::isRegularFile).findFirst().orElse(null);
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        Assumptions.assumeTrue(libfaketime() != null, "libfaketime is not installed (apt-get install faketime): the clock-jump tests are skipped");
        assertEquals(0, Cli.run("keygen", "--out", dir.resolve("keys").toString()).exit());
        stick = Files.createDirectories(dir.resolve("stick"));
        offset = dir.resolve("clock-offset");
    }

    /**
     * A kiosk whose clock runs {@code wrong} ("-3d") until the file says otherwise, its nightly clear at the real
     * instant {@code clear}: 12:00 in a time zone made for it (an offset to the second).
     */
    Path configure(Instant clear) throws Exception {
        int seconds = (int) Math.floorMod(LocalTime.NOON.toSecondOfDay() - clear.atOffset(ZoneOffset.UTC).toLocalTime().toSecondOfDay(), 86_400);
        zone = ZoneOffset.ofTotalSeconds(seconds > 43_200 ? seconds - 86_400 : seconds);
        Path config = dir.resolve("kiosk.properties");
        Files.writeString(config, String.join("\n", "device.id = kiosk-c", "device.fleet = qd", "panel.model = waveshare-7in5-v2",
                "panel.driver = simulated", "panel.output = " + dir.resolve("panel"), "storage.path = " + dir.resolve("kiosk.db"),
                "trust.keys = " + dir.resolve("keys/operator.pub"), "import.path = " + stick, "kiosk.idle.seconds = 0",
                "kiosk.timezone = " + zone.getId(), "panel.nightly-clear = 12:00") + "\n");
        return config;
    }

    KioskProcess start(String wrong) throws Exception {
        Files.writeString(offset, wrong + "\n");
        KioskProcess k = new KioskProcess(dir, dir.resolve("kiosk.properties"), "kiosk", Map.of("LD_PRELOAD", libfaketime().toString(),
                "FAKETIME_TIMESTAMP_FILE", offset.toString(), "FAKETIME_CACHE_DURATION", "1", "DONT_FAKE_MONOTONIC", "1"));
        k.await("kiosk: looking for bundles", 60); // a kiosk under a faked clock starts slowly on a loaded machine
        return k;
    }

    /**
     * An issue under embargo until {@code at}, imported into the kiosk's store beforehand by `newsstand import` (its
     * trial composition takes long on a busy machine; the kiosk then judges the embargo by its own clock).
     */
    void store(Instant at) throws Exception {
        Path b = dir.resolve("held.nsb");
        Cli made = Cli.run("bundle", "--fleet", "qd", "--key", dir.resolve("keys/operator.key").toString(), "--issue",
                TestIssues.write(dir.resolve("pkg-held"), "qd-held", 0).toString(), "--out", b.toString(), "--sequence", "100",
                "--activate-at", at.toString());
        assertEquals(0, made.exit(), made.err());
        Cli taken = Cli.run("import", b.toString(), "--config", dir.resolve("kiosk.properties").toString());
        assertEquals(0, taken.exit(), taken.err());
        assertTrue(taken.out().contains("imported and held until " + at), taken.out());
    }

    @Test
    void aClockBeforeTheBuildWithNoIssueIsFaultF7UntilTheNetworksTimeComes() throws Exception {
        configure(Instant.now().plus(Duration.ofHours(6)));
        KioskProcess k = start("-800d");
        try {
            k.await("^ERROR: kiosk: fault F7: the clock reads 20\\d\\d-\\d\\d-\\d\\d, before this software was built", 60);
            assertEquals("https://github.com/newsstand-kiosk/newsstand?device=kiosk-c#F7", newestQr());
            correct();
            k.await("^INFO: kiosk: no issue yet; waiting for the first delivery", 60);
            DeliveryTest.await("the waiting screen (W1)", 30, () -> newestQr().endsWith("#W1"));
        } finally {
            k.kill();
        }
    }

    /** The QR code of the newest frame on the simulated panel, or "" before one. */
    String newestQr() {
        try {
            Path log = dir.resolve("panel/refresh.log");
            int n = Files.exists(log) ? Files.readAllLines(log).size() : 0;
            return n == 0 ? "" : QrRead.text(javax.imageio.ImageIO.read(dir.resolve(String.format("panel/page-%03d.png", n)).toFile()));
        } catch (IOException | AssertionError e) {
            return "";
        }
    }

    /** Sets the kiosk's clock right. */
    void correct() throws IOException {
        Files.writeString(offset, "+0\n");
    }

    /** Waits for a line; returns when it was seen (the real clock). */
    static Instant seen(KioskProcess k, String regex, long seconds) {
        k.await(regex, seconds);
        return Instant.now();
    }

    /** Waits for the n-th line matching; returns when it was seen (the real clock). */
    static Instant seen(KioskProcess k, String regex, int n, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (count(k, regex) < n) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for /" + regex + "/ (" + n + "):\n" + k.log());
            Thread.sleep(20);
        }
        return Instant.now();
    }

    static int count(KioskProcess k, String regex) {
        return (int) Pattern.compile(regex, Pattern.MULTILINE).matcher(k.log()).results().count();
    }

    @Test
    void aKioskStartedThreeDaysEarlyShowsAnEmbargoedIssueAtItsTimeAndClearsAtTheCorrectedTimeNotAtTheJump() throws Exception {
        Instant at = Instant.now().plusSeconds(60).truncatedTo(ChronoUnit.SECONDS), clear = at.plusSeconds(12);
        configure(clear);
        store(at);
        KioskProcess k = start("-3d");
        try {
            // Three days early is before a build of today: the clock is unset (F7) where the build is that recent.
            k.await("kiosk: (no issue yet|fault F7: the clock reads)", 30);
            assertTrue(Instant.now().isBefore(at.minusSeconds(2)), "the machine is too slow for this test: the kiosk started after " + at);
            correct();
            Instant shown = seen(k, "sync: the embargo of qd-held ended; it is shown now", 90);
            assertFalse(shown.isBefore(at), "released at " + shown + ", before its time " + at);
            assertTrue(shown.isBefore(at.plusSeconds(10)), "released at " + shown + ", its time was " + at + " (not days later)");
            k.await("kiosk: showing qd-held", 10);
            assertEquals(0, count(k, "full clear against ghosting"), "no clear at the jump, none before its time:\n" + k.log());
            Instant cleared = seen(k, "kiosk: full clear against ghosting", 60);
            assertFalse(cleared.isBefore(clear), "cleared at " + cleared + ", before its time " + clear);
            assertTrue(cleared.isBefore(clear.plusSeconds(10)), "cleared at " + cleared + ", its time was " + clear);
            Thread.sleep(1000);
            assertEquals(1, count(k, "full clear against ghosting"), "one clear, not a burst:\n" + k.log());
            assertTrue(Pattern.compile("sync: the clock jumped forward by PT7[12]H").matcher(k.log()).find(), k.log());
            assertTrue(k.log().contains("kiosk: the clock jumped forward"), k.log());
        } finally {
            k.kill();
        }
    }

    @Test
    void aKioskStartedThreeDaysLateHoldsAnEmbargoedIssueAgainOnceItsClockIsSetBackAndClearsOnTheCorrectedNight() throws Exception {
        Instant at = Instant.now().plusSeconds(60).truncatedTo(ChronoUnit.SECONDS), clear = at.plusSeconds(12);
        configure(clear);
        store(at);
        KioskProcess k = start("+3d");
        try {
            // By its clock the embargo ended three days ago: it can know no better until NTP sets it right.
            k.await("kiosk: showing qd-held", 30);
            assertTrue(Instant.now().isBefore(at.minusSeconds(2)), "the machine is too slow for this test: the kiosk started after " + at);
            correct();
            k.await("sync: qd-held is held again until its embargo ends", 10);
            Instant heldAt = Instant.now();
            assertTrue(heldAt.isBefore(at), "held again at " + heldAt + ", before its time " + at);
            Instant shown = seen(k, "sync: the embargo of qd-held ended; it is shown now", 2, 90);
            assertFalse(shown.isBefore(at), "shown again at " + shown + ", before its time " + at);
            assertTrue(shown.isBefore(at.plusSeconds(10)), "shown again at " + shown + ", its time was " + at);
            k.await("kiosk: the nightly clear is next at " + Pattern.quote(clear.atOffset(zone).toLocalDateTime().toString()), 20);
            Instant cleared = seen(k, "kiosk: full clear against ghosting", 60);
            assertFalse(cleared.isBefore(clear), "cleared at " + cleared + ", before its time " + clear);
            assertTrue(cleared.isBefore(clear.plusSeconds(10)), "cleared at " + cleared + ", its time was " + clear + " (not days later)");
            assertTrue(Pattern.compile("sync: the clock jumped back by PT7[12]H").matcher(k.log()).find(), k.log());
        } finally {
            k.kill();
        }
    }
}
