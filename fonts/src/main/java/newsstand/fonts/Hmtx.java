package newsstand.fonts;

/** The 'hmtx' table: advance widths; glyphs past numberOfHMetrics share the last advance. */
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
}
