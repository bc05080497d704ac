package newsstand.fonts;

/**
 * Turns 8-bit coverage into 1 bit without losing thin strokes. A plain 50% threshold erases the hairline
 * horizontals of Song/Ming faces at 16 to 24 px, whose coverage spreads over two rows at 30 to 60% each. Here a
 * pixel is black when its coverage reaches {@link #BLACK}, or when it is the peak of coverage across a stroke
 * (above its neighbours up and down, or left and right) and reaches {@link #FAINT}: every stroke keeps one pixel.
 */
final class Threshold {
    /** Coverage that is black on its own: about a third, as the 1-bit panel's framebuffer threshold. */
    static final int BLACK = 96;
    /** Coverage below this is antialiasing fringe, never a stroke. */
    static final int FAINT = 40;

    private Threshold() {}

    static void pack(byte[] coverage, int w, int h, byte[] out) {
        int stride = (w + 7) / 8;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (black(coverage, w, h, x, y)) out[y * stride + (x >> 3)] |= (byte) (0x80 >>> (x & 7));
            }
        }
    }

    static boolean black(byte[] c, int w, int h, int x, int y) {
        int v = c[y * w + x] & 0xFF;
        if (v >= BLACK) return true;
        if (v < FAINT) return false;
        int up = y > 0 ? c[(y - 1) * w + x] & 0xFF : 0;
        int down = y < h - 1 ? c[(y + 1) * w + x] & 0xFF : 0;
        // Strictly above the pixel before it, at least the one after: of two equal rows, the first keeps the stroke.
        if (v > up && v >= down) return true;
        int left = x > 0 ? c[y * w + x - 1] & 0xFF : 0;
        int right = x < w - 1 ? c[y * w + x + 1] & 0xFF : 0;
        return v > left && v >= right;
    }
}
