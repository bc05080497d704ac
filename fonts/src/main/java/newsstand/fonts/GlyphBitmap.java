package newsstand.fonts;

/**
 * A rasterized glyph: coverage row by row at a depth of 8 bits (0 none, 255 full), 4 bits (two pixels a byte, the
 * left one in the high nibble) or 1 bit (eight pixels a byte, the leftmost in the high bit), placed relative to the
 * pen on the baseline: {@code left} pixels right of the pen, {@code top} pixels above the baseline (y up). Each row
 * starts on a byte. The advance is in pixels.
 */
public record GlyphBitmap(int left, int top, int width, int height, float advance, byte[] coverage, int depth) {
    public GlyphBitmap(int left, int top, int width, int height, float advance, byte[] coverage) {
        this(left, top, width, height, advance, coverage, 8);
    }

    /** 8-bit coverage to the nearest of 16 levels. */
    private static final byte[] NIBBLE = new byte[256];

    static {
        for (int v = 0; v < 256; v++) NIBBLE[v] = (byte) ((v * 15 + 127) / 255);
    }

    /** Heap bytes this bitmap holds, for the cache's bound. */
    public int bytes() {
        return coverage.length + 48;
    }

    /** Bytes per row at this depth. */
    public static int stride(int width, int depth) {
        return (width * depth + 7) / 8;
    }

    /** Coverage at a pixel, 0 to 255 whatever the depth. */
    public int at(int x, int y) {
        int row = y * stride(width, depth);
        return switch (depth) {
            case 8 -> coverage[row + x] & 0xFF;
            case 4 -> ((coverage[row + (x >> 1)] >> ((x & 1) == 0 ? 4 : 0)) & 0xF) * 17;
            default -> ((coverage[row + (x >> 3)] >> (7 - (x & 7))) & 1) * 255;
        };
    }

    /**
     * This 8-bit glyph turned a quarter clockwise about the pen: the glyph's up points right, its advance runs down,
     * and left and top keep their meaning (pixels right of the pen, pixels above it).
     */
    GlyphBitmap turned() {
        if (depth != 8) throw new IllegalStateException("only 8-bit glyphs are turned");
        byte[] out = new byte[coverage.length];
        // Row y, column x of the upright glyph lands in row x, column (height - 1 - y).
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) out[x * height + height - 1 - y] = coverage[y * width + x];
        }
        return new GlyphBitmap(top - height, -left, height, width, advance, out, 8);
    }

    /** This glyph at 8 bits per pixel. */
    GlyphBitmap unpacked() {
        if (depth == 8) return this;
        byte[] out = new byte[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) out[y * width + x] = (byte) at(x, y);
        }
        return new GlyphBitmap(left, top, width, height, advance, out, 8);
    }

    /** This glyph at a smaller depth (4 or 1); at 1 bit, thin strokes are kept (see {@link Threshold}). */
    GlyphBitmap packed(int toDepth) {
        if (toDepth == depth) return this;
        if (depth != 8) throw new IllegalStateException("only 8-bit glyphs are packed");
        byte[] out = new byte[stride(width, toDepth) * height];
        if (toDepth == 4) {
            // A table and two pixels a byte: a division per pixel doubled a cold glyph's time at 96 px.
            int stride = stride(width, 4);
            for (int y = 0; y < height; y++) {
                int src = y * width, dst = y * stride, x = 0;
                for (; x + 1 < width; x += 2) {
                    out[dst + (x >> 1)] = (byte) ((NIBBLE[coverage[src + x] & 0xFF] << 4) | NIBBLE[coverage[src + x + 1] & 0xFF]);
                }
                if (x < width) out[dst + (x >> 1)] = (byte) (NIBBLE[coverage[src + x] & 0xFF] << 4);
            }
        } else {
            Threshold.pack(coverage, width, height, out);
        }
        return new GlyphBitmap(left, top, width, height, advance, out, toDepth);
    }
}
