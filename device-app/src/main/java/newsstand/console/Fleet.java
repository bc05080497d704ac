package newsstand.console;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import newsstand.desk.FleetView;
import newsstand.desk.IssueWatch;
import newsstand.desk.KioskStatus;
import newsstand.issue.Manifest;
import newsstand.issue.Withdrawal;
import org.tinylog.Logger;

/**
 * The fleet as its kiosks report themselves (their retained statuses), followed live: each kiosk's row (what its panel
 * shows, sync, health, when the console last heard it) and state (online, silent, offline), today's issue of each
 * publication (the newest the broker retains), the counters, {@code GET /api/fleet}, the live events {@code kiosks}
 * and {@code counters} (coalesced: the first change at once, then at most one event every {@value #COALESCE_MS} ms, however many
 * kiosks change),
 * and {@code /metrics}. A lost broker connection is noticed within seconds and followed again, on the next broker of
 * the list when the first is gone.
 */
final class Fleet implements AutoCloseable {
    /**
     * A kiosk that says it is online but sent nothing for this long is silent: kiosks send their health at least every
     * five minutes, so two periods missed, and a minute for a slow network, is no accident.
     */
    static final Duration SILENT_AFTER = Duration.ofMinutes(11);
    /** Changed rows go to the browsers at most this often. */
    static final long COALESCE_MS = 250;
    /** How often the connection is checked (and silences looked for). */
    static final long CHECK_MS = 2_000;

    static final List<String> STATES = List.of("online", "silent", "offline");
    static final List<String> FILTERS = List.of("all", "online", "silent", "offline", "failing", "behind");
    static final List<String> SORTS = List.of("device", "state", "screen", "publication", "issue", "version", "uptime", "memory",
            "temperature", "model", "storage", "error", "heard");

    /** An issue the broker retains (a withdrawal has no publication). */
    record Held(String issue, String publication, long sequence, LocalDate date, Instant activateAt, boolean trial) {}

