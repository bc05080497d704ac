package newsstand.kiosk;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import newsstand.config.PanelModel;
import newsstand.display.Framebuffer;
import newsstand.display.Panel;
import newsstand.display.RefreshMode;
import newsstand.display.Region;
import newsstand.display.Button;
import newsstand.display.Press;
import newsstand.delivery.ProcessMemory;
import newsstand.store.IssueStore;

/**
 * The kiosk's display loop driven by presses for as long as asked (`newsstand bench soak`): each press's time from
 * the button to the framebuffer handed to the panel, and the heap and the process's RSS as the turns go on, to see
 * that nothing grows, while issues come on the shelf and go off it at even intervals. The panel takes the frames
 * and keeps nothing, as a real one would, without a PNG's cost.
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

    /** A change of the shelf made beside the kiosk (an issue activated or withdrawn); returns the issue's id. */
    public interface Change {
        String make(int n) throws Exception;
    }

    /**
     * Turns pages back and forth through what the kiosk shows, with {@code changes} changes of the shelf spread
     * over the turns; prints a line every 1,000 turns and the summary.
     */
    public static void run(IssueStore store, PanelModel model, int turns, int changes, Change change, PrintWriter out) throws Exception {
        Timing panel = new Timing(model);
        DisplayLoop display = new DisplayLoop(store, panel, List.of(), 6, 0);
        java.util.concurrent.atomic.AtomicInteger pages = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger shownPage = new java.util.concurrent.atomic.AtomicInteger();
        display.onShown(s -> {
            pages.set(s.pages());
            shownPage.set(s.page());
        });
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
        int page = 0, step = 1, made = 0;
        int every = changes > 0 ? Math.max(1, turns / (changes + 1)) : Integer.MAX_VALUE;
        long changeNanos = 0;
        double firstAnon = -1;
        for (int i = 0; i < turns; i++) {
            if (made < changes && i > 0 && i % every == 0) {
                long start = System.nanoTime();
                display.events().add(new Event.Activated(change.make(made++)));
                java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
                display.events().add(new Event.Ping(done::countDown));
                if (!done.await(60, TimeUnit.SECONDS)) throw new IOException("change " + made + " was not taken within 60 s");
                changeNanos += System.nanoTime() - start;
                panel.refreshed.drainPermits();
                page = shownPage.get() - 1;
            }
            if (page + step < 0 || page + step >= pages.get()) step = -step;
            page += step;
            long pressed = System.nanoTime();
            display.events().add(new Event.Pressed(new Press(step > 0 ? Button.NEXT : Button.PREVIOUS, false)));
            if (!panel.refreshed.tryAcquire(10, TimeUnit.SECONDS)) throw new IOException("turn " + (i + 1) + " was not shown within 10 s");
            ms[i] = panel.last - pressed;
            if ((i + 1) % 1000 == 0) {
                double anon = ProcessMemory.statusMb("RssAnon");
                if (firstAnon < 0) firstAnon = anon;
                ProcessMemory.Fonts fonts = ProcessMemory.fonts();
                out.printf(java.util.Locale.ROOT, "turn %d: heap %.1f MB, RSS %.1f MB (anonymous %.1f, files %.1f), fonts' pages cached %.1f MB"
                        + " (mapped here %.1f)%n", i + 1, heapMb(), ProcessMemory.statusMb("VmRSS"), anon, ProcessMemory.statusMb("RssFile"),
                        fonts.cachedMb(), fonts.mappedMb());
            }
        }
        display.events().add(new Event.Stop());
        loop.join(10_000);
        long[] sorted = ms.clone();
        Arrays.sort(sorted);
        ProcessMemory.Fonts fonts = ProcessMemory.fonts();
        double anon = ProcessMemory.statusMb("RssAnon");
        StringBuilder summary = new StringBuilder(String.format(java.util.Locale.ROOT, "soak_turns=%d changes=%d p50_ms=%.2f p99_ms=%.2f"
                + " change_mean_ms=%.1f heap_mb=%.1f rss_mb=%.1f rss_anon_mb=%.1f rss_anon_growth_mb=%.1f rss_file_mb=%.1f font_files=%d"
                + " font_size_mb=%.1f font_cached_mb=%.1f font_mapped_mb=%.1f", turns, made, sorted[turns / 2] / 1e6,
                sorted[Math.min(turns - 1, turns * 99 / 100)] / 1e6, made == 0 ? 0 : changeNanos / 1e6 / made, heapMb(),
                ProcessMemory.statusMb("VmRSS"), anon, firstAnon < 0 ? 0 : anon - firstAnon, ProcessMemory.statusMb("RssFile"),
                fonts.files(), fonts.sizeMb(), fonts.cachedMb(), fonts.mappedMb()));
        if (System.getenv(SoakCgroup.INSIDE) != null) {
            try {
                SoakCgroup.report().forEach((k, v) -> summary.append(' ').append(k).append('=').append(v));
            } catch (IOException | RuntimeException e) {
                out.println("soak: the cgroup's memory cannot be read: " + e.getMessage());
            }
        }
        out.println(summary);
    }

    private static double heapMb() {
        Runtime rt = Runtime.getRuntime();
        return (rt.totalMemory() - rt.freeMemory()) / 1048576.0;
    }
}
