package newsstand.desk;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import newsstand.delivery.Arrivals;
import newsstand.delivery.Broker;
import newsstand.delivery.DeliveryException;
import newsstand.issue.Manifest;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.util.MqttTopicValidator;
import org.tinylog.Logger;

/**
 * The desk's connection to the broker: MQTT 5, a clean session, messages handed to everyone who subscribed to a
 * filter they match (several may follow the same filter: the console's fleet and a command's round both follow the
 * statuses and events; the broker's subscription ends with the last of them), QoS 1 publishes acknowledged within a window, and what the broker holds read back. A broker may
 * acknowledge a publish its ACL denied (or refuse it with a reason code): only reading the retained messages again
 * proves they are there, so a refusal is left for the read-back to name. A lost connection is made again (the
 * brokers of a cluster tried in order, after 1 s, then 2, 4, up to {@link #RETRY_MAX_MS} apart) and every filter
 * still followed is subscribed to again, so a long-lived desk (the console's) keeps following the fleet through a
 * broker's restart or the death of one broker of a cluster.
 */
final class Link implements AutoCloseable {
    static final long WAIT_MS = 30_000;
    /** QoS 1 messages in flight at once while publishing. */
    static final int WINDOW = 10;
    /** The longest wait between two attempts to connect again. */
    static final long RETRY_MAX_MS = 8_000;

