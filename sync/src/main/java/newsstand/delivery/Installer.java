package newsstand.delivery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import newsstand.store.StoreException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import newsstand.issue.Issue;
import newsstand.issue.IssuePackage;
import newsstand.issue.Manifest;
import newsstand.issue.PackageException;
import newsstand.store.Deliveries;
import org.tinylog.Logger;

/**
 * Installs a complete download: its files written from the stored chunks into a folder beside the store, read and
 * validated as a package, then stored and activated in one transaction with its event; then old issues retired.
 * Called on the sync thread only; the installation itself runs on a thread of its own while the sync thread waits.
 */
final class Installer {
    private final SyncSettings settings;
    private final Deliveries deliveries;
    private final Outbox outbox;
    private final Trial trial;

    Installer(SyncSettings settings, Deliveries deliveries, Outbox outbox, Trial trial) {
        this.settings = settings;
        this.deliveries = deliveries;
        this.outbox = outbox;
        this.trial = trial;
    }

    /** An issue that failed its trial: refused for good, its rejection queued. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    /**
     * Installs the download's issue once it has composed and puts it on its publication's shelf, or, under an
     * embargo that has not ended, keeps it until then; returns whether it is shown now. Throws PackageException for a
     * package that is not valid (the download is dropped and the rejection queued), Refused for one that failed its
     * trial (the same, and remembered); any other exception leaves the download to be tried again.
     */
    boolean install(Manifest m) throws PackageException, Refused, StoreException, IOException, StoreException {
        // On a thread of lower priority (nice 10; the trial's thread inherits it), the sync thread waiting: writing,
        // checking, composing and storing a new issue take a second or more of CPU, which on one core the display's
        // page turns come before (DeliveryBenchmark with -Ddelivery.cpus=0 -Ddelivery.turns=true).
        java.util.concurrent.Future<Boolean> f = worker.submit(() -> installing(m));
        try {
            return f.get();
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("the installation of " + m.issue() + " was interrupted (the kiosk is stopping)");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof PackageException p) throw p;
            if (c instanceof Refused r) throw r;
            if (c instanceof StoreException s) throw s;
            if (c instanceof IOException i) throw i;
            if (c instanceof RuntimeException r) throw r;
            if (c instanceof Error err) throw err;
            throw new IllegalStateException(c);
        }
    }

    /**
     * The installing thread's nice value: 10 (the display's thread, at 0, gets about nine tenths of a shared core).
     * The system property {@code newsstand.sync.install-nice} sets another (0: as the display).
     */
    private static final int INSTALL_NICE = Integer.getInteger("newsstand.sync.install-nice", 10);

    /** The installing thread: started when first needed, at {@link #INSTALL_NICE} once it runs. */
    private final java.util.concurrent.ExecutorService worker = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(() -> {
            Niceness.lowerThisThread(INSTALL_NICE);
            r.run();
        }, "sync-install");
        t.setDaemon(true);
        return t;
    });

    private boolean installing(Manifest m) throws PackageException, Refused, StoreException, IOException, StoreException {
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
                if (!issue.publication().equals(m.publication())) {
                    throw new PackageException(folder.toString(), List.of("issue.json publication is " + issue.publication()
                            + ", the manifest says " + m.publication()));
                }
            } catch (PackageException e) {
                deliveries.drop(m.issue());
                outbox.add("rejected", m.issue(), m.sequence(), "package invalid: " + e.getMessage());
                throw e;
            }
            String failed = tryComposing(issue, m.sequence(), folder);
            if (failed != null) {
                deliveries.refuse(m.issue(), m.sequence(), failed, outbox.event("rejected", m.issue(), m.sequence(), failed));
                throw new Refused(failed);
            }
            Instant embargo = m.activateAt() != null && m.activateAt().isAfter(Instant.now()) ? m.activateAt() : null;
            deliveries.install(issue, m.sequence(), embargo, file -> Files.newInputStream(folder.resolve(file)), embargo == null
                    ? outbox.event("activated", m.issue(), m.sequence(), null)
                    : outbox.event("embargoed", m.issue(), m.sequence(), "stored; shown from " + embargo));
            if (embargo != null) {
                Logger.info("sync: {} (sequence {}) stored under embargo; shown from {}", m.issue(), m.sequence(), embargo);
                return false;
            }
            Logger.info("sync: {} (sequence {}) is now the shown issue of {}", m.issue(), m.sequence(), m.publication());
            return true;
        } finally {
            try {
                delete(folder);
            } catch (IOException e) {
                Logger.warn("sync: cannot remove {}: {}", folder, e.getMessage());
            }
        }
    }

    /**
     * Composes the issue on a thread of its own within the settings' time, written down first so that a kiosk that
     * dies meanwhile refuses it at the next start. Returns why it failed, or null.
     */
    private String tryComposing(Issue issue, long sequence, Path folder) throws StoreException, IOException {
        deliveries.beginTrial(issue.id(), sequence);
        FutureTask<Void> task = new FutureTask<>(() -> {
            holdTrial(issue.id());
            trial.compose(issue, file -> Files.newInputStream(folder.resolve(file)));
            return null;
        });
        Thread t = new Thread(task, "trial-" + issue.id());
        t.setDaemon(true);
        long start = System.nanoTime();
        t.start();
        try {
            task.get(settings.trialTimeout().toMillis(), TimeUnit.MILLISECONDS);
            deliveries.endTrial();
            Logger.info("sync: {} composed in {} ms", issue.id(), (System.nanoTime() - start) / 1_000_000);
            return null;
        } catch (TimeoutException e) {
            task.cancel(true);
            return "it did not compose within " + settings.trialTimeout().toSeconds() + " s";
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof OutOfMemoryError) return "it does not compose within the kiosk's memory (" + cause.getMessage() + ")";
            return "it does not compose: " + cause;
        } catch (InterruptedException e) {
            // The kiosk is stopping, through no fault of the issue's: it is tried again at the next start.
            task.cancel(true);
            deliveries.endTrial();
            Thread.currentThread().interrupt();
            throw new IOException("its trial was interrupted (the kiosk is stopping)");
        }
    }

    /**
     * The crash test's seam: with the system property {@code newsstand.sync.hold-trial-ms} set, a trial waits that
     * long once it is written down, so that a test can kill the kiosk in the middle of it. Never set on a kiosk.
     */
    private static void holdTrial(String issue) throws InterruptedException {
        long ms = Long.getLong("newsstand.sync.hold-trial-ms", 0);
        if (ms <= 0) return;
        Logger.warn("sync: trial of {} written down, holding it for {} ms (newsstand.sync.hold-trial-ms)", issue, ms);
        Thread.sleep(ms);
    }

    /** Removes the issues beyond the kept number and the quota (never the active and the previous one). */
    void retire() throws StoreException {
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
