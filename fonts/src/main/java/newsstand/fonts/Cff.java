package newsstand.fonts;

/**
 * The 'CFF ' table: Type 2 charstrings with global and local subroutines. CID-keyed fonts (Noto Sans CJK, Noto
 * Serif CJK) choose per glyph, through FDSelect, a Font DICT with its own Private DICT and local subroutines.
 * Collections share one CFF table between faces; each face parses only the small header structures.
 */
final class Cff {
    private final FontData data;
    private final CffIndex charStrings;
    private final CffIndex globalSubrs;
    /** Local subroutines per Font DICT (one entry for a font that is not CID-keyed). */
    private final CffIndex[] localSubrs;
    private final int fdSelect;
    private final int fdSelectFormat;
    private final int numGlyphs;
    private final CharString interpreter = new CharString();
    /** The charset's offset (glyph to string id), or 0 for the predefined ISOAdobe charset; -1 in CID-keyed fonts. */
    private final int charset;

    Cff(FontData data, int table, int numGlyphs) {
        this.data = data;
        int major = data.u8(table);
        if (major != 1) throw new Malformed("CFF major version is " + major + " (allowed: 1)");
        int hdrSize = data.u8(table + 2);
        CffIndex names = CffIndex.read(data, table + hdrSize, "CFF Name");
        CffIndex topDicts = CffIndex.read(data, names.end, "CFF Top DICT");
        if (topDicts.count() < 1) throw new Malformed("CFF has no Top DICT");
        CffIndex strings = CffIndex.read(data, topDicts.end, "CFF String");
        globalSubrs = CffIndex.read(data, strings.end, "CFF Global Subr");
        CffDict top = new CffDict(data, topDicts.start(0), topDicts.end(0));
        if (top.number(CffDict.CHARSTRING_TYPE, 0, 2) != 2) throw new Malformed("CFF CharstringType is not 2");
        charStrings = CffIndex.read(data, table + top.offset(CffDict.CHARSTRINGS, 0, "CharStrings offset"), "CFF CharStrings");
        this.numGlyphs = Math.min(numGlyphs, charStrings.count());
        if (top.has(CffDict.ROS)) {
            CffIndex fdArray = CffIndex.read(data, table + top.offset(CffDict.FD_ARRAY, 0, "FDArray offset"), "CFF FDArray");
            if (fdArray.count() < 1 || fdArray.count() > 256) throw new Malformed("CFF FDArray has " + fdArray.count() + " Font DICTs (allowed: 1 to 256)");
            localSubrs = new CffIndex[fdArray.count()];
            for (int i = 0; i < localSubrs.length; i++) {
                localSubrs[i] = privateSubrs(table, new CffDict(data, fdArray.start(i), fdArray.end(i)));
            }
            fdSelect = table + top.offset(CffDict.FD_SELECT, 0, "FDSelect offset");
            fdSelectFormat = data.u8(fdSelect);
            if (fdSelectFormat == 0) data.check(fdSelect + 1, this.numGlyphs, "CFF FDSelect");
            else if (fdSelectFormat == 3) data.check(fdSelect + 3, data.u16(fdSelect + 1) * 3L + 2, "CFF FDSelect ranges");
            else throw new Malformed("CFF FDSelect format is " + fdSelectFormat + " (allowed: 0 or 3)");
        } else {
            localSubrs = new CffIndex[] {privateSubrs(table, top)};
            fdSelect = -1;
            fdSelectFormat = -1;
        }
        int cs = (int) top.number(CffDict.CHARSET, 0, 0);
        charset = top.has(CffDict.ROS) ? -1 : cs <= 2 ? 0 : table + cs;
    }

    private CffIndex privateSubrs(int table, CffDict dict) {
        if (!dict.has(CffDict.PRIVATE)) return CffIndex.EMPTY;
        int size = dict.offset(CffDict.PRIVATE, 0, "Private DICT size");
        int at = table + dict.offset(CffDict.PRIVATE, 1, "Private DICT offset");
        data.check(at, size, "CFF Private DICT");
        CffDict priv = new CffDict(data, at, at + size);
        if (!priv.has(CffDict.SUBRS)) return CffIndex.EMPTY;
        // Local Subrs are found relative to the start of their Private DICT.
        return CffIndex.read(data, at + priv.offset(CffDict.SUBRS, 0, "Subrs offset"), "CFF local Subrs");
    }

