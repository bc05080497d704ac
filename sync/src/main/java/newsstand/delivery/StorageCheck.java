package newsstand.delivery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import newsstand.store.StoreException;

/**
 * Whether an issue fits before it is downloaded (PROTOCOL.md): its bytes within storage.quota-mb, and three times
 * its bytes (the chunks, the files written from them, the installed issue) and a reserve free on the store's file
 * system. And what a full disk looks like when it happens anyway.
 */
final class StorageCheck {
    /** A manifest that did not fit when it came: tried again every minute. */
    record Waiting(String issue, byte[] payload, long sinceNanos) {}

    private Waiting waiting;

    /** Whether this issue waits for room already (its rejection "not now" was said). */
    boolean waits(String issue) {
        return waiting != null && waiting.issue().equals(issue);
    }

    /** Remembers a manifest that does not fit now. */
    void waitFor(String issue, byte[] payload) {
        waiting = new Waiting(issue, payload, System.nanoTime());
    }

    /** The manifest fitted: nothing waits. */
    void fitted() {
        waiting = null;
    }

    /** The manifest to try again now (a minute after it last did not fit), or null. */
    Waiting due() {
        return waiting != null && System.nanoTime() - waiting.sinceNanos() > 60_000_000_000L ? waiting : null;
    }

    /** Kept free for SQLite's journal, the logs and the system. */
    static final long RESERVE = 16L << 20;

    /** Why an issue of these bytes does not fit now, or null when it does. */
    static String problem(Path store, long bytes, long quotaBytes) {
        if (bytes > quotaBytes) {
            return "it is " + mb(bytes) + " and storage.quota-mb allows " + mb(quotaBytes) + " for all issues (raise storage.quota-mb)";
        }
        Path folder = store.toAbsolutePath().getParent();
        try {
            long usable = Files.getFileStore(folder).getUsableSpace();
            long need = 3 * bytes + RESERVE;
            if (usable < need) {
                return "it needs " + mb(need) + " free to download and install and " + folder + " has " + mb(usable)
                        + " (it is taken as soon as there is room)";
            }
        } catch (IOException e) {
            return "the free space of " + folder + " cannot be read: " + e.getMessage();
        }
        return null;
    }

    /** A store error in words: a full disk says so, and that the kiosk goes on by itself when space returns. */
    static String explain(Path store, StoreException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("SQLITE_FULL") || m.contains("disk is full")) {
            Path folder = store.toAbsolutePath().getParent();
            long free = -1;
            try {
                free = Files.getFileStore(folder).getUsableSpace();
            } catch (IOException ignored) {
                // said as unknown
            }
            return "storage full: " + folder + " has " + (free < 0 ? "an unknown amount" : mb(free)) + " free; the download goes on by itself"
                    + " when there is room (old issues are removed by storage.keep-issues and storage.quota-mb)";
        }
        return "store " + store + ": " + m;
    }

    private static String mb(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }
}
