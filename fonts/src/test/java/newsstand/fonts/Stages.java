package newsstand.fonts;

import java.nio.file.Files;
import java.nio.file.Path;

/** Scratch: per-stage times of a cold glyph. */
public final class Stages {
    static final OutlineSink NULL = new OutlineSink() {
        public void moveTo(float x, float y) {}
        public void lineTo(float x, float y) {}
        public void quadTo(float cx, float cy, float x, float y) {}
        public void curveTo(float a, float b, float c, float d, float x, float y) {}
        public void close() {}
    };

    public static void main(String[] args) throws Exception {
        String text = Files.readString(Path.of("/work/main/sync/src/test/resources/fixtures/qingdao-daily-2025-09-10.txt"));
        int[] cps = text.codePoints().filter(c -> !Character.isWhitespace(c)).distinct().toArray();
        int px = args.length > 0 ? Integer.parseInt(args[0]) : 24;
        for (int rep = 0; rep < 2; rep++)
        for (String[] f : GlyphBenchmark.FONTS) {
            Face face = FontFile.open(Path.of(f[0])).face(f[1]);
            int[] glyphs = new int[cps.length];
            for (int i = 0; i < cps.length; i++) glyphs[i] = face.glyph(cps[i]);
            double nul = 0;
            Rasterizer r = new Rasterizer();
            float scale = (float) px / face.unitsPerEm();
            double draw = best(() -> draw(face, glyphs, r, scale, px, false));
            double drawCov = best(() -> draw(face, glyphs, r, scale, px, true));
            double cold = best(() -> { GlyphCache c = new GlyphCache(64L << 20); for (int g : glyphs) c.glyph(face, g, px, false); });
            int n = glyphs.length;
            System.out.printf("%-22s %dpx: decode-null %.2f  decode+draw %.2f  +coverage %.2f  cold %.2f us%n", f[1], px,
                    nul / n, draw / n, drawCov / n, cold / n);
        }
    }

    static void decodeNull(Face face, int[] glyphs) { for (int g : glyphs) face.outline(g, NULL); }

    static byte[] out = new byte[1 << 20];

    static void draw(Face face, int[] glyphs, Rasterizer r, float scale, int px, boolean cov) {
        for (int g : glyphs) {
            r.begin(scale, px / 2, px * 7 / 5, 2 * px, 2 * px);
            face.outline(g, r);
            if (!r.end() || r.isEmpty()) continue;
            if (cov) r.coverage(out); else r.abandon();
        }
    }

    static double best(Runnable r) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 40; i++) {
            long t = System.nanoTime();
            r.run();
            if (i >= 10) best = Math.min(best, System.nanoTime() - t);
        }
        return best / 1000.0;
    }
}
