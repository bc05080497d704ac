package newsstand.fonts;

/**
 * Embedded bitmaps ('EBLC' locates, 'EBDT' holds): hand-made 1-bit strikes that some CJK fonts carry for small
 * sizes (WenQuanYi Zen Hei Sharp at 12 to 16 px, SimSun). On a black-and-white panel they read better than any
 * outline thresholded to 1 bit. Index formats 1 to 5, image formats 1, 2, 5, 6 and 7 (not the composites 8 and 9).
 */
final class Eblc {
    private final FontData data;
    private final int eblc;
    private final int ebdt;
    private final int strikes;

    Eblc(FontData data, int eblc, int ebdt) {
        this.data = data;
        this.eblc = eblc;
        this.ebdt = ebdt;
        int n = data.u32(eblc + 4);
        if (n > 256) throw new Malformed("EBLC has " + n + " strikes (allowed: at most 256)");
        data.check(eblc + 8, n * 48L, "EBLC strikes");
        this.strikes = n;
    }

    /** The 1-bit strike for a size, as the offset of its BitmapSize record, or -1. */
    private int strike(int px) {
        for (int i = 0; i < strikes; i++) {
            int r = eblc + 8 + i * 48;
            if (data.u8(r + 44) == px && data.u8(r + 45) == px && data.u8(r + 46) == 1) return r;
        }
        return -1;
    }

    /** The glyph's bitmap from the strike at px, 1 bit, rows on byte boundaries; null when the strike lacks it. */
    GlyphBitmap bitmap(int glyph, int px, float advance) {
        int size = strike(px);
        if (size < 0) return null;
        int array = eblc + data.u32(size);
        int subtables = data.u32(size + 8);
        if (subtables > 65536) throw new Malformed("EBLC strike has " + subtables + " index subtables");
        for (int i = 0; i < subtables; i++) {
            int e = array + i * 8;
            int first = data.u16(e), last = data.u16(e + 2);
            if (glyph < first || glyph > last) continue;
            int sub = array + data.u32(e + 4);
            int indexFormat = data.u16(sub);
            int imageFormat = data.u16(sub + 2);
            int image = ebdt + data.u32(sub + 4);
            int k = glyph - first;
            int at;
            int metrics = -1; // big metrics kept in the index (formats 2 and 5)
            switch (indexFormat) {
                case 1 -> {
                    int a = data.u32(sub + 8 + k * 4), b = data.u32(sub + 12 + k * 4);
                    if (b <= a) return null;
                    at = image + a;
                }
                case 3 -> {
                    int a = data.u16(sub + 8 + k * 2), b = data.u16(sub + 10 + k * 2);
                    if (b <= a) return null;
                    at = image + a;
                }
                case 2 -> {
                    at = image + k * data.u32(sub + 8);
                    metrics = sub + 12;
                }
                case 4 -> {
                    int n = data.u32(sub + 8);
                    at = -1;
                    for (int j = 0; j < Math.min(n, 65536); j++) {
                        int p = sub + 12 + j * 4;
                        if (data.u16(p) == glyph) {
                            int a = data.u16(p + 2), b = data.u16(p + 6);
                            if (b <= a) return null;
                            at = image + a;
                            break;
                        }
                    }
                    if (at < 0) return null;
                }
                case 5 -> {
                    int imageSize = data.u32(sub + 8);
                    metrics = sub + 12;
                    int n = data.u32(sub + 20);
                    at = -1;
                    for (int j = 0; j < Math.min(n, 65536); j++) {
                        if (data.u16(sub + 24 + j * 2) == glyph) {
                            at = image + j * imageSize;
                            break;
                        }
                    }
                    if (at < 0) return null;
                }
                default -> throw new Malformed("EBLC index format " + indexFormat + " is not supported");
            }
            return image(at, imageFormat, metrics, advance);
        }
        return null;
    }

    private GlyphBitmap image(int at, int format, int indexMetrics, float advance) {
        int height, width, left, top, bits;
        boolean byteAligned;
        switch (format) {
            case 1, 2, 6, 7 -> { // small metrics (5 bytes) or big metrics (8 bytes) before the bits
                height = data.u8(at);
                width = data.u8(at + 1);
                left = data.s8(at + 2);
                top = data.s8(at + 3);
                bits = at + (format <= 2 ? 5 : 8);
                byteAligned = format == 1 || format == 6;
            }
            case 5 -> {
                if (indexMetrics < 0) throw new Malformed("EBDT image format 5 without metrics in its index");
                height = data.u8(indexMetrics);
                width = data.u8(indexMetrics + 1);
                left = data.s8(indexMetrics + 2);
                top = data.s8(indexMetrics + 3);
                bits = at;
                byteAligned = false;
            }
            default -> throw new Malformed("EBDT image format " + format + " is not supported");
        }
        int stride = (width + 7) / 8;
        byte[] out = new byte[stride * height];
        if (byteAligned) {
            data.check(bits, (long) stride * height, "EBDT image");
            for (int i = 0; i < out.length; i++) out[i] = (byte) data.u8(bits + i);
        } else {
            data.check(bits, ((long) width * height + 7) / 8, "EBDT image");
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int bit = y * width + x;
                    if ((data.u8(bits + (bit >> 3)) & (0x80 >>> (bit & 7))) != 0) out[y * stride + (x >> 3)] |= (byte) (0x80 >>> (x & 7));
                }
            }
        }
        return new GlyphBitmap(left, top, width, height, advance, out, 1);
    }
}
