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
     * How a soak runs: {@code warmup} turns first (the JIT compiles the paths of a turn and of a change, the heap finds
     * its size; reported apart), then the {@code turns} measured, {@code changes} changes of the shelf among those and
     * one every {@link #WARM_EVERY} turns of the warm-up's; the anonymous memory is flat when it grows by at most {@code
     * toleranceMb} over the measured turns. {@code nmt}: the JVM runs with native memory tracking, and the soak prints
     * its diff over the measured turns. {@code evictFonts}: before the kiosk opens them, the font files' pages are dropped from
     * the page cache (those mapped by any process stay), so that the soak reads them again and its cgroup is charged for
     * them, as a kiosk that reads them first is.
     */
    /** Turns between two changes in the warm-up: 499 changes in the default 1,000 turns. */
    private static final int WARM_EVERY = 2;

    public record Settings(int warmup, int turns, int changes, double toleranceMb, boolean nmt, boolean evictFonts) {}

    /**
     * Turns pages back and forth through what the kiosk shows, with the changes of the shelf spread over the turns;
     * prints a line every 1,000 turns, one at the end of the warm-up, and the summary.
     */
    public static void run(IssueStore store, PanelModel model, Settings settings, Change change, PrintWriter out) throws Exception {
        int warmup = settings.warmup(), turns = settings.turns(), all = warmup + turns;
        if (settings.evictFonts()) evictFonts(out);
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
        // The management classes NMT's command goes through, loaded before anything is measured.
        if (settings.nmt()) nmt("summary", out);
        Point first = Point.now(false);
        Point warm = warmup == 0 ? Point.now(true) : null;
        if (warm != null && settings.nmt()) nmt("baseline", out);
        long[] ms = new long[all];
        int page = 0, step = 1, made = 0, measuredChanges = 0;
        int every = settings.changes() > 0 ? Math.max(1, turns / (settings.changes() + 1)) : Integer.MAX_VALUE;
        // The warm-up takes a change every WARM_EVERY turns, whatever the measured rate: much of what a change runs
        // runs once a change, and C1 compiles a method at its 200th call, so at one change in 50 turns the code cache
        // still grew through 10,000 measured turns (NMT: +1.4 MB of code) and the soak was flat only after a warm-up
        // of 10,000. A change that leaks still shows: the measured turns take their changes as before.
        int warmEvery = settings.changes() > 0 ? WARM_EVERY : Integer.MAX_VALUE;
        long changeNanos = 0;
        double sampledAnon = -1;
        for (int i = 0; i < all; i++) {
            boolean due = i < warmup ? i > 0 && i % warmEvery == 0
                    : i > warmup && (i - warmup) % every == 0 && measuredChanges < settings.changes();
            if (due) {
                if (i > warmup) measuredChanges++;
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
                if (sampledAnon < 0) sampledAnon = anon;
                ProcessMemory.Fonts fonts = ProcessMemory.fonts();
                out.printf(java.util.Locale.ROOT, "turn %d: heap %.1f MB, RSS %.1f MB (anonymous %.1f, files %.1f), fonts' pages cached %.1f MB"
                        + " (mapped here %.1f)%n", i + 1, heapMb(), ProcessMemory.statusMb("VmRSS"), anon, ProcessMemory.statusMb("RssFile"),
                        fonts.cachedMb(), fonts.mappedMb());
            }
            if (i + 1 == warmup) {
                warm = Point.now(true);
                long[] w = Arrays.copyOf(ms, warmup);
                Arrays.sort(w);
                out.printf(java.util.Locale.ROOT, "warm-up done (%d turns, %d changes): p50 %.2f ms, p99 %.2f ms; after a full collection heap %.1f MB,"
                        + " anonymous %.1f MB (%+.1f MB since the first frame)%n", warmup, made, w[warmup / 2] / 1e6,
                        w[Math.min(warmup - 1, warmup * 99 / 100)] / 1e6, warm.heapMb, warm.anonMb, warm.anonMb - first.anonMb);
                if (settings.nmt()) nmt("baseline", out);
                out.flush();
            }
        }
        display.events().add(new Event.Stop());
        loop.join(10_000);
        Point end = Point.now(true);
        long[] sorted = Arrays.copyOfRange(ms, warmup, all);
        Arrays.sort(sorted);
        ProcessMemory.Fonts fonts = ProcessMemory.fonts();
        double growth = end.anonMb - warm.anonMb, total = end.anonMb - first.anonMb;
        // No growth beyond the tolerance: flat, or less at the end (a heap that gave memory back).
        boolean flat = growth <= settings.toleranceMb();
        String verdict = growth < -settings.toleranceMb() ? "less at the end" : flat ? "flat" : "NOT flat";
        if (settings.nmt()) nmt("summary.diff", out);
        out.printf(java.util.Locale.ROOT, "anonymous memory (after a full collection): %.1f MB after the warm-up, %.1f MB after %d turns more:"
                + " growth after warm-up %+.1f MB, %s (tolerance %.1f MB); in all since the first frame (%.1f MB) %+.1f MB%n",
                warm.anonMb, end.anonMb, turns, growth, verdict, settings.toleranceMb(), first.anonMb, total);
        StringBuilder summary = new StringBuilder(String.format(java.util.Locale.ROOT, "soak_turns=%d warmup_turns=%d changes=%d p50_ms=%.2f"
                + " p99_ms=%.2f change_mean_ms=%.1f heap_mb=%.1f rss_mb=%.1f rss_anon_mb=%.1f rss_anon_growth_mb=%.1f flat=%s"
                + " rss_anon_total_growth_mb=%.1f rss_file_mb=%.1f majflt=%d font_files=%d font_size_mb=%.1f font_cached_mb=%.1f"
                + " font_mapped_mb=%.1f", turns, warmup, made, sorted[turns / 2] / 1e6, sorted[Math.min(turns - 1, turns * 99 / 100)] / 1e6,
                made == 0 ? 0 : changeNanos / 1e6 / made, end.heapMb, ProcessMemory.statusMb("VmRSS"), end.anonMb, growth, flat ? "yes" : "no",
                total, ProcessMemory.statusMb("RssFile"), end.majflt - warm.majflt, fonts.files(), fonts.sizeMb(), fonts.cachedMb(),
                fonts.mappedMb()));
        String inside = System.getenv(SoakCgroup.INSIDE);
        if (inside != null && !inside.equals(SoakCgroup.OUTSIDE)) {
            try {
                SoakCgroup.report().forEach((k, v) -> summary.append(' ').append(k).append('=').append(v));
            } catch (IOException | RuntimeException e) {
                out.println("soak: the cgroup's memory cannot be read: " + e.getMessage());
            }
        }
        out.println(summary);
    }

    /** The process's memory at one moment: the heap in use and RssAnon (after a full collection if asked), majflt. */
    private record Point(double heapMb, double anonMb, long majflt) {
        static Point now(boolean collect) {
            if (collect) System.gc();
            return new Point(Soak.heapMb(), ProcessMemory.statusMb("RssAnon"), ProcessMemory.majorFaults());
        }
    }

    /** Native memory tracking's baseline or diff (summary.diff), through the JVM's diagnostic command; its changed lines. */
    private static void nmt(String what, PrintWriter out) {
        try {
            Object text = java.lang.management.ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "vmNativeMemory",
                    new Object[] {new String[] {what}}, new String[] {String[].class.getName()});
            if (what.equals("summary")) return;
            if (what.equals("baseline")) {
                out.println("native memory tracking: " + String.valueOf(text).strip());
                return;
            }
            out.println("native memory tracking, the measured turns (committed, KB):");
            for (String line : String.valueOf(text).split("\n")) {
                if (line.contains("Total:") || (line.startsWith("-") && line.matches(".*committed=\\d+KB [+-]\\d+KB.*"))) out.println("  " + line.strip());
            }
        } catch (Exception | LinkageError e) {
            out.println("native memory tracking: " + e.getMessage() + " (the JVM needs -XX:NativeMemoryTracking=summary: `bench soak --nmt`)");
        }
    }

    /**
     * Drops the pages of the font files in the standard folders from the page cache (dd's nocache, posix_fadvise
     * DONTNEED), before the kiosk opens them, so that the pages it reads are read again and charged to its cgroup, as on
     * a kiosk that is the only reader of its fonts. Pages a process maps stay (and stay charged to whoever read them).
     */
    private static void evictFonts(PrintWriter out) {
        List<java.nio.file.Path> files = new java.util.ArrayList<>();
        for (java.nio.file.Path folder : newsstand.fonts.FontCatalog.standardFolders()) {
            if (!java.nio.file.Files.isDirectory(folder)) continue;
            try (java.util.stream.Stream<java.nio.file.Path> walk = java.nio.file.Files.walk(folder)) {
                walk.filter(f -> java.nio.file.Files.isRegularFile(f) && ProcessMemory.isFontFile(f)).forEach(files::add);
            } catch (IOException | java.io.UncheckedIOException e) {
                // an unreadable folder: its fonts stay cached
            }
        }
        long before = 0, after = 0;
        for (java.nio.file.Path file : files) {
            before += Math.max(0, ProcessMemory.cachedBytes(file));
            try {
                Process dd = new ProcessBuilder("dd", "if=" + file, "iflag=nocache", "count=0", "status=none")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                dd.waitFor(10, TimeUnit.SECONDS);
            } catch (IOException e) {
                out.println("soak: the fonts' pages cannot be dropped (" + e.getMessage() + ")");
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            after += Math.max(0, ProcessMemory.cachedBytes(file));
        }
        out.printf(java.util.Locale.ROOT, "soak: the pages of %d font files dropped from the page cache: %.1f -> %.1f MB cached (pages a process"
                + " maps stay)%n", files.size(), before / 1048576.0, after / 1048576.0);
    }

    private static double heapMb() {
        Runtime rt = Runtime.getRuntime();
        return (rt.totalMemory() - rt.freeMemory()) / 1048576.0;
    }
}
