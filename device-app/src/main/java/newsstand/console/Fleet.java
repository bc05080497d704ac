package newsstand.console;

import com.google.gson.JsonObject;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import newsstand.desk.FleetView;
import newsstand.desk.KioskStatus;
import org.tinylog.Logger;

/** The fleet as its kiosks report themselves (their retained statuses), followed live. (The fleet page builds on it.) */
final class Fleet implements AutoCloseable {
    private final Console console;
    private final Map<String, JsonObject> statuses = new ConcurrentHashMap<>();
    private FleetView view;

    Fleet(Console console) {
        this.console = console;
    }

    void routes(Routes r) {}

    /** Starts following the fleet's statuses. */
    void start() {
        try {
            view = console.desk.watch(this::heard);
        } catch (Exception e) {
            Logger.warn("console: cannot follow the fleet yet: {}", e.getMessage());
        }
    }

    private void heard(KioskStatus s) {
        if (s.document() == null) statuses.remove(s.device());
        else statuses.put(s.device(), s.document());
    }

    /** Each kiosk's latest status, by device id. */
    Map<String, JsonObject> statuses() {
        return new TreeMap<>(statuses);
    }

    /** The panel models the fleet's kiosks report (health.panel.model). */
    Set<String> models() {
        Set<String> models = new TreeSet<>();
        for (JsonObject s : statuses.values()) {
            try {
                models.add(s.getAsJsonObject("health").getAsJsonObject("panel").get("model").getAsString());
            } catch (RuntimeException e) {
                // a status without health (an older kiosk): no model to add
            }
        }
        return models;
    }

    @Override
    public void close() {
        if (view != null) view.close();
    }
}
