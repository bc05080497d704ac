package newsstand.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import newsstand.config.Language;
import newsstand.layout.IssueRenderer;
import newsstand.layout.Page;
import newsstand.layout.PageRenderer;
import newsstand.layout.PhotoDecoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "page", mixinStandardHelpOptions = true,
        description = {"Renders the sample issue's front page and an article page over and over, as a kiosk does on a "
                + "page turn: layout, glyphs through the kiosk's glyph cache, photos decoded and dithered, and the "
                + "framebuffer packed at the panel's bits per pixel. Ends with the line "
                + "warm_page_ms=X first_page_ms=Y heap_mb=Z (first: from the JVM's start to the first page packed; "
                + "warm: the median page once fonts and photos are loaded, with half of a layout of the whole issue; "
                + "heap: in use after the run)."})
final class BenchPageCommand implements Callable<Integer> {
    private static final String DEFAULT_LANGUAGE = Language.ZH_HANS;

    @Spec CommandSpec spec;

    @Mixin Options.PanelOption panel;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "50", description = "Measured rounds (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Override
    public Integer call() throws Exception {
        if (rounds < 1 || rounds > 10_000) throw new Newsstand.UserError("--rounds " + rounds + " is not allowed (allowed: 1 to 10000)");
        long start = startMillis();
        // A kiosk's boot: the image readers load and the fonts open on other cores while the issue is read.
        PhotoDecoder.warmUpInBackground();
        var fontsOpened = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return IssueRenderer.open(DEFAULT_LANGUAGE);
            } catch (newsstand.fonts.FontException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        Path pkg = Files.createTempDirectory("newsstand-bench");
        try {
            SampleIssue.write(pkg);
            newsstand.issue.Issue issue = newsstand.issue.IssuePackage.read(pkg);
            IssueRenderer kiosk = issue.language().equals(DEFAULT_LANGUAGE) ? join(fontsOpened) : IssueRenderer.open(issue.language());
            newsstand.config.PanelModel model = panel.model;
            PageRenderer.PhotoSource photos = file -> Files.readAllBytes(pkg.resolve(file));
            PageRenderer renderer = kiosk.renderer(photos, model);
            newsstand.display.Framebuffer fb = new newsstand.display.Framebuffer(model.width(), model.height(), model.greyLevels());
            int bits = model.bitsPerPixel();
            newsstand.display.Region all = newsstand.display.Region.of(fb);
            // The first page: what a kiosk shows first after it boots.
            java.util.List<Page> pages = kiosk.compose(issue, model);
            renderer.draw(pages.get(0), fb);
            int sink = fb.pack(all, bits).length;
            long first = System.currentTimeMillis() - start;
            // Warm pages: each round lays the issue out again and draws and packs the front and an article page.
            long[] times = new long[rounds * 2];
            for (int warm = -10; warm < rounds; warm++) {
                long t0 = System.nanoTime();
                java.util.List<Page> laid = kiosk.compose(issue, model);
                long layout = (System.nanoTime() - t0) / 2; // one layout serves both pages
                for (int p = 0; p < 2; p++) {
                    long t1 = System.nanoTime();
                    renderer.draw(laid.get(p), fb);
                    sink += fb.pack(all, bits).length;
                    if (warm >= 0) times[warm * 2 + p] = layout + System.nanoTime() - t1;
                }
            }
            java.util.Arrays.sort(times);
            double warmMs = times[times.length / 2] / 1e6;
            double heapMb = BenchCommand.usedHeap() / 1048576.0;
            var out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "%s %dx%d, %d levels, %d pages; front page and page 2, %d rounds; fastest %.1f ms, slowest %.1f ms%s%n",
                    model.id(), model.width(), model.height(), model.greyLevels(), pages.size(), rounds,
                    times[0] / 1e6, times[times.length - 1] / 1e6, sink == 42 ? " " : "");
            out.printf(Locale.ROOT, "warm_page_ms=%.1f first_page_ms=%d heap_mb=%.1f%n", warmMs, first, heapMb);
            return 0;
        } finally {
            Outputs.deleteTree(pkg);
        }
    }

    /**
     * When the command started: the launcher's clock reading before it started the JVM (newsstand.launched, in
     * epoch milliseconds), else the JVM's own record of its start.
     */
    private static long startMillis() {
        Long launched = Long.getLong("newsstand.launched");
        return launched != null ? launched : java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    private static IssueRenderer join(java.util.concurrent.CompletableFuture<IssueRenderer> opened) throws Exception {
        try {
            return opened.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof Exception x ? x : e;
        }
    }
}
