package newsstand.desk;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import newsstand.delivery.DeliveryException;
import newsstand.delivery.Topics;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * The fleet's kiosks as their retained statuses say, kept up to date while it is open: each status is handed to the
 * listener as it comes (on the connection's thread; keep the listener short), and {@link #kiosks()} is the latest
 * of each. Closing it stops following the fleet.
 */
public final class FleetView implements AutoCloseable {
    private final Link link;
    private final String filter;
    private final Map<String, KioskStatus> kiosks = new ConcurrentHashMap<>();
    private BiConsumer<String, MqttMessage> handler;

    private FleetView(Link link, String filter) {
        this.link = link;
        this.filter = filter;
    }

    static FleetView open(Link link, String fleet, Consumer<KioskStatus> listener) throws DeliveryException {
        return open(link, fleet, (s, retained) -> listener.accept(s));
    }

    /** As above; the listener also learns whether the status is the broker's retained copy sent at subscribe (not news). */
    static FleetView open(Link link, String fleet, BiConsumer<KioskStatus, Boolean> listener) throws DeliveryException {
        FleetView view = new FleetView(link, Topics.statuses(fleet));
        view.handler = (topic, message) -> {
            KioskStatus s = KioskStatus.read(topic.split("/")[2], message.getPayload());
            if (s.document() == null) view.kiosks.remove(s.device());
            else view.kiosks.put(s.device(), s);
            listener.accept(s, message.isRetained());
        };
        link.subscribe(view.filter, view.handler);
        return view;
    }

    /**
     * Whether the view's connection to the broker holds now: false while it is lost (the desk's link connects again,
     * to the next broker of a list when the first is gone, and follows every filter again by itself).
     */
    public boolean following() {
        return link.connected();
    }

    /** The latest status of each kiosk, by device id. */
    public Map<String, KioskStatus> kiosks() {
        return new TreeMap<>(kiosks);
    }

    @Override
    public void close() {
        try {
            link.unsubscribe(filter, handler);
        } catch (DeliveryException e) {
            // the connection is gone: nothing follows the fleet any more
        }
    }
}
