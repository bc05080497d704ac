package newsstand.sync;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.tinylog.Logger;

/**
 * A kiosk's side of delivery (PROTOCOL.md). A persistent MQTT session (stable client id, clean session off) over
 * which the kiosk learns of signed manifests, then asks for the chunks it lacks one at a time, each on its own
 * retained topic; a chunk is checked against the signed hash, committed to SQLite and only then acknowledged, so
 * an interruption of any kind costs at most the chunk in flight. A complete issue is installed and activated in
 * one transaction. Connects and reconnects with jittered exponential backoff, the first connect included.
 *
 * <p>Paho's callbacks only hand work to one worker thread, which alone touches the store and the download state.
 */
public final class DeviceSync implements AutoCloseable {
    public static final String VERSION = "0.1.0";

    /** How a kiosk syncs: its broker, fleet and id, the operator keys it trusts, its store and retention. */
    public record Settings(Broker broker, String fleet, String device, List<PublicKey> trusted, Path store, int keepIssues,
                           long quotaBytes, Duration minBackoff, Duration maxBackoff, Duration stallTimeout, int keepAliveSeconds) {
        public Settings {
            trusted = List.copyOf(trusted);
        }

        /** The production timings: backoff from 1 s to 2 min, a stalled chunk asked for again after 60 s. */
        public static Settings of(Broker broker, String fleet, String device, List<PublicKey> trusted, Path store, int keepIssues,
                                  long quotaBytes) {
            return new Settings(broker, fleet, device, trusted, store, keepIssues, quotaBytes, Duration.ofSeconds(1),
                    Duration.ofMinutes(2), Duration.ofSeconds(60), 30);
        }
    }

    private final Settings settings;
    private final Map<String, PublicKey> trusted = new HashMap<>();
    private final Consumer<String> onActivated;
    private final ScheduledExecutorService worker;
    private final String clientId;
    private IssueStore store;
    private Deliveries deliveries;
    private MqttAsyncClient client;
    private boolean connected;
    private boolean closed;
    private int failures;
    /** Connect attempts so far; answers to an attempt that is not the latest are ignored. */
    private int attempt;
    private static final int CONNECT_WAIT_S = 15;
    /** The download in progress: its manifest, the chunks stored, the chunk asked for (-1: none). */
    private Manifest manifest;
    private BitSet have;
    private int requested = -1;
    private long lastProgressNanos;
    private long lastStatusNanos;
    private String lastError;
    private Instant lastErrorAt;
    /** Manifests already rejected (by digest): retained ones come again on every subscribe; say so once. */
    private final Set<String> rejected = new HashSet<>();
    private final Set<Long> eventsInFlight = new HashSet<>();
    /** Chunks received again after they were stored, since start: the cost of interruptions. */
    private long duplicates;

