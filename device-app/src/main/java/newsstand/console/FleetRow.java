package newsstand.console;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import newsstand.desk.KioskStatus;

/** A kiosk as the console knows it: its latest status, when the console itself heard it, when it went offline. */
final class FleetRow {
    final String device;
    JsonObject status;
    /** When the console received news from it (not a retained copy), or null. */
    Instant received;
    Instant offlineSince;
    /** The row as last sent to the browsers, to send it again only when it changed; and as JSON text. */
    JsonObject row;
    String rowText;

    void row(JsonObject r) {
        row = r;
        rowText = r.toString();
    }

    FleetRow(String device) {
        this.device = device;
    }

    /** A kiosk's state now: offline (its will, or its goodbye), silent (online, but not heard for long), online. */
    String state(Instant now) {
        if (!online(status)) return "offline";
        Instant heard = heard();
        return heard != null && heard.plus(Fleet.SILENT_AFTER).isBefore(now) ? "silent" : "online";
    }

    /** When the kiosk was last heard: the console's own hearing, or the status's time when later (the retained copy's). */
    Instant heard() {
        Instant updated = time(status, "updated");
        if (received == null) return updated;
        return updated != null && updated.isAfter(received) ? updated : received;
    }

    /** A kiosk's row, as the page and the API show it. */
    JsonObject build(Map<String, Fleet.Held> today, Instant now) {
        JsonObject s = status;
        JsonObject r = new JsonObject();
        String state = state(now);
        r.addProperty("device", device);
        r.addProperty("state", state);
        Instant heard = heard();
        r.addProperty("since", state.equals("offline") ? iso(offlineSince) : state.equals("silent") ? iso(heard) : null);
        if (s.has("unreadable")) r.addProperty("unreadable", true);
        r.addProperty("screen", text(s, "screen"));
        r.addProperty("publication", text(s, "publication"));
        r.addProperty("title", text(s, "title"));
        r.addProperty("issue", text(s, "issue"));
        r.add("page", number(s, "page"));
        r.add("pages", number(s, "pages"));
        r.addProperty("banner", text(s, "banner"));
        JsonObject syncing = object(s, "syncing");
        if (syncing != null) {
            JsonObject y = new JsonObject();
            y.addProperty("issue", text(syncing, "issue"));
            y.add("percent", number(syncing, "percent"));
            r.add("syncing", y);
        } else {
            r.add("syncing", null);
        }
        r.addProperty("version", text(s, "version"));
        JsonObject health = object(s, "health");
        JsonObject panel = health == null ? null : object(health, "panel");
        r.add("uptimeS", number(health, "uptimeS"));
        r.add("heapMb", number(health, "heapMb"));
        r.add("rssMb", number(health, "rssMb"));
        r.add("tempC", number(health, "cpuTempC"));
        r.add("freeMb", number(health, "freeStorageMb"));
        r.addProperty("model", text(panel, "model"));
        r.addProperty("failing", panel != null && panel.get("failing") != null && panel.get("failing").isJsonPrimitive()
                && panel.get("failing").getAsJsonPrimitive().isBoolean() && panel.get("failing").getAsBoolean());
        JsonObject error = object(s, "lastError");
        r.addProperty("lastError", error == null ? null : text(error, "message"));
        r.addProperty("updated", text(s, "updated"));
        r.addProperty("heard", iso(heard));
        JsonArray titles = new JsonArray();
        JsonArray behind = new JsonArray();
        if (s.get("titles") instanceof JsonArray a) {
            for (JsonElement e : a) {
                if (!(e instanceof JsonObject t) || text(t, "publication") == null) continue;
                String publication = text(t, "publication");
                String issue = text(t, "issue");
                JsonObject o = new JsonObject();
                o.addProperty("publication", publication);
                o.addProperty("issue", issue);
                titles.add(o);
                Fleet.Held newest = today.get(publication);
                if (newest != null && !newest.issue().equals(issue)) behind.add(publication);
            }
        }
        r.add("titles", titles);
        r.add("behind", behind);
        return r;
    }

    static boolean matches(JsonObject row, String state, String needle) {
        if (state != null && !state.equals("all")) {
            boolean in = switch (state) {
                case "failing" -> row.get("failing").getAsBoolean();
                case "behind" -> !row.getAsJsonArray("behind").isEmpty();
                default -> state.equals(row.get("state").getAsString());
            };
            if (!in) return false;
        }
        if (needle.isEmpty()) return true;
        for (String f : List.of("device", "screen", "publication", "title", "issue", "version", "model", "lastError")) {
            JsonElement e = row.get(f);
            if (e != null && !e.isJsonNull() && e.getAsString().toLowerCase(Locale.ROOT).contains(needle)) return true;
        }
        return false;
    }

    static Comparable<?> key(JsonObject r, String column) {
        String field = switch (column) {
            case "uptime" -> "uptimeS";
            case "memory" -> "heapMb";
            case "temperature" -> "tempC";
            case "storage" -> "freeMb";
            case "error" -> "lastError";
            default -> column;
        };
        JsonElement e = r.get(field);
        if (e == null || e.isJsonNull()) return null;
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) return e.getAsDouble();
        return e.getAsString().toLowerCase(Locale.ROOT);
    }

    /** Nulls last; numbers by value, words as words. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compareKeys(Comparable a, Comparable b) {
        if (a == null || b == null) return a == null ? (b == null ? 0 : 1) : -1;
        if (a.getClass() != b.getClass()) return a.toString().compareTo(b.toString());
        return a.compareTo(b);
    }

    static boolean online(JsonObject status) {
        return new KioskStatus("", status).online();
    }

    static boolean before(Instant a, Instant b) {
        return a != null && b != null && a.isBefore(b);
    }

    static String iso(Instant t) {
        return t == null ? null : t.toString();
    }

    static Instant time(JsonObject o, String field) {
        String t = text(o, field);
        if (t == null) return null;
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String text(JsonObject o, String field) {
        if (o == null) return null;
        JsonElement e = o.get(field);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }

    static JsonElement number(JsonObject o, String field) {
        if (o == null) return null;
        JsonElement e = o.get(field);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber() ? e : null;
    }

    static JsonObject object(JsonObject o, String field) {
        if (o == null) return null;
        return o.get(field) instanceof JsonObject j ? j : null;
    }

}
