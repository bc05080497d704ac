package newsstand.fonts;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EmbeddedBitmapTest {
    static final String ZEN_HEI = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc";

    /** FreeType's monochrome rendering through Java2D (antialiasing off), which draws from the font's strikes. */
    static boolean[][] peer(Font font, int glyph, int px, int ox, int oy, int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, size, size);
        g.setColor(Color.WHITE);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
        g.drawGlyphVector(font.deriveFont((float) px).createGlyphVector(new FontRenderContext(null, false, false), new int[] {glyph}), ox, oy);
        g.dispose();
        boolean[][] on = new boolean[size][size];
        for (int y = 0; y < size; y++) for (int x = 0; x < size; x++) on[y][x] = (img.getRaster().getSample(x, y, 0)) > 127;
        return on;
    }

    @Test
    void oneBitPanelsGetTheFontsHandMadeStrikes() throws Exception {
        Face sharp = FontFile.open(Path.of(ZEN_HEI)).face("WenQuanYi Zen Hei Sharp");
        Font font = Peer.font(ZEN_HEI, "WenQuanYi Zen Hei Sharp");
        GlyphCache mono = new GlyphCache(1 << 20, 1);
        int size = 48, ox = 16, oy = 32;
        for (int px = 12; px <= 16; px++) {
            int same = 0, total = 0;
            for (int cp : "中国海洋青岛报新闻经济城市天气".codePoints().toArray()) {
                int g = sharp.glyph(cp);
                GlyphBitmap ours = mono.glyph(sharp, g, px, false);
                assertNotNull(sharp.embedded(g, px), "strike at " + px + " px has U+" + Integer.toHexString(cp));
                boolean[][] theirs = peer(font, g, px, ox, oy, size);
                boolean equal = true;
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        int bx = x - ox - ours.left(), by = y - oy + ours.top();
                        boolean mine = bx >= 0 && by >= 0 && bx < ours.width() && by < ours.height() && ours.at(bx, by) == 255;
                        if (mine != theirs[y][x]) equal = false;
                    }
                }
                if (equal) same++;
                total++;
            }
            assertEquals(total, same, px + " px: glyphs identical to FreeType's strike rendering");
        }
    }

    @Test
    void otherSizesAndGreyPanelsUseTheOutline() throws Exception {
        Face sharp = FontFile.open(Path.of(ZEN_HEI)).face("WenQuanYi Zen Hei Sharp");
        int g = sharp.glyph('中');
        assertNull(sharp.embedded(g, 24));
        GlyphBitmap grey = new GlyphCache(1 << 20, 4).glyph(sharp, g, 16, false);
        assertEquals(4, grey.depth());
        boolean partial = false;
        for (int y = 0; y < grey.height(); y++) for (int x = 0; x < grey.width(); x++) partial |= grey.at(x, y) > 0 && grey.at(x, y) < 255;
        assertTrue(partial, "a 16-grey panel gets antialiased outlines");
        assertNull(FontFileTest.microHei().embedded(g, 16), "a font without strikes");
    }
}
