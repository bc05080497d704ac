package newsstand.app;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
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
        description = {"Lists each kiosk of the fleet: online or offline, what its panel shows (screen, issue, page), the station notices it shows (the first and how many more; --json: each one's id, level, text and end), sync "
                + "progress, uptime, resident memory, CPU temperature, panel health, free storage, the publications it shows "
                + "(TITLES: the ids `fleet command ... show` takes), software version, when it was last heard of (in this "
                + "computer's zone, and how long ago; --json: UTC) and last error. A long value is cut with an ellipsis. A "
                + "status no kiosk could have sent is listed as unreadable; control characters are never printed."})
final class FleetStatusCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Options.BrokerOption broker;
    @Mixin Options.FleetOption fleet;

    @Option(names = "--wait", paramLabel = "MS", defaultValue = "1000", description = "How long to collect statuses (default: ${DEFAULT-VALUE} ms).")
    int waitMs;

    @Option(names = "--json", description = "A JSON array, one object a kiosk, instead of the table.")
    boolean json;

    /** Times in the table are the operator's, in this computer's zone; --json gives them in UTC. */
    private final ZoneId zone = ZoneId.systemDefault();

    @Option(names = "--watch", description = "Follows the fleet: the table (or JSON) again every 5 s until Ctrl-C.")
    boolean watch;

    /**
     * One kiosk's row, every field printable text; titles are the publications it shows (the ids `show` takes),
     * lastSeen the time of its status to the second, in UTC (2025-09-10T04:00:03Z), or as it came when it is no time.
     */
    record Row(String device, String state, String activeIssue, String shows, String titles, String sync, String uptime, String rss,
               String rssAnon, String temperature, String panel, String free, String version, String lastSeen, String lastError,
               JsonArray notices) {}

    private static final String[] HEADERS = {"DEVICE", "STATE", "ACTIVE ISSUE", "SHOWS", "NOTICES", "SYNC", "UPTIME", "RSS", "ANON", "TEMP", "PANEL", "FREE",
            "TITLES", "VERSION", "LAST SEEN", "LAST ERROR"};
    /** The widest each column may be: a longer value is cut with an ellipsis instead of shifting the columns after it. */
    private static final int[] CAPS = {24, 10, 32, 40, 40, 24, 8, 6, 6, 6, 10, 8, 40, 16, 30, 0};

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        // The fleet followed live: the retained statuses come first, each change as it happens.
        try (Desk desk = Desk.open(broker.broker(), fleet.fleet(), null); FleetView view = desk.watch(s -> {})) {
            Thread.sleep(Math.max(100, waitMs));
            do {
                List<Row> rows = new ArrayList<>();
                for (Map.Entry<String, KioskStatus> e : view.kiosks().entrySet()) rows.add(row(Printable.of(e.getKey(), 64), e.getValue().document()));
                if (watch) out.println("-- " + ZonedDateTime.now(zone).truncatedTo(ChronoUnit.SECONDS).format(FULL) + " --");
                print(out, rows, Instant.now(), zone);
                out.flush();
                if (watch) Thread.sleep(5000);
            } while (watch);
        }
        return 0;
    }

    private void print(PrintWriter out, List<Row> rows, Instant now, ZoneId zone) throws Newsstand.UserError {
        if (json) {
            JsonArray a = new JsonArray();
            for (Row r : rows) {
                JsonObject o = new JsonObject();
                o.addProperty("device", r.device());
                o.addProperty("state", r.state());
                o.addProperty("activeIssue", r.activeIssue());
                o.addProperty("shows", r.shows());
                o.add("notices", r.notices());
                o.addProperty("titles", r.titles());
                o.addProperty("sync", r.sync());
                o.addProperty("uptime", r.uptime());
                o.addProperty("rss", r.rss());
                o.addProperty("rssAnon", r.rssAnon());
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
        table(out, rows, now, zone);
        out.println(rows.size() + " kiosks in fleet " + fleet.fleet() + " (times in " + zone.getId() + ")");
    }

    /** The rows as a table, its times in the zone and as ages from now. */
    static void table(PrintWriter out, List<Row> rows, Instant now, ZoneId zone) {
        Table table = new Table(HEADERS, CAPS);
        for (Row r : rows) {
            table.add(r.device(), r.state(), r.activeIssue(), r.shows(), notices(r.notices()), r.sync(), r.uptime(), r.rss(), r.rssAnon(), r.temperature(), r.panel(), r.free(),
                    r.titles(), r.version(), seen(r.lastSeen(), now, zone), r.lastError());
        }
        table.print(out);
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
                    ? screen + " " + Table.cut(String.valueOf(text(s, "issue", 64)), 26) + " p" + text(s, "page", 4) + "/" + text(s, "pages", 4)
                    : "fault".equals(screen) ? "fault " + text(s, "fault", 8) : screen;
            String uptime = null, rss = null, anon = null, temperature = null, panel = null, free = null;
            if (s.get("health") instanceof JsonObject h) {
                String seconds = text(h, "uptimeS", 12);
                uptime = seconds == null ? null : duration(Long.parseLong(seconds));
                rss = unit(text(h, "rssMb", 12), "M");
                anon = unit(text(h, "rssAnonMb", 12), "M");
                temperature = unit(text(h, "cpuTempC", 12), "C");
                free = unit(text(h, "freeStorageMb", 12), "M");
                if (h.get("panel") instanceof JsonObject p) panel = panel(p);
            }
            return new Row(device, state, text(s, "activeIssue", 64), shows, titles(s), sync, uptime, rss, anon, temperature, panel, free,
                    text(s, "version", 20), second(text(s, "updated", 40)), error, notices(s));
        } catch (RuntimeException e) {
            return unreadable(device, "the status is not one a kiosk sends: " + Printable.of(String.valueOf(e.getMessage()), 100));
        }
    }

    private static Row unreadable(String device, String why) {
        return new Row(device, "unreadable", null, null, null, null, null, null, null, null, null, null, null, null, why, new JsonArray());
    }

    /** The station notices a kiosk shows (its status's notices): each one's id, level, text and end, printable. */
    private static JsonArray notices(JsonObject s) {
        JsonArray out = new JsonArray();
        if (!(s.get("notices") instanceof JsonArray a)) return out;
        for (JsonElement e : a) {
            if (!e.isJsonObject()) throw new IllegalArgumentException("notices holds something other than notices");
            JsonObject n = e.getAsJsonObject(), o = new JsonObject();
            o.addProperty("id", text(n, "id", 64));
            o.addProperty("level", text(n, "level", 16));
            o.addProperty("text", text(n, "text", 300));
            o.addProperty("until", second(text(n, "until", 40)));
            out.add(o);
        }
        return out;
    }

    /** The notices in the table: the first one's level and text, and how many more ("urgent 2号线停运 +1"); null for none. */
    static String notices(JsonArray notices) {
        if (notices == null || notices.isEmpty()) return null;
        JsonObject first = notices.get(0).getAsJsonObject();
        String more = notices.size() > 1 ? " +" + (notices.size() - 1) : "";
        String level = first.get("level").isJsonNull() ? "?" : first.get("level").getAsString();
        String text = first.get("text").isJsonNull() ? "" : first.get("text").getAsString();
        return Table.cut(level + " " + text, 40 - more.length()) + more;
    }

    /** The panel's health in a word: "ok", "ok 2err" (refreshes failed before, not the latest), "FAILING" (the latest failed). */
    static String panel(JsonObject p) {
        String failures = text(p, "failures", 12);
        if (bool(p, "failing")) return "FAILING";
        return failures == null || failures.equals("0") ? "ok" : "ok " + failures + "err";
    }

    /** The publications a kiosk shows, in its order (its status's titles): qingdao-daily,haibin-daily; null for none. */
    private static String titles(JsonObject s) {
        if (!(s.get("titles") instanceof JsonArray a) || a.isEmpty()) return null;
        List<String> ids = new ArrayList<>();
        for (JsonElement t : a) {
            if (!t.isJsonObject()) throw new IllegalArgumentException("titles holds something other than titles");
            ids.add(text(t.getAsJsonObject(), "publication", 64));
        }
        return Printable.of(String.join(",", ids), 400);
    }

    /** A status's time to the second, in UTC; the text as it came when it is no time. */
    private static String second(String updated) {
        if (updated == null) return null;
        try {
            return Instant.parse(updated).truncatedTo(ChronoUnit.SECONDS).toString();
        } catch (DateTimeParseException e) {
            return updated;
        }
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** When a kiosk was last heard of, for a person: 12:03:07 (12 s ago) today, 2025-09-09 23:58:00 (12 h ago) before. */
    static String seen(String lastSeen, Instant now, ZoneId zone) {
        if (lastSeen == null) return null;
        Instant at;
        try {
            at = Instant.parse(lastSeen);
        } catch (DateTimeParseException e) {
            return lastSeen;
        }
        ZonedDateTime local = at.atZone(zone);
        boolean today = local.toLocalDate().equals(now.atZone(zone).toLocalDate());
        return (today ? local.format(TIME) : local.format(FULL)) + " (" + age(Duration.between(at, now)) + ")";
    }

    /** 12 s ago, 5 min ago, 3 h ago, 2 d ago; "in 4 s" for a clock ahead of this one. */
    static String age(Duration d) {
        long s = Math.abs(d.toSeconds());
        String n = s < 60 ? s + " s" : s < 3600 ? s / 60 + " min" : s < 86400 ? s / 3600 + " h" : s / 86400 + " d";
        return d.isNegative() ? "in " + n : n + " ago";
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
}
