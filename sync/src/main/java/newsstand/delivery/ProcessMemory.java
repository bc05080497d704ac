package newsstand.delivery;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * This process's memory as the machine sees it (Linux): its anonymous memory, which only the process can give back,
 * and the font files' pages in the kernel's page cache, which the kernel shares and drops under pressure whether
 * the fonts are mapped or read with positional reads. The resident set (VmRSS) counts a font's pages only while
 * they are mapped and touched: a positional read fills the same cache without showing in it, so RSS alone was the
 * wrong yardstick (issue 35). Everything here is -1 or empty where it cannot be read (not Linux).
 */
public final class ProcessMemory {
    private static final Path STATUS = Path.of("/proc/self/status");
    /** The granularity of the page-cache count: the smallest page size Linux has; larger pages count per 4 KiB. */
    private static final int PAGE = 4096;
    /** The first line of a mapping in smaps: its address range (the lines of its figures start with a name). */
    private static final java.util.regex.Pattern MAPPING = java.util.regex.Pattern.compile("[0-9a-f]+-[0-9a-f]+ ");

    private ProcessMemory() {}

    /** A field of /proc/self/status in MiB (VmRSS, RssAnon, RssFile, VmHWM), or -1. */
    public static double statusMb(String field) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(field + ":")) return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return -1;
    }

    /**
     * The fonts this process uses (font files it maps or holds open), how many of their bytes are in the page cache
     * (resident whoever read them, counted with mincore) and how many of those are mapped into this process (the part
     * of them that its RSS shows, from /proc/self/smaps).
     */
    public record Fonts(int files, long sizeBytes, long cachedBytes, long mappedBytes) {
        public static final Fonts NONE = new Fonts(0, 0, 0, 0);

        public double cachedMb() { return cachedBytes / 1048576.0; }
        public double mappedMb() { return mappedBytes / 1048576.0; }
        public double sizeMb() { return sizeBytes / 1048576.0; }
    }

    /**
     * Counts the font files' pages now. Cost: one read of /proc/self/smaps and of /proc/self/fd, then for each file a
     * read-only mapping (address space only: nothing is read or faulted in; it goes at the next collection) and one
     * mincore call per 4 KiB through {@link MappedByteBuffer#isLoaded} on page-sized slices, a run of 64 resident
     * pages at once: a few milliseconds for the two 19 MB Noto CJK collections.
     */
    public static Fonts fonts() {
        Set<Path> files = new TreeSet<>();
        long mapped = fontFiles(files);
        if (mapped < 0) return Fonts.NONE;
        long size = 0, cached = 0;
        int counted = 0;
        for (Path file : files) {
            long[] c = cached(file);
            if (c == null) continue;
            counted++;
            size += c[0];
            cached += c[1];
        }
        return new Fonts(counted, size, cached, mapped);
    }

    /** The font files this process maps or holds open (empty where /proc cannot be read). */
    public static Set<Path> fontFiles() {
        Set<Path> files = new TreeSet<>();
        fontFiles(files);
        return files;
    }

    /** Adds the font files this process maps or holds open; returns the bytes of them mapped and resident, or -1. */
    private static long fontFiles(Set<Path> files) {
        long mapped = 0;
        try {
            String current = null;
            for (String line : Files.readAllLines(Path.of("/proc/self/smaps"))) {
                if (MAPPING.matcher(line).lookingAt()) {
                    String[] f = line.trim().split("\\s+", 6);
                    current = f.length == 6 && isFont(f[5]) ? f[5] : null;
                    if (current != null) files.add(Path.of(current));
                } else if (current != null && line.startsWith("Rss:")) {
                    mapped += Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    Path target = Files.readSymbolicLink(fd);
                    if (isFont(target.toString())) files.add(target);
                } catch (IOException e) {
                    // closed meanwhile (the stream's own descriptor)
                }
            }
        } catch (IOException e) {
            // no /proc/self/fd: the mapped ones only
        }
        return mapped;
    }

    /**
     * The major page faults of this process so far (/proc/self/stat's majflt: pages it waited for the disk for, the
     * file pages it touched after the kernel had dropped them), or -1.
     */
    public static long majorFaults() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[9]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static boolean isFont(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".ttf") || n.endsWith(".ttc") || n.endsWith(".otf") || n.endsWith(".otc");
    }

    /** The bytes of a file in the page cache (mincore), or -1 when it cannot be read. */
    public static long cachedBytes(Path file) {
        long[] c = cached(file);
        return c == null ? -1 : c[1];
    }

    /** Whether a file's name is a font file's (.ttf, .ttc, .otf, .otc). */
    public static boolean isFontFile(Path file) {
        return isFont(file.getFileName().toString());
    }

    /** {size, bytes in the page cache} of a file, or null when it cannot be read. */
    static long[] cached(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size == 0 || size > Integer.MAX_VALUE) return new long[] {size, 0};
            MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            int run = 64 * PAGE;
            long resident = 0;
            for (int at = 0; at < size; ) {
                int n = (int) Math.min(run, size - at);
                if (map.slice(at, n).isLoaded()) {
                    resident += n;
                } else {
                    for (int p = at; p < at + n; p += PAGE) {
                        int len = Math.min(PAGE, at + n - p);
                        if (map.slice(p, len).isLoaded()) resident += len;
                    }
                }
                at += n;
            }
            return new long[] {size, resident};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
