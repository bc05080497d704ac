package newsstand.delivery;

import java.nio.file.Path;
import newsstand.store.StoreException;
import java.util.Optional;
import newsstand.issue.Manifest;
import newsstand.store.Deliveries;
import org.tinylog.Logger;

/**
 * An offline bundle (a USB stick, `newsstand import`: PROTOCOL.md, "Bundles") taken as if its manifest and chunks
 * had come from the broker: offered to the {@link Receiver}, which judges, stores, tries and activates it by the same
 * code, with an "imported" or "import-refused" event. The file is only read. Sync thread only.
 */
final class BundleImport {
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

    /** Imports a bundle; returns what became of it, in a line. */
    String take(Path file) throws StoreException {
        String said = "bundle " + file.getFileName() + ": ";
        Manifest m = null;
        try (Bundle b = Bundle.open(file)) {
            byte[] envelope = b.manifest();
            m = Manifest.read(envelope);
            String rejected = receiver.offer(m.issue(), envelope);
            if (rejected != null) return refused(said, m, rejected);
            Download d = receiver.download();
            if (d == null || !d.issue().equals(m.issue()) || d.manifest.sequence() != m.sequence()) {
                Optional<Deliveries.Download> had = deliveries.download(m.issue());
                if (had.isPresent() && had.get().sequence() == m.sequence() && had.get().state().equals("installed")) {
                    return said + m.issue() + " (sequence " + m.sequence() + ") is already stored; nothing to do";
                }
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
        Optional<Deliveries.Download> now = deliveries.download(m.issue());
        if (now.isEmpty() || now.get().sequence() != m.sequence() || !now.get().state().equals("installed")) {
            return refused(said, m, status.lastError());
        }
        String result = said + m.issue() + " (sequence " + m.sequence() + ") imported and activated";
        outbox.add("imported", m.issue(), m.sequence(), result);
        Logger.info("sync: {}", result);
        return result;
    }

    private String refused(String said, Manifest m, String reason) throws StoreException {
        String result = said + "refused: " + reason;
        outbox.add("import-refused", m == null ? null : m.issue(), m == null ? -1 : m.sequence(), result);
        report.error(result);
        return result;
    }
}
