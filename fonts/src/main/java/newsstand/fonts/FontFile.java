package newsstand.fonts;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A font file (.ttf, .otf) or collection (.ttc, .otc), memory-mapped: the file's bytes stay out of the heap, and
 * faces read their tables from the mapping. A collection's face is chosen by family name, never blindly the first.
 */
public final class FontFile {
    private static final int TTCF = 0x74746366;
    /** Real collections hold a handful of faces; a count in the millions is a broken or hostile file. */
    private static final int MAX_FACES = 64;

    private final Path path;
    private final FontData data;
    private final int[] faceOffsets;

    private FontFile(Path path, FontData data, int[] faceOffsets) {
        this.path = path;
        this.data = data;
        this.faceOffsets = faceOffsets;
    }

    /** Maps a font file and reads its header; the message of a failure names the file and what is wrong. */
    public static FontFile open(Path path) throws FontException {
        java.nio.ByteBuffer bytes;
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE) throw new FontException(path + ": file of " + size + " bytes is larger than 2 GiB");
            bytes = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
        } catch (IOException e) {
            throw new FontException(path + ": cannot read font file: " + e.getMessage(), e);
        }
        return of(new FontData(bytes), path);
    }

    /** A font from bytes already in memory (tests and fuzzing); the path only names it in messages. */
    static FontFile of(java.nio.ByteBuffer bytes, Path path) throws FontException {
        return of(new FontData(bytes), path);
    }

    private static FontFile of(FontData data, Path path) throws FontException {
        try {
            int[] offsets;
            if (data.size() >= 12 && data.s32(0) == TTCF) {
                int count = data.u32(8);
                if (count == 0 || count > MAX_FACES) {
                    throw new Malformed("collection header numFonts is " + count + " (allowed: 1 to " + MAX_FACES + ")");
                }
                offsets = new int[count];
                for (int i = 0; i < count; i++) offsets[i] = data.u32(12 + 4 * i);
            } else {
                offsets = new int[] {0};
            }
            return new FontFile(path, data, offsets);
        } catch (RuntimeException e) {
            throw new FontException(path + ": not a usable font: " + e.getMessage(), e);
        }
    }

    public Path path() { return path; }

    public int faceCount() { return faceOffsets.length; }

    /** Opens the face at an index of the collection (0 for a single font). */
    public Face face(int index) throws FontException {
        if (index < 0 || index >= faceOffsets.length) {
            throw new FontException(path + ": face " + index + " does not exist (the file has " + faceOffsets.length + ")");
        }
        String source = faceOffsets.length == 1 ? path.toString() : path + "#" + index;
        try {
            return new Face(data, faceOffsets[index], source);
        } catch (Malformed e) {
            throw new FontException(source + ": not a usable font: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // Every read is checked, so this is a rule we did not think of: still the font's fault, never the kiosk's.
            throw new FontException(source + ": not a usable font: " + e, e);
        }
    }

    /** Every face of the file that opens; broken faces are left out. */
    public List<Face> faces() {
        List<Face> faces = new ArrayList<>();
        for (int i = 0; i < faceOffsets.length; i++) {
            try {
                faces.add(face(i));
            } catch (FontException e) {
                org.tinylog.Logger.warn("skipping face: {}", e.getMessage());
            }
        }
        return faces;
    }

    /** The face whose family name (in any language, case ignored) is the one asked for. */
    public Face face(String family) throws FontException {
        List<String> known = new ArrayList<>();
        for (Face f : faces()) {
            for (String name : f.familyNames()) {
                if (name.toLowerCase(Locale.ROOT).equals(family.toLowerCase(Locale.ROOT))) return f;
            }
            known.add(f.family());
        }
        throw new FontException(path + ": no face named '" + family + "' (the file has: " + String.join(", ", known) + ")");
    }
}
