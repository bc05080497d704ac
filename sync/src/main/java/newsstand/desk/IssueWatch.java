package newsstand.desk;

import newsstand.delivery.DeliveryException;

/** The fleet's retained issue messages followed ({@link Desk#watchIssues}) until closed. */
public final class IssueWatch implements AutoCloseable {
    private final Link link;
    private final String filter;
    private final java.util.function.BiConsumer<String, org.eclipse.paho.mqttv5.common.MqttMessage> handler;

    IssueWatch(Link link, String filter, java.util.function.BiConsumer<String, org.eclipse.paho.mqttv5.common.MqttMessage> handler) {
        this.link = link;
        this.filter = filter;
        this.handler = handler;
    }

    /** Whether the connection holds now (false while it is lost; the desk's link connects again and follows on by itself). */
    public boolean following() {
        return link.connected();
    }

    @Override
    public void close() {
        try {
            link.unsubscribe(filter, handler);
        } catch (DeliveryException e) {
            // the connection is gone: nothing follows any more
        }
    }
}
