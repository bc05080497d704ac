package newsstand.console;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The fleet's side of an issue, from the kiosks' statuses: which kiosks took it, and which issue each kiosk shows. */
final class Takers {
    private Takers() {}

    /** Each kiosk and whether it took the upload's issue: shows, stored (an embargo), syncing, waiting, not targeted, removed. */
    static JsonObject of(Uploads.Upload u, Map<String, JsonObject> statuses) {
        List<String> targets = u.targetList();
        JsonArray rows = new JsonArray();
        int took = 0;
        for (Map.Entry<String, JsonObject> e : statuses.entrySet()) {
            JsonObject s = e.getValue();
            JsonObject row = new JsonObject();
            row.addProperty("device", e.getKey());
            row.addProperty("online", bool(s, "online"));
            row.addProperty("model", model(s));
            boolean shows = holds(s.get("titles"), u.issue());
            boolean stored = holds(s.get("stored"), u.issue());
            int syncing = -1;
            if (s.get("syncing") instanceof JsonObject sy && u.issue().equals(string(sy, "issue"))) {
                syncing = sy.has("percent") ? sy.get("percent").getAsInt() : 0;
            }
            boolean targeted = targets.isEmpty() || targets.contains(e.getKey());
            String state;
            if (u.state() == Uploads.State.UPLOADED) state = shows ? "shows" : stored ? "stored" : "not-published";
            else if (u.state() == Uploads.State.WITHDRAWN) state = shows || stored ? "still-holds" : "removed";
            else if (!targeted) state = shows || stored ? (shows ? "shows" : "stored") : "not-targeted";
            else state = shows ? "shows" : stored ? "stored" : syncing >= 0 ? "syncing" : "waiting";
            if (state.equals("shows") || state.equals("stored")) took++;
            row.addProperty("state", state);
            if (syncing >= 0) row.addProperty("percent", syncing);
            row.addProperty("activeIssue", string(s, "activeIssue"));
            row.addProperty("screen", string(s, "screen"));
            row.addProperty("updated", string(s, "updated"));
            rows.add(row);
        }
        JsonObject o = new JsonObject();
        o.addProperty("upload", u.id());
        o.addProperty("issue", u.issue());
        o.addProperty("state", u.state().id());
        o.addProperty("took", took);
        o.add("kiosks", rows);
        return o;
    }

    /** Which issue of which publication each kiosk shows (its titles). */
    static JsonObject titles(Map<String, JsonObject> statuses) {
        JsonArray rows = new JsonArray();
        Set<String> publications = new java.util.TreeSet<>();
        for (Map.Entry<String, JsonObject> e : statuses.entrySet()) {
            JsonObject row = new JsonObject();
            row.addProperty("device", e.getKey());
            row.addProperty("online", bool(e.getValue(), "online"));
            JsonObject shows = new JsonObject();
            if (e.getValue().get("titles") instanceof JsonArray ts) {
                for (JsonElement t : ts) {
                    if (t instanceof JsonObject to && string(to, "publication") != null) {
                        shows.addProperty(string(to, "publication"), string(to, "issue"));
                        publications.add(string(to, "publication"));
                    }
                }
            }
            row.add("titles", shows);
            rows.add(row);
        }
        JsonObject o = new JsonObject();
        JsonArray pubs = new JsonArray();
        publications.forEach(pubs::add);
        o.add("publications", pubs);
        o.add("kiosks", rows);
        return o;
    }

    private static boolean holds(JsonElement list, String issue) {
        if (!(list instanceof JsonArray a)) return false;
        for (JsonElement e : a) if (e instanceof JsonObject o && issue.equals(string(o, "issue"))) return true;
        return false;
    }

    private static String string(JsonObject o, String field) {
        JsonElement e = o.get(field);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }

    private static boolean bool(JsonObject o, String field) {
        JsonElement e = o.get(field);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean() && e.getAsBoolean();
    }

    private static String model(JsonObject s) {
        try {
            return s.getAsJsonObject("health").getAsJsonObject("panel").get("model").getAsString();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
