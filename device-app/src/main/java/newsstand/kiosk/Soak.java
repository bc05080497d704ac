package newsstand.kiosk;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import newsstand.config.PanelModel;
import newsstand.display.Framebuffer;
import newsstand.display.Panel;
import newsstand.display.RefreshMode;
import newsstand.display.Region;
import newsstand.display.pi4j.Buttons;
import newsstand.store.IssueStore;

/**
 * The kiosk's display loop driven by presses for as long as asked (`newsstand bench soak`): each press's time from
 * the button to the framebuffer handed to the panel, and the heap and the process's RSS as the turns go on, to see
 * that nothing grows. The panel takes the frames and keeps nothing, as a real one would, without a PNG's cost.
 */
public final class Soak {
    private Soak() {}

    /** A panel that takes each frame, noting when, and shows nothing. */
    private static final class Timing implements Panel {
        final PanelModel model;
        final Semaphore refreshed = new Semaphore(0);
        volatile long last;

        Timing(PanelModel model) {
            this.model = model;
        }

        public PanelModel model() { return model; }
        public void refresh(Framebuffer frame, Region region, RefreshMode mode) {
            last = System.nanoTime();
            refreshed.release();
        }
        public void clear() {}
        public void sleep() {}
        public void close() {}
    }

    /** Turns pages back and forth through the active issue; prints a line every 1,000 turns and the summary. */
    public static void run(IssueStore store, PanelModel model, int turns, PrintWriter out) throws Exception {
        Timing panel = new Timing(model);
        DisplayLoop display = new DisplayLoop(store, panel, List.of(), 6, 0);
        java.util.concurrent.atomic.AtomicInteger pages = new java.util.concurrent.atomic.AtomicInteger();
        display.onShown(s -> pages.set(s.pages()));
        Thread loop = new Thread(() -> {
            try {
                display.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "soak-display");
        loop.start();
        if (!panel.refreshed.tryAcquire(60, TimeUnit.SECONDS)) throw new IOException("the front page was not shown within 60 s");
        for (int wait = 0; pages.get() < 2; wait++) {
            if (wait > 1000) throw new IOException("the issue has fewer than two pages to turn");
            Thread.sleep(10);
        }
        long[] ms = new long[turns];
        int page = 0, step = 1;
        for (int i = 0; i < turns; i++) {
            if (page + step < 0 || page + step >= pages.get()) step = -step;
            page += step;
            long pressed = System.nanoTime();
            display.events().add(new DisplayLoop.Pressed(new Buttons.Press(step > 0 ? Buttons.Button.NEXT : Buttons.Button.PREVIOUS, false)));
            if (!panel.refreshed.tryAcquire(10, TimeUnit.SECONDS)) throw new IOException("turn " + (i + 1) + " was not shown within 10 s");
            ms[i] = panel.last - pressed;
            if ((i + 1) % 1000 == 0) out.printf(java.util.Locale.ROOT, "turn %d: heap %.1f MB, RSS %.1f MB%n", i + 1, heapMb(), rssMb());
        }
        display.events().add(new DisplayLoop.Stop());
        loop.join(10_000);
        long[] sorted = ms.clone();
        Arrays.sort(sorted);
        out.printf(java.util.Locale.ROOT, "soak_turns=%d p50_ms=%.2f p99_ms=%.2f heap_mb=%.1f rss_mb=%.1f%n", turns,
                sorted[turns / 2] / 1e6, sorted[Math.min(turns - 1, turns * 99 / 100)] / 1e6, heapMb(), rssMb());
    }

    private static double heapMb() {
        Runtime rt = Runtime.getRuntime();
        return (rt.totalMemory() - rt.freeMemory()) / 1048576.0;
    }

    /** The process's resident set (Linux), -1 where it cannot be read. */
    private static double rssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return -1;
    }
}
