package newsstand.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import newsstand.fonts.Face;
import newsstand.fonts.GlyphCache;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "glyphs", mixinStandardHelpOptions = true,
        description = {"Rasterizes every distinct character of a text file into an empty glyph cache, over and over with "
                + "fresh caches after a warm-up, then reads them from the cache; ends with the line "
                + "cold_us_per_glyph=X cached_us_per_glyph=Y heap_mb=Z (heap in use with the font open and the cache full)."})
final class BenchGlyphsCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin Options.FontOption font;

    @Option(names = "--text-file", paramLabel = "FILE", required = true, description = "UTF-8 text whose characters are drawn.")
    Path textFile;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "20", description = "Measured rounds (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--cache-mb", paramLabel = "MB", defaultValue = "4", description = "Glyph cache bound (default: ${DEFAULT-VALUE}, as the kiosk).")
    int cacheMb;

    @Option(names = "--depth", paramLabel = "BITS", defaultValue = "8",
            description = "Bits per pixel the cache keeps: 8, 4 (16-grey panels) or 1 (black and white) (default: ${DEFAULT-VALUE}).")
    int depth;

    @Override
    public Integer call() throws Exception {
        int px = font.px();
        if (rounds < 1 || rounds > 10_000) throw new Newsstand.UserError("--rounds " + rounds + " is not allowed (allowed: 1 to 10000)");
        if (cacheMb < 1 || cacheMb > 64) throw new Newsstand.UserError("--cache-mb " + cacheMb + " is not allowed (allowed: 1 to 64)");
        if (depth != 8 && depth != 4 && depth != 1) throw new Newsstand.UserError("--depth " + depth + " is not allowed (allowed: 8, 4 or 1)");
        long before = BenchCommand.usedHeap();
        Face face = font.open();
        long fontHeap = BenchCommand.usedHeap() - before;
        int[] cps = Files.readString(textFile).codePoints().filter(c -> !Character.isWhitespace(c)).distinct().toArray();
        if (cps.length == 0) throw new Newsstand.UserError(textFile + ": has no characters to draw");
        int[] glyphs = new int[cps.length];
        for (int i = 0; i < cps.length; i++) glyphs[i] = face.glyph(cps[i]);
        long cacheBytes = cacheMb * 1048576L;
        long cold = Long.MAX_VALUE;
        GlyphCache cache = null;
        for (int round = -5; round < rounds; round++) { // five rounds of warm-up for the JIT
            cache = new GlyphCache(cacheBytes, depth);
            long t0 = System.nanoTime();
            for (int g : glyphs) cache.glyph(face, g, px, false);
            long t = System.nanoTime() - t0;
            if (round >= 0) cold = Math.min(cold, t);
        }
        long cached = Long.MAX_VALUE;
        int sink = 0;
        for (int round = 0; round < rounds * 5; round++) {
            long t0 = System.nanoTime();
            for (int g : glyphs) sink += cache.glyph(face, g, px, false).width();
            cached = Math.min(cached, System.nanoTime() - t0);
        }
        double heapMb = BenchCommand.usedHeap() / 1048576.0;
        var out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s, %d px, %d distinct characters; open font holds %.2f MB of heap; cache %d glyphs in %.2f of %.2f MB, %d evictions%s%n",
                face.family(), px, glyphs.length, Math.max(0, fontHeap) / 1048576.0, cache.size(), cache.bytes() / 1048576.0,
                cacheBytes / 1048576.0, cache.evictions(), sink == 42 ? " " : "");
        out.printf(Locale.ROOT, "cold_us_per_glyph=%.2f cached_us_per_glyph=%.3f heap_mb=%.1f%n",
                cold / 1000.0 / glyphs.length, cached / 1000.0 / glyphs.length, heapMb);
        return 0;
    }
}
