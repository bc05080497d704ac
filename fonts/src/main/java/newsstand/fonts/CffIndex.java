package newsstand.fonts;

/** A CFF INDEX: a count, then offsets into a data block; item i is [start(i), end(i)). Reads stay on the mapping. */
final class CffIndex {
    static final CffIndex EMPTY = new CffIndex(null, 0, 0, 0, 0, 0);

    private final FontData data;
    private final int count;
    private final int offSize;
    private final int offsets;
    private final int dataBase;
    /** Where the byte after this INDEX is. */
    final int end;

    private CffIndex(FontData data, int count, int offSize, int offsets, int dataBase, int end) {
        this.data = data;
        this.count = count;
        this.offSize = offSize;
        this.offsets = offsets;
        this.dataBase = dataBase;
        this.end = end;
    }

    static CffIndex read(FontData data, int at, String what) {
        int count = data.u16(at);
        if (count == 0) return new CffIndex(data, 0, 1, at + 2, at + 2, at + 2);
        int offSize = data.u8(at + 2);
        if (offSize < 1 || offSize > 4) throw new Malformed(what + " INDEX offSize is " + offSize + " (allowed: 1 to 4)");
        int offsets = at + 3;
        data.check(offsets, (count + 1L) * offSize, what + " INDEX offsets");
        int dataBase = offsets + (count + 1) * offSize - 1;
        CffIndex index = new CffIndex(data, count, offSize, offsets, dataBase, 0);
        int last = index.offset(count);
        data.check(dataBase + 1L, last - 1L, what + " INDEX data");
        return new CffIndex(data, count, offSize, offsets, dataBase, dataBase + last);
    }

    int count() {
        return count;
    }

    private int offset(int i) {
        int v = data.unsigned(offsets + i * offSize, offSize);
        if (v < 1) throw new Malformed("CFF INDEX offset " + v + " is below 1");
        return v;
    }

    int start(int i) {
        return dataBase + offset(i);
    }

    int end(int i) {
        int s = start(i);
        int e = dataBase + offset(i + 1);
        if (e < s) throw new Malformed("CFF INDEX item " + i + " ends before it starts");
        return e;
    }
}
