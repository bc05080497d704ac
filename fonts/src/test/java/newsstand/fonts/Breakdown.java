package newsstand.fonts;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where a cold glyph's time goes: outline decoding, rasterizing, the cache. Run like GlyphBenchmark. */
public final class Breakdown {
    public static void main(String[] args) throws Exception {
        String text = Files.readString(Path.of("sync/src/test/resources/fixtures/qingdao-daily-2025-09-10.txt"));
        int[] cps = text.codePoints().filter(c -> !Character.isWhitespace(c)).distinct().toArray();
        for (String[] f : GlyphBenchmark.FONTS) {
            Face face = FontFile.open(Path.of(f[0])).face(f[1]);
            int[] glyphs = new int[cps.length];
            for (int i = 0; i < cps.length; i++) glyphs[i] = face.glyph(cps[i]);
            int px = 24;
            Outline o = new Outline();
            Rasterizer r = new Rasterizer();
            long decode = Long.MAX_VALUE, raster = Long.MAX_VALUE, segments = 0;
            for (int round = 0; round < Integer.getInteger("rounds", 30); round++) {
                long t0 = System.nanoTime();
                for (int g : glyphs) {
                    o.reset();
                    face.outline(g, o);
                }
                long t1 = System.nanoTime();
                float scale = (float) px / face.unitsPerEm();
                for (int g : glyphs) {
                    o.reset();
                    face.outline(g, o);
                    int left = (int) Math.floor(o.xMin * scale), top = (int) Math.ceil(o.yMax * scale);
                    int w = Math.max(1, (int) Math.ceil(o.xMax * scale) - left), h = Math.max(1, top - (int) Math.floor(o.yMin * scale));
                    r.reset(w, h);
                    r.draw(o, scale, left, top);
                    byte[] c = new byte[w * h];
                    r.coverage(c);
                    if (round == 0) segments += o.opCount;
                }
                long t2 = System.nanoTime();
                if (round > 10) {
                    decode = Math.min(decode, t1 - t0);
                    raster = Math.min(raster, t2 - t1 - (t1 - t0));
                }
            }
            System.out.printf("%s 24px: decode %.2f us, raster %.2f us per glyph, %.1f ops per glyph%n", f[1],
                    decode / 1000.0 / glyphs.length, raster / 1000.0 / glyphs.length, segments / (double) glyphs.length);
        }
    }
}
