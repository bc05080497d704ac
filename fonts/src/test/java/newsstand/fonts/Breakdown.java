package newsstand.fonts;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a cold glyph's time goes, per glyph, on every distinct character of the fixture page: decoding and drawing
 * onto the canvas, then the coverage pass, then the whole cold path through a fresh cache. Run like GlyphBenchmark,
 * with the size as argument: {@code mvn -q -pl fonts test-compile exec:exec -Dexec.classpathScope=test
 * -Dexec.executable=java "-Dexec.args=-cp %classpath newsstand.fonts.Breakdown 24"}
 */
public final class Breakdown {
    public static void main(String[] args) throws Exception {
        Path fixture = Path.of("sync/src/test/resources/fixtures/qingdao-daily-2025-09-10.txt");
        if (!Files.exists(fixture)) fixture = Path.of("..").resolve(fixture);
        int[] cps = Files.readString(fixture).codePoints().filter(c -> !Character.isWhitespace(c)).distinct().toArray();
        int px = args.length > 0 ? Integer.parseInt(args[0]) : 24;
        for (int pass = 0; pass < 2; pass++) { // the first pass warms the JIT
            for (String[] f : GlyphBenchmark.FONTS) {
                Face face = FontFile.open(Path.of(f[0])).face(f[1]);
                int[] glyphs = new int[cps.length];
                for (int i = 0; i < cps.length; i++) glyphs[i] = face.glyph(cps[i]);
                Rasterizer r = new Rasterizer();
                float scale = (float) px / face.unitsPerEm();
                double drawn = best(() -> draw(face, glyphs, r, scale, px, false));
                double covered = best(() -> draw(face, glyphs, r, scale, px, true));
                double cold = best(() -> {
                    GlyphCache c = new GlyphCache(64L << 20);
                    for (int g : glyphs) c.glyph(face, g, px, false);
                });
                int n = glyphs.length;
                if (pass == 1) {
                    System.out.printf("%-22s %d px: decode and draw %.2f us, with coverage %.2f us, cold through the cache %.2f us%n",
                            f[1], px, drawn / n, covered / n, cold / n);
                }
            }
        }
    }

    private static final byte[] OUT = new byte[1 << 20];

    static void draw(Face face, int[] glyphs, Rasterizer r, float scale, int px, boolean coverage) {
        for (int g : glyphs) {
            r.beginAroundPen(scale, px);
            face.outline(g, r);
            if (!r.end() || r.isEmpty()) continue;
            if (coverage) r.coverage(OUT);
            else r.abandon();
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

    private Breakdown() {}
}
