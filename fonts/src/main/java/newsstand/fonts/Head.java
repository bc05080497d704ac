package newsstand.fonts;

/** The 'head' table: units per em, the font-wide box and the loca format. */
final class Head {
    final int unitsPerEm;
    final int indexToLocFormat;

    Head(FontData data, int offset) {
        data.check(offset, 54, "head table");
        unitsPerEm = data.u16(offset + 18);
        if (unitsPerEm < 16 || unitsPerEm > 16384) {
            throw new Malformed("head.unitsPerEm is " + unitsPerEm + " (allowed: 16 to 16384)");
        }
        indexToLocFormat = data.s16(offset + 50);
        if (indexToLocFormat != 0 && indexToLocFormat != 1) {
            throw new Malformed("head.indexToLocFormat is " + indexToLocFormat + " (allowed: 0 or 1)");
        }
    }
}
