package newsstand.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * An issue package uploaded as a zip of its folder, taken apart safely: only plain files and folders under the
 * target (no "..", no absolute path, no backslash, no symbolic link, no name twice), within {@link #LIMITS}: entries,
 * bytes inflated in all and per entry, counted as they are inflated (a zip bomb's headers lie). The
 * zip's own central directory is read here too, for what java.util.zip does not tell: whether an entry is a symbolic
 * link (its Unix mode in the external attributes). A zip whose files all sit in one folder (zip -r x.zip DIR) is
 * taken from inside it. Anything refused throws {@link ApiError} (400 or 413); the caller removes what was written.
 */
final class PackageZip {
    /** What a zip may hold: entries, bytes inflated in all, and how many times its compressed size an entry may inflate to. */
    record Limits(int entries, long bytes, int ratio) {}

    /**
     * An upload's limits: 2,000 entries (a package's photos), 128 MB inflated (twice the largest upload: photos are
     * compressed already), an entry at most 100 times its compressed size past its first megabyte (text compresses
     * 5 to 10 times; runs of zeros, a bomb's stuff, 1,000 times).
     */
    static final Limits LIMITS = new Limits(2_000, 128L << 20, 100);
    private static final int EOCD = 0x06054b50, CENTRAL = 0x02014b50, LOCAL = 0x04034b50;
    private static final int S_IFMT = 0170000, S_IFLNK = 0120000;

    private PackageZip() {}

    /** Extracts the zip file into the folder (created, empty); returns the folder that holds issue.json. */
    static Path extract(Path zip, Path into) throws ApiError, IOException {
        return extract(zip, into, LIMITS);
    }

    /** As {@link #extract(Path, Path)}, within the limits given. */
    static Path extract(Path zip, Path into, Limits limits) throws ApiError, IOException {
        int maxEntries = limits.entries();
        long maxBytes = limits.bytes();
        Map<String, Integer> modes = centralDirectory(zip, maxEntries);
        Files.createDirectories(into);
        Set<String> seen = new HashSet<>();
        long total = 0;
        try (ZipFile z = new ZipFile(zip.toFile(), StandardCharsets.UTF_8)) {
            if (z.size() > maxEntries) throw new ApiError(413, "the zip has " + z.size() + " entries (allowed: up to " + maxEntries + ")");
            byte[] buffer = new byte[64 * 1024];
            Enumeration<? extends ZipEntry> entries = z.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                String name = e.getName();
                check(name);
                Integer mode = modes.get(name);
                if (mode == null) throw ApiError.bad("the zip's entry " + quoted(name) + " is not in its central directory (the zip is damaged)");
                if ((mode & S_IFMT) == S_IFLNK) throw ApiError.bad("the zip's entry " + quoted(name) + " is a symbolic link (allowed: plain files and folders)");
                String key = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
                if (!seen.add(key)) throw ApiError.bad("the zip holds " + quoted(name) + " twice");
                Path target = into.resolve(key).normalize();
                if (!target.startsWith(into)) throw ApiError.bad("the zip's entry " + quoted(name) + " points outside its folder");
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = z.getInputStream(e);
                     OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                             LinkOption.NOFOLLOW_LINKS)) {
                    long entry = 0;
                    long most = Math.max(0, e.getCompressedSize()) * limits.ratio() + (1 << 20);
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        total += n;
                        entry += n;
                        if (entry > most) {
                            throw new ApiError(413, "the zip's entry " + quoted(name) + " inflates to more than " + limits.ratio()
                                    + " times its compressed size (" + e.getCompressedSize() + " bytes): a zip bomb? (allowed: up to "
                                    + limits.ratio() + " times, past its first megabyte)");
                        }
                        if (total > maxBytes) {
                            throw new ApiError(413, "the zip inflates to more than " + maxBytes + " bytes (allowed: up to " + maxBytes
                                    + " in all; at " + quoted(name) + ")");
                        }
                        out.write(buffer, 0, n);
                    }
                } catch (java.nio.file.FileAlreadyExistsException x) {
                    throw ApiError.bad("the zip holds " + quoted(name) + " twice, or a file where a folder is");
                }
            }
        } catch (ZipException e) {
            throw ApiError.bad("the upload is not a zip file that can be read (" + e.getMessage() + ")");
        }
        if (Files.isRegularFile(into.resolve(newsstand.issue.IssuePackage.MANIFEST))) return into;
        List<Path> top = new ArrayList<>();
        try (var list = Files.list(into)) {
            list.forEach(top::add);
        }
        if (top.size() == 1 && Files.isDirectory(top.get(0)) && Files.isRegularFile(top.get(0).resolve(newsstand.issue.IssuePackage.MANIFEST))) {
            return top.get(0);
        }
        throw ApiError.bad("the zip holds no " + newsstand.issue.IssuePackage.MANIFEST + " (allowed: a zip of the package's folder, with "
                + newsstand.issue.IssuePackage.MANIFEST + " at its top or in its one folder)");
    }

    /** A name as it may be written in a message: printable, at most 100 characters, quoted. */
    static String quoted(String name) {
        String s = name.replaceAll("\\p{Cntrl}", "?");
        return "'" + (s.length() > 100 ? s.substring(0, 100) + "…" : s) + "'";
    }

    /** Refuses a name that could land outside the folder, or that no package file has. */
    private static void check(String name) throws ApiError {
        if (name.isEmpty() || name.length() > 512) throw ApiError.bad("the zip has an entry named " + quoted(name) + " (allowed: 1 to 512 characters)");
        if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) throw ApiError.bad("the zip's entry " + quoted(name) + " is an absolute path (allowed: paths inside the package)");
        if (name.contains("\\")) throw ApiError.bad("the zip's entry " + quoted(name) + " holds a backslash (allowed: '/' between folders)");
        if (name.indexOf('\0') >= 0) throw ApiError.bad("the zip's entry " + quoted(name) + " holds a NUL character");
        String trimmed = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        for (String part : trimmed.split("/", -1)) {
            if (part.equals("..")) throw ApiError.bad("the zip's entry " + quoted(name) + " climbs out of its folder with '..' (allowed: paths inside the package)");
            if (part.isEmpty() || part.equals(".")) throw ApiError.bad("the zip's entry " + quoted(name) + " has an empty or '.' part");
        }
    }

    /**
     * Each entry's Unix mode (0 when the zip was made elsewhere) by name, from the central directory, which is
     * walked within the file's bounds; a file that is no zip is refused here.
     */
    private static Map<String, Integer> centralDirectory(Path zip, int maxEntries) throws ApiError, IOException {
        try (FileChannel ch = FileChannel.open(zip, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer head = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(head, 0);
            if (size < 22 || head.getInt(0) != LOCAL) {
                throw ApiError.bad("the upload is not a zip file (it does not start with a zip entry's signature)");
            }
            int tail = (int) Math.min(size, 22 + 65535);
            ByteBuffer end = ByteBuffer.allocate(tail).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(end, size - tail);
            int at = -1;
            for (int i = tail - 22; i >= 0; i--) {
                if (end.getInt(i) == EOCD) {
                    at = i;
                    break;
                }
            }
            if (at < 0) throw ApiError.bad("the upload is not a zip file that can be read (its end record is missing: cut short?)");
            int count = end.getShort(at + 10) & 0xFFFF;
            long cdSize = end.getInt(at + 12) & 0xFFFFFFFFL;
            long cdOffset = end.getInt(at + 16) & 0xFFFFFFFFL;
            if (count == 0xFFFF || cdOffset == 0xFFFFFFFFL) throw ApiError.bad("the zip is a ZIP64 archive (allowed: a plain zip up to 4 GB)");
            if (count > maxEntries) throw new ApiError(413, "the zip has " + count + " entries (allowed: up to " + maxEntries + ")");
            if (cdOffset + cdSize > size || cdSize > 64L << 20) throw ApiError.bad("the upload is not a zip file that can be read (its directory lies outside it)");
            ByteBuffer cd = ByteBuffer.allocate((int) cdSize).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(cd, cdOffset);
            Map<String, Integer> modes = new HashMap<>();
            int p = 0;
            for (int i = 0; i < count; i++) {
                if (p + 46 > cdSize || cd.getInt(p) != CENTRAL) throw ApiError.bad("the upload is not a zip file that can be read (its directory is damaged)");
                int madeBy = (cd.getShort(p + 4) & 0xFFFF) >>> 8;
                int nameLength = cd.getShort(p + 28) & 0xFFFF, extra = cd.getShort(p + 30) & 0xFFFF, comment = cd.getShort(p + 32) & 0xFFFF;
                int external = cd.getInt(p + 38);
                if (p + 46 + nameLength > cdSize) throw ApiError.bad("the upload is not a zip file that can be read (its directory is damaged)");
                byte[] name = new byte[nameLength];
                cd.get(p + 46, name);
                // Host 3 is Unix (and 19, OS X): the mode is in the upper half of the external attributes.
                modes.put(new String(name, StandardCharsets.UTF_8), madeBy == 3 || madeBy == 19 ? external >>> 16 : 0);
                p += 46 + nameLength + extra + comment;
            }
            return modes;
        }
    }
}