    private final Console console;
    private final Map<String, JsonObject> statuses = new ConcurrentHashMap<>();
    private final Map<String, FleetRow> kiosks = new HashMap<>();
    private final Map<String, Held> held = new HashMap<>();
    private final Set<String> dirty = new LinkedHashSet<>();
    private final Set<String> removed = new LinkedHashSet<>();
    private boolean issuesChanged;
    private Map<String, Held> lastToday = Map.of();
    /** A flush is scheduled; the last one's time: the first change goes out at once, the next ones at most every 250 ms. */
    private boolean flushDue;
    private long lastFlushNanos = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(COALESCE_MS);
    private JsonObject counters = new JsonObject();
    private long rev;
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "console-fleet");
        t.setDaemon(true);
        return t;
    });
    private volatile FleetView view;
    private volatile IssueWatch issues;
    private volatile boolean lost;

    Fleet(Console console) {
        this.console = console;
    }

    void routes(Routes r) {
        r.get("/api/fleet", Role.VIEWER, this::list);
        // Open, as Prometheus scrapes it without a login: it tells counts only (no device ids, no keys), and the console
        // listens on loopback unless told otherwise; a reverse proxy in front may restrict /metrics (config/examples/console/).
        r.get("/metrics", null, c -> new Routes.Reply(200, "text/plain; version=0.0.4; charset=utf-8",
                metrics().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** Starts following the fleet's statuses and issues; a broker not reachable yet is tried again every few seconds. */
    void start() {
        follow();
        ticker.scheduleWithFixedDelay(this::check, CHECK_MS, CHECK_MS, TimeUnit.MILLISECONDS);
    }

    /** (Re)subscribes; the retained statuses and issues come again, so nothing missed while away is lost. */
    private void follow() {
        try {
            if (view != null) view.close();
            if (issues != null) issues.close();
            view = console.desk.follow(this::heard);
            issues = console.desk.watchIssues(this::issue);
            if (lost) Logger.info("console: following fleet {} again", console.desk.fleet());
            lost = false;
        } catch (Exception e) {
            if (!lost) Logger.warn("console: cannot follow the fleet: {} (trying again every {} s)", e.getMessage(), CHECK_MS / 1000);
            lost = true;
        }
    }

    private void check() {
        try {
            FleetView v = view;
            IssueWatch i = issues;
            if (v == null || i == null || !v.following() || !i.following()) {
                if (!lost) Logger.warn("console: the connection to the broker was lost; following the fleet again");
                lost = true;
                follow();
            }
            synchronized (this) {
                for (FleetRow k : kiosks.values()) {
                    if (k.row != null && !k.state(Instant.now()).equals(k.row.get("state").getAsString())) dirty.add(k.device);
                }
                // An embargo that ended makes another issue today's: who is behind is computed again.
                Map<String, Held> today = today(Instant.now());
                if (!today.equals(lastToday)) issuesChanged = true;
                lastToday = today;
                if (issuesChanged || !dirty.isEmpty()) due();
            }
        } catch (RuntimeException e) {
            Logger.warn(e, "console: checking the fleet");
        }
    }

    /** A status from the broker (on its thread: kept short). */
    private void heard(KioskStatus s, boolean retained) {
        if (s.document() == null) statuses.remove(s.device());
        else statuses.put(s.device(), s.document());
        Instant now = Instant.now();
        synchronized (this) {
            if (s.document() == null) {
                if (kiosks.remove(s.device()) != null) removed.add(s.device());
                dirty.remove(s.device());
                due();
                return;
            }
            FleetRow k = kiosks.computeIfAbsent(s.device(), FleetRow::new);
            boolean wasOnline = k.status != null && FleetRow.online(k.status);
            JsonObject document = s.document();
            if (wasOnline && !FleetRow.online(document) && FleetRow.before(FleetRow.time(document, "updated"), FleetRow.time(k.status, "updated"))) {
                // A will, written when the kiosk connected: what the kiosk said since is what its panel last showed.
                JsonObject last = k.status.deepCopy();
                last.addProperty("online", false);
                document = last;
            }
            k.status = document;
            if (!retained) k.received = now;
            if (FleetRow.online(k.status)) {
                k.offlineSince = null;
            } else if (k.offlineSince == null || wasOnline) {
                // Seen going: now. A retained will (the console started later): its time is the best known.
                k.offlineSince = !retained ? now : k.received != null ? k.received : FleetRow.time(k.status, "updated");
            }
            removed.remove(s.device());
            dirty.add(s.device());
            due();
        }
    }

    /** An issue message retained on the broker (manifest, withdrawal or cleared). */
    private void issue(String id, byte[] payload) {
        Held h = null;
        try {
            if (payload.length > 0 && !Withdrawal.is(payload)) {
                Manifest m = Manifest.read(payload);
                h = new Held(m.issue(), m.publication(), m.sequence(), m.date(), m.activateAt(), !m.targets().isEmpty());
            }
        } catch (Manifest.Rejected r) {
            // not a manifest the console can read: not an issue of the day
        }
        synchronized (this) {
            if (h == null) held.remove(id);
            else held.put(id, h);
            issuesChanged = true;
            due();
        }
    }

    /**
     * Today's issue of each publication: the newest (by date, then sequence) the broker retains a manifest for, for the
     * whole fleet (not a trial's), that kiosks may show now (no embargo, or it ended).
     */
    synchronized Map<String, Held> today(Instant now) {
        Map<String, Held> today = new TreeMap<>();
        for (Held h : held.values()) {
            if (h.publication() == null || h.trial() || (h.activateAt() != null && h.activateAt().isAfter(now))) continue;
            Held best = today.get(h.publication());
            if (best == null || newer(h, best)) today.put(h.publication(), h);
        }
        return today;
    }

    private static boolean newer(Held a, Held b) {
        int byDate = a.date() == null || b.date() == null ? 0 : a.date().compareTo(b.date());
        return byDate != 0 ? byDate > 0 : a.sequence() > b.sequence();
    }

    /** Schedules the next flush (under the lock): now when none went out for 250 ms, else when 250 ms are up. */
    private void due() {
        if (flushDue) return;
        flushDue = true;
        long wait = lastFlushNanos + TimeUnit.MILLISECONDS.toNanos(COALESCE_MS) - System.nanoTime();
        try {
            ticker.schedule(this::flush, Math.max(0, wait), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // the console is closing
        }
    }

    /** Sends the rows changed since the last time, and the counters when they changed. */
    private void flush() {
        try {
            JsonArray rows = new JsonArray();
            JsonArray gone = new JsonArray();
            JsonObject newCounters;
            boolean todayChanged;
            synchronized (this) {
                flushDue = false;
                lastFlushNanos = System.nanoTime();
                if (dirty.isEmpty() && removed.isEmpty() && !issuesChanged) return;
                Instant now = Instant.now();
                Map<String, Held> today = today(now);
                if (issuesChanged) dirty.addAll(kiosks.keySet()); // who is behind may have changed
                for (String d : dirty) {
                    FleetRow k = kiosks.get(d);
                    if (k == null) continue;
                    JsonObject row = k.build(today, now);
                    JsonObject before = k.row;
                    if (before != null) {
                        row.addProperty("rev", before.get("rev").getAsLong());
                        if (row.equals(before)) continue;
                    }
                    row.addProperty("rev", ++rev);
                    k.row(row);
                    rows.add(row);
                }
                for (String d : removed) gone.add(d);
                dirty.clear();
                removed.clear();
                issuesChanged = false;
                newCounters = counters(today, now);
                todayChanged = !newCounters.equals(counters);
                counters = newCounters;
            }
            if (!rows.isEmpty() || !gone.isEmpty()) {
                JsonObject event = new JsonObject();
                event.add("rows", rows);
                event.add("removed", gone);
                console.live.publish("kiosks", event);
            }
            if (todayChanged) console.live.publish("counters", newCounters);
        } catch (RuntimeException e) {
            Logger.warn(e, "console: sending the fleet's changes");
        }
    }

    /**
     * GET /api/fleet[?state=...&q=...&sort=[-]column]: the counters, today's issues and the kiosks' rows. The rows'
     * JSON is kept from when they changed: a thousand rows are joined, not written again (66 to 157 ms before, on a
     * loaded 2-core VM).
     */
    private Routes.Reply list(Call call) throws ApiError {
        String state = call.query("state");
        if (state != null && !FILTERS.contains(state)) {
            throw new ApiError(400, "state: " + shorten(state) + " is not a state; allowed: " + String.join(", ", FILTERS));
        }
        String q = call.query("q");
        if (q != null && q.length() > 100) throw new ApiError(400, "q: at most 100 characters (a device id or part of one, a version, a model)");
        String sort = call.query("sort");
        boolean descending = sort != null && sort.startsWith("-");
        String column = sort == null ? "device" : descending ? sort.substring(1) : sort;
        if (!SORTS.contains(column)) {
            throw new ApiError(400, "sort: " + shorten(sort) + " is not a column; allowed: " + String.join(", ", SORTS) + " (with - before it: descending)");
        }
        Instant now = Instant.now();
        // The rows as they are now, each with its text (the flush may replace them once the lock is let go).
        record Row(JsonObject json, String text) {}
        List<Row> rows = new ArrayList<>();
        JsonObject out = new JsonObject();
        synchronized (this) {
            Map<String, Held> today = today(now);
            for (FleetRow k : kiosks.values()) {
                if (k.row == null) {
                    JsonObject row = k.build(today, now);
                    row.addProperty("rev", ++rev);
                    k.row(row);
                }
                rows.add(new Row(k.row, k.rowText));
            }
            out.add("counters", counters(today, now));
        }
        String needle = q == null ? "" : q.strip().toLowerCase(Locale.ROOT);
        rows.removeIf(r -> !FleetRow.matches(r.json(), state, needle));
        // Rows without the figure come last either way.
        rows.sort(Comparator.comparing((Row r) -> FleetRow.key(r.json(), column) == null)
                .thenComparing((a, b) -> (descending ? -1 : 1) * FleetRow.compareKeys(FleetRow.key(a.json(), column), FleetRow.key(b.json(), column)))
                .thenComparing(r -> r.json().get("device").getAsString()));
        out.addProperty("now", now.toString());
        out.addProperty("silentAfterS", SILENT_AFTER.toSeconds());
        String head = out.toString();
        StringBuilder b = new StringBuilder(head.length() + 20 + rows.size() * 600);
        b.append(head, 0, head.length() - 1).append(",\"kiosks\":[");
        for (int i = 0; i < rows.size(); i++) {
            if (i > 0) b.append(',');
            b.append(rows.get(i).text());
        }
        b.append("]}");
        return new Routes.Reply(200, "application/json; charset=utf-8", b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    private JsonObject counters(Map<String, Held> today, Instant now) {
        int online = 0, silent = 0, offline = 0, failing = 0, behind = 0;
        for (FleetRow k : kiosks.values()) {
            JsonObject row = k.row;
            String state = row != null ? row.get("state").getAsString() : k.state(now);
            switch (state) {
                case "online" -> online++;
                case "silent" -> silent++;
                default -> offline++;
            }
            if (row != null && row.get("failing").getAsBoolean()) failing++;
            if (row != null && !row.getAsJsonArray("behind").isEmpty()) behind++;
        }
        JsonObject c = new JsonObject();
        c.addProperty("total", kiosks.size());
        c.addProperty("online", online);
        c.addProperty("silent", silent);
        c.addProperty("offline", offline);
        c.addProperty("failing", failing);
        c.addProperty("behind", behind);
        JsonArray t = new JsonArray();
        for (Held h : today.values()) {
            JsonObject o = new JsonObject();
            o.addProperty("publication", h.publication());
            o.addProperty("issue", h.issue());
            o.addProperty("date", h.date() == null ? null : h.date().toString());
            o.addProperty("sequence", h.sequence());
            t.add(o);
        }
        c.add("today", t);
        c.addProperty("following", !lost);
        return c;
    }

    /** The Prometheus text: the fleet's gauges, the console's counters, its own memory. */
    private String metrics() {
        StringBuilder b = new StringBuilder(4096);
        Map<String, Integer> behind = new TreeMap<>();
        Map<String, Integer> byState = new TreeMap<>();
        STATES.forEach(s -> byState.put(s, 0));
        int failing = 0;
        int total;
        synchronized (this) {
            Instant now = Instant.now();
            Map<String, Held> today = today(now);
            today.keySet().forEach(p -> behind.put(p, 0));
            total = kiosks.size();
            for (FleetRow k : kiosks.values()) {
                JsonObject row = k.build(today, now);
                byState.merge(row.get("state").getAsString(), 1, Integer::sum);
                if (row.get("failing").getAsBoolean()) failing++;
                for (JsonElement p : row.getAsJsonArray("behind")) behind.merge(p.getAsString(), 1, Integer::sum);
            }
        }
        Metrics.gauge(b, "newsstand_kiosks", "Kiosks of the fleet by state (online, silent: online but not heard for "
                + SILENT_AFTER.toMinutes() + " min, offline).");
        byState.forEach((s, n) -> Metrics.sample(b, "newsstand_kiosks", Map.of("state", s), n));
        Metrics.gauge(b, "newsstand_kiosks_total", "Kiosks the fleet's retained statuses name.");
        Metrics.sample(b, "newsstand_kiosks_total", Map.of(), total);
        Metrics.gauge(b, "newsstand_kiosks_silent", "Kiosks online by their status but not heard for " + SILENT_AFTER.toMinutes() + " min.");
        Metrics.sample(b, "newsstand_kiosks_silent", Map.of(), byState.get("silent"));
        Metrics.gauge(b, "newsstand_panels_failing", "Kiosks whose panel's latest refresh failed.");
        Metrics.sample(b, "newsstand_panels_failing", Map.of(), failing);
        Metrics.gauge(b, "newsstand_kiosks_behind", "Kiosks showing a publication but not its newest issue on the broker, by publication.");
        behind.forEach((p, n) -> Metrics.sample(b, "newsstand_kiosks_behind", Map.of("publication", p), n));
        Metrics.gauge(b, "newsstand_console_following", "1 while the console follows the fleet on the broker, 0 while it reconnects.");
        Metrics.sample(b, "newsstand_console_following", Map.of(), lost ? 0 : 1);
        console.metrics.write(b);
        var memory = ManagementFactory.getMemoryMXBean();
        Metrics.gauge(b, "newsstand_console_heap_bytes", "The console's Java heap in use.");
        Metrics.sample(b, "newsstand_console_heap_bytes", Map.of(), memory.getHeapMemoryUsage().getUsed());
        long rss = Metrics.rssBytes();
        if (rss >= 0) {
            Metrics.gauge(b, "newsstand_console_rss_bytes", "The console process's resident memory.");
            Metrics.sample(b, "newsstand_console_rss_bytes", Map.of(), rss);
        }
        return b.toString();
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
        ticker.shutdownNow();
        if (view != null) view.close();
        if (issues != null) issues.close();
    }
}
