package newsstand.fonts;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ThresholdTest {
    /** {crossings, crossings that keep a pixel at or above limit in kept}: runs of FAINT coverage down each column. */
    static int[] crossings(GlyphBitmap coverage, GlyphBitmap kept, int limit) {
        int runs = 0, survived = 0;
        for (int x = 0; x < coverage.width(); x++) {
            boolean in = false, hit = false;
            for (int y = 0; y <= coverage.height(); y++) {
                boolean ink = y < coverage.height() && coverage.at(x, y) >= Threshold.FAINT;
                if (ink && !in) {
                    runs++;
                    hit = false;
                }
                if (ink && kept.at(x, y) >= limit) hit = true;
                if (!ink && in && hit) survived++;
                in = ink;
            }
        }
        return new int[] {runs, survived};
    }

    @Test
    void thinSongStrokesSurviveOneBit() throws Exception {
        Face serif = FontFile.open(Path.of("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")).face("Noto Serif CJK SC");
        GlyphCache grey = new GlyphCache(8 << 20, 8);
        GlyphCache mono = new GlyphCache(8 << 20, 1);
        for (int px = 16; px <= 24; px += 4) {
            long before = 0, kept = 0, plain = 0;
            for (int cp : QualityTest.HAN.codePoints().toArray()) {
                int g = serif.glyph(cp);
                GlyphBitmap coverage = grey.glyph(serif, g, px, false);
                GlyphBitmap bits = mono.glyph(serif, g, px, false);
                assertEquals(1, bits.depth());
                int[] k = crossings(coverage, bits, 255);
                before += k[0];
                kept += k[1];
                plain += crossings(coverage, coverage, 128)[1];
            }
            System.out.printf("1-bit Noto Serif CJK SC %d px: %d stroke crossings, %d keep a black pixel at 1 bit, %d with a 50%% threshold%n",
                    px, before, kept, plain);
            assertTrue(kept >= before * 0.995, px + " px: " + kept + " of " + before + " stroke crossings kept");
            assertTrue(plain < before * 0.95, "a plain threshold would lose strokes (" + plain + " of " + before + "), else this test proves nothing");
        }
    }

    @Test
    void theHairlinesOfSanKeepThreeStrokes() throws Exception {
        Face serif = FontFile.open(Path.of("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")).face("Noto Serif CJK SC");
        GlyphBitmap san = new GlyphCache(1 << 20, 1).glyph(serif, serif.glyph('三'), 16, false);
        int runs = 0;
        boolean in = false;
        for (int y = 0; y < san.height(); y++) {
            boolean ink = san.at(san.width() / 2, y) == 255;
            if (ink && !in) runs++;
            in = ink;
        }
        assertEquals(3, runs, "三 at 16 px, 1 bit, down its middle");
    }

    @Test
    void fourBitGlyphsKeepSixteenLevels() throws Exception {
        Face face = FontFileTest.microHei();
        GlyphBitmap g8 = new GlyphCache(1 << 20, 8).glyph(face, face.glyph('海'), 24, false);
        GlyphBitmap g4 = new GlyphCache(1 << 20, 4).glyph(face, face.glyph('海'), 24, false);
        assertEquals(GlyphBitmap.stride(g8.width(), 4) * g8.height(), g4.coverage().length);
        for (int y = 0; y < g8.height(); y++) {
            for (int x = 0; x < g8.width(); x++) assertEquals(g8.at(x, y), g4.at(x, y), 9, "pixel " + x + "," + y);
        }
    }
}
