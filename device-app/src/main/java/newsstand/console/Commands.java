package newsstand.console;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import newsstand.config.Name;
import newsstand.config.Setting;
import newsstand.desk.CommandOutcome;
import newsstand.issue.Command;
import org.tinylog.Logger;

/**
 * The operator's remote commands (PROTOCOL.md, "Remote commands") sent from the console: checked, signed and sent by
 * the desk on a worker thread of their own (the HTTP threads answer at once with the command's id), each answer
 * pushed live as it comes ({@code command-answer}), then who stayed silent, was offline or is unknown
 * ({@code command-done}). The latest {@value #KEPT} commands are kept in memory for {@code GET /api/commands/ID};
 * each is audited when sent and when its round ends.
 */
final class Commands implements AutoCloseable {
    /** Commands whose outcome is kept to be asked for. */
    static final int KEPT = 200;
    /** Commands waiting for their answers at once; more are refused until one ends. */
    static final int RUNNING = 8;
    /** The commands an admin sends from the console (a screenshot is the kiosk page's, for one kiosk). */
    static final Set<String> SENT_HERE = Set.of("show", "refresh", "clear", "resync", "restart", "set", "notice", "cancel-notice");
    static final int MAX_TARGETS = 5000;

    private final Console console;
    private final Map<String, Round> rounds = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Round> eldest) {
            return size() > KEPT && eldest.getValue().finished;
        }
    };
    private final AtomicInteger running = new AtomicInteger();
    /** Answers by result (done, failed, refused, silent, unknown), since the console started: for metrics. */
    private final Map<String, AtomicInteger> results = new java.util.concurrent.ConcurrentHashMap<>();
    private final ExecutorService workers = Executors.newFixedThreadPool(RUNNING, r -> {
        Thread t = new Thread(r, "console-commands");
        t.setDaemon(true);
        return t;
    });

    Commands(Console console) {
        this.console = console;
    }

    void routes(Routes r) {
        r.post("/api/commands", Role.ADMIN, this::post);
        r.get("/api/commands/([^/]+)", Role.VIEWER, this::get);
        r.get("/api/commands", Role.VIEWER, c -> settings());
    }

    /** One command sent and what came back so far. */
    static final class Round {
        final Command command;
        final String user;
        final List<JsonObject> answers = new ArrayList<>();
        volatile boolean finished;
        List<String> silent = List.of(), offline = List.of(), unknown = List.of();
        String error;

        Round(Command command, String user) {
            this.command = command;
            this.user = user;
        }

        synchronized JsonObject json() {
            JsonObject o = new JsonObject();
            o.addProperty("id", command.id());
            o.addProperty("command", command.name());
            o.add("args", strings(command.args()));
            o.addProperty("line", command.line());
            o.add("targets", strings(command.targets()));
            o.addProperty("user", user);
            o.addProperty("issued", command.issued().toString());
            o.addProperty("expires", command.expires().toString());
            JsonArray a = new JsonArray();
            answers.forEach(a::add);
            o.add("answers", a);
            o.addProperty("finished", finished);
            o.add("silent", strings(silent));
            o.add("offline", strings(offline));
            o.add("unknown", strings(unknown));
            if (error != null) o.addProperty("error", error);
            if (finished) o.addProperty("summary", summary());
            return o;
        }

        /** The result in a line, for the audit log: "done 2 of 2", or each kiosk that did not answer done. */
        synchronized String summary() {
            if (error != null) return "failed: " + error;
            long done = answers.stream().filter(a -> a.get("result").getAsString().equals("done")).count();
            int asked = answers.size() + silent.size() + (int) unknown.stream().filter(u -> answers.stream().noneMatch(a -> a.get("device").getAsString().equals(u))).count();
            StringBuilder s = new StringBuilder("done " + done + " of " + asked);
            for (JsonObject a : answers) {
                String result = a.get("result").getAsString();
                if (!result.equals("done")) s.append("; ").append(a.get("device").getAsString()).append(' ').append(result).append(": ").append(a.get("message").getAsString());
            }
            if (!silent.isEmpty()) s.append("; silent: ").append(String.join(", ", silent));
            if (!offline.isEmpty()) s.append("; offline: ").append(String.join(", ", offline));
            return s.length() > 2000 ? s.substring(0, 2000) + "…" : s.toString();
        }
    }

    /** POST /api/commands {targets: [ids] or ["*"], command, args: [...], wait: seconds, expires: minutes}. */
    private Object post(Call c) throws Exception {
        JsonObject body = c.json();
        List<String> targets = targets(body);
        String name = Call.text(body, "command", 32, true);
        if (name.equals("screenshot")) throw ApiError.bad("'command' screenshot is taken from a kiosk's page (POST /api/kiosks/ID/screenshot), one kiosk at a time");
        if (!SENT_HERE.contains(name)) throw ApiError.bad("'command' " + quoted(name) + " is not allowed (allowed: " + String.join(", ", Command.NAMES.keySet().stream().filter(SENT_HERE::contains).toList()) + ")");
        List<String> args = args(body);
        int wait = (int) number(body, "wait", 1, 600, 30);
        int expires = (int) number(body, "expires", 1, (int) Command.LONGEST.toMinutes(), name.equals("cancel-notice") ? (int) Command.LONGEST.toMinutes() : 10);
        Duration lives = Duration.ofMinutes(expires);
        if (name.equals("notice") && args.size() > 1) {
            // A notice waits for a kiosk offline until its end, never longer: it must not come after its time.
            try {
                Duration left = Duration.between(Instant.now(), Instant.parse(args.get(1))).plusSeconds(1);
                if (!left.isNegative() && !left.isZero()) lives = left.compareTo(Command.LONGEST) > 0 ? Command.LONGEST : left;
            } catch (java.time.format.DateTimeParseException e) {
                // said by problems(), naming what is allowed
            }
        }
        Command command = console.desk.newCommand(targets, name, args, lives);
        List<String> problems = command.problems();
        if (!problems.isEmpty()) throw ApiError.bad(String.join("; ", problems));
        Round r = start(c, command, Duration.ofSeconds(wait), (o, error) -> {});
        JsonObject answer = r.json();
        answer.addProperty("wait", wait);
        return answer;
    }

    /**
     * Audits and starts a command's round on a worker thread; {@code after} gets its outcome there (a screenshot's
     * PNG is in it), or null and why the round failed. Refused with 429 while {@value #RUNNING} rounds wait for their answers.
     */
    Round start(Call c, Command command, Duration wait, BiConsumer<CommandOutcome, String> after) throws ApiError {
        if (running.incrementAndGet() > RUNNING) {
            running.decrementAndGet();
            throw new ApiError(429, RUNNING + " commands are waiting for their kiosks' answers: send this one when one of them has ended");
        }
        Round r = new Round(command, c.user());
        synchronized (rounds) {
            rounds.put(command.id(), r);
        }
        String targets = String.join(", ", command.targets());
        console.audit(c, "command", targets, command.line() + " (id " + command.id() + ", until " + command.expires() + ")", "sent");
        try {
            workers.execute(() -> run(r, wait, after));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            running.decrementAndGet();
            throw new ApiError(503, "the console is closing");
        }
        return r;
    }

    private void run(Round r, Duration wait, BiConsumer<CommandOutcome, String> after) {
        Command command = r.command;
        CommandOutcome o = null;
        try {
            o = console.desk.command(command, wait, a -> answered(r, a));
            synchronized (r) {
                r.silent = o.silent();
                r.offline = o.offline();
                r.unknown = o.unknown();
            }
            o.silent().forEach(d -> count("silent"));
        } catch (Exception | Error e) {
            Logger.warn("console: command {} ({}) failed: {}", command.id(), command.line(), e.getMessage());
            synchronized (r) {
                r.error = String.valueOf(e.getMessage());
            }
        } finally {
            try {
                after.accept(o, r.error);
            } catch (RuntimeException e) {
                Logger.warn(e, "console: after command {}", command.id());
            }
            // Audited before it is said finished: whoever sees it finished finds its result in the audit log.
            console.store.audit(r.user, "command result", String.join(", ", command.targets()), command.line() + " (id " + command.id() + ")", r.summary());
            r.finished = true;
            running.decrementAndGet();
            console.live.publish("command-done", r.json());
        }
    }

    private void answered(Round r, CommandOutcome.Answer a) {
        JsonObject o = new JsonObject();
        o.addProperty("id", r.command.id());
        o.addProperty("device", a.device());
        o.addProperty("result", a.result());
        o.addProperty("message", a.message() == null ? "" : a.message());
        o.addProperty("time", Instant.now().toString());
        synchronized (r) {
            r.answers.add(o);
        }
        count(a.result());
        console.live.publish("command-answer", o);
    }

    private void count(String result) {
        results.computeIfAbsent(result, k -> new AtomicInteger()).incrementAndGet();
    }

    /** The answers counted by result since the console started (done, failed, refused, silent, unknown). */
    Map<String, Integer> results() {
        Map<String, Integer> m = new TreeMap<>();
        results.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    /** A command's round, as it stands. */
    Round round(String id) {
        synchronized (rounds) {
            return rounds.get(id);
        }
    }

    private Object get(Call c) throws ApiError {
        String id = c.path(1);
        if (!Name.valid(id)) throw ApiError.bad("command id " + quoted(id) + " is not allowed (allowed: " + Name.RULE + ")");
        Round r = round(id);
        if (r == null) throw ApiError.notFound("no command " + id + " (the console keeps the latest " + KEPT + " since it started)");
        return r.json();
    }

    /** What the command panel offers: the commands, and the settings that may be set from afar with what each takes. */
    private Object settings() {
        JsonObject o = new JsonObject();
        JsonArray names = new JsonArray();
        Command.NAMES.keySet().stream().filter(SENT_HERE::contains).forEach(names::add);
        o.add("commands", names);
        JsonArray settings = new JsonArray();
        for (String key : Setting.remotelySet()) {
            JsonObject s = new JsonObject();
            s.addProperty("key", key);
            s.addProperty("allowed", Setting.byKey(key).orElseThrow().allowed());
            settings.add(s);
        }
        o.add("settings", settings);
        o.addProperty("running", running.get());
        return o;
    }

    /** The targets: device ids the fleet knows, or ["*"] for every kiosk. */
    private List<String> targets(JsonObject body) throws ApiError {
        String allowed = " (allowed: a list of 1 to " + MAX_TARGETS + " kiosk ids, or [\"*\"] for every kiosk)";
        JsonElement e = body.get("targets");
        if (e == null || e.isJsonNull()) throw ApiError.bad("'targets' is missing" + allowed);
        if (!e.isJsonArray()) throw ApiError.bad("'targets' must be a list" + allowed);
        JsonArray a = e.getAsJsonArray();
        if (a.isEmpty() || a.size() > MAX_TARGETS) throw ApiError.bad("'targets' has " + a.size() + " entries" + allowed);
        List<String> targets = new ArrayList<>();
        for (JsonElement t : a) {
            if (!t.isJsonPrimitive() || !t.getAsJsonPrimitive().isString()) throw ApiError.bad("'targets' holds " + clip(t.toString()) + ", which is not text" + allowed);
            String id = t.getAsString();
            if (id.equals(Command.ALL)) {
                if (a.size() != 1) throw ApiError.bad("'targets': \"*\" stands alone (every kiosk)" + allowed);
            } else if (!Name.valid(id)) {
                throw ApiError.bad("'targets': kiosk id " + quoted(id) + " is not allowed (allowed: " + Name.RULE + ")");
            }
            if (targets.contains(id)) throw ApiError.bad("'targets' names " + id + " twice");
            targets.add(id);
        }
        if (!targets.equals(List.of(Command.ALL))) {
            Map<String, JsonObject> fleet = console.fleet.statuses();
            List<String> unknown = targets.stream().filter(t -> !fleet.containsKey(t)).toList();
            if (!unknown.isEmpty()) {
                throw ApiError.notFound("'targets': no kiosk " + String.join(", ", unknown.stream().limit(10).toList()) + (unknown.size() > 10 ? " (and " + (unknown.size() - 10) + " more)" : "")
                        + " in fleet " + console.settings.fleet() + " (none of that id has sent its status to the broker)");
            }
        }
        return targets;
    }

    private static List<String> args(JsonObject body) throws ApiError {
        String allowed = " (allowed: a list of up to 4 texts: show PUBLICATION [PAGE]; set KEY=VALUE; notice LEVEL UNTIL TEXT [TITLE]; cancel-notice ID; the others none)";
        JsonElement e = body.get("args");
        if (e == null || e.isJsonNull()) return List.of();
        if (!e.isJsonArray()) throw ApiError.bad("'args' must be a list" + allowed);
        JsonArray a = e.getAsJsonArray();
        if (a.size() > 4) throw ApiError.bad("'args' has " + a.size() + " entries" + allowed);
        List<String> args = new ArrayList<>();
        for (JsonElement x : a) {
            if (!x.isJsonPrimitive() || !x.getAsJsonPrimitive().isString()) throw ApiError.bad("'args' holds " + clip(x.toString()) + ", which is not text" + allowed);
            String s = x.getAsString();
            int n = s.codePointCount(0, s.length());
            if (n > newsstand.issue.Notice.TEXT_MAX) throw ApiError.bad("'args' holds a text of " + n + " characters (allowed: up to " + newsstand.issue.Notice.TEXT_MAX + ")");
            args.add(s);
        }
        return args;
    }

    private static long number(JsonObject body, String field, long min, long max, long otherwise) throws ApiError {
        JsonElement e = body.get(field);
        if (e == null || e.isJsonNull()) return otherwise;
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            double d = e.getAsDouble();
            if (d == Math.rint(d) && d >= min && d <= max) return (long) d;
        }
        throw ApiError.bad("'" + field + "' " + clip(e.toString()) + " is not allowed (allowed: a whole number, " + min + " to " + max + ")");
    }

    static JsonArray strings(List<String> list) {
        JsonArray a = new JsonArray();
        list.forEach(a::add);
        return a;
    }

    /** A text from outside, quoted and cut short for a message. */
    static String quoted(String s) {
        return "'" + clip(s) + "'";
    }

    static String clip(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
