package newsstand.app;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import newsstand.delivery.Arrivals;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.util.MqttTopicValidator;

/**
 * A test's own MQTT 5 client (an observer, an attacker, another operator): each subscription's messages handed to its
 * handler by topic filter, as Paho's v5 MqttClient cannot do itself (its subscribe with a listener calls itself).
 */
final class TestMqtt implements AutoCloseable {
    private final MqttClient client;
    private final Map<String, BiConsumer<String, MqttMessage>> handlers = new ConcurrentHashMap<>();

    private TestMqtt(MqttClient client) {
        this.client = client;
    }

    static TestMqtt connect(String url, String user, String password) throws MqttException {
        TestMqtt t = new TestMqtt(new MqttClient(url, "test-" + (user == null ? "" : user + "-") + System.nanoTime(), new MemoryPersistence()));
        t.client.setCallback(new Arrivals((topic, message) -> t.handlers.forEach((filter, handler) -> {
            if (MqttTopicValidator.isMatched(filter, topic)) handler.accept(topic, message);
        })));
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setReceiveMaximum(100);
        if (user != null) o.setUserName(user);
        if (password != null) o.setPassword(password.getBytes(StandardCharsets.UTF_8));
        t.client.connect(o);
        return t;
    }

    void subscribe(String filter, int qos, BiConsumer<String, MqttMessage> handler) throws MqttException {
        handlers.put(filter, handler);
        client.subscribe(filter, qos);
    }

    void unsubscribe(String filter) throws MqttException {
        client.unsubscribe(filter);
        handlers.remove(filter);
    }

    /**
     * Publishes and waits for the broker. Paho can count a message as in flight for a moment after its token
     * completed, so a quick run of publishes may be refused as too many in progress: such a refusal is tried again.
     */
    void publish(String topic, byte[] payload, int qos, boolean retained) throws MqttException {
        for (int tries = 0; ; tries++) {
            try {
                client.publish(topic, payload, qos, retained);
                return;
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT || tries == 100) throw e;
                try {
                    Thread.sleep(20);
                } catch (InterruptedException i) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    @Override
    public void close() throws MqttException {
        try {
            client.disconnect(100);
        } catch (MqttException e) {
            // going away either way
        }
        client.close(true);
    }
}
