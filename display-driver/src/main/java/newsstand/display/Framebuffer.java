package newsstand.display;

import java.util.Arrays;

/**
 * A page being drawn: 8-bit grey pixels (0 black, 255 white), row by row, for a panel with a given number of grey
 * levels. Text is blended in at full depth and quantized only when the panel shows it; pictures are dithered to
 * the panel's levels as they are placed.
 */
public final class Framebuffer {
    private final int width;
    private final int height;
    private final int levels;
    private final byte[] pixels;
    /** Coverage as the ink it lays: TEXT_GAMMA on grey panels, unchanged elsewhere. */
    private final int[] inkCurve;

    public Framebuffer(int width, int height, int levels) {
        if (width <= 0 || height <= 0) throw new IllegalArgumentException("framebuffer size must be positive: " + width + "x" + height);
        if (levels != 2 && levels != 4 && levels != 16 && levels != 256) {
            throw new IllegalArgumentException("grey levels must be 2, 4, 16 or 256, was " + levels);
        }
        this.width = width;
        this.height = height;
        this.levels = levels;
        this.pixels = new byte[width * height];
        this.inkCurve = levels == 4 || levels == 16 ? TEXT_GAMMA : LINEAR;
        Arrays.fill(pixels, (byte) 255);
    }

    public int width() { return width; }

    public int height() { return height; }

    public int levels() { return levels; }

    /** The grey value at a pixel, 0 black to 255 white. */
    public int get(int x, int y) {
        return pixels[y * width + x] & 0xFF;
    }

    /** The panel level shown for a pixel: 0 black to levels - 1 white. */
    public int level(int x, int y) {
        return quantize(pixels[y * width + x] & 0xFF, levels);
    }

    static int quantize(int grey, int levels) {
        // On black and white panels antialiased text is thresholded above mid-grey, so thin strokes stay black.
        if (levels == 2) return grey >= BLACK_AND_WHITE_THRESHOLD ? 1 : 0;
        return (grey * (levels - 1) + 127) / 255;
    }

    /** Greys below this show black on a black-and-white panel. */
    static final int BLACK_AND_WHITE_THRESHOLD = 170;

    byte[] pixels() { return pixels; }

    public void fill(int grey) {
        fill(pixels, (byte) grey);
    }

    /**
     * Fills an array by copies of its start, doubling: System.arraycopy is a memory move under either compiler,
     * where Arrays.fill is a byte-by-byte loop under C1, the launcher's only compiler (a 10.3" page's 2.6 MB took
     * about a fifth of a warm page).
     */
    private static void fill(byte[] a, byte value) {
        int n = a.length, done = Math.min(n, 64);
        for (int i = 0; i < done; i++) a[i] = value;
        while (done < n) {
            int k = Math.min(done, n - done);
            System.arraycopy(a, 0, a, done, k);
            done += k;
        }
    }

    /** Fills a rectangle, clipped to the framebuffer. */
    public void fillRect(int x, int y, int w, int h, int grey) {
        Region r = new Region(x, y, w, h).clip(width, height);
        for (int yy = r.y(); yy < r.y() + r.height(); yy++) {
            Arrays.fill(pixels, yy * width + r.x(), yy * width + r.x() + r.width(), (byte) grey);
        }
    }

    /**
     * Blends a coverage mask (0 none to 255 full) of w x h pixels with its top-left corner at x, y, in the given
     * ink grey: the way glyphs reach the page. Clipped to the framebuffer.
     */
    public void drawMask(int x, int y, int w, int h, byte[] coverage, int ink) {
        drawMask(x, y, w, h, coverage, 8, ink);
    }

