package newsstand.delivery;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.tinylog.Logger;

/**
 * A kiosk's persistent MQTT 5 session (stable client id, clean start off, the session kept a week): connects and
 * reconnects with jittered exponential backoff, the first connect included, and gives up on an attempt the broker
 * does not answer. The CONNECT declares the largest packet the kiosk takes ({@link Broker#MAX_PACKET_BYTES}) and
 * how few QoS 1 messages may be in flight to it, so that the broker never sends a message the kiosk's heap cannot
 * hold (it drops such a message for this client instead). Paho's callbacks are handed to the sync thread;
 * everything else here runs on it.
 */
final class BrokerSession {
    /** What the session tells its owner, on the sync thread. */
    interface Listener {
        void connected(boolean sessionPresent);

        /** The connection ended; why, in words (the broker's reason code where it gave one). */
        void lost(String why);

        /** A message other than a chunk. */
        void message(String topic, MqttMessage message, String sha256);

        /**
         * Chunks that came one after the other and waited together for the sync thread, in their order: taken in one
         * go (one transaction) and only then acknowledged.
         */
        void chunks(java.util.List<Arrived> chunks);

        /** A connect that failed; the session tries again by itself. */
        void failed(String why);
    }

    private static final int CONNECT_WAIT_S = 15;

    private final SyncSettings settings;
    private final String clientId;
    private final SyncThread thread;
    private final Listener listener;
    /** The will: the status document with online false, as of each connect. */
    private final Supplier<byte[]> will;
    private MqttAsyncClient client;
    private final java.util.concurrent.ExecutorService hashing = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(() -> {
            Niceness.lowerThisThread(Niceness.SYNC);
            r.run();
        }, "sync-hashing");
        t.setDaemon(true);
        return t;
    });
    /** A chunk as it came, with the hex SHA-256 of its payload computed on the hashing thread. */
    record Arrived(String topic, MqttMessage message, String sha256) {}

    /** Chunks hashed and waiting for the sync thread, with the client that took them; drained by one task at a time. */
    private final java.util.concurrent.ConcurrentLinkedQueue<Object[]> arrived = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicBoolean draining = new java.util.concurrent.atomic.AtomicBoolean();
    /** At most this many chunks in one go: the Receive Maximum lets no more be in flight anyway. */
    private static final int BATCH = Broker.RECEIVE_MAXIMUM;
    private boolean connected;
    private boolean closed;
    private int failures;
    /** Connect attempts so far; answers to an attempt that is not the latest are ignored. */
    private int attempt;
    private long connectedAtNanos;
    /** Connections the broker closed within seconds of accepting them, in a row: a takeover fight, or a refusal. */
    private int quickDrops;
    private static final long QUICK_DROP_NANOS = 10_000_000_000L;

    BrokerSession(SyncSettings settings, SyncThread thread, Listener listener, Supplier<byte[]> will) throws DeliveryException {
        this.settings = settings;
        this.clientId = "newsstand-" + settings.fleet() + "-" + settings.device();
        this.thread = thread;
        this.listener = listener;
        this.will = will;
        this.client = settings.broker() == null ? null : newClient();
    }

    boolean connected() {
        return connected;
    }

    /** Connect attempts that failed since the last success. */
    int failures() {
        return failures;
    }

    /**
     * A fresh client for each attempt after a failure: Paho waits for a CONNACK without a time limit, so an
     * attempt the broker never answers is abandoned with its client. Events of an abandoned client are ignored.
     */
    private MqttAsyncClient newClient() throws DeliveryException {
        MqttAsyncClient c = settings.broker().client(clientId);
        String chunks = Topics.ROOT + settings.fleet() + "/chunks/";
        c.setManualAcks(true);
        c.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse response) {
                thread.run(() -> {
                    if (c == client) lost(Broker.explainDisconnect(response));
                });
            }

            @Override
            public void mqttErrorOccurred(MqttException e) {
                Logger.warn("sync: MQTT error: {}", e.getMessage());
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                // A chunk's hash is computed on a thread of its own while Paho reads the next and the sync thread
                // stores the one before; one thread, so the messages keep their order.
                // Chunks wait in a queue that the sync thread drains, several at a time when they come faster than it
                // stores them: one transaction for those, and their acknowledgements after its commit.
                hashing.execute(() -> {
                    ReaderFirst.pause();
                    byte[] p = message.getPayload();
                    if (topic.startsWith(chunks) && Topics.commandsDevice(settings.fleet(), topic) == null) {
                        String sha256 = p.length > 0 ? newsstand.issue.Manifest.sha256(p, p.length) : null;
                        arrived.add(new Object[] {c, new Arrived(topic, message, sha256)});
                        if (draining.compareAndSet(false, true)) thread.run(BrokerSession.this::drain);
                        return;
                    }
                    thread.run(() -> {
                        thread.lowerPriority();
                        ReaderFirst.pause();
                        if (c == client) listener.message(topic, message, null);
                    });
                });
            }

            @Override
            public void deliveryComplete(IMqttToken token) {}

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {}

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {}
        });
        return c;
    }

    /** On the sync thread: the chunks waiting, handed over a batch at a time. */
    private void drain() {
        while (true) {
            java.util.List<Arrived> batch = new java.util.ArrayList<>();
            for (Object[] a; batch.size() < BATCH && (a = arrived.poll()) != null; ) {
                if (a[0] == client) batch.add((Arrived) a[1]);
            }
            if (!batch.isEmpty()) {
                thread.lowerPriority();
                ReaderFirst.pause();
                listener.chunks(batch);
            }
            if (!arrived.isEmpty()) continue;
            draining.set(false);
            // A chunk queued after the last poll and before the flag went down found it up: take it now.
            if (arrived.isEmpty() || !draining.compareAndSet(false, true)) return;
        }
    }

    private void abandonClient() {
        MqttAsyncClient old = client;
        try {
            client = newClient();
        } catch (DeliveryException e) {
            listener.failed(e.getMessage());
            return;
        }
        try {
            old.disconnectForcibly(0, 0, false);
        } catch (MqttException e) {
            // it was not connected
        }
        try {
            old.close(true);
        } catch (MqttException e) {
            Logger.debug("sync: abandoned client: {}", e.getMessage());
        }
    }

    void connect() {
        if (closed || connected || client == null) return;
        int mine = ++attempt;
        if (failures > 0) abandonClient();
        try {
            MqttConnectionOptions o = settings.broker().sessionOptions(settings.keepAliveSeconds());
            MqttMessage goodbye = new MqttMessage(will.get(), 1, true, null);
            o.setWill(Topics.status(settings.fleet(), settings.device()), goodbye);
            client.connect(o, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    boolean session = token.getSessionPresent();
                    thread.run(() -> {
                        if (mine == attempt) connected(session);
                    });
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    thread.run(() -> {
                        if (mine != attempt) return;
                        listener.failed(settings.broker().explain(e));
                        retry();
                    });
                }
            });
            thread.later(() -> {
                if (mine == attempt && !connected && !closed) {
                    attempt++;
                    listener.failed("broker " + settings.broker().url() + " did not answer the connect in " + CONNECT_WAIT_S + " s");
                    retry();
                }
            }, CONNECT_WAIT_S * 1000L);
        } catch (MqttException | DeliveryException e) {
            listener.failed(e instanceof MqttException m ? settings.broker().explain(m) : e.getMessage());
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
        thread.later(this::connect, delay);
    }

    private void connected(boolean sessionPresent) {
        connected = true;
        connectedAtNanos = System.nanoTime();
        failures = 0;
        Logger.info("sync: connected to {} as {} ({})", client.getCurrentServerURI(), clientId, sessionPresent ? "session resumed" : "new session");
        listener.connected(sessionPresent);
    }

    private void lost(String why) {
        if (closed) return;
        connected = false;
        quickDrops = System.nanoTime() - connectedAtNanos < QUICK_DROP_NANOS ? quickDrops + 1 : 0;
        if (quickDrops >= 3) {
            // Mosquitto closes the older of two connections with one client id without a word: say what it likely is.
            why += "; the broker closed the connection " + quickDrops + " times in a row within seconds of accepting it: another client"
                    + " may be using this kiosk's client id (two kiosks with one device.id?), or the broker refuses something (see its log)";
        }
        if (failures == 0) failures = 1; // the next attempt starts on a fresh client
        listener.lost(why);
        retry();
    }

    void subscribe(String... topics) throws MqttException {
        int[] qos = new int[topics.length];
        java.util.Arrays.fill(qos, 1);
        client.subscribe(topics, qos);
    }

    void unsubscribe(String... topics) throws MqttException {
        client.unsubscribe(topics);
    }

    /** Acknowledges a message: only after its effect is committed, so that one lost to a crash comes again. */
    void acknowledge(MqttMessage message) {
        try {
            client.messageArrivedComplete(message.getId(), message.getQos());
        } catch (MqttException | RuntimeException e) {
            Logger.debug("sync: ack of message {} not sent: {}", message.getId(), e.getMessage());
        }
    }

    IMqttToken publish(String topic, byte[] payload, boolean retained, MqttActionListener done) throws MqttException {
        return client.publish(topic, payload, 1, retained, null, done);
    }

    /** Says goodbye with a last retained message (when connected), disconnects and closes the client. */
    void close(String topic, byte[] goodbye) {
        closed = true;
        hashing.shutdown();
        if (client == null) return;
        try {
            if (connected) {
                client.publish(topic, goodbye, 1, true).waitForCompletion(2000);
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
    }
}
