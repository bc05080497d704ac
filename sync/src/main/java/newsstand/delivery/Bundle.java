package newsstand.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import newsstand.issue.Manifest;
import newsstand.issue.PackageException;

/**
 * An offline delivery (PROTOCOL.md, "Bundles"): a ZIP file (.nsb) holding an issue's signed manifest exactly as it is
 * published to the broker ({@code manifest}) and its chunks ({@code chunks/0}, {@code chunks/1}, ...). A kiosk takes
 * it through the same checks as over MQTT: the signature, the fleet, the expiry, the sequence, each chunk's hash.
 * Read one entry at a time (a chunk is at most 64 KiB), never written to: a USB stick stays as it was.
 */
public final class Bundle implements AutoCloseable {
    public static final String SUFFIX = ".nsb";
    static final String MANIFEST = "manifest";
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

    /** What a bundle wrote: the issue, its sequence, bytes and chunks. */
    public record Written(String issue, long sequence, long bytes, int chunks) {}

    /**
     * Validates a package folder, signs its manifest for a fleet and writes the bundle (atomically: a file that is
     * there is complete).
     */
    public static Written write(String fleet, PrivateKey key, String keyId, Path folder, long sequence, Instant expires,
                                Instant activateAt, Path out) throws PackageException, DeliveryException, IOException {
        Publisher.Signed signed = Publisher.sign(fleet, key, keyId, folder, sequence, expires, activateAt);
        Manifest m = signed.manifest();
        Path dir = out.toAbsolutePath().getParent();
        Path part = Files.createTempFile(dir, out.getFileName().toString(), ".part");
        try {
            try (OutputStream file = Files.newOutputStream(part); ZipOutputStream zip = new ZipOutputStream(file)) {
                zip.setLevel(1);
                zip.putNextEntry(new ZipEntry(MANIFEST));
                zip.write(signed.envelope());
                zip.closeEntry();
                Publisher.chunks(folder, m.files(), (i, bytes, n) -> {
                    try {
                        zip.putNextEntry(new ZipEntry("chunks/" + i));
                        zip.write(bytes, 0, n);
                        zip.closeEntry();
                    } catch (IOException e) {
                        throw new DeliveryException("writing " + out + ": " + e.getMessage(), e);
                    }
                });
            }
            Files.move(part, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(part);
        }
        return new Written(m.issue(), m.sequence(), Files.size(out), m.chunks().size());
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
        return entry("chunks/" + i, Manifest.CHUNK_SIZE);
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