    /**
     * Blends a coverage mask packed at 8, 4 or 1 bits per pixel (rows start on a byte; the leftmost pixel in the high
     * bits), as the glyph cache stores glyphs for 16-grey and black-and-white panels.
     */
    public void drawMask(int x, int y, int w, int h, byte[] mask, int depth, int ink) {
        if (depth == 8) {
            drawMask8(x, y, w, h, mask, ink);
            return;
        }
        int stride = (w * depth + 7) / 8;
        int x0 = Math.max(0, -x), y0 = Math.max(0, -y);
        int x1 = Math.min(w, width - x), y1 = Math.min(h, height - y);
        for (int j = y0; j < y1; j++) {
            int src = j * stride;
            int dst = (y + j) * width + x;
            for (int i = x0; i < x1; i++) {
                int c = depth == 4
                        ? ((mask[src + (i >> 1)] >> ((i & 1) == 0 ? 4 : 0)) & 0xF) * 17
                        : ((mask[src + (i >> 3)] >> (7 - (i & 7))) & 1) * 255;
                if (c != 0) blend(dst + i, c, ink);
            }
        }
    }

    /**
     * Coverage as ink on a grey panel: e-paper shows mid greys lighter than they are meant, and antialiased strokes
     * look thin and washed out, so edge coverage is darkened (gamma 1/1.45) before blending. Full and empty stay.
     */
    private static final int[] TEXT_GAMMA = new int[256];
    private static final int[] LINEAR = new int[256];

    static {
        for (int c = 0; c < 256; c++) {
            TEXT_GAMMA[c] = (int) Math.round(255 * Math.pow(c / 255.0, 1 / 1.45));
            LINEAR[c] = c;
        }
    }

    /**
     * Packs the region's pixels at a controller's bits per pixel (8, 4, 2 or 1; the leftmost pixel in the high bits,
     * 0 black), row after row, each row starting on a byte: the bytes an image load sends. The greys are first
     * reduced to this framebuffer's levels, so a black-and-white framebuffer packs as pure black and white.
     */
    public byte[] pack(Region region, int bitsPerPixel) {
        return pack(region, bitsPerPixel, null);
    }

    /**
     * As {@link #pack(Region, int)}, into {@code reuse} when it has the packed size (its bytes overwritten), else
     * into a new array: a caller that packs every page keeps two arrays instead of making one a page.
     */
    public byte[] pack(Region region, int bitsPerPixel, byte[] reuse) {
        if (bitsPerPixel != 8 && bitsPerPixel != 4 && bitsPerPixel != 2 && bitsPerPixel != 1) {
            throw new IllegalArgumentException("bits per pixel must be 8, 4, 2 or 1, was " + bitsPerPixel);
        }
        Region r = region.clip(width, height);
        int stride = (r.width() * bitsPerPixel + 7) / 8;
        byte[] out = reuse != null && reuse.length == stride * r.height() ? reuse : new byte[stride * r.height()];
        // One table lookup per pixel: grey -> this framebuffer's level -> the controller's value.
        int levelsOut = 1 << bitsPerPixel;
        int have = Math.min(levels, levelsOut);
        int[] value = new int[256];
        for (int g = 0; g < 256; g++) value[g] = quantize(g, have) * (levelsOut - 1) / (have - 1);
        int perByte = 8 / bitsPerPixel;
        byte[] whites = null, whiteRow = null;
        for (int j = 0; j < r.height(); j++) {
            int src = (r.y() + j) * width + r.x();
            int dst = j * stride;
            int i = 0;
            if (bitsPerPixel == 4) {
                // Runs of white pixels (most of a page: margins, gutters, the space between lines) are found 8 bytes
                // at a time by Arrays.mismatch and copied packed. Under C1, the launcher's compiler, the five 10.3"
                // demo pages pack in 0.7 to 1.5 ms instead of 2.4 to 2.5 (thread CPU time, fastest of 40); runs of
                // 128 pixels beat 32 (by 25%), 64 (6%) and 256; a test for white pairs inside a run with ink, or
                // a table of pixel pairs, was slower or no faster.
                int n = r.width() >> 1;
                if (whites == null) {
                    whites = new byte[n];
                    Arrays.fill(whites, (byte) (value[255] << 4 | value[255]));
                    whiteRow = new byte[2 * n];
                    Arrays.fill(whiteRow, (byte) 255);
                }
                // First the row's white start, found by one call: a blank row is one copy.
                int ink = Arrays.mismatch(pixels, src, src + 2 * n, whiteRow, 0, 2 * n);
                int k = ink < 0 ? n : ink >> 1;
                System.arraycopy(whites, 0, out, dst, k);
                for (; k + CHUNK / 2 <= n; k += CHUNK / 2) {
                    int from = src + 2 * k;
                    if (Arrays.mismatch(pixels, from, from + CHUNK, WHITE, 0, CHUNK) < 0) {
                        System.arraycopy(whites, 0, out, dst + k, CHUNK / 2);
                    } else {
                        for (int e = k + CHUNK / 2; k < e; k++) out[dst + k] = (byte) (value[pixels[src + 2 * k] & 0xFF] << 4 | value[pixels[src + 2 * k + 1] & 0xFF]);
                        k -= CHUNK / 2;
                    }
                }
                for (; k < n; k++) out[dst + k] = (byte) (value[pixels[src + 2 * k] & 0xFF] << 4 | value[pixels[src + 2 * k + 1] & 0xFF]);
                i = 2 * n;
                dst += n;
            }
            // Whole bytes are assembled before they are stored, so a reused array needs no clearing.
            while (i < r.width()) {
                int b = 0;
                for (int k = 0; k < perByte; k++, i++) {
                    b <<= bitsPerPixel;
                    if (i < r.width()) b |= value[pixels[src + i] & 0xFF];
                }
                out[dst++] = (byte) b;
            }
        }
        return out;
    }

