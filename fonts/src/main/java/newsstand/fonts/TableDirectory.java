package newsstand.fonts;

/** The table records of one face (OpenType "table directory"): where each table starts and how long it is. */
final class TableDirectory {
    static final int TRUETYPE = 0x00010000;
    static final int OTTO = 0x4F54544F;
    static final int TRUE = 0x74727565;

    final int sfntVersion;
    private final String[] tags;
    private final int[] offsets;
    private final int[] lengths;

    TableDirectory(FontData data, int offset) {
        sfntVersion = data.s32(offset);
        if (sfntVersion != TRUETYPE && sfntVersion != OTTO && sfntVersion != TRUE) {
            throw new Malformed("sfnt version 0x" + Integer.toHexString(sfntVersion) + " is not 0x00010000, 'OTTO' or 'true'");
        }
        int count = data.u16(offset + 4);
        data.check(offset + 12, count * 16L, "table directory");
        tags = new String[count];
        offsets = new int[count];
        lengths = new int[count];
        for (int i = 0; i < count; i++) {
            int r = offset + 12 + i * 16;
            tags[i] = data.tag(r);
            offsets[i] = data.u32(r + 8);
            lengths[i] = data.u32(r + 12);
            // A table that runs past the end would make every later read a bounds error; reject it by name now.
            data.check(offsets[i], lengths[i], "table '" + tags[i] + "'");
        }
    }

    /** The offset of a table, or -1 when the face has none. */
    int offset(String tag) {
        for (int i = 0; i < tags.length; i++) if (tags[i].equals(tag)) return offsets[i];
        return -1;
    }

    int length(String tag) {
        for (int i = 0; i < tags.length; i++) if (tags[i].equals(tag)) return lengths[i];
        return 0;
    }

    int require(String tag) {
        int o = offset(tag);
        if (o < 0) throw new Malformed("required table '" + tag + "' is missing");
        return o;
    }
}
