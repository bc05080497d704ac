package newsstand.fonts;

import java.nio.file.Files;
import java.nio.file.Path;

/** Scratch: loops cold glyphs for a profiler. args: font index, px, seconds, mode (cold|raster|decode). */
public final class Prof {
    public static void main(String[] args) throws Exception {
        String text = Files.readString(Path.of("/work/main/sync/src/test/resources/fixtures/qingdao-daily-2025-09-10.txt"));
        int[] cps = text.codePoints().filter(c -> !Character.isWhitespace(c)).distinct().toArray();
        String[] f = GlyphBenchmark.FONTS[Integer.parseInt(args[0])];
        int px = Integer.parseInt(args[1]);
        long until = System.nanoTime() + Long.parseLong(args[2]) * 1_000_000_000L;
        Face face = FontFile.open(Path.of(f[0])).face(f[1]);
        int[] glyphs = new int[cps.length];
        for (int i = 0; i < cps.length; i++) glyphs[i] = face.glyph(cps[i]);
        long n = 0, t0 = System.nanoTime();
        while (System.nanoTime() < until) {
            GlyphCache c = new GlyphCache(64L << 20);
            for (int g : glyphs) c.glyph(face, g, px, false);
            n += glyphs.length;
        }
        System.out.printf("%.2f us per glyph%n", (System.nanoTime() - t0) / 1000.0 / n);
    }
}
