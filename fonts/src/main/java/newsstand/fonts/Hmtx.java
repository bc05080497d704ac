package newsstand.fonts;

/** The 'hmtx' table (and 'vmtx', built the same): advances and side bearings; glyphs past numberOfHMetrics share the last advance. */
final class Hmtx {
    private final FontData data;
    private final int offset;
    private final int count;

    Hmtx(FontData data, int offset, int numberOfHMetrics) {
        if (numberOfHMetrics == 0) throw new Malformed("hhea.numberOfHMetrics is 0 (at least 1 is required)");
        data.check(offset, numberOfHMetrics * 4L, "hmtx table");
        this.data = data;
        this.offset = offset;
        this.count = numberOfHMetrics;
    }

    int advance(int glyph) {
        return data.u16(offset + 4 * Math.min(glyph, count - 1));
    }

    /** The left (for vmtx: top) side bearing; glyphs past the metrics have theirs in a trailing array. */
    int sideBearing(int glyph) {
        return glyph < count ? data.s16(offset + 4 * glyph + 2) : data.s16(offset + 4 * count + 2 * (glyph - count));
    }
}
