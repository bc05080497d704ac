package newsstand.fonts;

/**
 * The 'cmap' table: code point to glyph id, through the best Unicode subtable the face has (format 12 for full
 * Unicode, else format 4 for the BMP). Lookups binary-search the mapped bytes; nothing is decoded up front.
 */
final class Cmap {
    private final FontData data;
    private final int subtable;
    private final int format;
    private final int numGlyphs;
    /** The format 14 subtable (Unicode variation sequences), or -1. */
    private final int variations;

    Cmap(FontData data, int offset, int numGlyphs) {
        this.data = data;
        this.numGlyphs = numGlyphs;
        int count = data.u16(offset + 2);
        data.check(offset + 4, count * 8L, "cmap encoding records");
        int best = -1;
        int bestRank = 0;
        int bestFormat = 0;
        int uvs = -1;
        for (int i = 0; i < count; i++) {
            int r = offset + 4 + i * 8;
            int platform = data.u16(r);
            int encoding = data.u16(r + 2);
            int sub = offset + data.u32(r + 4);
            int fmt = data.u16(sub);
            if (fmt == 14 && platform == 0 && encoding == 5) {
                uvs = sub;
                data.check(sub + 10, data.u32(sub + 6) * 11L, "cmap format 14 records");
            }
            if (fmt != 4 && fmt != 12) continue;
            int rank = rank(platform, encoding, fmt);
            if (rank > bestRank) {
                best = sub;
                bestRank = rank;
                bestFormat = fmt;
            }
        }
        if (best < 0) throw new Malformed("cmap has no Unicode subtable of format 4 or 12");
        subtable = best;
        format = bestFormat;
        variations = uvs;
        if (format == 4) {
            int segX2 = data.u16(subtable + 6);
            if (segX2 == 0 || segX2 % 2 != 0) throw new Malformed("cmap format 4 segCountX2 is " + segX2 + " (an even number above 0)");
            data.check(subtable + 14, segX2 * 4L + 2, "cmap format 4 segments");
        } else {
            int groups = data.u32(subtable + 12);
            data.check(subtable + 16, groups * 12L, "cmap format 12 groups");
        }
    }

    private static int rank(int platform, int encoding, int format) {
        if (platform == 3 && encoding == 10 && format == 12) return 5;
        if (platform == 0 && format == 12) return 4;
        if (platform == 3 && encoding == 1) return 3;
        if (platform == 0) return 2;
        return 0;
    }

    /** The glyph for a code point, or 0 (.notdef) when the face has none. */
    int glyph(int cp) {
        int g = format == 4 ? format4(cp) : format12(cp);
        return g < numGlyphs ? g : 0;
    }

    /**
     * The glyph for a variation sequence (a base character and a selector U+FE00-FE0F or U+E0100-E01EF): the
     * font's own glyph for the sequence when it has one, else the base character's glyph.
     */
    int glyph(int cp, int selector) {
        int base = glyph(cp);
        if (variations < 0) return base;
        int records = data.u32(variations + 6);
        int lo = 0, hi = records - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int r = variations + 10 + mid * 11;
            int vs = u24(r);
            if (selector < vs) hi = mid - 1;
            else if (selector > vs) lo = mid + 1;
            else {
                int nonDefault = data.u32(r + 7);
                if (nonDefault != 0) {
                    int at = variations + nonDefault;
                    int n = data.u32(at);
                    int l = 0, h = n - 1;
                    while (l <= h) {
                        int m = (l + h) >>> 1;
                        int u = u24(at + 4 + m * 5);
                        if (cp < u) h = m - 1;
                        else if (cp > u) l = m + 1;
                        else {
                            int g = data.u16(at + 4 + m * 5 + 3);
                            return g < numGlyphs ? g : base;
                        }
                    }
                }
                // In the default ranges or not listed: the base character's glyph serves.
                return base;
            }
        }
        return base;
    }

    /** Whether a code point is a variation selector. */
    static boolean isSelector(int cp) {
        return (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF);
    }

    private int u24(int at) {
        return (data.u8(at) << 16) | (data.u8(at + 1) << 8) | data.u8(at + 2);
    }

    /** The non-default mappings of a selector, as {code point, glyph} pairs (for tests and tools). */
    int[][] nonDefault(int selector) {
        if (variations < 0) return new int[0][];
        int records = data.u32(variations + 6);
        for (int i = 0; i < records; i++) {
            int r = variations + 10 + i * 11;
            if (u24(r) != selector) continue;
            int off = data.u32(r + 7);
            if (off == 0) return new int[0][];
            int at = variations + off;
            int n = Math.min(data.u32(at), 100_000);
            int[][] out = new int[n][];
            for (int k = 0; k < n; k++) out[k] = new int[] {u24(at + 4 + k * 5), data.u16(at + 4 + k * 5 + 3)};
            return out;
        }
        return new int[0][];
    }

    private int format4(int cp) {
        if (cp > 0xFFFF) return 0;
        int segCount = data.u16(subtable + 6) / 2;
        int ends = subtable + 14;
        int starts = ends + segCount * 2 + 2;
        int deltas = starts + segCount * 2;
        int ranges = deltas + segCount * 2;
        int lo = 0;
        int hi = segCount - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (data.u16(ends + mid * 2) < cp) lo = mid + 1;
            else hi = mid;
        }
        if (data.u16(ends + lo * 2) < cp) return 0;
        int start = data.u16(starts + lo * 2);
        if (cp < start) return 0;
        int delta = data.u16(deltas + lo * 2);
        int rangeAt = ranges + lo * 2;
        int range = data.u16(rangeAt);
        if (range == 0) return (cp + delta) & 0xFFFF;
        int g = data.u16(rangeAt + range + 2 * (cp - start));
        // idDelta applies, modulo 65536, to every non-zero glyph from the range array too.
        return g == 0 ? 0 : (g + delta) & 0xFFFF;
    }

    private int format12(int cp) {
        int groups = data.u32(subtable + 12);
        int base = subtable + 16;
        int lo = 0;
        int hi = groups - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int g = base + mid * 12;
            int start = data.u32(g);
            int end = data.u32(g + 4);
            if (cp < start) hi = mid - 1;
            else if (cp > end) lo = mid + 1;
            else return data.u32(g + 8) + (cp - start);
        }
        return 0;
    }
}
