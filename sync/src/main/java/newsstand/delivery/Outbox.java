package newsstand.delivery;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import newsstand.store.StoreException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import newsstand.store.Deliveries;
import newsstand.store.Events;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.tinylog.Logger;

/**
 * The kiosk's events (downloading, verified, activated, rejected: PROTOCOL.md): queued in the store in the same
 * transaction as what they report, sent when connected and deleted only once the broker has them, so that none is
 * lost across restarts. Sync thread only.
 */
final class Outbox {
    private final Deliveries deliveries;
    private final SyncSettings settings;
    private final SyncThread thread;
    private final Set<Long> inFlight = new HashSet<>();

    Outbox(Deliveries deliveries, SyncSettings settings, SyncThread thread) {
        this.deliveries = deliveries;
        this.settings = settings;
        this.thread = thread;
    }

    /** An event's payload; sequence -1 and reason null are left out. */
    String event(String kind, String issue, long sequence, String reason) {
        JsonObject o = new JsonObject();
        o.addProperty("device", settings.device());
        o.addProperty("event", kind);
        if (issue != null) o.addProperty("issue", issue);
        if (sequence >= 0) o.addProperty("sequence", sequence);
        if (reason != null) o.addProperty("reason", reason);
        o.addProperty("time", Instant.now().toString());
        return o.toString();
    }

    /** Queues an event about an issue (verified: progress; rejected: important). */
    void add(String kind, String issue, long sequence, String reason) throws StoreException {
        deliveries.events().add(event(kind, issue, sequence, reason), kind.equals("rejected") ? Events.IMPORTANT : Events.PROGRESS);
    }

    /**
     * Queues the rejection of a message refused before anything was stored (unsigned, untrusted, expired, a replay):
     * one row a kind, later ones counted on it, so that a flood costs one row and never holds back what matters.
     */
    void addNoise(String kind, String issue, long sequence, String reason) throws StoreException {
        deliveries.events().addRepeated(kind, event("rejected", issue, sequence, reason));
    }

    /**
     * The kind of a rejection, for coalescing: its reason up to the first ':' or '(', numbers and key ids left out
     * ("signed by key #, which this kiosk does not trust"), so that a flood of one kind is one row and kinds stay apart.
     */
    static String kind(String reason) {
        String k = reason.split("[:(]", 2)[0].replaceAll("[0-9a-f]{6,}|[0-9]+", "#").strip();
        return k.length() > 60 ? k.substring(0, 60) : k;
    }

    /** Sends what is queued and not yet in flight (at most 50 at a time). */
    void flush(BrokerSession session) {
        if (!session.connected()) return;
        try {
            for (Events.Event e : deliveries.events().pending(50)) {
                if (!inFlight.add(e.id())) continue;
                JsonObject o = JsonParser.parseString(e.payload()).getAsJsonObject();
                o.addProperty("id", e.id());
                if (e.repeats() > 1) o.addProperty("repeats", e.repeats());
                long id = e.id();
                int repeats = e.repeats();
                session.publish(Topics.events(settings.fleet(), settings.device()), o.toString().getBytes(StandardCharsets.UTF_8), false,
                        new MqttActionListener() {
                            @Override
                            public void onSuccess(IMqttToken token) {
                                thread.run(() -> {
                                    try {
                                        deliveries.events().sent(id, repeats);
                                    } catch (StoreException ex) {
                                        Logger.warn("sync: outbox: {}", ex.getMessage());
                                    }
                                    inFlight.remove(id);
                                });
                            }

                            @Override
                            public void onFailure(IMqttToken token, Throwable ex) {
                                thread.run(() -> inFlight.remove(id));
                            }
                        });
            }
        } catch (StoreException | MqttException e) {
            Logger.debug("sync: outbox not flushed now: {}", e.getMessage());
        }
    }

    /** The connection was lost: what was in flight is sent again on the next. */
    void lost() {
        inFlight.clear();
    }
}
