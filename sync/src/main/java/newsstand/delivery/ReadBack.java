package newsstand.delivery;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import newsstand.issue.Manifest;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * What the broker holds, read back after publishing: under MQTT 3.1.1 a broker acknowledges a publish its ACL
 * denied, so only reading the retained messages again proves they are there. Payloads are hashed as they come;
 * none is kept.
 */
final class ReadBack {
    private ReadBack() {}

    /** The SHA-256 of each retained message under a filter, by topic, once {@code expected} came or the wait ran out. */
    static Map<String, String> retained(MqttAsyncClient client, String filter, int expected, long waitMs) throws MqttException, DeliveryException {
        Map<String, String> got = new ConcurrentHashMap<>();
        client.subscribe(filter, 1, (topic, message) -> {
            if (message.isRetained() && message.getPayload().length > 0) got.put(topic, Manifest.sha256(message.getPayload(), message.getPayload().length));
        }).waitForCompletion(waitMs);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
        try {
            while (got.size() < expected && System.nanoTime() < deadline) Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted while reading back " + filter);
        } finally {
            client.unsubscribe(filter).waitForCompletion(waitMs);
        }
        return got;
    }

    /** Fails naming the first topic the broker does not hold as it was sent. */
    static void check(Broker broker, Map<String, String> got, String topic, String sha256) throws DeliveryException {
        String held = got.get(topic);
        if (sha256.equals(held)) return;
        throw new DeliveryException("broker " + broker.url() + " did not keep " + topic + " (read back: " + (held == null ? "missing" : "altered")
                + "), so kiosks cannot take it. Check that the operator's user may write newsstand/# (ACL: topic readwrite newsstand/#)");
    }
}
