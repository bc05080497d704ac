package newsstand.fonts;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Bounds-checked big-endian reads over a font's mapped bytes. Nothing is copied onto the heap: every read goes to
 * the mapping, and every offset a font gives us is checked before it is used.
 * <p>
 * Glyph programs are the exception: {@link #copy} reads them with a positional read from the file, not through the
 * mapping. A CJK font is mostly glyph programs (19 MB for Noto Sans CJK), scattered so that a page's glyphs touch
 * most of it, and every page touched through a mapping stays in the process's resident memory (the kernel maps
 * the 64 KB around each fault): read this way, they stay in the page cache, shared and reclaimable, and out of the
 * kiosk's RSS. The tables read on every line (cmap, metrics, substitutions, INDEX offsets) stay mapped.
 */
final class FontData {
    private final ByteBuffer bytes;
    private final int limit;
    /** The file to read glyph programs from, or null when the bytes are all there is (tests, fuzzing). */
    private final Path file;
    private volatile FileChannel channel;

    FontData(ByteBuffer bytes) {
        this(bytes, null);
    }

    FontData(ByteBuffer bytes, Path file) {
        this.bytes = bytes;
        this.limit = bytes.limit();
        this.file = file;
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

    /**
     * Copies length bytes at offset into dst (one bulk read instead of one checked read per byte): from the file,
     * when there is one, so that the pages read stay out of the mapping (see above).
     */
    void copy(int offset, byte[] dst, int length) {
        check(offset, length, "data");
        if (file == null) {
            bytes.get(offset, dst, 0, length);
            return;
        }
        try {
            ByteBuffer into = ByteBuffer.wrap(dst, 0, length);
            FileChannel ch = channel();
            while (into.hasRemaining()) {
                if (ch.read(into, offset + into.position()) < 0) {
                    throw new Malformed("data at offset " + offset + " (+" + length + ") is past the end of " + file + " (changed since it was opened?)");
                }
            }
        } catch (IOException e) {
            throw new Malformed("cannot read " + length + " bytes at offset " + offset + " of " + file + ": " + e.getMessage());
        }
    }

    /** The file, opened on the first glyph read (most fonts a catalog scans never draw one), then kept open with the face. */
    private FileChannel channel() throws IOException {
        FileChannel ch = channel;
        if (ch != null && ch.isOpen()) return ch;
        synchronized (this) {
            if (channel == null || !channel.isOpen()) channel = FileChannel.open(file, StandardOpenOption.READ);
            return channel;
        }
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
