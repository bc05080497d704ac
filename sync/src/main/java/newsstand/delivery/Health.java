package newsstand.delivery;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How the kiosk's machine is doing, for its status (PROTOCOL.md): uptime of the kiosk, heap in use, resident memory
 * and its anonymous part (what the process alone holds), the fonts' pages in the page cache, the CPU's temperature
 * where /sys has it, and the free space where the store lives. Read when the status is sent.
 */
final class Health {
    private static final Path TEMPERATURE = Path.of("/sys/class/thermal/thermal_zone0/temp");
    private static final Path STATUS = Path.of("/proc/self/status");

    private Health() {}

    static JsonObject of(Path store) {
        JsonObject h = new JsonObject();
        // Since the process started (this class loads only with the first status, after the connect).
        h.addProperty("uptimeS", ProcessHandle.current().info().startInstant()
                .map(t -> java.time.Duration.between(t, java.time.Instant.now()).toSeconds()).orElse(null));
        Runtime rt = Runtime.getRuntime();
        h.addProperty("heapMb", round((rt.totalMemory() - rt.freeMemory()) / 1048576.0));
        h.addProperty("rssMb", rssMb());
        h.addProperty("rssAnonMb", positive(ProcessMemory.statusMb("RssAnon")));
        h.addProperty("fontCacheMb", fontCacheMb());
        h.addProperty("cpuTempC", temperature());
        h.addProperty("freeStorageMb", freeMb(store));
        return h;
    }

    private static Double rssMb() {
        try {
            for (String l : Files.readAllLines(STATUS)) {
                if (l.startsWith("VmRSS:")) return round(Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024.0);
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: none
        }
        return null;
    }

    private static Double positive(double mb) {
        return mb < 0 ? null : round(mb);
    }

    /** The fonts' pages in the page cache, counted at most once a minute (a few ms of mincore calls each time). */
    private static Double fontCacheMb() {
        long now = System.nanoTime();
        if (fontsAt == 0 || now - fontsAt > 60_000_000_000L) {
            ProcessMemory.Fonts f = ProcessMemory.fonts();
            fontCache = f.files() == 0 ? null : round(f.cachedMb());
            fontsAt = now == 0 ? 1 : now;
        }
        return fontCache;
    }

    private static volatile long fontsAt;
    private static volatile Double fontCache;

    private static Double temperature() {
        try {
            return round(Long.parseLong(Files.readString(TEMPERATURE).strip()) / 1000.0);
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    private static Long freeMb(Path store) {
        try {
            Path folder = store.toAbsolutePath().getParent();
            return Files.getFileStore(folder).getUsableSpace() / 1048576;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
