package newsstand.issue;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The type and pixel size of a JPEG or PNG, read from its header without decoding it: a decompression bomb is
 * refused before a single pixel is expanded. whole: the decoder must hold the whole image at once (a progressive
 * JPEG's coefficients, an interlaced PNG's passes), however small the kiosk shows it.
 */
record ImageHeader(String type, int width, int height, boolean whole) {
    /** The header of a file, or null when it is neither a JPEG nor a PNG. */
    static ImageHeader read(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 8192))) {
            int a = in.read(), b = in.read();
            if (a == 0x89 && b == 'P') return png(in);
            if (a == 0xFF && b == 0xD8) return jpeg(in);
            return null;
        } catch (EOFException e) {
            return null;
        }
    }

    private static ImageHeader png(DataInputStream in) throws IOException {
        byte[] rest = new byte[6];
        in.readFully(rest);
        if (rest[0] != 'N' || rest[1] != 'G') return null;
        in.readInt();
        if (in.readInt() != 0x49484452) return null; // IHDR
        int width = in.readInt(), height = in.readInt();
        in.skipNBytes(4); // bit depth, colour type, compression, filter
        return new ImageHeader("png", width, height, in.readUnsignedByte() != 0);
    }

    private static ImageHeader jpeg(DataInputStream in) throws IOException {
        // Walk the marker segments up to the frame header; give up after a bounded number of them.
        for (int segments = 0; segments < 1000; segments++) {
            int ff = in.readUnsignedByte();
            if (ff != 0xFF) return null;
            int marker = in.readUnsignedByte();
            while (marker == 0xFF) marker = in.readUnsignedByte();
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) continue;
            if (marker == 0xD9 || marker == 0xDA) return null;
            int length = in.readUnsignedShort();
            if (length < 2) return null;
            boolean frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (frame) {
                in.readUnsignedByte();
                int height = in.readUnsignedShort();
                int width = in.readUnsignedShort();
                boolean progressive = marker == 0xC2 || marker == 0xC6 || marker == 0xCA || marker == 0xCE;
                return new ImageHeader("jpeg", width, height, progressive);
            }
            in.skipNBytes(length - 2);
        }
        return null;
    }
}
