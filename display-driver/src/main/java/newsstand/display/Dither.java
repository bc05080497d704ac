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
        int w = in.width(), h = in.height();
        byte[] src = in.pixels();
        byte[] out = new byte[w * h];
        int[] cur = new int[w + 2];
        int[] next = new int[w + 2];
        for (int y = 0; y < h; y++) {
            boolean ltr = (y & 1) == 0;
            for (int k = 0; k < w; k++) {
                int x = ltr ? k : w - 1 - k;
                int v = (src[y * w + x] & 0xFF) + cur[x + 1] / 16;
                int level = Math.max(0, Math.min(levels - 1, (v * (levels - 1) + 127) / 255));
                int q = level * 255 / (levels - 1);
                out[y * w + x] = (byte) q;
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
        return new GreyImage(w, h, out);
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
        int w = in.width(), h = in.height();
        byte[] src = in.pixels();
        byte[] out = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int threshold = BAYER[(y & 7) * 8 + (x & 7)] * 4 + 2;
                out[y * w + x] = (byte) ((src[y * w + x] & 0xFF) > threshold ? 255 : 0);
            }
        }
        return new GreyImage(w, h, out);
    }
}
