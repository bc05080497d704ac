package newsstand.delivery;

import java.io.IOException;
import newsstand.store.StoreException;
import java.util.BitSet;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import newsstand.issue.HighWaterReset;
import newsstand.issue.Manifest;
import newsstand.issue.PackageException;
import newsstand.issue.Withdrawal;
import newsstand.store.Deliveries;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.tinylog.Logger;

/**
 * What comes in to a kiosk, and the download it drives (PROTOCOL.md): the fleet's messages (manifests judged by the
 * {@link ManifestPolicy}, chunks asked for a window at a time, each checked against its signed hash and committed before
 * it is acknowledged, the complete issue installed by the {@link Installer}; the operator's withdrawals and resets;
 * embargoes that end), and offline bundles fed through the same path by {@link BundleImport}. {@link DeviceSync} owns the session, the
 * store and the reporting. Sync thread only.
 */
final class Receiver {
    /** How the receiver reports: a problem for the status, and the status published again. */
    interface Report {
        void error(String message);

        void publish();
    }

    private final SyncSettings settings;
    private final ManifestPolicy policy;
    private final StatusReport status;
    private final Deliveries deliveries;
    private final Outbox outbox;
    private final Installer installer;
    private final SyncThread thread;
    private final Report report;
    /** Told of each issue that came on or went off the shelf (activated, released from embargo, withdrawn). */
    private final Consumer<String> onActivated;
    private final BrokerSession session;
    /** Issues under embargo, released by the clock as it is at each look (every second). */
    private final Embargoes embargoes;
    /** The download in progress, or null. */
    private Download download;
    /** A manifest that did not fit the storage when it came, tried again every minute. */
    private final StorageCheck room = new StorageCheck();
    /** A bundle is being imported ({@link BundleImport}): its chunks come from the file, none is asked of the broker. */
    private boolean importing;
    private BiConsumer<String, Integer> progress = (issue, percent) -> {};
    private java.util.function.Consumer<String> noRoom = why -> {};

    Receiver(SyncSettings settings, ManifestPolicy policy, StatusReport status, Deliveries deliveries, Outbox outbox, Installer installer,
             BrokerSession session, SyncThread thread, Report report, Consumer<String> onActivated) throws StoreException {
        this.settings = settings;
        this.policy = policy;
        this.status = status;
        this.deliveries = deliveries;
        this.outbox = outbox;
        this.installer = installer;
        this.session = session;
        this.thread = thread;
        this.report = report;
        this.onActivated = onActivated;
        embargoes = new Embargoes(deliveries, outbox, onActivated, () -> {
            policy.clockJumped();
            askManifestsAgain("after the clock jumped");
        });
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
    }

    /** The download in progress, or null. */
    Download download() {
        return download;
    }

    /** Told, once an issue is queued for want of room, why it does not fit. */
    void onNoRoom(java.util.function.Consumer<String> listener) {
        noRoom = listener;
    }

    void onProgress(BiConsumer<String, Integer> listener) {
        progress = listener;
    }

    /**
     * The broker is there (again). With the kiosk's session resumed, the chunks asked for before are still subscribed
     * and the broker sends again those in flight at the interruption: asking for them anew would bring each twice.
     * With a new session nothing is subscribed any more, and the window is asked for anew.
     */
    void connected(boolean sessionPresent) {
        if (download != null && !sessionPresent) download.unsubscribed();
        requestNext();
    }

    private void progressed() {
        Download d = download;
        int percent = d == null ? -1 : d.percentGrown();
        if (percent >= 0) progress.accept(d.issue(), percent);
    }

    /**
     * A message of the fleet's delivery from the broker (a manifest, a chunk, a reset); sha256: its payload's hash,
     * computed as it arrived (or null). Its owner acknowledges it afterwards. Throws when the store did not take a
     * signed one (kept and tried again: {@link Retries}); a chunk the store did not take is asked for again.
     */
    void handle(String topic, MqttMessage message, String sha256) throws StoreException {
        String prefix = Topics.ROOT + settings.fleet() + "/";
        String[] parts = topic.startsWith(prefix) ? topic.substring(prefix.length()).split("/") : new String[0];
        if (parts.length == 1 && parts[0].equals("high-water")) {
            reset(message.getPayload());
        } else if (parts.length == 2 && parts[0].equals("issues")) {
            manifest(parts[1], message.getPayload());
        } else if (parts.length == 4 && parts[0].equals("chunks")) {
            try {
                chunk(parts[1], parts[2], parts[3], message.getPayload(), sha256);
            } catch (StoreException e) {
                report.error(StorageCheck.explain(settings.store(), e));
            }
        } else {
            Logger.warn("sync: message on unexpected topic {} ignored", topic);
        }
    }

