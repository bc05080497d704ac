package newsstand.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import newsstand.store.IssueStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kiosk process's start as newsstand.service sees it: readiness once the first frame is on the panel, the
 * watchdog fed from the display loop, and a kiosk that cannot sync showing its fault once it has drawn, then stopping. systemd itself is not
 * here: a systemd-notify on the PATH records what the kiosk tells it (the boundary to the service manager).
 */
class KioskStartTest {
    @TempDir Path dir;
    Path config;

    @BeforeEach
    void setUp() throws Exception {
        assertEquals(0, Cli.run("keygen", "--out", dir.resolve("keys").toString()).exit());
        Path db = dir.resolve("kiosk.db");
        Path pkg = dir.resolve("pkg");
        SampleIssue.write(pkg);
        try (IssueStore s = IssueStore.open(db)) {
            s.activate(s.importPackage(pkg).id());
        }
        config = dir.resolve("kiosk.properties");
        Files.writeString(config, String.join("\n", "device.id = kiosk-w", "device.fleet = qd", "panel.model = waveshare-7in5-v2",
                "panel.driver = simulated", "panel.output = " + dir.resolve("panel"), "storage.path = " + db,
                "import.path = " + dir.resolve("stick"), "trust.keys = " + dir.resolve("keys/operator.pub")) + "\n");
    }

    Process kiosk(Path log, String... env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx32m",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), "newsstand.app.Newsstand", "run", "--config", config.toString());
        for (int i = 0; i < env.length; i += 2) pb.environment().put(env[i], env[i + 1]);
        return pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    @Test
    void theKioskTellsSystemdItIsReadyOnceThePageIsShownAndThenFeedsTheWatchdog() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path said = dir.resolve("notify.log");
        Path notify = bin.resolve("systemd-notify");
        Files.writeString(notify, "#!/bin/sh\necho \"$*\" >> " + said + "\n");
        Files.setPosixFilePermissions(notify, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path log = dir.resolve("kiosk.log");
        Process p = kiosk(log, "PATH", bin + ":" + System.getenv("PATH"), "NOTIFY_SOCKET", "/run/systemd/notify", "WATCHDOG_USEC", "3000000");
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!(Files.exists(said) && Files.readAllLines(said).stream().filter(l -> l.equals("WATCHDOG=1")).count() >= 3)) {
                assertTrue(p.isAlive(), "the kiosk stopped:\n" + Files.readString(log));
                assertTrue(System.nanoTime() < deadline, "no readiness and watchdog; said: " + (Files.exists(said) ? Files.readString(said) : "nothing")
                        + "\n" + Files.readString(log));
                Thread.sleep(100);
            }
            List<String> lines = Files.readAllLines(said);
            assertEquals("--ready --status=page haibin-daily-2025-09-10 page 1", lines.get(0), "ready first, once the front page is on the panel");
            assertEquals(1, lines.stream().filter(l -> l.startsWith("--ready")).count());
            assertTrue(Files.exists(dir.resolve("panel/page-001.png")));
        } finally {
            p.destroy();
            p.waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void aKioskWhoseTrustedKeyIsNotOneDrawsWhatItHasThenShowsTheFaultF5AndStops() throws Exception {
        Path key = dir.resolve("keys/operator.pub");
        Files.writeString(key, "-----BEGIN PUBLIC KEY-----\nbm90IGEga2V5\n-----END PUBLIC KEY-----\n");
        Path log = dir.resolve("kiosk.log");
        Process p = kiosk(log);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the kiosk should stop");
        String out = Files.readString(log);
        assertEquals(1, p.exitValue(), "a failure newsstand.service restarts on:\n" + out);
        assertTrue(out.contains("newsstand: " + key + ": not an Ed25519 public key"), out);
        assertTrue(Files.exists(dir.resolve("panel/page-001.png")), "the front page first:\n" + out);
        assertTrue(out.contains("kiosk: fault F5: no trusted key can be used: " + key + ": not an Ed25519 public key"), out);
        assertTrue(Files.exists(dir.resolve("panel/page-002.png")), "then the fault screen:\n" + out);
        assertEquals("https://github.com/newsstand-kiosk/newsstand?device=kiosk-w#F5", QrRead.text(javax.imageio.ImageIO.read(dir.resolve("panel/page-002.png").toFile())),
                "its QR code leads to the README's section for F5");
        assertFalse(Files.exists(dir.resolve("panel/page-003.png")), "and nothing after it:\n" + out);
    }

    @Test
    void aPi4jKioskWithoutItsSpiDeviceSaysWhatToCheckAndEndsWithTheConfigurationStatus() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.exists(Path.of("/dev/spidev0.0")), "this machine has SPI");
        Files.writeString(config, Files.readString(config).replace("panel.driver = simulated", "panel.driver = pi4j"));
        Path log = dir.resolve("kiosk.log");
        Process p = kiosk(log);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the kiosk should stop");
        String out = Files.readString(log);
        assertEquals(78, p.exitValue(), "the bad-configuration status newsstand.service does not restart on:\n" + out);
        assertTrue(out.contains("newsstand: the panel's SPI device /dev/spidev0.0 cannot be opened: no such device (enable SPI: "
                + "sudo raspi-config nonint do_spi 0, or dtparam=spi=on in /boot/firmware/config.txt, and reboot; check that the HAT is "
                + "seated and wired"), out);
        assertTrue(out.contains("panel.spi.bus"), out);
        assertFalse(out.contains("internal error"), out);
        assertFalse(out.contains("board version"), out); // Pi4J's board detection does not run for a panel that is not there
    }
}
