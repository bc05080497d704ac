package newsstand.fonts;

/** The 'hhea' table: horizontal line metrics and how many glyphs have their own advance. */
final class Hhea {
    final int ascender;
    final int descender;
    final int lineGap;
    final int numberOfHMetrics;

    Hhea(FontData data, int offset) {
        data.check(offset, 36, "hhea table");
        ascender = data.s16(offset + 4);
        descender = data.s16(offset + 6);
        lineGap = data.s16(offset + 8);
        numberOfHMetrics = data.u16(offset + 34);
    }
}