    /** A manifest (or a withdrawal) judged and taken; returns why it was rejected, or null. */
    private String manifest(String issue, byte[] payload) throws StoreException {
        if (Withdrawal.is(payload)) {
            withdraw(issue, payload);
            return null;
        }
        if (payload.length == 0) {
            Logger.info("sync: issue {} was withdrawn from the broker", issue);
            if (download != null && download.issue().equals(issue)) {
                deliveries.drop(issue);
                unsubscribeRequested();
                download = null;
                report.publish();
            }
            return null;
        }
        ManifestPolicy.Verdict v = policy.judge(issue, payload, download == null ? null : download.manifest, deliveries);
        if (v.rejected() != null) {
            try {
                outbox.addNoise(v.sequence() < 0 ? "rejected:" + Outbox.kind(v.rejected()) : "rejected:" + issue, issue, v.sequence(), v.rejected());
            } catch (StoreException e) {
                policy.forget(payload); // judged again when tried again, and its rejection queued then
                throw e;
            }
            Logger.warn("sync: manifest of {} rejected: {}", issue, v.rejected());
            report.error("manifest of " + issue + " rejected: " + v.rejected());
            outbox.flush(session);
            return v.rejected();
        }
        Manifest m = v.take();
        if (m == null) return null;
        String noRoom = StorageCheck.problem(settings.store(), m.bytes(), settings.quotaBytes());
        if (noRoom != null) {
            // Not refused for good: space may come back (retention, a technician); tried again every minute.
            if (!room.waits(issue)) { // said once, when queued
                outbox.add("rejected", issue, m.sequence(), "not now: " + noRoom);
                report.error("issue " + issue + " not taken now: " + noRoom);
                this.noRoom.accept(noRoom);
                outbox.flush(session);
            }
            room.waitFor(issue, payload);
            return null;
        }
        room.fitted();
        unsubscribeRequested();
        deliveries.start(m, payload, outbox.event("downloading", m.issue(), m.sequence(), null));
        download = new Download(m, deliveries.stored(m.issue()));
        transactions = 0;
        storedInBatches = 0;
        Logger.info("sync: downloading {} (sequence {}): {} bytes in {} chunks", m.issue(), m.sequence(), m.bytes(), m.chunks().size());
        progressed();
        requestNext();
        report.publish();
        outbox.flush(session);
        return null;
    }

