package newsstand.delivery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import newsstand.issue.Issue;
import newsstand.issue.IssuePackage;
import newsstand.issue.Manifest;
import newsstand.issue.PackageException;
import newsstand.store.Deliveries;
import newsstand.store.StoreException;
import org.tinylog.Logger;

/**
 * Installs a complete download: its files written from the stored chunks into a folder beside the store, read and
 * validated as a package, then stored and activated in one transaction with its event; then old issues retired.
 * Sync thread only.
 */
final class Installer {
    private final DeviceSync.Settings settings;
    private final Deliveries deliveries;
    private final Outbox outbox;

    Installer(DeviceSync.Settings settings, Deliveries deliveries, Outbox outbox) {
        this.settings = settings;
        this.deliveries = deliveries;
        this.outbox = outbox;
    }

    /**
     * Installs and activates the download's issue. Throws PackageException for a package that is not valid (the
     * download is dropped and the rejection queued); any other exception leaves the download to be tried again.
     */
    void install(Manifest m) throws PackageException, SQLException, IOException, StoreException {
        // Beside the store and named after it: two stores in one folder never share it.
        Path store = settings.store().toAbsolutePath();
        Path folder = store.resolveSibling(store.getFileName() + ".incoming-" + m.issue());
        try {
            outbox.add("verified", m.issue(), m.sequence(), null);
            Logger.info("sync: {} complete, every chunk verified; installing", m.issue());
            delete(folder);
            Files.createDirectories(folder);
            deliveries.writeFiles(m, folder);
            Issue issue;
            try {
                issue = IssuePackage.read(folder);
                if (!issue.id().equals(m.issue())) {
                    throw new PackageException(folder.toString(), List.of("issue.json id is " + issue.id() + ", the manifest says " + m.issue()));
                }
            } catch (PackageException e) {
                deliveries.drop(m.issue());
                outbox.add("rejected", m.issue(), m.sequence(), "package invalid: " + e.getMessage());
                throw e;
            }
            deliveries.install(issue, m.sequence(), file -> Files.newInputStream(folder.resolve(file)),
                    outbox.event("activated", m.issue(), m.sequence(), null));
            Logger.info("sync: {} (sequence {}) is now the active issue", m.issue(), m.sequence());
        } finally {
            try {
                delete(folder);
            } catch (IOException e) {
                Logger.warn("sync: cannot remove {}: {}", folder, e.getMessage());
            }
        }
    }

    /** Removes the issues beyond the kept number and the quota (never the active and the previous one). */
    void retire() throws SQLException, StoreException {
        List<String> removed = deliveries.retain(settings.keepIssues(), settings.quotaBytes());
        if (!removed.isEmpty()) Logger.info("sync: retention removed {}", removed);
    }

    private static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) return;
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
