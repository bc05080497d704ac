package newsstand.fonts;

import java.nio.ByteBuffer;

/**
 * Bounds-checked big-endian reads over a font's mapped bytes. Nothing is copied onto the heap: every read goes to
 * the mapping, and every offset a font gives us is checked before it is used.
 * <p>
 * Glyph programs (CFF charstrings and subroutines) are copied from the mapping too, by one bulk copy into a buffer
 * the interpreter reuses. For a while they were read from the file by positional reads instead, to keep the pages
 * of a 19 MB collection that a kiosk touches out of its resident set; but a read-only font's pages are the kernel's
 * page cache either way, mapped or read (a read fills the same cache and copies the bytes once more), shared and
 * given back under pressure alike: the machine held the same memory while the process's RSS figure dropped, and
 * each read cost a system call (about 0.9 us, a quarter of a cold glyph). What the kiosk owns is its anonymous
 * memory (RssAnon), which neither way changes.
 */
final class FontData {
    private final ByteBuffer bytes;
    private final int limit;

    FontData(ByteBuffer bytes) {
        this.bytes = bytes;
        this.limit = bytes.limit();
    }

    int size() {
        return limit;
    }

    /** Throws Malformed unless [offset, offset + length) lies inside the data. */
    void check(long offset, long length, String what) {
        if (offset < 0 || length < 0 || offset + length > limit) {
            throw new Malformed(what + " at offset " + offset + " (+" + length + ") is outside the file of " + limit + " bytes");
        }
    }

    int u8(int offset) {
        if (offset < 0 || offset >= limit) throw outside(offset, 1);
        return bytes.get(offset) & 0xFF;
    }

    int s8(int offset) {
        if (offset < 0 || offset >= limit) throw outside(offset, 1);
        return bytes.get(offset);
    }

    int u16(int offset) {
        if (offset < 0 || offset > limit - 2) throw outside(offset, 2);
        return bytes.getShort(offset) & 0xFFFF;
    }

    int s16(int offset) {
        if (offset < 0 || offset > limit - 2) throw outside(offset, 2);
        return bytes.getShort(offset);
    }

    /** An unsigned 32-bit value; offsets above 2 GiB cannot lie in a mapped font, so they are rejected. */
    int u32(int offset) {
        if (offset < 0 || offset > limit - 4) throw outside(offset, 4);
        int v = bytes.getInt(offset);
        if (v < 0) throw new Malformed("32-bit value " + Integer.toUnsignedString(v) + " at offset " + offset + " is too large");
        return v;
    }

    int s32(int offset) {
        if (offset < 0 || offset > limit - 4) throw outside(offset, 4);
        return bytes.getInt(offset);
    }

    /** Copies length bytes at offset into dst: one bulk copy from the mapping instead of one checked read per byte. */
    void copy(int offset, byte[] dst, int length) {
        check(offset, length, "data");
        bytes.get(offset, dst, 0, length);
    }

    /** An unsigned big-endian value of size bytes (1 to 4; above 2^31 it comes out negative), with one bounds check. */
    int unsigned(int offset, int size) {
        if (offset < 0 || offset > limit - size) throw outside(offset, size);
        if (offset <= limit - 4) return bytes.getInt(offset) >>> (32 - 8 * size);
        int v = 0;
        for (int k = 0; k < size; k++) v = (v << 8) | (bytes.get(offset + k) & 0xFF);
        return v;
    }

    String tag(int offset) {
        int v = s32(offset);
        char[] c = {(char) ((v >>> 24) & 0xFF), (char) ((v >>> 16) & 0xFF), (char) ((v >>> 8) & 0xFF), (char) (v & 0xFF)};
        return new String(c);
    }

    private Malformed outside(int offset, int length) {
        return new Malformed("read at offset " + offset + " (+" + length + ") is outside the file of " + limit + " bytes");
    }
}