    /** The operator's withdrawal of an issue: applied once; a kiosk showing the issue falls back to the one before. */
    private void withdraw(String issue, byte[] payload) throws StoreException {
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
            report.error("withdrawal of " + issue + " rejected: " + e.getMessage());
        }
        report.publish();
        outbox.flush(session);
    }

    /**
     * A manifest offered from elsewhere than the broker (a bundle), judged and taken as if it had come on its topic;
     * returns why it was rejected, or null.
     */
    String offer(String issue, byte[] envelope) throws StoreException {
        return manifest(issue, envelope);
    }

    /** A chunk from a bundle, checked and stored as one from the broker. */
    void offerChunk(Manifest m, int index, byte[] payload) throws StoreException {
        chunk(m.issue(), Long.toString(m.sequence()), Integer.toString(index), payload, null);
    }

    /** While a bundle is imported, no chunk is asked of the broker. */
    void importing(boolean on) {
        importing = on;
    }

    /** Drops the download in progress (a bundle whose chunks did not match). */
    void dropDownload() throws StoreException {
        if (download == null) return;
        deliveries.drop(download.issue());
        download = null;
    }

    /** Issues whose embargo ended go on their publications' shelves (and, after the clock went back, off again). */
    private void release() throws StoreException {
        if (!embargoes.look()) return;
        report.publish();
        outbox.flush(session);
    }

    /** The operator's reset of the high-water mark: applied once; the retained manifests are then read again. */
    private void reset(byte[] payload) throws StoreException {
        if (payload.length == 0) return;
        try {
            HighWaterReset r = policy.reset(payload, deliveries, outbox);
            if (r == null) return;
            Logger.warn("sync: the operator reset the highest sequence taken to {} (reset of {})", r.sequence(), r.issued());
            askManifestsAgain("after a reset");
        } catch (Manifest.Rejected e) {
            report.error("high-water reset rejected: " + e.getMessage());
        }
        report.publish();
        outbox.flush(session);
    }

    /** The retained manifests sent again: subscribed anew. */
    void askManifestsAgain(String why) {
        if (!session.connected()) return;
        try {
            session.unsubscribe(Topics.manifests(settings.fleet()));
            session.subscribe(Topics.manifests(settings.fleet()));
        } catch (MqttException e) {
            report.error("cannot ask for the manifests again " + why + ": " + e.getMessage());
        }
    }

    /**
     * The operator's resync: the issues on the shelf asked for again from the broker, each downloaded, verified, tried
     * and installed anew (one at a time); returns what was asked for, in words.
     */
    String resync(java.util.List<String> shown) {
        if (shown.isEmpty()) return "nothing to download again: no issue is shown";
        policy.resync(shown);
        askManifestsAgain("for a resync");
        return "asked the broker again for " + String.join(", ", shown) + "; each is downloaded, verified and installed anew"
                + " (its events follow)";
    }

    /**
     * Chunks that came together from the broker, each checked against the signed manifest, those of the download
     * stored in one transaction, and only then counted as stored (the caller acknowledges them after this returns).
     * When the store does not take them, none is stored, the problem is reported, and they are asked for again
     * when the stall timeout finds them missing.
     */
    void chunks(java.util.List<BrokerSession.Arrived> batch) {
        String prefix = Topics.ROOT + settings.fleet() + "/chunks/";
        Download d = download;
        int[] indexes = new int[batch.size()];
        java.util.List<byte[]> payloads = new java.util.ArrayList<>(batch.size());
        int n = 0;
        for (BrokerSession.Arrived a : batch) {
            String[] parts = a.topic().substring(prefix.length()).split("/");
            if (parts.length != 3) {
                Logger.warn("sync: message on unexpected topic {} ignored", a.topic());
                continue;
            }
            if (d == null || !d.takes(parts[0], parts[1])) {
                Logger.debug("sync: chunk of {} / {} not being downloaded, ignored", parts[0], parts[1]);
                continue;
            }
            byte[] payload = a.message().getPayload();
            try {
                int index = d.check(parts[2], payload, a.sha256());
                indexes[n++] = index;
                payloads.add(payload);
            } catch (Download.Refused r) {
                Logger.warn("sync: {}", r.getMessage());
                if (r.error != null) report.error(r.error);
            }
        }
        if (n == 0) return;
        int[] taken = java.util.Arrays.copyOf(indexes, n);
        boolean[] added;
        try {
            added = deliveries.storeChunks(d.issue(), taken, payloads);
        } catch (StoreException e) {
            report.error(StorageCheck.explain(settings.store(), e));
            return;
        }
        transactions++;
        storedInBatches += taken.length;
        taken(d, taken, added);
    }

    /** Chunks the store took (each new, or a duplicate counted): the download's progress, and the next ones asked for. */
    private void taken(Download d, int[] indexes, boolean[] added) {
        for (int i = 0; i < indexes.length; i++) {
            if (added[i]) {
                d.stored(indexes[i]);
            } else {
                status.duplicate();
                Logger.debug("sync: chunk {} of {} again (a duplicate)", indexes[i], d.issue());
            }
            // Its topic stays subscribed until the download ends: one UNSUBSCRIBE for them all instead of one a chunk.
            if (d.isAsked(indexes[i])) d.answered(indexes[i]);
        }
        progressed();
        requestNext();
        if (download != null && status.due()) report.publish();
    }

    /** Transactions that stored chunks from the broker in this download, and the chunks they stored, for its log line. */
    private int transactions, storedInBatches;

    private void chunk(String issue, String sequenceText, String indexText, byte[] payload, String sha256) throws StoreException {
        Download d = download;
        if (d == null || !d.takes(issue, sequenceText)) {
            Logger.debug("sync: chunk of {} / {} not being downloaded, ignored", issue, sequenceText);
            return;
        }
        int index;
        try {
            index = d.check(indexText, payload, sha256);
        } catch (Download.Refused r) {
            Logger.warn("sync: {}", r.getMessage());
            if (r.error != null) report.error(r.error);
            return;
        }
        taken(d, new int[] {index}, new boolean[] {deliveries.storeChunk(issue, index, payload)});
    }

    /**
     * Asks for the first chunks still missing, {@link Download#AHEAD} of them (each on its own retained topic), or installs the
     * issue when none is missing. What the broker may send before the kiosk acknowledges is its Receive Maximum
     * ({@link Broker#RECEIVE_MAXIMUM}): a chunk's round trip overlaps the next ones' (one at a time, a 5.6 MB issue
     * took 1.0-1.3 s on loopback; DeliveryBenchmark), and an interruption costs at most those in flight again.
     */
    void requestNext() {
        Download d = download;
        if (d == null) return;
        if (d.complete()) {
            complete();
            return;
        }
        if (!session.connected() || importing) return;
        // One SUBSCRIBE for every chunk the window has room for (a subscription again to a topic subscribed before
        // brings its retained chunk again).
        java.util.List<Integer> ask = d.window(Download.AHEAD);
        if (ask.isEmpty()) return;
        try {
            session.subscribe(ask.stream().map(i -> Topics.chunk(settings.fleet(), d.issue(), d.manifest.sequence(), i)).toArray(String[]::new));
            ask.forEach(d::asked);
        } catch (MqttException e) {
            report.error("cannot ask for chunks " + ask + " of " + d.issue() + ": " + e.getMessage());
        }
    }

    /** Every chunk topic of the download subscribed to in this session unsubscribed, 100 to an UNSUBSCRIBE. */
    private void unsubscribeRequested() {
        Download d = download;
        if (d == null) return;
        BitSet subscribed = d.subscribed();
        d.unsubscribed();
        if (!session.connected()) return;
        java.util.List<String> topics = subscribed.stream().mapToObj(i -> Topics.chunk(settings.fleet(), d.issue(), d.manifest.sequence(), i)).toList();
        for (int at = 0; at < topics.size(); at += 100) {
            try {
                session.unsubscribe(topics.subList(at, Math.min(at + 100, topics.size())).toArray(String[]::new));
            } catch (MqttException e) {
                Logger.debug("sync: unsubscribe failed: {}", e.getMessage());
            }
        }
    }

    private void complete() {
        Manifest m = download.manifest;
        if (transactions > 0) Logger.info("sync: {} chunks of {} came from the broker, stored in {} transactions", storedInBatches, m.issue(), transactions);
        transactions = 0;
        storedInBatches = 0;
        unsubscribeRequested();
        try {
            boolean shown;
            try {
                shown = installer.install(m);
            } catch (PackageException | Installer.Refused e) {
                download = null;
                report.error("issue " + m.issue() + " rejected: " + e.getMessage());
                return;
            }
            download = null;
            status.clear();
            installer.retire();
            embargoes.stored();
            if (shown) onActivated.accept(m.issue());
            if (policy.resyncing()) askManifestsAgain("for the rest of a resync");
        } catch (StoreException | IOException e) {
            report.error("cannot install " + m.issue() + ": " + e.getMessage());
            thread.later(this::requestNext, settings.minBackoff().toMillis());
        } finally {
            report.publish();
            outbox.flush(session);
        }
    }

    /**
     * Asks again for a chunk that has not come for the stall timeout (a broker that lost it, a dropped subscribe), and
     * at once when no chunk is asked for at all (a subscribe that failed while the connection stood).
     */
    void watch() {
        try {
            release();
            StorageCheck.Waiting w = download == null ? room.due() : null;
            if (w != null) manifest(w.issue(), w.payload());
        } catch (StoreException e) {
            report.error(StorageCheck.explain(settings.store(), e));
        }
        Download d = download;
        if (!session.connected() || d == null) return;
        if (d.asking() == 0) {
            if (!d.complete()) requestNext(); // a failed install retries on its own
            return;
        }
        if (d.stalled(settings.stallTimeout().toNanos())) {
            report.error("chunks " + d.asked() + " of " + d.issue() + " have not arrived in " + settings.stallTimeout().toSeconds()
                    + " s; asking again (if this repeats, publish the issue again)");
            d.askedNone();
            requestNext();
        }
    }
}