    final Broker broker;
    private final MqttAsyncClient client;
    private final MqttConnectionOptions options;
    private final Map<String, List<BiConsumer<String, MqttMessage>>> handlers = new ConcurrentHashMap<>();
    private final ScheduledExecutorService reconnects = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "desk-reconnect");
        t.setDaemon(true);
        return t;
    });
    private final Object state = new Object();
    private volatile boolean closed;

    private Link(Broker broker, MqttAsyncClient client, MqttConnectionOptions options) {
        this.broker = broker;
        this.client = client;
        this.options = options;
    }

    static Link open(Broker broker, String purpose) throws DeliveryException {
        MqttAsyncClient client = broker.client("newsstand-" + purpose + "-" + Long.toHexString(System.nanoTime() ^ Double.doubleToLongBits(Math.random())));
        Link link = new Link(broker, client, broker.deskOptions(60));
        client.setCallback(link.callback());
        try {
            client.connect(link.options).waitForCompletion(WAIT_MS);
            return link;
        } catch (MqttException e) {
            link.close();
            throw new DeliveryException(broker.explainToOperator(e), e);
        }
    }

    boolean connected() {
        return client.isConnected();
    }

    /** Waits up to {@code ms} for the connection to be back; whether it is. */
    boolean awaitConnected(long ms) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        synchronized (state) {
            while (!client.isConnected() && !closed) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) break;
                try {
                    state.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return client.isConnected();
    }

    /** The connection was lost: connect again from the reconnecting thread (not Paho's, which must not wait on itself). */
    private void lost() {
        if (closed) return;
        Logger.warn("desk: lost the connection to broker {}; connecting again", broker.url());
        try {
            reconnects.schedule(() -> reconnect(1_000), 1_000, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed meanwhile
        }
    }

    private void reconnect(long delayMs) {
        if (closed || client.isConnected()) return;
        try {
            client.connect(options).waitForCompletion(WAIT_MS);
            for (String filter : handlers.keySet()) client.subscribe(filter, 1).waitForCompletion(WAIT_MS);
            Logger.info("desk: connected again to {}, following {} again", client.getCurrentServerURI(), String.join(", ", handlers.keySet()));
            synchronized (state) {
                state.notifyAll();
            }
        } catch (MqttException e) {
            if (closed) return;
            if (client.isConnected()) {
                // connected, but a subscription failed: start over on a fresh connection
                try {
                    client.disconnectForcibly(0, 1000, false);
                } catch (MqttException ignored) {
                    // it is going away either way
                }
            }
            long next = Math.min(delayMs * 2, RETRY_MAX_MS);
            Logger.debug("desk: connecting again failed ({}); next try in {} ms", broker.explainToOperator(e), next);
            try {
                reconnects.schedule(() -> reconnect(next), next, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closedMeanwhile) {
                // closed
            }
        }
    }

    /**
     * Hands each message on a topic the filter matches to the handler (on Paho's thread) until unsubscribed. Several
     * handlers may follow one filter (the console's fleet view and a command's wait for the statuses): each gets
     * every message, and subscribing again makes the broker send the retained messages again (to them all).
     * Subscribing and unsubscribing take turns, so that a filter's last handler leaving never ends the broker's
     * subscription that a new one has just made.
     */
    synchronized void subscribe(String filter, BiConsumer<String, MqttMessage> handler) throws DeliveryException {
        handlers.computeIfAbsent(filter, f -> new CopyOnWriteArrayList<>()).add(handler);
        try {
            client.subscribe(filter, 1).waitForCompletion(WAIT_MS);
        } catch (MqttException e) {
            forget(filter, handler);
            throw failed(e);
        }
    }

    /** Stops handing messages to the handler; the broker is told once no handler follows the filter. */
    synchronized void unsubscribe(String filter, BiConsumer<String, MqttMessage> handler) throws DeliveryException {
        if (!forget(filter, handler)) return;
        try {
            if (client.isConnected()) client.unsubscribe(filter).waitForCompletion(WAIT_MS);
        } catch (MqttException e) {
            throw failed(e);
        }
    }

    /** Removes a handler; whether it was the filter's last. */
    private boolean forget(String filter, BiConsumer<String, MqttMessage> handler) {
        boolean[] last = {false};
        handlers.computeIfPresent(filter, (f, list) -> {
            list.remove(handler);
            last[0] = list.isEmpty();
            return list.isEmpty() ? null : list;
        });
        return last[0];
    }

    /** Publishes at QoS 1 and waits for the broker's answer; a refusal is for the read-back to find. */
    void publish(String topic, byte[] payload, boolean retained) throws DeliveryException {
        try {
            client.publish(topic, payload, 1, retained).waitForCompletion(WAIT_MS);
        } catch (MqttException e) {
            if (!refused(e)) throw failed(e);
        }
    }

    /** Messages in flight, at most {@link #WINDOW} at once; the first failure is kept and thrown at the next call. */
    final class Window {
        private final Semaphore places = new Semaphore(WINDOW);
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        void publish(String topic, byte[] payload, boolean retained) throws DeliveryException {
            take(1);
            try {
                client.publish(topic, payload, 1, retained, null, new MqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken token) {
                        places.release();
                    }

                    @Override
                    public void onFailure(IMqttToken token, Throwable e) {
                        if (!refused(e)) failure.compareAndSet(null, e);
                        places.release();
                    }
                });
            } catch (MqttException e) {
                places.release();
                throw new DeliveryException("publishing failed: " + e.getMessage(), e);
            }
        }

        /** Waits until every message in flight is acknowledged. */
        void drain() throws DeliveryException {
            take(WINDOW);
            places.release(WINDOW);
        }

        private void take(int n) throws DeliveryException {
            try {
                if (!places.tryAcquire(n, WAIT_MS, TimeUnit.MILLISECONDS)) throw new DeliveryException("the broker stopped acknowledging messages");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeliveryException("interrupted");
            }
            if (failure.get() != null) throw new DeliveryException("publishing failed: " + failure.get().getMessage(), failure.get());
        }
    }

    /** The SHA-256 of each retained message under a filter, by topic, once {@code expected} came or the wait ran out. */
    Map<String, String> retained(String filter, int expected, long waitMs) throws DeliveryException {
        Map<String, String> got = new ConcurrentHashMap<>();
        BiConsumer<String, MqttMessage> handler = (topic, message) -> {
            if (message.isRetained() && message.getPayload().length > 0) got.put(topic, Manifest.sha256(message.getPayload(), message.getPayload().length));
        };
        subscribe(filter, handler);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
        try {
            while (got.size() < expected && System.nanoTime() < deadline) Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted while reading back " + filter);
        } finally {
            unsubscribe(filter, handler);
        }
        return got;
    }

    /** Fails naming the topic when the broker does not hold it as it was sent. */
    void check(Map<String, String> got, String topic, String sha256) throws DeliveryException {
        String held = got.get(topic);
        if (sha256.equals(held)) return;
        throw new DeliveryException("broker " + broker.url() + " did not keep " + topic + " (read back: " + (held == null ? "missing" : "altered")
                + "), so kiosks cannot take it. Check that the operator's user may write newsstand/# (ACL: topic readwrite newsstand/#)");
    }

    /** The retained payload on one topic, or null when there is none (it follows the subscription's acknowledgement at once). */
    byte[] retainedPayload(String topic) throws DeliveryException {
        AtomicReference<byte[]> got = new AtomicReference<>();
        java.util.concurrent.CountDownLatch arrived = new java.util.concurrent.CountDownLatch(1);
        BiConsumer<String, MqttMessage> handler = (t, message) -> {
            got.set(message.getPayload());
            arrived.countDown();
        };
        subscribe(topic, handler);
        try {
            arrived.await(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        unsubscribe(topic, handler);
        byte[] payload = got.get();
        return payload == null || payload.length == 0 ? null : payload;
    }

    DeliveryException failed(MqttException e) {
        return new DeliveryException(broker.explainToOperator(e), e);
    }

    /** The broker's refusal of a publish (a reason code of 0x80 or more), as MQTT 5 lets it answer one its ACL denies. */
    private static boolean refused(Throwable e) {
        return e instanceof MqttException m && m.getReasonCode() >= 0x80 && m.getReasonCode() < 0x100;
    }

    private MqttCallback callback() {
        return new Arrivals((topic, message) -> {
            for (Map.Entry<String, List<BiConsumer<String, MqttMessage>>> h : handlers.entrySet()) {
                if (MqttTopicValidator.isMatched(h.getKey(), topic)) h.getValue().forEach(each -> each.accept(topic, message));
            }
        }, this::lost);
    }

    @Override
    public void close() {
        closed = true;
        reconnects.shutdownNow();
        synchronized (state) {
            state.notifyAll();
        }
        try {
            if (client.isConnected()) client.disconnect(5000).waitForCompletion(6000);
        } catch (MqttException e) {
            // the connection is going away either way
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            // nothing more to release
        }
    }
}
