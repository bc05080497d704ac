package newsstand.kiosk;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Set;
import newsstand.delivery.Bundle;
import newsstand.delivery.DeliveryException;
import newsstand.delivery.DeviceSync;
import org.tinylog.Logger;

/**
 * The import folder (import.path, a USB stick's mount point): every few seconds, each bundle (*.nsb) not seen before
 * (by name, size and time) is handed to the sync, which verifies and activates it as an issue from the broker. The
 * folder is only read: nothing on the stick is written, moved or deleted. A stick taken out and put back is looked
 * at again.
 */
final class ImportFolder {
    static final long EVERY_MS = 5000;
    private final Path folder;
    private final DeviceSync sync;
    private final Set<String> seen = new HashSet<>();
    private boolean present;

    private ImportFolder(Path folder, DeviceSync sync) {
        this.folder = folder;
        this.sync = sync;
    }

    /** Starts watching the folder on a thread of its own. */
    static void start(Path folder, DeviceSync sync) {
        ImportFolder f = new ImportFolder(folder, sync);
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    f.look();
                    Thread.sleep(EVERY_MS);
                }
            } catch (InterruptedException e) {
                // stopping
            }
        }, "import-folder");
        t.setDaemon(true);
        t.start();
        Logger.info("kiosk: looking for bundles (*{}) in {}", Bundle.SUFFIX, folder);
    }

    void look() {
        if (!Files.isDirectory(folder)) {
            if (present) Logger.info("kiosk: import folder {} is gone (the stick was taken out)", folder);
            present = false;
            seen.clear();
            return;
        }
        if (!present) Logger.info("kiosk: import folder {} is there", folder);
        present = true;
        try (DirectoryStream<Path> bundles = Files.newDirectoryStream(folder, "*" + Bundle.SUFFIX)) {
            for (Path b : bundles) {
                BasicFileAttributes a = Files.readAttributes(b, BasicFileAttributes.class);
                if (!a.isRegularFile() || !seen.add(b.getFileName() + " " + a.size() + " " + a.lastModifiedTime().toMillis())) continue;
                Logger.info("kiosk: importing {}", b);
                try {
                    Logger.info("kiosk: {}", sync.importBundle(b));
                } catch (DeliveryException e) {
                    Logger.error("kiosk: {}", e.getMessage());
                }
            }
        } catch (IOException e) {
            Logger.warn("kiosk: import folder {} cannot be read: {}", folder, e.toString());
        }
    }
}
