package newsstand.doctor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The machine under the kiosk: its service, clock, Java, memory and logs. */
final class Host {
    static final Path LOGS = Path.of("/var/log/newsstand");

    private Host() {}

    /** newsstand.service's state ("active", "failed", ...), or null where systemd does not run. */
    static String serviceState() {
        if (!Files.isDirectory(Path.of("/run/systemd/system"))) return null;
        String said = run("systemctl", "is-active", "newsstand.service");
        return said == null ? "unknown" : said.strip();
    }

    static Check service(String state) {
        if (state == null) return Check.skip("service", "systemd is not running here; the kiosk runs by hand (newsstand run)");
        return switch (state) {
            case "active" -> Check.ok("service", "newsstand.service is running");
            case "activating", "reloading" -> Check.warn("service", "newsstand.service is starting (or waiting to start again after a failure)",
                    "journalctl -u newsstand -n 50 says why it stopped last");
            case "failed" -> Check.fail("service", "newsstand.service has failed", "journalctl -u newsstand -n 50 says why; after fixing: sudo systemctl restart newsstand");
            default -> Check.warn("service", "newsstand.service is " + state, "sudo systemctl enable --now newsstand");
        };
    }

    /** Signatures expire and opening hours are kept by the clock: it must be right. */
    static Check clock() {
        ZonedDateTime now = ZonedDateTime.now();
        if (now.getYear() < 2025) {
            return Check.fail("clock", "the clock says " + now + ": no issue's signature is valid yet",
                    "connect the kiosk to a network with NTP, or set the time: sudo timedatectl set-time 'YYYY-MM-DD HH:MM'");
        }
        if (Files.exists(Path.of("/run/systemd/timesync/synchronized"))) return Check.ok("clock", "synchronised by systemd-timesyncd: " + Instant.now());
        String ntp = run("timedatectl", "show", "--property=NTPSynchronized", "--value");
        if (ntp != null && ntp.strip().equals("yes")) return Check.ok("clock", "synchronised (NTP): " + Instant.now());
        return Check.warn("clock", "not known to be synchronised: " + Instant.now(),
                "an issue's expiry, embargo and the opening hours follow the clock: check timedatectl timesync-status and the network's NTP");
    }

    static Check java() {
        Runtime.Version v = Runtime.version();
        String where = ProcessHandle.current().info().command().orElse("java");
        String detail = "Java " + v + " (" + where + ")";
        if (v.feature() < 17) return Check.fail("java", detail, "install openjdk-17-jre-headless");
        return Check.ok("java", detail);
    }

    /** What the kiosk needs: 84 to 95 MB resident, 113 MB at most while it composes new issues (README, measured). */
    static Check memory() {
        long total = meminfo("MemTotal"), available = meminfo("MemAvailable");
        if (total < 0 || available < 0) return Check.skip("memory", "/proc/meminfo cannot be read");
        String detail = available / 1024 + " MB available of " + total / 1024 + " MB (the kiosk needs about 95 MB, up to 115 MB while composing)";
        if (available < 64 * 1024) return Check.fail("memory", detail, "stop what else runs on this Pi (ps aux --sort=-rss | head)");
        if (available < 128 * 1024) return Check.warn("memory", detail, "little room beside the kiosk: stop what else runs (ps aux --sort=-rss | head)");
        return Check.ok("memory", detail);
    }

    static Check logs() {
        if (!Files.isDirectory(LOGS)) return Check.skip("logs", LOGS + " does not exist (the package makes it; a kiosk run by hand logs to its terminal)");
        try (var files = Files.list(LOGS)) {
            List<Path> list = files.toList();
            long bytes = 0;
            for (Path p : list) bytes += Files.size(p);
            return Check.ok("logs", LOGS + ": " + list.size() + " files, " + bytes / 1024 + " KB (rolled at 1 MB, 5 kept); also journalctl -u newsstand");
        } catch (IOException e) {
            return Check.warn("logs", LOGS + " cannot be read (" + e.getMessage() + ")", "run the doctor with sudo");
        }
    }

    private static long meminfo(String key) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (l.startsWith(key + ":")) return Long.parseLong(l.replaceAll("[^0-9]", ""));
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** A command's standard output, or null when it cannot run, fails or takes over 3 s. */
    static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(3, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 || command[0].equals("systemctl") ? new String(out, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