    /** White pixels found a run at a time when packing. */
    private static final int CHUNK = 128;
    private static final byte[] WHITE = new byte[CHUNK];

    static {
        Arrays.fill(WHITE, (byte) 255);
    }

    /** Mixes ink into one pixel by its coverage, through the panel's text curve. */
    private void blend(int at, int coverage, int ink) {
        int c = inkCurve[coverage];
        int d = pixels[at] & 0xFF;
        pixels[at] = (byte) ((d * (255 - c) + ink * c + 127) / 255);
    }

    private void drawMask8(int x, int y, int w, int h, byte[] coverage, int ink) {
        int x0 = Math.max(0, -x), y0 = Math.max(0, -y);
        int x1 = Math.min(w, width - x), y1 = Math.min(h, height - y);
        for (int j = y0; j < y1; j++) {
            int src = j * w;
            int dst = (y + j) * width + x;
            for (int i = x0; i < x1; i++) {
                int c = coverage[src + i] & 0xFF;
                if (c != 0) blend(dst + i, c, ink);
            }
        }
    }

    /** Dithers a grey picture to this framebuffer's levels (error diffusion) and places it at x, y, clipped. */
    public void drawPicture(GreyImage picture, int x, int y) {
        drawPicture(picture, x, y, false);
    }

    /**
     * Places a grey picture at x, y, clipped: dithered to this framebuffer's levels by error diffusion, or to black
     * and white by an ordered dither when it is for a fast black-and-white refresh (A2, DU).
     */
    public void drawPicture(GreyImage picture, int x, int y, boolean fastRefresh) {
        if (fastRefresh) {
            Dither.ordered(picture, pixels, width, height, x, y);
        } else if (levels != 256) {
            Dither.errorDiffusion(picture, levels, pixels, width, height, x, y);
        } else {
            byte[] src = picture.pixels();
            int w = picture.width();
            int x0 = Math.max(0, -x), y0 = Math.max(0, -y);
            int x1 = Math.min(w, width - x), y1 = Math.min(picture.height(), height - y);
            for (int j = y0; j < y1; j++) {
                if (x1 > x0) System.arraycopy(src, j * w + x0, pixels, (y + j) * width + x + x0, x1 - x0);
            }
        }
    }
}
