package newsstand.display;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes grey PNGs at 1, 2, 4 or 8 bits per pixel, streaming rows through zlib into IDAT chunks, so that a panel's
 * image is saved in the panel's own depth without an image library or a second copy of the page.
 */
final class PngWriter {
    private PngWriter() {}

    /** Writes levels[] (each 0 to 2^depth - 1, row by row) as a grey PNG. */
    static void write(OutputStream out, int width, int height, int depth, byte[] levels) throws IOException {
        header(out, width, height, depth);
        int rowBytes = (width * depth + 7) / 8;
        byte[] row = new byte[rowBytes + 1];
        Deflater deflater = new Deflater(6);
        try (DeflaterOutputStream z = new DeflaterOutputStream(new IdatStream(out), deflater, 64 * 1024)) {
            for (int y = 0; y < height; y++) {
                java.util.Arrays.fill(row, (byte) 0);
                int base = y * width;
                for (int x = 0; x < width; x++) {
                    int bit = x * depth;
                    row[1 + (bit >> 3)] |= (byte) ((levels[base + x] & ((1 << depth) - 1)) << (8 - depth - (bit & 7)));
                }
                z.write(row);
            }
        } finally {
            deflater.end();
        }
        chunk(out, "IEND", new byte[0], 0);
        out.flush();
    }

    /**
     * Writes rows already packed at the depth (the leftmost pixel in the high bits, 0 black, each row starting on a
     * byte: what {@link Framebuffer#pack} makes) as a grey PNG.
     */
    static void writePacked(OutputStream out, int width, int height, int depth, byte[] packed) throws IOException {
        header(out, width, height, depth);
        int rowBytes = (width * depth + 7) / 8;
        if (packed.length != rowBytes * height) throw new IllegalArgumentException(packed.length + " packed bytes for " + width + "x" + height + " at " + depth + " bits");
        Deflater deflater = new Deflater(6);
        try (DeflaterOutputStream z = new DeflaterOutputStream(new IdatStream(out), deflater, 64 * 1024)) {
            for (int y = 0; y < height; y++) {
                z.write(0); // filter: none
                z.write(packed, y * rowBytes, rowBytes);
            }
        } finally {
            deflater.end();
        }
        chunk(out, "IEND", new byte[0], 0);
        out.flush();
    }

    private static void header(OutputStream out, int width, int height, int depth) throws IOException {
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        byte[] ihdr = new byte[13];
        putInt(ihdr, 0, width);
        putInt(ihdr, 4, height);
        ihdr[8] = (byte) depth;
        ihdr[9] = 0; // grey
        chunk(out, "IHDR", ihdr, ihdr.length);
    }

    private static void chunk(OutputStream out, String type, byte[] data, int length) throws IOException {
        byte[] len = new byte[4];
        putInt(len, 0, length);
        out.write(len);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.write(t);
        out.write(data, 0, length);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data, 0, length);
        putInt(len, 0, (int) crc.getValue());
        out.write(len);
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    /** Cuts the compressed stream into IDAT chunks; closing it does not close the PNG stream. */
    private static final class IdatStream extends OutputStream {
        private final OutputStream out;
        private final byte[] buffer = new byte[64 * 1024];
        private int used;

        IdatStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            if (used == buffer.length) flushChunk();
            buffer[used++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (used == buffer.length) flushChunk();
                int n = Math.min(len, buffer.length - used);
                System.arraycopy(b, off, buffer, used, n);
                used += n;
                off += n;
                len -= n;
            }
        }

        private void flushChunk() throws IOException {
            if (used > 0) chunk(out, "IDAT", buffer, used);
            used = 0;
        }

        @Override
        public void close() throws IOException {
            flushChunk();
        }
    }
}
