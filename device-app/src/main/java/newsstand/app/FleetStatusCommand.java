package newsstand.app;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import newsstand.desk.Desk;
import newsstand.desk.FleetView;
import newsstand.desk.KioskStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Lists each kiosk of the fleet: online or offline, what its panel shows (screen, issue, page), sync "
                + "progress, uptime, resident memory, CPU temperature, free storage, software version, last seen and last "
                + "error. A status no kiosk could have sent is listed as unreadable; control characters are never printed."})
final class FleetStatusCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Options.BrokerOption broker;
    @Mixin Options.FleetOption fleet;

    @Option(names = "--wait", paramLabel = "MS", defaultValue = "1000", description = "How long to collect statuses (default: ${DEFAULT-VALUE} ms).")
    int waitMs;

    @Option(names = "--json", description = "A JSON array, one object a kiosk, instead of the table.")
    boolean json;

    @Option(names = "--watch", description = "Follows the fleet: the table (or JSON) again every 5 s until Ctrl-C.")
    boolean watch;

    /** One kiosk's row, every field printable text. */
    record Row(String device, String state, String activeIssue, String shows, String sync, String uptime, String rss, String temperature,
               String panel, String free, String version, String lastSeen, String lastError) {}

    private static final String FORMAT = "%-16s %-8s %-24s %-30s %-12s %-8s %-6s %-6s %-10s %-8s %-14s %-20s %s%n";

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        // The fleet followed live: the retained statuses come first, each change as it happens.
        try (Desk desk = Desk.open(broker.broker(), fleet.fleet(), null); FleetView view = desk.watch(s -> {})) {
            Thread.sleep(Math.max(100, waitMs));
            do {
                List<Row> rows = new ArrayList<>();
                for (Map.Entry<String, KioskStatus> e : view.kiosks().entrySet()) rows.add(row(Printable.of(e.getKey(), 64), e.getValue().document()));
                if (watch) out.println("-- " + java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + " --");
                print(out, rows);
                out.flush();
                if (watch) Thread.sleep(5000);
            } while (watch);
        }
        return 0;
    }

    private void print(PrintWriter out, List<Row> rows) throws Newsstand.UserError {
        if (json) {
            JsonArray a = new JsonArray();
            for (Row r : rows) {
                JsonObject o = new JsonObject();
                o.addProperty("device", r.device());
                o.addProperty("state", r.state());
                o.addProperty("activeIssue", r.activeIssue());
                o.addProperty("shows", r.shows());
                o.addProperty("sync", r.sync());
                o.addProperty("uptime", r.uptime());
                o.addProperty("rss", r.rss());
                o.addProperty("cpuTemperature", r.temperature());
                o.addProperty("panel", r.panel());
                o.addProperty("freeStorage", r.free());
                o.addProperty("version", r.version());
                o.addProperty("lastSeen", r.lastSeen());
                o.addProperty("lastError", r.lastError());
                a.add(o);
            }
            out.println(new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(a));
            return;
        }
        out.printf(FORMAT, "DEVICE", "STATE", "ACTIVE ISSUE", "SHOWS", "SYNC", "UPTIME", "RSS", "TEMP", "PANEL", "FREE", "VERSION", "LAST SEEN", "LAST ERROR");
        for (Row r : rows) {
            out.printf(FORMAT, r.device(), r.state(), dash(r.activeIssue()), dash(r.shows()), dash(r.sync()), dash(r.uptime()), dash(r.rss()), dash(r.temperature()),
                    dash(r.panel()), dash(r.free()), dash(r.version()), dash(r.lastSeen()), dash(r.lastError()));
        }
        out.println(rows.size() + " kiosks in fleet " + fleet.fleet());
    }

    /** A kiosk's status as a row; one that is not what a kiosk sends says so, and why, instead of stopping the list. */
    static Row row(String device, JsonObject s) {
        try {
            if (s.has("unreadable")) return unreadable(device, "the status is not a JSON object");
            String state = bool(s, "online") ? "online" : "offline";
            String sync = null;
            if (s.get("syncing") instanceof JsonObject y) sync = text(y, "issue", 64) + " " + text(y, "percent", 4) + "%";
            String error = s.get("lastError") instanceof JsonObject le ? text(le, "message", 300) : null;
            String screen = text(s, "screen", 16);
            String shows = screen == null ? null : "page".equals(screen) || "index".equals(screen)
                    ? screen + " " + text(s, "issue", 64) + " p" + text(s, "page", 4) + "/" + text(s, "pages", 4)
                    : "fault".equals(screen) ? "fault " + text(s, "fault", 8) : screen;
            String uptime = null, rss = null, temperature = null, panel = null, free = null;
            if (s.get("health") instanceof JsonObject h) {
                String seconds = text(h, "uptimeS", 12);
                uptime = seconds == null ? null : duration(Long.parseLong(seconds));
                rss = unit(text(h, "rssMb", 12), "M");
                temperature = unit(text(h, "cpuTempC", 12), "C");
                free = unit(text(h, "freeStorageMb", 12), "M");
                if (h.get("panel") instanceof JsonObject p) panel = panel(p);
            }
            return new Row(device, state, text(s, "activeIssue", 64), shows, sync, uptime, rss, temperature, panel, free, text(s, "version", 20),
                    text(s, "updated", 40), error);
        } catch (RuntimeException e) {
            return unreadable(device, "the status is not one a kiosk sends: " + Printable.of(String.valueOf(e.getMessage()), 100));
        }
    }

    private static Row unreadable(String device, String why) {
        return new Row(device, "unreadable", null, null, null, null, null, null, null, null, null, null, why);
    }

    /** The panel's health in a word: "ok", "ok 2err" (refreshes failed before, not the latest), "FAILING" (the latest failed). */
    static String panel(JsonObject p) {
        String failures = text(p, "failures", 12);
        if (bool(p, "failing")) return "FAILING";
        return failures == null || failures.equals("0") ? "ok" : "ok " + failures + "err";
    }

    /** 3d4h, 5h12m, 7m. */
    static String duration(long seconds) {
        long d = seconds / 86400, h = seconds % 86400 / 3600, m = seconds % 3600 / 60;
        return d > 0 ? d + "d" + h + "h" : h > 0 ? h + "h" + m + "m" : m + "m";
    }

    private static String unit(String value, String unit) {
        return value == null ? null : value.replaceAll("\\.0$", "") + unit;
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
