package newsstand.delivery;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import newsstand.store.StoreException;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import newsstand.issue.Manifest;
import newsstand.issue.Withdrawal;
import newsstand.store.Deliveries;
import newsstand.store.Events;
import newsstand.store.IssueStore;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.tinylog.Logger;

/**
 * A kiosk's side of delivery (PROTOCOL.md). Over a persistent MQTT session ({@link BrokerSession}) the kiosk learns
 * of signed manifests ({@link ManifestPolicy} decides which to take), then asks for the chunks it lacks
 * ({@link Download}), each on its own retained topic, the broker sending 8 at a time; a chunk is checked against the
 * signed hash, committed to SQLite and only then acknowledged, so an interruption of any kind costs at most the chunks
 * in flight. A complete issue is installed and shown in one transaction ({@link Installer}), or kept until its
 * embargo ends; a signed withdrawal takes one off again; an offline bundle goes the same way ({@link BundleImport});
 * the operator's commands are judged and answered by {@link Commands}. The {@link Receiver} does the delivery;
 * this class owns the store, the session and the reporting, through the {@link Outbox} and the {@link StatusReport}.
 *
 * <p>Threads: one. Everything here and in the classes above runs on the {@link SyncThread}; Paho's callbacks, the
 * watch timer and the kiosk's calls ({@link #status()}, {@link #close()}) only hand it work.
 */
public final class DeviceSync implements AutoCloseable {
    private final SyncSettings settings;
    private final Trial trial;
    /** Told of each issue that came on or went off the shelf (activated, released from embargo, withdrawn). */
    private final Consumer<String> onActivated;
    private final SyncThread thread;
    private final ManifestPolicy policy;
    private final StatusReport status;
    /** Signed messages the store could not take when they came, tried again. */
    private final Retries retries;
    private IssueStore store;
    private Deliveries deliveries;
    private Outbox outbox;
    private Installer installer;
    private BrokerSession session;
    private Receiver receiver;
    private Commands commands;
    private BundleImport bundles;
    /** The shelf as this kiosk last knew it, and the store's data_version then: to see what others changed. */
    private java.util.List<IssueStore.Shelved> shelf;
    private long dataVersion;
    private boolean showPending;

    private DeviceSync(SyncSettings settings, Trial trial, Consumer<String> onActivated) {
        this.settings = settings;
        this.trial = trial;
        this.onActivated = onActivated;
        this.thread = new SyncThread(settings.device());
        this.policy = new ManifestPolicy(settings.fleet(), settings.device(), settings.trusted());
        this.status = new StatusReport(settings);
        this.retries = new Retries(settings.store(), e -> StorageCheck.explain(settings.store(), e));
        status.pending(retries);
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
        return start(settings, trial, onActivated, null);
    }

