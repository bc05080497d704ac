package newsstand.delivery;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
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
 * A kiosk's persistent MQTT session (stable client id, clean session off): connects and reconnects with jittered
 * exponential backoff, the first connect included, and gives up on an attempt the broker does not answer. Paho's
 * callbacks are handed to the sync thread; everything else here runs on it.
 */
final class BrokerSession {
    /** What the session tells its owner, on the sync thread. */
    interface Listener {
        void connected(boolean sessionPresent);

        void lost(Throwable cause);

        void message(String topic, MqttMessage message);

        /** A connect that failed; the session tries again by itself. */
        void failed(String why);
    }

    private static final int CONNECT_WAIT_S = 15;

    private final DeviceSync.Settings settings;
    private final String clientId;
    private final SyncThread thread;
    private final Listener listener;
    /** The will: the status document with online false, as of each connect. */
    private final Supplier<byte[]> will;
    private MqttAsyncClient client;
    private boolean connected;
    private boolean closed;
    private int failures;
    /** Connect attempts so far; answers to an attempt that is not the latest are ignored. */
    private int attempt;

    BrokerSession(DeviceSync.Settings settings, SyncThread thread, Listener listener, Supplier<byte[]> will) throws DeliveryException {
        this.settings = settings;
        this.clientId = "newsstand-" + settings.fleet() + "-" + settings.device();
        this.thread = thread;
        this.listener = listener;
        this.will = will;
        this.client = newClient();
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
        c.setManualAcks(true);
        c.setCallback(new MqttCallbackExtended() {
            @Override
            public void connectComplete(boolean reconnect, String serverURI) {}

            @Override
            public void connectionLost(Throwable cause) {
                thread.run(() -> {
                    if (c == client) lost(cause);
                });
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                thread.run(() -> {
                    if (c == client) listener.message(topic, message);
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
            listener.failed(e.getMessage());
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

    void connect() {
        if (closed || connected) return;
        int mine = ++attempt;
        if (failures > 0) abandonClient();
        try {
            MqttConnectOptions o = settings.broker().options(false, settings.keepAliveSeconds());
            o.setWill(Topics.status(settings.fleet(), settings.device()), will.get(), 1, true);
            client.connect(o, null, new IMqttActionListener() {
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
        failures = 0;
        Logger.info("sync: connected to {} as {} ({})", settings.broker().url(), clientId, sessionPresent ? "session resumed" : "new session");
        listener.connected(sessionPresent);
    }

    private void lost(Throwable cause) {
        if (closed) return;
        connected = false;
        if (failures == 0) failures = 1; // the next attempt starts on a fresh client
        listener.lost(cause);
        retry();
    }

    void subscribe(String topic) throws MqttException {
        client.subscribe(topic, 1);
    }

    void unsubscribe(String topic) throws MqttException {
        client.unsubscribe(topic);
    }

    /** Acknowledges a message: only after its effect is committed, so that one lost to a crash comes again. */
    void acknowledge(MqttMessage message) {
        try {
            client.messageArrivedComplete(message.getId(), message.getQos());
        } catch (MqttException | RuntimeException e) {
            Logger.debug("sync: ack of message {} not sent: {}", message.getId(), e.getMessage());
        }
    }

    IMqttDeliveryToken publish(String topic, byte[] payload, boolean retained, IMqttActionListener done) throws MqttException {
        return client.publish(topic, payload, 1, retained, null, done);
    }

    /** Says goodbye with a last retained message (when connected), disconnects and closes the client. */
    void close(String topic, byte[] goodbye) {
        closed = true;
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
