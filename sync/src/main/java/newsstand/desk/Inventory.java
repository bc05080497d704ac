package newsstand.desk;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import newsstand.issue.Manifest;
import newsstand.issue.Withdrawal;

/**
 * What a fleet holds (`newsstand fleet issues`): each issue whose manifest or withdrawal the broker retains, by
 * publication and sequence, and each kiosk's stored issues and the publications it shows, as its retained status
 * says. Read without checking signatures: the facts as the broker holds them, for the operator to see.
 */
public record Inventory(List<Held> broker, List<Kiosk> kiosks) {
    /**
     * One issue retained on the broker. A withdrawal has {@code withdrawn} true and only the issue and sequence; a
     * payload that is neither has {@code unreadable} saying why. {@code targets}: the kiosks of a trial (empty: all).
     */
    public record Held(String issue, String publication, long sequence, LocalDate date, Instant published, Instant expires,
                       Instant activateAt, long bytes, int chunks, List<String> targets, boolean withdrawn, String unreadable) {}

    /** An issue a kiosk stores; {@code shown}: it is the one its publication shows, {@code previous}: the fallback. */
    public record Stored(String issue, String publication, LocalDate date, boolean shown, boolean previous) {}

    /**
     * A kiosk as its status says: online, the publications it shows in order, its stored issues (null when its
     * status does not list them: a kiosk of an earlier version), or {@code unreadable} saying why.
     */
    public record Kiosk(String device, boolean online, List<String> titles, List<Stored> stored, String unreadable) {}

    static Inventory of(Map<String, byte[]> manifests, Map<String, KioskStatus> statuses) {
        List<Held> held = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : new TreeMap<>(manifests).entrySet()) held.add(held(e.getKey(), e.getValue()));
        held.sort(Comparator.comparing((Held h) -> h.publication() == null ? "" : h.publication())
                .thenComparing(Held::sequence, Comparator.reverseOrder()).thenComparing(Held::issue));
        List<Kiosk> kiosks = new ArrayList<>();
        for (KioskStatus s : new TreeMap<>(statuses).values()) kiosks.add(kiosk(s));
        return new Inventory(List.copyOf(held), List.copyOf(kiosks));
    }

    private static Held held(String issue, byte[] payload) {
        try {
            if (Withdrawal.is(payload)) {
                Withdrawal w = Withdrawal.read(payload);
                return new Held(issue, null, w.sequence(), null, w.issued(), null, null, 0, 0, List.of(), true, null);
            }
            Manifest m = Manifest.read(payload);
            return new Held(issue, m.publication(), m.sequence(), m.date(), m.published(), m.expires(), m.activateAt(), m.bytes(),
                    m.chunks().size(), m.targets(), false, null);
        } catch (Manifest.Rejected r) {
            return new Held(issue, null, 0, null, null, null, null, 0, 0, List.of(), false, r.getMessage());
        }
    }

    private static Kiosk kiosk(KioskStatus s) {
        JsonObject o = s.document();
        if (o.has("unreadable")) return new Kiosk(s.device(), false, List.of(), null, "the status is not a JSON object");
        try {
            List<String> titles = new ArrayList<>();
            List<String> shown = new ArrayList<>();
            List<String> previous = new ArrayList<>();
            for (JsonElement t : array(o, "titles")) {
                JsonObject title = t.getAsJsonObject();
                titles.add(title.get("publication").getAsString());
                if (title.get("issue") != null && !title.get("issue").isJsonNull()) shown.add(title.get("issue").getAsString());
                if (title.get("previous") != null && !title.get("previous").isJsonNull()) previous.add(title.get("previous").getAsString());
            }
            List<Stored> stored = null;
            if (o.get("stored") instanceof JsonArray a) {
                stored = new ArrayList<>();
                for (JsonElement e : a) {
                    JsonObject i = e.getAsJsonObject();
                    String id = i.get("issue").getAsString();
                    stored.add(new Stored(id, i.get("publication").getAsString(), LocalDate.parse(i.get("date").getAsString()),
                            shown.contains(id), previous.contains(id)));
                }
            }
            return new Kiosk(s.device(), s.online(), List.copyOf(titles), stored == null ? null : List.copyOf(stored), null);
        } catch (RuntimeException e) {
            return new Kiosk(s.device(), s.online(), List.of(), null, "the status is not one a kiosk sends: " + e.getMessage());
        }
    }

    private static JsonArray array(JsonObject o, String field) {
        return o.get(field) instanceof JsonArray a ? a : new JsonArray();
    }
}
