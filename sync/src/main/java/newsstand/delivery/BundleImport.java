package newsstand.delivery;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import newsstand.issue.Manifest;
import newsstand.store.Deliveries;
import newsstand.store.StoreException;
import org.tinylog.Logger;

/**
 * An offline bundle (a USB stick, `newsstand import`: PROTOCOL.md, "Bundles") taken as if its manifest and chunks
 * had come from the broker: offered to the {@link Receiver}, which judges, stores, tries and activates it by the same
 * code. What became of it is said as it is: activated, held until its embargo, already stored, or refused, each with
 * its event. The file is only read. Sync thread only.
 */
final class BundleImport {
    /** What became of a bundle, with the event that says so. */
    enum Outcome {
        ACTIVATED("imported"), EMBARGOED("import-embargoed"), ALREADY_STORED("import-already-stored"), REFUSED("import-refused");

        final String event;

        Outcome(String event) {
            this.event = event;
        }

        /** As the status's lastImport gives it: activated, embargoed, already-stored, refused. */
        String word() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** What became of a bundle: the outcome, the embargo's end when held (else null), and the line that says it. */
    record Result(Outcome outcome, Instant until, String line) {}

    private final Receiver receiver;
    private final Deliveries deliveries;
    private final Outbox outbox;
    private final StatusReport status;
    private final Receiver.Report report;

    BundleImport(Receiver receiver, Deliveries deliveries, Outbox outbox, StatusReport status, Receiver.Report report) {
        this.receiver = receiver;
        this.deliveries = deliveries;
        this.outbox = outbox;
        this.status = status;
        this.report = report;
    }

    /** Imports a bundle; returns what became of it. */
    Result take(Path file) throws StoreException {
        String said = "bundle " + file.getFileName() + ": ";
        Manifest m = null;
        try (Bundle b = Bundle.open(file)) {
            byte[] envelope = b.manifest();
            m = Manifest.read(envelope);
            String rejected = receiver.offer(m.issue(), envelope);
            if (rejected != null) return refused(said, m, rejected);
            Download d = receiver.download();
            if (d == null || !d.issue().equals(m.issue()) || d.manifest.sequence() != m.sequence()) {
                if (installed(m)) return taken(Outcome.ALREADY_STORED, said, m, "is already stored; nothing to do");
                return refused(said, m, "not taken now (" + status.lastError() + ")");
            }
            receiver.importing(true);
            for (int i = 0; i < m.chunks().size() && receiver.download() == d; i++) {
                if (!d.has(i)) receiver.offerChunk(m, i, b.chunk(i));
            }
            if (receiver.download() == d) {
                receiver.dropDownload();
                return refused(said, m, "its chunks do not match the signed manifest (" + status.lastError() + ")");
            }
        } catch (Bundle.Invalid | Manifest.Rejected e) {
            return refused(said, m, e.getMessage());
        } finally {
            receiver.importing(false);
        }
        if (!installed(m)) return refused(said, m, status.lastError());
        return taken(Outcome.ACTIVATED, said, m, "imported and activated");
    }

    private boolean installed(Manifest m) throws StoreException {
        Optional<Deliveries.Download> d = deliveries.download(m.issue());
        return d.isPresent() && d.get().sequence() == m.sequence() && d.get().state().equals("installed");
    }

    /** A bundle stored: activated, or held until its embargo ends; already stored, and perhaps still held. */
    private Result taken(Outcome outcome, String said, Manifest m, String what) throws StoreException {
        Instant until = deliveries.embargo(m.issue()).orElse(null);
        if (until != null && outcome == Outcome.ACTIVATED) {
            outcome = Outcome.EMBARGOED;
            what = "imported and held until " + until + " (its embargo); shown from then";
        } else if (until != null) {
            what += "; held until " + until + " (its embargo)";
        }
        String line = said + m.issue() + " (sequence " + m.sequence() + ") " + what;
        outbox.add(outcome.event, m.issue(), m.sequence(), line);
        Logger.info("sync: {}", line);
        return new Result(outcome, until, line);
    }

    private Result refused(String said, Manifest m, String reason) throws StoreException {
        String line = said + "refused: " + reason;
        outbox.add(Outcome.REFUSED.event, m == null ? null : m.issue(), m == null ? -1 : m.sequence(), line);
        report.error(line);
        return new Result(Outcome.REFUSED, null, line);
    }
}
