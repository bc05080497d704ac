package newsstand.fonts;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.image.BufferedImage;
import java.io.File;
import java.util.Locale;

/**
 * Java2D, the JDK's FreeType-based text rendering: the peer our engine is measured against, in tests and
 * benchmarks only. Renders one glyph id, antialiased, with fractional metrics, pen on an integer pixel.
 */
final class Peer {
    static final FontRenderContext FRC = new FontRenderContext(null, true, true);

    /** The face of a font file or collection whose family (in English) is the one given. */
    static Font font(String path, String family) throws Exception {
        for (Font f : Font.createFonts(new File(path))) {
            if (f.getFamily(Locale.ENGLISH).equals(family)) return f;
        }
        throw new IllegalArgumentException(path + " has no face " + family);
    }

    /** Coverage of one glyph as a GlyphBitmap placed like ours (left and top from the pen on the baseline). */
    static GlyphBitmap render(Font font, int glyph, int px, BufferedImage canvas) {
        Font sized = font.deriveFont((float) px);
        GlyphVector gv = sized.createGlyphVector(FRC, new int[] {glyph});
        int size = canvas.getWidth();
        Graphics2D g = canvas.createGraphics();
        g.setColor(Color.BLACK);
        g.fillRect(0, 0, size, size);
        g.setColor(Color.WHITE);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        int ox = size / 3, oy = size * 2 / 3;
        g.drawGlyphVector(gv, ox, oy);
        g.dispose();
        byte[] px8 = ((java.awt.image.DataBufferByte) canvas.getRaster().getDataBuffer()).getData();
        int x0 = size, y0 = size, x1 = -1, y1 = -1;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                if (px8[y * size + x] != 0) {
                    x0 = Math.min(x0, x);
                    x1 = Math.max(x1, x);
                    y0 = Math.min(y0, y);
                    y1 = Math.max(y1, y);
                }
            }
        }
        float advance = gv.getGlyphMetrics(0).getAdvance();
        if (x1 < 0) return new GlyphBitmap(0, 0, 0, 0, advance, new byte[0]);
        int w = x1 - x0 + 1, h = y1 - y0 + 1;
        byte[] c = new byte[w * h];
        for (int y = 0; y < h; y++) System.arraycopy(px8, (y0 + y) * size + x0, c, y * w, w);
        return new GlyphBitmap(x0 - ox, oy - y0, w, h, advance, c);
    }

    private Peer() {}
}
