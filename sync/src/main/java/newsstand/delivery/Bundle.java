package newsstand.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import newsstand.issue.Manifest;

/**
 * An offline delivery (PROTOCOL.md, "Bundles"): a ZIP file (.nsb) holding an issue's signed manifest exactly as it is
 * published to the broker ({@code manifest}) and its chunks ({@code chunks/0}, {@code chunks/1}, ...). A kiosk takes
 * it through the same checks as over MQTT: the signature, the fleet, the expiry, the sequence, each chunk's hash.
 * Read one entry at a time (a chunk is at most 64 KiB), never written to: a USB stick stays as it was. The desk
 * writes it ({@code newsstand.desk.Desk#bundle}).
 */
public final class Bundle implements AutoCloseable {
    public static final String SUFFIX = ".nsb";
    /** The entry holding the signed manifest, as published to the broker. */
    public static final String MANIFEST = "manifest";
    private final Path file;
    private final ZipFile zip;

    private Bundle(Path file, ZipFile zip) {
        this.file = file;
        this.zip = zip;
    }

    /** A bundle file's content is not what a bundle holds; the message names the file and what is wrong. */
    public static final class Invalid extends Exception {
        Invalid(Path file, String problem) {
            super("bundle " + file + ": " + problem);
        }
    }

    /** Opens a bundle for reading (only reading). */
    public static Bundle open(Path file) throws Invalid {
        try {
            return new Bundle(file, new ZipFile(file.toFile()));
        } catch (IOException e) {
            throw new Invalid(file, "not a readable bundle (" + e.getMessage() + "); allowed: a .nsb file made by `newsstand bundle`");
        }
    }

    /** The signed manifest, as published to the broker. */
    byte[] manifest() throws Invalid {
        return entry(MANIFEST, Manifest.MAX_ENVELOPE_BYTES);
    }

    /** Chunk i, at most a chunk's size. */
    byte[] chunk(int i) throws Invalid {
        return entry(chunkEntry(i), Manifest.CHUNK_SIZE);
    }

    /** The entry holding chunk i. */
    public static String chunkEntry(int i) {
        return "chunks/" + i;
    }

    private byte[] entry(String name, int max) throws Invalid {
        ZipEntry e = zip.getEntry(name);
        if (e == null) throw new Invalid(file, "entry '" + name + "' is missing (the file is cut short or not a bundle)");
        try (InputStream in = zip.getInputStream(e)) {
            byte[] bytes = in.readNBytes(max + 1);
            if (bytes.length > max) throw new Invalid(file, "entry '" + name + "' is over " + max + " bytes (allowed: at most " + max + ")");
            return bytes;
        } catch (IOException ex) {
            throw new Invalid(file, "entry '" + name + "' cannot be read (" + ex.getMessage() + ")");
        }
    }

    @Override
    public void close() {
        try {
            zip.close();
        } catch (IOException e) {
            // read only: nothing was left unwritten
        }
    }
}
