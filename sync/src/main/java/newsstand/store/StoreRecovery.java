package newsstand.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.tinylog.Logger;

/**
 * A kiosk's store at start: one that cannot be opened or fails its check (a file damaged by a failing SD card, a
 * power cut on a card that lies about syncing) is moved aside, kept for a technician, and a fresh one takes its place;
 * the kiosk syncs its issues again from the broker. Storage the kiosk cannot write to is named and stops the start.
 */
public final class StoreRecovery {
    private StoreRecovery() {}

    /** The store, and what was wrong with the one moved aside (null when none was). */
    public record Opened(IssueStore store, String replaced) {}

    public static Opened open(Path file) throws StoreException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && Files.isDirectory(parent) && !Files.isWritable(parent)) {
            throw new StoreException("store " + file + ": folder " + parent + " is read-only (storage.path must be on storage the kiosk can write)");
        }
        String wrong;
        try {
            IssueStore store = IssueStore.open(file);
            String check = store.quickCheck();
            if ("ok".equals(check)) return new Opened(store, null);
            store.close();
            wrong = "its check found damage (" + check + ")";
        } catch (StoreException e) {
            // A missing folder or a store from a newer program is not damage: say so and stop.
            if (!Files.isRegularFile(file) || e.getMessage().contains("is newer than this program's")) throw e;
            wrong = e.getMessage();
        }
        Path aside = file.resolveSibling(file.getFileName() + ".damaged-"
                + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now()));
        try {
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                Path f = file.resolveSibling(file.getFileName() + suffix);
                if (Files.exists(f)) Files.move(f, aside.resolveSibling(aside.getFileName() + suffix), StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new StoreException("store " + file + " is damaged (" + wrong + ") and cannot be moved aside: " + e.getMessage(), e);
        }
        String replaced = "store " + file + " was damaged (" + wrong + "); moved aside to " + aside + " and started afresh, taking the issues again from the broker";
        Logger.error("kiosk: {}", replaced);
        return new Opened(IssueStore.open(file), replaced);
    }
}
