package newsstand.fonts;

/**
 * A rasterized glyph: 8-bit coverage (0 none, 255 full) row by row, placed relative to the pen on the baseline:
 * {@code left} pixels right of the pen, {@code top} pixels above the baseline (y up). The advance is in pixels.
 */
public record GlyphBitmap(int left, int top, int width, int height, float advance, byte[] coverage) {
    /** Heap bytes this bitmap holds, for the cache's bound. */
    public int bytes() {
        return coverage.length + 48;
    }

    public int at(int x, int y) {
        return coverage[y * width + x] & 0xFF;
    }
}
