package newsstand.app;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import newsstand.delivery.Publisher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Lists each kiosk of the fleet: online or offline, active issue, sync progress, last error, last seen. "
                + "A status no kiosk could have sent is listed as unreadable; control characters are never printed."})
final class FleetStatusCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Options.BrokerOption broker;
    @Mixin Options.FleetOption fleet;

    @Option(names = "--wait", paramLabel = "MS", defaultValue = "1000", description = "How long to collect statuses (default: ${DEFAULT-VALUE} ms).")
    int waitMs;

    @Option(names = "--json", description = "A JSON array, one object a kiosk, instead of the table.")
    boolean json;

    /** One kiosk's row, every field printable text. */
    record Row(String device, String state, String activeIssue, String sync, String lastSeen, String lastError) {}

    @Override
    public Integer call() throws Exception {
        Map<String, JsonObject> devices = Publisher.fleet(broker.broker(), fleet.fleet(), Duration.ofMillis(Math.max(100, waitMs)));
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, JsonObject> e : devices.entrySet()) rows.add(row(Printable.of(e.getKey(), 64), e.getValue()));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            JsonArray a = new JsonArray();
            for (Row r : rows) {
                JsonObject o = new JsonObject();
                o.addProperty("device", r.device());
                o.addProperty("state", r.state());
                o.addProperty("activeIssue", r.activeIssue());
                o.addProperty("sync", r.sync());
                o.addProperty("lastSeen", r.lastSeen());
                o.addProperty("lastError", r.lastError());
                a.add(o);
            }
            out.println(new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(a));
            return 0;
        }
        out.printf("%-20s %-10s %-24s %-16s %-25s %s%n", "DEVICE", "STATE", "ACTIVE ISSUE", "SYNC", "LAST SEEN", "LAST ERROR");
        for (Row r : rows) {
            out.printf("%-20s %-10s %-24s %-16s %-25s %s%n", r.device(), r.state(), dash(r.activeIssue()), dash(r.sync()), dash(r.lastSeen()),
                    dash(r.lastError()));
        }
        out.println(rows.size() + " kiosks in fleet " + fleet.fleet());
        return 0;
    }

    /** A kiosk's status as a row; one that is not what a kiosk sends says so, and why, instead of stopping the list. */
    static Row row(String device, JsonObject s) {
        try {
            if (s.has("unreadable")) return new Row(device, "unreadable", null, null, null, "the status is not a JSON object");
            String state = bool(s, "online") ? "online" : "offline";
            String sync = null;
            if (s.get("syncing") instanceof JsonObject y) sync = text(y, "issue", 64) + " " + text(y, "percent", 4) + "%";
            String error = s.get("lastError") instanceof JsonObject le ? text(le, "message", 300) : null;
            return new Row(device, state, text(s, "activeIssue", 64), sync, text(s, "updated", 40), error);
        } catch (RuntimeException e) {
            return new Row(device, "unreadable", null, null, null, "the status is not one a kiosk sends: " + Printable.of(String.valueOf(e.getMessage()), 100));
        }
    }

    private static boolean bool(JsonObject o, String f) {
        JsonElement e = o.get(f);
        if (e == null || e.isJsonNull()) return false;
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) throw new IllegalArgumentException(f + " is not true or false");
        return e.getAsBoolean();
    }

    private static String text(JsonObject o, String f, int max) {
        JsonElement e = o.get(f);
        if (e == null || e.isJsonNull()) return null;
        if (!e.isJsonPrimitive()) throw new IllegalArgumentException(f + " is not text");
        return Printable.of(e.getAsString(), max);
    }

    private static String dash(String s) {
        return s == null ? "-" : s;
    }
}
