package newsstand.delivery;

import java.util.function.BiConsumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * A client's callback that takes messages (a probe's, the desk's) and, for a client that connects again itself (the
 * desk's), the loss of the connection: the rest of what Paho reports is of no use to it.
 */
public final class Arrivals implements MqttCallback {
    private final BiConsumer<String, MqttMessage> arrived;
    private final Runnable lost;

    public Arrivals(BiConsumer<String, MqttMessage> arrived) {
        this(arrived, () -> {});
    }

    /** Also told when the connection is lost (on Paho's thread: keep it short). */
    public Arrivals(BiConsumer<String, MqttMessage> arrived, Runnable lost) {
        this.arrived = arrived;
        this.lost = lost;
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        arrived.accept(topic, message);
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        lost.run();
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {}

    @Override
    public void deliveryComplete(IMqttToken token) {}

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {}

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {}
}