    /**
     * FDSelect format 3's ranges, read from the font on the first glyph: each range's first glyph (and the
     * sentinel) and its Font DICT. A search in the font cost two reads through the mapping a step, about a tenth of a
     * cold Noto Sans CJK glyph under C1; Noto's table is a few hundred ranges (3 bytes each in the heap).
     */
    private char[] rangeFirsts;
    private byte[] rangeFds;

    private char[] readRanges() {
        int ranges = data.u16(fdSelect + 1);
        char[] firsts = new char[ranges + 1];
        byte[] fds = new byte[ranges];
        for (int i = 0; i < ranges; i++) {
            firsts[i] = (char) data.u16(fdSelect + 3 + i * 3);
            fds[i] = (byte) data.u8(fdSelect + 5 + i * 3);
        }
        firsts[ranges] = (char) data.u16(fdSelect + 3 + ranges * 3);
        rangeFds = fds;
        rangeFirsts = firsts;
        return firsts;
    }

    private int fontDict(int glyph) {
        if (fdSelect < 0) return 0;
        int fd;
        if (fdSelectFormat == 0) {
            fd = data.u8(fdSelect + 1 + glyph);
        } else {
            char[] firsts = rangeFirsts;
            if (firsts == null) firsts = readRanges();
            final byte[] fds = rangeFds;
            int lo = 0, hi = firsts.length - 2;
            fd = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (glyph < firsts[mid]) hi = mid - 1;
                else if (glyph >= firsts[mid + 1]) lo = mid + 1; // the next range's first glyph, or the sentinel
                else {
                    fd = fds[mid] & 0xFF;
                    break;
                }
            }
            if (fd < 0) throw new Malformed("glyph " + glyph + " is in no FDSelect range");
        }
        if (fd >= localSubrs.length) throw new Malformed("FDSelect gives Font DICT " + fd + " of " + localSubrs.length);
        return fd;
    }

    void outline(int glyph, OutlineSink sink) {
        outline(glyph, sink, interpreter, 0);
    }

    private void outline(int glyph, OutlineSink sink, CharString cs, int depth) {
        if (glyph < 0 || glyph >= numGlyphs) throw new Malformed("glyph " + glyph + " does not exist (font has " + numGlyphs + ")");
        int[] seac = cs.run(data, charStrings.start(glyph), charStrings.end(glyph), globalSubrs, localSubrs[fontDict(glyph)], sink);
        if (seac == null) return;
        // seac (endchar with adx ady bchar achar): a base letter and an accent, both found by Standard Encoding.
        if (depth > 0) throw new Malformed("seac inside a seac component");
        if (charset < 0) throw new Malformed("seac in a CID-keyed font");
        int base = glyphForSid(StandardEncoding.sid(seac[2]));
        int accent = glyphForSid(StandardEncoding.sid(seac[3]));
        CharString component = new CharString();
        outline(base, sink, component, depth + 1);
        float dx = seac[0], dy = seac[1];
        outline(accent, new OutlineSink() {
            public void moveTo(float x, float y) { sink.moveTo(x + dx, y + dy); }
            public void lineTo(float x, float y) { sink.lineTo(x + dx, y + dy); }
            public void quadTo(float cx, float cy, float x, float y) { sink.quadTo(cx + dx, cy + dy, x + dx, y + dy); }
            public void curveTo(float ax, float ay, float bx, float by, float x, float y) {
                sink.curveTo(ax + dx, ay + dy, bx + dx, by + dy, x + dx, y + dy);
            }
            public void close() { sink.close(); }
        }, component, depth + 1);
    }

    /** The glyph whose charset entry is a string id (formats 0, 1 and 2; the ISOAdobe charset maps glyph i to id i). */
    private int glyphForSid(int sid) {
        if (sid <= 0) throw new Malformed("seac names a character outside Standard Encoding");
        if (charset == 0) {
            if (sid < numGlyphs) return sid;
            throw new Malformed("seac string id " + sid + " has no glyph");
        }
        int format = data.u8(charset);
        int p = charset + 1;
        int glyph = 1;
        while (glyph < numGlyphs) {
            if (format == 0) {
                if (data.u16(p) == sid) return glyph;
                p += 2;
                glyph++;
            } else if (format == 1 || format == 2) {
                int first = data.u16(p);
                int left = format == 1 ? data.u8(p + 2) : data.u16(p + 2);
                if (sid >= first && sid <= first + left) return glyph + (sid - first);
                glyph += left + 1;
                p += format == 1 ? 3 : 4;
            } else {
                throw new Malformed("CFF charset format " + format + " (allowed: 0, 1 or 2)");
            }
        }
        throw new Malformed("seac string id " + sid + " has no glyph");
    }
}