    /**
     * As {@link #start(SyncSettings, Trial, Consumer)}, with the kiosk that carries out the operator's commands
     * (PROTOCOL.md, "Remote commands"; all but resync, which the sync does): called on the sync thread with each
     * command taken, which it answers through the reply, on any thread. Null: a sync without a panel, which answers
     * every such command as failed.
     */
    public static DeviceSync start(SyncSettings settings, Trial trial, Consumer<String> onActivated,
                                   java.util.function.BiConsumer<newsstand.issue.Command, CommandReply> onCommand) throws StoreException, DeliveryException {
        DeviceSync sync = new DeviceSync(settings, trial, onActivated);
        try {
            sync.thread.call(() -> {
                sync.open(onCommand);
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

    /**
     * Builds the parts in one direction, each given what it needs: the session first (it reports to this class), then
     * the outbox, the installer, the receiver, the bundle import and the commands.
     */
    private void open(java.util.function.BiConsumer<newsstand.issue.Command, CommandReply> onCommand) throws StoreException, DeliveryException {
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
        session = new BrokerSession(settings, thread, new SessionEvents(),
                () -> status.document(false, store, receiver.download(), session.failures()));
        Receiver.Report report = new Receiver.Report() {
            @Override
            public void error(String message) {
                DeviceSync.this.error(message);
            }

            @Override
            public void publish() {
                publishStatus();
            }
        };
        receiver = new Receiver(settings, policy, status, deliveries, outbox, installer, session, thread, report, id -> {
            try {
                shelf = store.shelf();
            } catch (StoreException e) {
                Logger.warn("sync: {}", e.getMessage());
            }
            onActivated.accept(id);
        });
        bundles = new BundleImport(receiver, deliveries, outbox, status, report);
        Receiver resyncing = receiver;
        commands = new Commands(settings, store.commands(), deliveries.events(), outbox, session, thread, retries, onCommand,
                () -> resyncing.resync(shelf.stream().map(IssueStore.Shelved::issue).toList()));
        shelf = store.shelf();
        dataVersion = store.dataVersion();
    }

    /** What the session reports, on the sync thread: handed to the part it is for. */
    private final class SessionEvents implements BrokerSession.Listener {
        @Override
        public void connected(boolean sessionPresent) {
            DeviceSync.this.connected(sessionPresent);
        }

        @Override
        public void lost(String why) {
            connection.accept(false);
            retries.lost();
            outbox.lost();
            status.connectionError("connection to " + settings.broker().url() + " lost: " + why);
            publishStatus();
        }

        /**
         * Acknowledged only once committed (or refused on its merits): a chunk lost to a crash before is sent again, and
         * a signed message the store could not take now is kept unacknowledged and tried again ({@link Retries}).
         */
        @Override
        public void message(String topic, MqttMessage message, String sha256) {
            String device = Topics.commandsDevice(settings.fleet(), topic);
            if (device == null && topic.startsWith(Topics.ROOT + settings.fleet() + "/chunks/")) {
                try {
                    receiver.handle(topic, message, sha256); // a chunk the store did not take is asked for again
                } catch (StoreException e) {
                    error(StorageCheck.explain(settings.store(), e));
                } finally {
                    session.acknowledge(message);
                }
                return;
            }
            byte[] payload = message.getPayload();
            String digest = Manifest.sha256(payload, payload.length).substring(0, 12);
            String[] parts = topic.split("/");
            String kind = device != null ? "command" : topic.endsWith("/high-water") ? "reset"
                    : Withdrawal.is(payload) ? "withdrawal" : parts.length > 2 && parts[parts.length - 2].equals("issues") ? "manifest" : "message";
            String id = kind.equals("withdrawal") || kind.equals("manifest") ? parts[parts.length - 1] : digest;
            String failed = retries.attempt(device == null ? topic : topic + " " + digest, kind, id, device == null
                    ? () -> receiver.handle(topic, message, sha256) : () -> commands.handle(device, payload), () -> session.acknowledge(message));
            if (failed != null) error(failed);
        }

        /** Chunks taken in one transaction, then each acknowledged (stored, duplicate or refused on its merits). */
        @Override
        public void chunks(java.util.List<BrokerSession.Arrived> chunks) {
            try {
                receiver.chunks(chunks); // a chunk the store did not take is asked for again
            } finally {
                for (BrokerSession.Arrived a : chunks) session.acknowledge(a.message());
            }
        }

        @Override
        public void failed(String why) {
            connection.accept(false);
            status.connectionError(why);
            publishStatus();
        }
    }

    /**
     * Every second: what the receiver watches (embargoes, stalled chunks), and the shelf changed beside the kiosk
     * (`newsstand import` by hand, on another connection to the store): each publication whose shown issue changed
     * is told, as if this kiosk had activated or withdrawn it.
     */
    private void watch() {
        receiver.watch();
        int kept = retries.size();
        for (String failed : retries.due()) error(failed);
        if (retries.size() < kept) publishStatus(); // the status's pending list is shorter
        if (status.old()) publishStatus();
        try {
            long version = store.dataVersion();
            if (version == dataVersion) return;
            dataVersion = version;
            java.util.List<IssueStore.Shelved> now = store.shelf();
            java.util.Set<String> before = new java.util.HashSet<>();
            for (IssueStore.Shelved s : shelf) before.add(s.publication() + " " + s.issue());
            shelf = now;
            for (IssueStore.Shelved s : now) {
                if (!before.contains(s.publication() + " " + s.issue())) {
                    Logger.info("sync: {} is shown now for {} (stored beside the kiosk)", s.issue(), s.publication());
                    onActivated.accept(s.issue());
                }
            }
        } catch (StoreException e) {
            error(e.getMessage());
        }
    }

    /** Told each time the kiosk connects (true) or loses the broker (false), on the sync thread. */
    public void onConnection(Consumer<Boolean> listener) {
        thread.run(() -> connection = listener);
    }

    private Consumer<Boolean> connection = online -> {};

    /** Told, on the sync thread, when an issue waits for room (storage.quota-mb or the disk), with why. */
    public void onNoRoom(Consumer<String> listener) {
        thread.run(() -> receiver.onNoRoom(listener));
    }

    /** Told, on the sync thread, of a download's progress: the issue and its percent, each time the percent grows. */
    public void onProgress(java.util.function.BiConsumer<String, Integer> listener) {
        thread.run(() -> receiver.onProgress(listener));
    }

    private void connected(boolean sessionPresent) {
        connection.accept(true);
        status.connected();
        try {
            session.subscribe(Topics.manifests(settings.fleet()));
            session.subscribe(Topics.reset(settings.fleet()));
            session.subscribe(Topics.commands(settings.fleet(), settings.device()));
            session.subscribe(Topics.commands(settings.fleet(), Topics.ALL));
        } catch (MqttException e) {
            error("cannot subscribe to manifests and commands: " + e.getMessage());
        }
        receiver.connected(sessionPresent);
        publishStatus();
        outbox.flush(session);
    }

    /**
     * Imports an offline bundle (a USB stick, `newsstand import`) as if its manifest and chunks came from the broker:
     * the same checks, storage, trial and activation. Returns what became of it, in a line: imported and activated,
     * imported and held until its embargo, already stored, or refused (with the reason); each with its event. The file is only read.
     */
    public String importBundle(Path file) throws DeliveryException {
        try {
            return thread.call(() -> {
                BundleImport.Result result = bundles.take(file);
                status.imported(result);
                publishStatus();
                outbox.flush(session);
                return result.line();
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

    private void error(String message) {
        status.error(message);
        publishStatus();
    }

    private void publishStatus() {
        if (session == null || !session.connected()) return;
        status.sent();
        try {
            session.publish(Topics.status(settings.fleet(), settings.device()), status.document(true, store, receiver.download(), session.failures()), true, null);
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
            } catch (StoreException e) {
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

    /** The panel's health for the status (PROTOCOL.md), asked for on the sync thread at every status. */
    public void panelHealth(java.util.function.Supplier<JsonObject> health) {
        thread.run(() -> status.panel(health));
    }

    /** The status document as the kiosk would publish it now (online: connected to the broker). */
    public String status() {
        try {
            return thread.call(() -> status.json(session.connected(), store, receiver.download(), session.failures()), 10_000);
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
                session.close(Topics.status(settings.fleet(), settings.device()), status.document(false, store, receiver.download(), session.failures()));
                return null;
            }, 10_000);
            // The broker's acknowledgements of the last events were queued behind the goodbye: the outbox forgets
            // those events before the store closes, so that none is sent twice.
            thread.call(() -> {
                store.close();
                return null;
            }, 5_000);
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
