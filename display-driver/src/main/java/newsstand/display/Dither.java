package newsstand.display;

/**
 * Reduces pictures to a panel's grey levels. Error diffusion (Floyd-Steinberg, serpentine) keeps tones and detail
 * for the 16-grey and black-and-white panels; an ordered (Bayer 8x8) dither serves the fast black-and-white
 * refresh modes, whose quick waveforms ghost less with a fixed pattern than with diffused noise. Text is never
 * dithered, only quantized.
 */
final class Dither {
    private Dither() {}

    /** A copy of the picture with every pixel at one of the levels, spread evenly from black to white. */
    public static GreyImage errorDiffusion(GreyImage in, int levels) {
        byte[] out = new byte[in.width() * in.height()];
        errorDiffusion(in, levels, out, in.width(), in.height(), 0, 0);
        return new GreyImage(in.width(), in.height(), out);
    }

    /**
     * Diffuses the picture straight into a canvas of width x height at x, y: the whole picture's error is spread,
     * only the pixels inside the canvas are written, and no copy of the picture is made.
     */
    static void errorDiffusion(GreyImage in, int levels, byte[] canvas, int width, int height, int x0, int y0) {
        int w = in.width(), h = in.height();
        byte[] src = in.pixels();
        int[] cur = new int[w + 2];
        int[] next = new int[w + 2];
        // A grey's shown value by a table: every level under 0 is black and over 255 white, so the sum is clamped
        // first (two divisions a pixel under C1, the launcher's compiler, were most of a picture's time).
        int[] shown = new int[256];
        for (int v = 0; v < 256; v++) {
            int level = Math.max(0, Math.min(levels - 1, (v * (levels - 1) + 127) / 255));
            shown[v] = level * 255 / (levels - 1);
        }
        for (int y = 0; y < h; y++) {
            boolean ltr = (y & 1) == 0;
            int row = y0 + y;
            boolean visible = row >= 0 && row < height;
            for (int k = 0; k < w; k++) {
                int x = ltr ? k : w - 1 - k;
                int v = (src[y * w + x] & 0xFF) + cur[x + 1] / 16;
                int q = shown[v < 0 ? 0 : v > 255 ? 255 : v];
                int col = x0 + x;
                if (visible && col >= 0 && col < width) canvas[row * width + col] = (byte) q;
                int err = v - q;
                int ahead = ltr ? x + 2 : x;
                int behind = ltr ? x : x + 2;
                cur[ahead] += err * 7;
                next[behind] += err * 3;
                next[x + 1] += err * 5;
                next[ahead] += err;
            }
            int[] t = cur;
            cur = next;
            next = t;
            java.util.Arrays.fill(next, 0);
        }
    }

    /** Bayer's 8x8 threshold matrix: each value 0..63 once, neighbours as far apart as can be. */
    private static final int[] BAYER = new int[64];

    static {
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                int v = 0, xc = x ^ y, yc = y;
                // The low bits of x ^ y and y, interleaved, become the high bits of the threshold.
                for (int bit = 0; bit < 3; bit++) {
                    v = (v << 2) | (((xc >> bit) & 1) << 1) | ((yc >> bit) & 1);
                }
                BAYER[y * 8 + x] = v;
            }
        }
    }

    /** A black-and-white copy of the picture by an ordered 8x8 dither: a grey g sets g/255 of each tile white. */
    public static GreyImage ordered(GreyImage in) {
        byte[] out = new byte[in.width() * in.height()];
        ordered(in, out, in.width(), in.height(), 0, 0);
        return new GreyImage(in.width(), in.height(), out);
    }

    /** The ordered dither straight into a canvas of width x height at x0, y0 (the pattern follows the picture). */
    static void ordered(GreyImage in, byte[] canvas, int width, int height, int x0, int y0) {
        int w = in.width(), h = in.height();
        byte[] src = in.pixels();
        for (int y = Math.max(0, -y0); y < Math.min(h, height - y0); y++) {
            for (int x = Math.max(0, -x0); x < Math.min(w, width - x0); x++) {
                int threshold = BAYER[(y & 7) * 8 + (x & 7)] * 4 + 2;
                canvas[(y0 + y) * width + x0 + x] = (byte) ((src[y * w + x] & 0xFF) > threshold ? 255 : 0);
            }
        }
    }
}
