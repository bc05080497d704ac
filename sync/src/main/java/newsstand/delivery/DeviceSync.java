package newsstand.delivery;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import newsstand.issue.HighWaterReset;
import newsstand.issue.Manifest;
import newsstand.issue.PackageException;
import newsstand.issue.Withdrawal;
import newsstand.store.Deliveries;
import newsstand.store.Events;
import newsstand.store.IssueStore;
import newsstand.store.StoreException;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.tinylog.Logger;

/**
 * A kiosk's side of delivery (PROTOCOL.md). Over a persistent MQTT session ({@link BrokerSession}) the kiosk learns
 * of signed manifests ({@link ManifestPolicy} decides which to take), then asks for the chunks it lacks one at a
 * time ({@link Download}), each on its own retained topic; a chunk is checked against the signed hash, committed to
 * SQLite and only then acknowledged, so an interruption of any kind costs at most the chunk in flight. A complete
 * issue is installed and shown in one transaction ({@link Installer}), or kept until its embargo ends; a signed
 * withdrawal takes one off again. What happened is reported through the {@link Outbox} and the {@link StatusReport}.
 *
 * <p>Threads: one. Everything here and in the classes above runs on the {@link SyncThread}; Paho's callbacks, the
 * watch timer and the kiosk's calls ({@link #status()}, {@link #close()}) only hand it work.
 */
public final class DeviceSync implements AutoCloseable {
    private final SyncSettings settings;
    private final Trial trial;
    /** Told of each issue that came on or went off the shelf (activated, released from embargo, withdrawn). */
    private final Consumer<String> onActivated;
    /** When the next embargo ends (null: none); checked every second. */
    private java.time.Instant nextRelease;
    private final SyncThread thread;
    private final ManifestPolicy policy;
    private final StatusReport status;
    private IssueStore store;
    private Deliveries deliveries;
    private Outbox outbox;
    private Installer installer;
    private BrokerSession session;
    /** The download in progress, or null. */
    private Download download;
    /** A manifest that did not fit the storage when it came, tried again every minute. */
    private final StorageCheck room = new StorageCheck();
    private boolean showPending;
    /** A bundle is being imported: its chunks come from the file, none is asked of the broker. */
    private boolean importing;
    /** Why the last manifest judged was rejected, or null: what a bundle's import reports. */
    private String rejected;

    private DeviceSync(SyncSettings settings, Trial trial, Consumer<String> onActivated) {
        this.settings = settings;
        this.trial = trial;
        this.onActivated = onActivated;
        this.thread = new SyncThread(settings.device());
        this.policy = new ManifestPolicy(settings.fleet(), settings.trusted());
        this.status = new StatusReport(settings);
        thread.onFailure(this::error);
    }

    /**
     * Opens the store, resumes any unfinished download and starts connecting. onActivated runs on the sync thread
     * with the id of each issue that came on the shelf or went off it (withdrawn).
     */
    public static DeviceSync start(SyncSettings settings, Consumer<String> onActivated) throws StoreException, DeliveryException {
        return start(settings, Trial.NONE, onActivated);
    }