    private DeviceSync(Settings settings, Consumer<String> onActivated) {
        this.settings = settings;
        this.onActivated = onActivated;
        for (PublicKey k : settings.trusted()) trusted.put(Keys.id(k), k);
        this.clientId = "newsstand-" + settings.fleet() + "-" + settings.device();
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sync-" + settings.device());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Opens the store, resumes any unfinished download and starts connecting. onActivated runs on the sync thread
     * with the id of each issue activated.
     */
    public static DeviceSync start(Settings settings, Consumer<String> onActivated) throws StoreException, DeliveryException {
        DeviceSync sync = new DeviceSync(settings, onActivated);
        try {
            sync.worker.submit(() -> {
                sync.open();
                return null;
            }).get();
        } catch (ExecutionException e) {
            sync.worker.shutdownNow();
            if (e.getCause() instanceof StoreException s) throw s;
            if (e.getCause() instanceof DeliveryException d) throw d;
            throw new DeliveryException("sync: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("sync start interrupted", e);
        }
        sync.worker.execute(sync::connect);
        sync.worker.scheduleWithFixedDelay(sync::watch, 1, 1, TimeUnit.SECONDS);
        return sync;
    }

    private void open() throws StoreException, DeliveryException, SQLException {
        store = IssueStore.open(settings.store());
        deliveries = new Deliveries(store);
        Optional<Deliveries.Download> d = deliveries.unfinished();
        if (d.isPresent()) {
            try {
                manifest = Manifest.open(d.get().envelope(), trusted, settings.fleet(), d.get().issue(), Instant.now());
                have = deliveries.stored(manifest.issue());
                Logger.info("resuming download of {} (sequence {}): {} of {} chunks stored", manifest.issue(), manifest.sequence(),
                        have.cardinality(), manifest.chunks().size());
            } catch (Manifest.Rejected r) {
                Logger.warn("dropping the unfinished download of {}: {}", d.get().issue(), r.getMessage());
                deliveries.drop(d.get().issue());
            }
        }
        client = newClient();
    }

    /**
     * A fresh client for each attempt after a failure: Paho waits for a CONNACK without a time limit, so an
     * attempt the broker never answers is abandoned with its client. Events of an abandoned client are ignored.
     */
    private MqttAsyncClient newClient() throws DeliveryException {
        MqttAsyncClient c = settings.broker().client(clientId);
        c.setManualAcks(true);
        c.setCallback(new MqttCallbackExtended() {
            @Override
            public void connectComplete(boolean reconnect, String serverURI) {}

            @Override
            public void connectionLost(Throwable cause) {
                run(() -> {
                    if (c == client) lost(cause);
                });
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                run(() -> {
                    if (c == client) handle(topic, message);
                });
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {}
        });
        return c;
    }

    private void abandonClient() {
        MqttAsyncClient old = client;
        try {
            client = newClient();
        } catch (DeliveryException e) {
            error(e.getMessage());
            return;
        }
        try {
            old.disconnectForcibly(0, 0);
        } catch (MqttException e) {
            // it was not connected
        }
        try {
            old.close(true);
        } catch (MqttException e) {
            Logger.debug("sync: abandoned client: {}", e.getMessage());
        }
    }

    /** Hands work to the worker; never blocks Paho's threads. */
    private void run(Runnable work) {
        try {
            worker.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    Logger.error(e, "sync: unexpected failure");
                    error("internal: " + e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing
        }
    }

    private void connect() {
        if (closed || connected) return;
        int mine = ++attempt;
        if (failures > 0) abandonClient();
        try {
            MqttConnectOptions o = settings.broker().options(false, settings.keepAliveSeconds());
            o.setWill(Topics.status(settings.fleet(), settings.device()), status(false).getBytes(java.nio.charset.StandardCharsets.UTF_8), 1, true);
            client.connect(o, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    boolean session = token.getSessionPresent();
                    run(() -> {
                        if (mine == attempt) connected(session);
                    });
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    run(() -> {
                        if (mine != attempt) return;
                        error(settings.broker().explain(e));
                        retry();
                    });
                }
            });
            worker.schedule(() -> {
                if (mine == attempt && !connected && !closed) {
                    attempt++;
                    error("broker " + settings.broker().url() + " did not answer the connect in " + CONNECT_WAIT_S + " s");
                    retry();
                }
            }, CONNECT_WAIT_S, TimeUnit.SECONDS);
        } catch (MqttException | DeliveryException e) {
            error(e instanceof MqttException m ? settings.broker().explain(m) : e.getMessage());
            retry();
        }
    }

    private void retry() {
        if (closed) return;
        long min = settings.minBackoff().toMillis(), max = settings.maxBackoff().toMillis();
        long cap = Math.min(max, min << Math.min(failures, 20));
        long delay = cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1);
        failures++;
        Logger.info("sync: connecting again in {} ms (attempt {})", delay, failures + 1);
        worker.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    private void connected(boolean sessionPresent) {
        connected = true;
        failures = 0;
        lastError = null;
        Logger.info("sync: connected to {} as {} ({})", settings.broker().url(), clientId, sessionPresent ? "session resumed" : "new session");
        try {
            client.subscribe(Topics.manifests(settings.fleet()), 1);
        } catch (MqttException e) {
            error("cannot subscribe to manifests: " + e.getMessage());
        }
        requested = -1;
        requestNext();
        publishStatus();
        flushOutbox();
    }

    private void lost(Throwable cause) {
        if (closed) return;
        connected = false;
        if (failures == 0) failures = 1; // the next attempt starts on a fresh client
        requested = -1;
        eventsInFlight.clear();
        error("connection to " + settings.broker().url() + " lost: " + (cause == null ? "closed" : cause.getMessage()));
        retry();
    }

    private void handle(String topic, MqttMessage message) {
        try {
            String prefix = Topics.ROOT + settings.fleet() + "/";
            if (!topic.startsWith(prefix)) {
                Logger.warn("sync: message on unexpected topic {} ignored", topic);
                return;
            }
            String[] parts = topic.substring(prefix.length()).split("/");
            if (parts.length == 2 && parts[0].equals("issues")) {
                manifest(parts[1], message.getPayload());
            } else if (parts.length == 4 && parts[0].equals("chunks")) {
                chunk(parts[1], parts[2], parts[3], message.getPayload());
            } else {
                Logger.warn("sync: message on unexpected topic {} ignored", topic);
            }
        } catch (SQLException e) {
            error("store " + settings.store() + ": " + e.getMessage());
        } finally {
            // Acknowledged only now, after its commit: a chunk lost to a crash before this is sent again.
            try {
                client.messageArrivedComplete(message.getId(), message.getQos());
            } catch (MqttException | RuntimeException e) {
                Logger.debug("sync: ack of message {} not sent: {}", message.getId(), e.getMessage());
            }
        }
    }

    private void manifest(String issue, byte[] payload) throws SQLException {
        if (payload.length == 0) {
            Logger.info("sync: issue {} was withdrawn from the broker", issue);
            if (manifest != null && manifest.issue().equals(issue)) {
                deliveries.drop(issue);
                unsubscribeRequested();
                manifest = null;
                have = null;
                publishStatus();
            }
            return;
        }
        String digest = digest(payload);
        if (rejected.contains(digest)) return;
        Manifest m;
        try {
            m = Manifest.open(payload, trusted, settings.fleet(), issue, Instant.now());
        } catch (Manifest.Rejected r) {
            reject(issue, digest, r.getMessage(), -1);
            return;
        }
        if (manifest != null && manifest.issue().equals(m.issue()) && manifest.sequence() == m.sequence()) return;
        long high = deliveries.highWater();
        if (m.sequence() <= high) {
            Optional<Deliveries.Download> d = deliveries.download(m.issue());
            if (d.isPresent() && d.get().sequence() == m.sequence() && d.get().state().equals("installed")) return;
            reject(issue, digest, "sequence " + m.sequence() + " is not newer than the active issue's " + high + " (a replay or an old issue)",
                    m.sequence());
            return;
        }
        if (manifest != null && m.sequence() < manifest.sequence()) {
            Logger.info("sync: {} (sequence {}) is older than the download in progress ({}); not taken", m.issue(), m.sequence(), manifest.sequence());
            return;
        }
        unsubscribeRequested();
        deliveries.start(m, payload, event("downloading", m.issue(), m.sequence(), null));
        manifest = m;
        have = deliveries.stored(m.issue());
        Logger.info("sync: downloading {} (sequence {}): {} bytes in {} chunks", m.issue(), m.sequence(), m.bytes(), m.chunks().size());
        requestNext();
        publishStatus();
        flushOutbox();
    }

    private void reject(String issue, String digest, String reason, long sequence) throws SQLException {
        if (rejected.size() > 1000) rejected.clear();
        rejected.add(digest);
        Logger.warn("sync: manifest of {} rejected: {}", issue, reason);
        deliveries.outbox(event("rejected", issue, sequence, reason));
        error("manifest of " + issue + " rejected: " + reason);
        flushOutbox();
    }

    private void chunk(String issue, String sequenceText, String indexText, byte[] payload) throws SQLException {
        Manifest m = manifest;
        if (m == null || !m.issue().equals(issue) || !String.valueOf(m.sequence()).equals(sequenceText)) {
            Logger.debug("sync: chunk of {} / {} not being downloaded, ignored", issue, sequenceText);
            return;
        }
        int index;
        try {
            index = Integer.parseInt(indexText);
        } catch (NumberFormatException e) {
            index = -1;
        }
        if (index < 0 || index >= m.chunks().size()) {
            Logger.warn("sync: chunk '{}' of {} ignored (allowed: 0 to {})", indexText, issue, m.chunks().size() - 1);
            return;
        }
        if (payload.length != m.chunkLength(index) || !digest(payload).equals(m.chunks().get(index))) {
            Logger.warn("sync: chunk {} of {} ({} bytes) does not match its signed hash and length {}; not stored", index, issue,
                    payload.length, m.chunkLength(index));
            error("chunk " + index + " of " + issue + " does not match the signed manifest");
            return;
        }
        if (deliveries.storeChunk(issue, index, payload)) {
            have.set(index);
            lastProgressNanos = System.nanoTime();
        } else {
            duplicates++;
            Logger.debug("sync: chunk {} of {} again (a duplicate)", index, issue);
        }
        requestNext();
        if (manifest != null && System.nanoTime() - lastStatusNanos > 500_000_000L) publishStatus();
    }

    /** Asks for the first chunk still missing, or installs the issue when none is. */
    private void requestNext() {
        if (manifest == null) return;
        int next = have.nextClearBit(0);
        if (next >= manifest.chunks().size()) {
            complete();
            return;
        }
        if (!connected || next == requested) return;
        unsubscribeRequested();
        try {
            client.subscribe(Topics.chunk(settings.fleet(), manifest.issue(), manifest.sequence(), next), 1);
            requested = next;
            lastProgressNanos = System.nanoTime();
        } catch (MqttException e) {
            error("cannot ask for chunk " + next + " of " + manifest.issue() + ": " + e.getMessage());
        }
    }

    private void unsubscribeRequested() {
        if (manifest != null && requested >= 0 && connected) {
            try {
                client.unsubscribe(Topics.chunk(settings.fleet(), manifest.issue(), manifest.sequence(), requested));
            } catch (MqttException e) {
                Logger.debug("sync: unsubscribe failed: {}", e.getMessage());
            }
        }
        requested = -1;
    }

    private void complete() {
        Manifest m = manifest;
        unsubscribeRequested();
        // Beside the store and named after it: two stores in one folder never share it.
        Path store = settings.store().toAbsolutePath();
        Path folder = store.resolveSibling(store.getFileName() + ".incoming-" + m.issue());
        try {
            deliveries.outbox(event("verified", m.issue(), m.sequence(), null));
            Logger.info("sync: {} complete, every chunk verified; installing", m.issue());
            delete(folder);
            Files.createDirectories(folder);
            deliveries.writeFiles(m, folder);
            Issue issue;
            try {
                issue = IssuePackage.read(folder);
                if (!issue.id().equals(m.issue())) throw new PackageException(folder.toString(), List.of("issue.json id is " + issue.id() + ", the manifest says " + m.issue()));
            } catch (PackageException e) {
                deliveries.drop(m.issue());
                manifest = null;
                have = null;
                deliveries.outbox(event("rejected", m.issue(), m.sequence(), "package invalid: " + e.getMessage()));
                error("issue " + m.issue() + " rejected: " + e.getMessage());
                return;
            }
            deliveries.install(issue, m.sequence(), file -> Files.newInputStream(folder.resolve(file)),
                    event("activated", m.issue(), m.sequence(), null));
            manifest = null;
            have = null;
            Logger.info("sync: {} (sequence {}) is now the active issue", m.issue(), m.sequence());
            List<String> removed = deliveries.retain(settings.keepIssues(), settings.quotaBytes());
            if (!removed.isEmpty()) Logger.info("sync: retention removed {}", removed);
            onActivated.accept(m.issue());
        } catch (SQLException | IOException | StoreException e) {
            error("cannot install " + m.issue() + ": " + e.getMessage());
            worker.schedule(this::requestNext, settings.minBackoff().toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            try {
                delete(folder);
            } catch (IOException e) {
                Logger.warn("sync: cannot remove {}: {}", folder, e.getMessage());
            }
            publishStatus();
            flushOutbox();
        }
    }

    /**
     * Asks again for a chunk that has not come for the stall timeout (a broker that lost it, a dropped subscribe), and
     * at once when no chunk is asked for at all (a subscribe that failed while the connection stood).
     */
    private void watch() {
        if (!connected || manifest == null) return;
        if (requested < 0) {
            if (have.nextClearBit(0) < manifest.chunks().size()) requestNext(); // a failed install retries on its own
            return;
        }
        long idle = System.nanoTime() - lastProgressNanos;
        if (idle > settings.stallTimeout().toNanos()) {
            error("chunk " + requested + " of " + manifest.issue() + " has not arrived in " + settings.stallTimeout().toSeconds()
                    + " s; asking again (if this repeats, publish the issue again)");
            unsubscribeRequested();
            requestNext();
        }
    }

    private void flushOutbox() {
        if (!connected) return;
        try {
            for (Deliveries.Event e : deliveries.pending(50)) {
                if (!eventsInFlight.add(e.id())) continue;
                JsonObject o = com.google.gson.JsonParser.parseString(e.payload()).getAsJsonObject();
                o.addProperty("id", e.id());
                long id = e.id();
                client.publish(Topics.events(settings.fleet(), settings.device()), o.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        1, false, null, new IMqttActionListener() {
                            @Override
                            public void onSuccess(IMqttToken token) {
                                run(() -> {
                                    try {
                                        deliveries.sent(id);
                                    } catch (SQLException ex) {
                                        Logger.warn("sync: outbox: {}", ex.getMessage());
                                    }
                                    eventsInFlight.remove(id);
                                });
                            }

                            @Override
                            public void onFailure(IMqttToken token, Throwable ex) {
                                run(() -> eventsInFlight.remove(id));
                            }
                        });
            }
        } catch (SQLException | MqttException e) {
            Logger.debug("sync: outbox not flushed now: {}", e.getMessage());
        }
    }

    private String event(String kind, String issue, long sequence, String reason) {
        JsonObject o = new JsonObject();
        o.addProperty("device", settings.device());
        o.addProperty("event", kind);
        o.addProperty("issue", issue);
        if (sequence >= 0) o.addProperty("sequence", sequence);
        if (reason != null) o.addProperty("reason", reason);
        o.addProperty("time", Instant.now().toString());
        return o.toString();
    }

    private void error(String message) {
        lastError = message;
        lastErrorAt = Instant.now();
        Logger.warn("sync: {}", message);
        publishStatus();
    }

    private void publishStatus() {
        if (!connected) return;
        lastStatusNanos = System.nanoTime();
        try {
            client.publish(Topics.status(settings.fleet(), settings.device()), status(true).getBytes(java.nio.charset.StandardCharsets.UTF_8), 1, true);
        } catch (MqttException e) {
            Logger.debug("sync: status not sent: {}", e.getMessage());
        }
    }

    /** The status document (PROTOCOL.md); the will is this with online false. */
    private String status(boolean online) {
        JsonObject o = new JsonObject();
        o.addProperty("device", settings.device());
        o.addProperty("fleet", settings.fleet());
        o.addProperty("online", online);
        try {
            o.addProperty("activeIssue", store.active().orElse(null));
        } catch (StoreException e) {
            o.addProperty("activeIssue", (String) null);
        }
        if (manifest != null) {
            JsonObject s = new JsonObject();
            s.addProperty("issue", manifest.issue());
            s.addProperty("sequence", manifest.sequence());
            s.addProperty("chunks", have.cardinality());
            s.addProperty("of", manifest.chunks().size());
            s.addProperty("percent", Math.round(100.0 * have.cardinality() / manifest.chunks().size()));
            o.add("syncing", s);
        } else {
            o.add("syncing", null);
        }
        if (lastError != null) {
            JsonObject e = new JsonObject();
            e.addProperty("message", lastError);
            e.addProperty("time", lastErrorAt.toString());
            o.add("lastError", e);
        } else {
            o.add("lastError", null);
        }
        o.addProperty("duplicateChunks", duplicates);
        o.addProperty("failedConnects", failures);
        o.addProperty("version", VERSION);
        o.addProperty("updated", Instant.now().toString());
        return new com.google.gson.GsonBuilder().serializeNulls().create().toJson(o);
    }

    /** The status document as the kiosk would publish it now (online: connected to the broker). */
    public String status() {
        try {
            return worker.submit(() -> status(connected)).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "{}";
        } catch (ExecutionException | TimeoutException e) {
            return "{\"lastError\":\"" + e + "\"}";
        }
    }

    private static String digest(byte[] bytes) {
        return Manifest.sha256(bytes, bytes.length);
    }

    private static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) return;
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    /** Says goodbye (status offline), disconnects and closes the store; waits at most a few seconds. */
    @Override
    public void close() {
        try {
            worker.submit(() -> {
                closed = true;
                try {
                    if (connected) {
                        client.publish(Topics.status(settings.fleet(), settings.device()),
                                status(false).getBytes(java.nio.charset.StandardCharsets.UTF_8), 1, true).waitForCompletion(2000);
                        client.disconnect(2000).waitForCompletion(3000);
                    }
                } catch (MqttException e) {
                    Logger.debug("sync: goodbye not sent: {}", e.getMessage());
                }
                try {
                    client.close(true);
                } catch (MqttException e) {
                    Logger.debug("sync: close: {}", e.getMessage());
                }
                store.close();
                return null;
            }).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            Logger.warn("sync: close: {}", e.getMessage());
        } finally {
            worker.shutdownNow();
        }
    }
}