    /**
     * As {@link #start(Settings, Consumer)}, each complete issue first composed by the trial: one that fails it is
     * refused and never becomes active.
     */
    public static DeviceSync start(SyncSettings settings, Trial trial, Consumer<String> onActivated) throws StoreException, DeliveryException {
        DeviceSync sync = new DeviceSync(settings, trial, onActivated);
        try {
            sync.thread.call(() -> {
                sync.open();
                return null;
            }, 0);
        } catch (ExecutionException e) {
            sync.thread.shutdown();
            if (e.getCause() instanceof StoreException s) throw s;
            if (e.getCause() instanceof DeliveryException d) throw d;
            throw new DeliveryException("sync: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("sync start interrupted", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException(e); // no time limit was set
        }
        sync.thread.run(sync.session::connect);
        sync.thread.every(sync::watch, 1000);
        return sync;
    }

    private void open() throws StoreException, DeliveryException, SQLException {
        store = IssueStore.open(settings.store());
        deliveries = new Deliveries(store);
        outbox = new Outbox(deliveries, settings, thread);
        installer = new Installer(settings, deliveries, outbox, trial);
        Optional<Deliveries.Trial> died = deliveries.unfinishedTrial();
        if (died.isPresent()) {
            // The kiosk stopped while composing it (out of memory, killed): trying it again would stop it again.
            String reason = "the kiosk stopped while composing it (out of memory or killed); not tried again";
            Deliveries.Trial t = died.get();
            deliveries.refuse(t.issue(), t.sequence(), reason, outbox.event("rejected", t.issue(), t.sequence(), reason));
            status.error("issue " + t.issue() + " rejected: " + reason);
        }
        nextRelease = deliveries.shelving().nextRelease();
        Optional<Deliveries.Download> d = deliveries.unfinished();
        if (d.isPresent()) {
            try {
                Manifest m = policy.reopen(d.get().envelope(), d.get().issue());
                download = new Download(m, deliveries.stored(m.issue()));
                Logger.info("resuming download of {} (sequence {}): {} of {} chunks stored", m.issue(), m.sequence(),
                        download.stored(), m.chunks().size());
            } catch (Manifest.Rejected r) {
                Logger.warn("dropping the unfinished download of {}: {}", d.get().issue(), r.getMessage());
                deliveries.drop(d.get().issue());
            }
        }
        session = new BrokerSession(settings, thread, new BrokerSession.Listener() {
            @Override
            public void connected(boolean sessionPresent) {
                DeviceSync.this.connected();
            }

            @Override
            public void lost(String why) {
                connection.accept(false);
                if (download != null) download.requested(-1);
                outbox.lost();
                status.connectionError("connection to " + settings.broker().url() + " lost: " + why);
                publishStatus();
            }

            @Override
            public void message(String topic, MqttMessage message) {
                handle(topic, message);
            }

            @Override
            public void failed(String why) {
                connection.accept(false);
                status.connectionError(why);
                publishStatus();
            }
        }, () -> status.document(false, store, download, session.failures()));
    }

    /** Told each time the kiosk connects (true) or loses the broker (false), on the sync thread. */
    public void onConnection(Consumer<Boolean> listener) {
        thread.run(() -> connection = listener);
    }

    private Consumer<Boolean> connection = online -> {};

    /** Told, on the sync thread, of a download's progress: the issue and its percent, each time the percent grows. */
    public void onProgress(java.util.function.BiConsumer<String, Integer> listener) {
        thread.run(() -> progress = listener);
    }

    private java.util.function.BiConsumer<String, Integer> progress = (issue, percent) -> {};
    private int lastPercent = -1;

    private void progressed() {
        Download d = download;
        if (d == null) return;
        int percent = (int) (100L * d.stored() / d.manifest.chunks().size());
        if (percent == lastPercent) return;
        lastPercent = percent;
        progress.accept(d.issue(), percent);
    }

    private void connected() {
        connection.accept(true);
        status.connected();
        try {
            session.subscribe(Topics.manifests(settings.fleet()));
            session.subscribe(Topics.reset(settings.fleet()));
        } catch (MqttException e) {
            error("cannot subscribe to manifests: " + e.getMessage());
        }
        if (download != null) download.requested(-1);
        requestNext();
        publishStatus();
        outbox.flush(session);
    }

    private void handle(String topic, MqttMessage message) {
        try {
            String prefix = Topics.ROOT + settings.fleet() + "/";
            String[] parts = topic.startsWith(prefix) ? topic.substring(prefix.length()).split("/") : new String[0];
            if (parts.length == 1 && parts[0].equals("high-water")) {
                reset(message.getPayload());
            } else if (parts.length == 2 && parts[0].equals("issues")) {
                manifest(parts[1], message.getPayload());
            } else if (parts.length == 4 && parts[0].equals("chunks")) {
                chunk(parts[1], parts[2], parts[3], message.getPayload());
            } else {
                Logger.warn("sync: message on unexpected topic {} ignored", topic);
            }
        } catch (SQLException e) {
            error(StorageCheck.explain(settings.store(), e));
        } finally {
            // Acknowledged only now, after its commit: a chunk lost to a crash before this is sent again.
            session.acknowledge(message);
        }
    }

    private void manifest(String issue, byte[] payload) throws SQLException {
        if (Withdrawal.is(payload)) {
            withdraw(issue, payload);
            return;
        }
        if (payload.length == 0) {
            Logger.info("sync: issue {} was withdrawn from the broker", issue);
            if (download != null && download.issue().equals(issue)) {
                deliveries.drop(issue);
                unsubscribeRequested();
                download = null;
                publishStatus();
            }
            return;
        }
        ManifestPolicy.Verdict v = policy.judge(issue, payload, download == null ? null : download.manifest, deliveries);
        rejected = v.rejected();
        if (v.rejected() != null) {
            Logger.warn("sync: manifest of {} rejected: {}", issue, v.rejected());
            outbox.addNoise(v.sequence() < 0 ? "rejected:" + Outbox.kind(v.rejected()) : "rejected:" + issue, issue, v.sequence(), v.rejected());
            error("manifest of " + issue + " rejected: " + v.rejected());
            outbox.flush(session);
            return;
        }
        Manifest m = v.take();
        if (m == null) return;
        String noRoom = StorageCheck.problem(settings.store(), m.bytes(), settings.quotaBytes());
        if (noRoom != null) {
            // Not refused for good: space may come back (retention, a technician); tried again every minute.
            if (room.waitFor(issue, payload)) {
                outbox.add("rejected", issue, m.sequence(), "not now: " + noRoom);
                error("issue " + issue + " not taken now: " + noRoom);
                outbox.flush(session);
            }
            return;
        }
        room.fitted();
        unsubscribeRequested();
        deliveries.start(m, payload, outbox.event("downloading", m.issue(), m.sequence(), null));
        download = new Download(m, deliveries.stored(m.issue()));
        Logger.info("sync: downloading {} (sequence {}): {} bytes in {} chunks", m.issue(), m.sequence(), m.bytes(), m.chunks().size());
        lastPercent = -1;
        progressed();
        requestNext();
        publishStatus();
        outbox.flush(session);
    }

    /** The operator's withdrawal of an issue: applied once; a kiosk showing the issue falls back to the one before. */
    private void withdraw(String issue, byte[] payload) throws SQLException {
        try {
            Withdrawal w = policy.withdraw(issue, payload, deliveries, outbox);
            if (w == null) return;
            Logger.warn("sync: the operator withdrew {} up to sequence {} ({})", issue, w.sequence(), w.issued());
            if (download != null && download.issue().equals(issue) && download.manifest.sequence() <= w.sequence()) {
                unsubscribeRequested();
                download = null;
            }
            onActivated.accept(issue);
        } catch (Manifest.Rejected e) {
            outbox.addNoise("rejected:withdrawal", issue, -1, "withdrawal rejected: " + e.getMessage());
            error("withdrawal of " + issue + " rejected: " + e.getMessage());
        }
        publishStatus();
        outbox.flush(session);
    }

    /**
     * Imports an offline bundle (a USB stick, `newsstand import`) as if its manifest and chunks came from the broker:
     * the same checks, storage, trial and activation, with an "imported" or "rejected" event. Returns what became of
     * it, in a line. The file is only read.
     */
    public String importBundle(Path file) throws DeliveryException {
        try {
            return thread.call(() -> {
                String result = bundle(file);
                status.imported(result);
                publishStatus();
                outbox.flush(session);
                return result;
            }, 0);
        } catch (ExecutionException e) {
            throw new DeliveryException("bundle " + file + ": " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("bundle " + file + ": interrupted", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException(e); // no time limit was set
        }
    }

    private String bundle(Path file) throws SQLException {
        String said = "bundle " + file.getFileName() + ": ";
        Manifest m = null;
        try (Bundle b = Bundle.open(file)) {
            byte[] envelope = b.manifest();
            m = Manifest.read(envelope);
            rejected = null;
            manifest(m.issue(), envelope);
            if (rejected != null) return refused(said, m, rejected);
            if (download == null || !download.issue().equals(m.issue()) || download.manifest.sequence() != m.sequence()) {
                Optional<Deliveries.Download> had = deliveries.download(m.issue());
                if (had.isPresent() && had.get().sequence() == m.sequence() && had.get().state().equals("installed")) {
                    return said + m.issue() + " (sequence " + m.sequence() + ") is already stored; nothing to do";
                }
                return refused(said, m, "not taken now (" + status.lastError() + ")");
            }
            importing = true;
            Download d = download;
            for (int i = 0; i < m.chunks().size() && download == d; i++) {
                if (!d.has(i)) chunk(m.issue(), Long.toString(m.sequence()), Integer.toString(i), b.chunk(i));
            }
            if (download == d) {
                deliveries.drop(m.issue());
                download = null;
                return refused(said, m, "its chunks do not match the signed manifest (" + status.lastError() + ")");
            }
        } catch (Bundle.Invalid | Manifest.Rejected e) {
            return refused(said, m, e.getMessage());
        } finally {
            importing = false;
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

    private String refused(String said, Manifest m, String reason) throws SQLException {
        String result = said + "refused: " + reason;
        outbox.add("import-refused", m == null ? null : m.issue(), m == null ? -1 : m.sequence(), result);
        error(result);
        return result;
    }

    /** Issues whose embargo ended go on their publications' shelves. */
    private void release() throws SQLException {
        if (nextRelease == null || java.time.Instant.now().isBefore(nextRelease)) return;
        java.util.List<String> shown = deliveries.shelving().release(java.time.Instant.now(), id -> outbox.event("activated", id, -1, "its embargo ended"));
        nextRelease = deliveries.shelving().nextRelease();
        for (String id : shown) {
            Logger.info("sync: the embargo of {} ended; it is shown now", id);
            onActivated.accept(id);
        }
        publishStatus();
        outbox.flush(session);
    }

    /** The operator's reset of the high-water mark: applied once; the retained manifests are then read again. */
    private void reset(byte[] payload) throws SQLException {
        if (payload.length == 0) return;
        try {
            HighWaterReset r = policy.reset(payload, deliveries, outbox);
            if (r == null) return;
            Logger.warn("sync: the operator reset the highest sequence taken to {} (reset of {})", r.sequence(), r.issued());
            session.unsubscribe(Topics.manifests(settings.fleet()));
            session.subscribe(Topics.manifests(settings.fleet()));
        } catch (Manifest.Rejected e) {
            error("high-water reset rejected: " + e.getMessage());
        } catch (MqttException e) {
            error("cannot ask for the manifests again after a reset: " + e.getMessage());
        }
        publishStatus();
        outbox.flush(session);
    }

    private void chunk(String issue, String sequenceText, String indexText, byte[] payload) throws SQLException {
        Download d = download;
        if (d == null || !d.takes(issue, sequenceText)) {
            Logger.debug("sync: chunk of {} / {} not being downloaded, ignored", issue, sequenceText);
            return;
        }
        int index;
        try {
            index = d.check(indexText, payload);
        } catch (Download.Refused r) {
            Logger.warn("sync: {}", r.getMessage());
            if (r.error != null) error(r.error);
            return;
        }
        if (deliveries.storeChunk(issue, index, payload)) {
            d.stored(index);
            progressed();
        } else {
            status.duplicate();
            Logger.debug("sync: chunk {} of {} again (a duplicate)", index, issue);
        }
        requestNext();
        if (download != null && status.due()) publishStatus();
    }

    /** Asks for the first chunk still missing, or installs the issue when none is. */
    private void requestNext() {
        Download d = download;
        if (d == null) return;
        if (d.complete()) {
            complete();
            return;
        }
        int next = d.next();
        if (!session.connected() || importing || next == d.requested()) return;
        unsubscribeRequested();
        try {
            session.subscribe(Topics.chunk(settings.fleet(), d.issue(), d.manifest.sequence(), next));
            d.requested(next);
        } catch (MqttException e) {
            error("cannot ask for chunk " + next + " of " + d.issue() + ": " + e.getMessage());
        }
    }

    private void unsubscribeRequested() {
        Download d = download;
        if (d == null) return;
        if (d.requested() >= 0 && session.connected()) {
            try {
                session.unsubscribe(Topics.chunk(settings.fleet(), d.issue(), d.manifest.sequence(), d.requested()));
            } catch (MqttException e) {
                Logger.debug("sync: unsubscribe failed: {}", e.getMessage());
            }
        }
        d.requested(-1);
    }

    private void complete() {
        Manifest m = download.manifest;
        unsubscribeRequested();
        try {
            boolean shown;
            try {
                shown = installer.install(m);
            } catch (PackageException | Installer.Refused e) {
                download = null;
                error("issue " + m.issue() + " rejected: " + e.getMessage());
                return;
            }
            download = null;
            status.clear();
            installer.retire();
            nextRelease = deliveries.shelving().nextRelease();
            if (shown) onActivated.accept(m.issue());
        } catch (SQLException | IOException | StoreException e) {
            error("cannot install " + m.issue() + ": " + e.getMessage());
            thread.later(this::requestNext, settings.minBackoff().toMillis());
        } finally {
            publishStatus();
            outbox.flush(session);
        }
    }

    /**
     * Asks again for a chunk that has not come for the stall timeout (a broker that lost it, a dropped subscribe), and
     * at once when no chunk is asked for at all (a subscribe that failed while the connection stood).
     */
    private void watch() {
        try {
            release();
        } catch (SQLException e) {
            error(StorageCheck.explain(settings.store(), e));
        }
        StorageCheck.Waiting w = download == null ? room.due() : null;
        if (w != null) {
            try {
                manifest(w.issue(), w.payload());
            } catch (SQLException e) {
                error(StorageCheck.explain(settings.store(), e));
            }
        }
        Download d = download;
        if (!session.connected() || d == null) return;
        if (d.requested() < 0) {
            if (!d.complete()) requestNext(); // a failed install retries on its own
            return;
        }
        if (d.stalled(settings.stallTimeout().toNanos())) {
            error("chunk " + d.requested() + " of " + d.issue() + " has not arrived in " + settings.stallTimeout().toSeconds()
                    + " s; asking again (if this repeats, publish the issue again)");
            unsubscribeRequested();
            requestNext();
        }
    }

    private void error(String message) {
        status.error(message);
        publishStatus();
    }

    private void publishStatus() {
        if (session == null || !session.connected()) return;
        status.sent();
        try {
            session.publish(Topics.status(settings.fleet(), settings.device()), status.document(true, store, download, session.failures()), true, null);
        } catch (MqttException e) {
            Logger.debug("sync: status not sent: {}", e.getMessage());
        }
    }

    /**
     * Reports a problem found outside the sync (the store replaced at start): a "problem" event, kept until sent, and
     * the status's last error until an issue is activated again.
     */
    public void report(String problem) {
        thread.run(() -> {
            try {
                deliveries.events().add(outbox.event("problem", null, -1, problem), Events.IMPORTANT);
            } catch (SQLException e) {
                Logger.warn("sync: the problem could not be queued: {}", e.getMessage());
            }
            error(problem);
            outbox.flush(session);
        });
    }

    /**
     * What the panel shows now, for the status (PROTOCOL.md): republished on change, at most about once a second.
     */
    public void showing(JsonObject display) {
        JsonObject copy = display.deepCopy();
        thread.run(() -> {
            status.showing(copy);
            if (status.due()) {
                publishStatus();
            } else if (!showPending) {
                showPending = true;
                thread.later(() -> {
                    showPending = false;
                    publishStatus();
                }, 1000);
            }
        });
    }

    /** The status document as the kiosk would publish it now (online: connected to the broker). */
    public String status() {
        try {
            return thread.call(() -> status.json(session.connected(), store, download, session.failures()), 10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "{}";
        } catch (ExecutionException | TimeoutException e) {
            return "{\"lastError\":\"" + e + "\"}";
        }
    }

    /** Says goodbye (status offline), disconnects and closes the store; waits at most a few seconds. Once is enough. */
    @Override
    public void close() {
        try {
            thread.call(() -> {
                session.close(Topics.status(settings.fleet(), settings.device()), status.document(false, store, download, session.failures()));
                store.close();
                return null;
            }, 10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            Logger.warn("sync: close: {}", e.getMessage());
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed before
        } finally {
            thread.shutdown();
        }
    }
}
