package newsstand.console;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import newsstand.config.Name;
import newsstand.desk.CommandOutcome;
import newsstand.desk.Desk;
import newsstand.issue.Command;
import org.tinylog.Logger;

/**
 * One kiosk as the console sees it: its status (the fleet's), its recent events (the fleet's events topic followed,
 * the latest {@value #EVENTS} of each kiosk kept in memory and pushed live as {@code kiosk-event}), its screenshots
 * (taken on demand, the latest {@value #SHOTS} kept under DATA/screenshots/ID/) beside the console's own rendering of
 * the page the kiosk showed, and the remote commands ({@link Commands}).
 */
final class Kiosks implements AutoCloseable {
    /** Events kept per kiosk. */
    static final int EVENTS = 50;
    /** Kiosks whose events are kept: a flood of made-up device ids stays bounded. */
    static final int KIOSKS = 5000;
    /** Screenshots kept per kiosk. */
    static final int SHOTS = 5;
    /** The largest screenshot taken (a 13.3" panel's 1600x1200 is the largest model). */
    static final int SHOT_SIDE = 4096;
    static final Duration SHOT_WAIT = Duration.ofSeconds(30);
    /** The kiosk's answer to a screenshot names what its panel showed: "screenshot of page qd-1 page 3 of 8: ...". */
    private static final Pattern SHOWN = Pattern.compile("^screenshot of page ([a-z0-9][a-z0-9-]{0,63}) page (\\d{1,3}) of \\d+");
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Console console;
    private final Commands commands;
    private final Map<String, Deque<JsonObject>> events = new ConcurrentHashMap<>();
    /** When the console last heard from each kiosk by an event. */
    private final Map<String, Instant> heard = new ConcurrentHashMap<>();
    /** The screenshot command in flight for a kiosk, by device. */
    private final Map<String, String> shooting = new ConcurrentHashMap<>();
    private Desk.Following following;
    private boolean lost;
    static final Duration FOLLOW_CHECK = Duration.ofSeconds(3);
    private final java.util.concurrent.ScheduledExecutorService watchdog = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "console-events");
        t.setDaemon(true);
        return t;
    });

    Kiosks(Console console) {
        this.console = console;
        this.commands = new Commands(console);
    }

    void routes(Routes r) {
        r.get("/api/kiosks/([^/]+)", Role.VIEWER, this::kiosk);
        // An editor may ask for a screenshot: it changes nothing on the kiosk (the frame last drawn is sent, the panel
        // is not refreshed) and it is how whoever publishes checks that the panels show the issue. A viewer may not:
        // the console signs a command with the operator's key for it.
        r.post("/api/kiosks/([^/]+)/screenshot", Role.EDITOR, this::shoot);
        r.get("/api/kiosks/([^/]+)/screenshot\\.png", Role.VIEWER, this::screenshot);
        r.get("/api/kiosks/([^/]+)/expected\\.png", Role.VIEWER, this::expected);
        commands.routes(r);
    }

    Commands commands() {
        return commands;
    }

    /**
     * Starts following the fleet's events, and checks every few seconds that they still come: after the broker's
     * connection was lost they are followed again (the desk connects anew, to the next broker of a cluster).
     */
    void start() {
        follow();
        watchdog.scheduleWithFixedDelay(this::follow, FOLLOW_CHECK.toMillis(), FOLLOW_CHECK.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private synchronized void follow() {
        if (following != null && following.active()) return;
        if (following != null) following.close();
        following = null;
        try {
            following = console.desk.events(this::heard);
            if (lost) Logger.info("console: following the fleet's events again");
            lost = false;
        } catch (Exception | Error e) {
            if (!lost) Logger.warn("console: cannot follow the fleet's events (tried again every {} s): {}", FOLLOW_CHECK.toSeconds(), e.getMessage());
            lost = true;
        }
    }

    private void heard(JsonObject event) {
        String device = event.get("device").getAsString();
        if (!Name.valid(device)) return;
        if (!events.containsKey(device) && events.size() >= KIOSKS) return;
        JsonObject kept = trimmed(event);
        kept.addProperty("received", Instant.now().toString());
        Deque<JsonObject> list = events.computeIfAbsent(device, d -> new ArrayDeque<>());
        synchronized (list) {
            // A repeat (the kiosk sends its outbox again after a reconnect) has the same id, kind and time.
            for (JsonObject e : list) if (same(e, kept, "id") && same(e, kept, "event") && same(e, kept, "time")) return;
            list.addLast(kept);
            while (list.size() > EVENTS) list.removeFirst();
        }
        heard.put(device, Instant.now());
        console.live.publish("kiosk-event", kept);
    }

    private static boolean same(JsonObject a, JsonObject b, String field) {
        return String.valueOf(a.get(field)).equals(String.valueOf(b.get(field)));
    }

    /** An event as kept: at most 24 fields, each text cut at 500 characters (an event is a kiosk's word, bounded here). */
    private static JsonObject trimmed(JsonObject event) {
        JsonObject o = new JsonObject();
        int n = 0;
        for (Map.Entry<String, JsonElement> e : event.entrySet()) {
            if (n++ >= 24) break;
            JsonElement v = e.getValue();
            if (v.isJsonPrimitive() && v.getAsJsonPrimitive().isString() && v.getAsString().length() > 500) {
                o.addProperty(e.getKey(), v.getAsString().substring(0, 500) + "…");
            } else if (v.isJsonPrimitive() || v.isJsonNull() || v.toString().length() <= 2000) {
                o.add(e.getKey(), v);
            }
        }
        return o;
    }

    /**
     * The recent events of a kiosk, newest first by the kiosk's time (its outbox sends the most important first, so
     * they do not arrive in the order they happened).
     */
    JsonArray events(String device) {
        JsonArray a = new JsonArray();
        Deque<JsonObject> list = events.get(device);
        if (list == null) return a;
        List<JsonObject> copy;
        synchronized (list) {
            copy = new java.util.ArrayList<>(list);
        }
        java.util.Collections.reverse(copy);
        copy.sort(java.util.Comparator.comparing((JsonObject e) -> String.valueOf(text(e, "time") == null ? text(e, "received") : text(e, "time"))).reversed());
        copy.forEach(a::add);
        return a;
    }

    /** The device id of the call's path: refused unless it is an id; null as a status when the fleet never heard of it. */
    private String device(Call c, boolean mustBeKnown) throws ApiError {
        String id = c.path(1);
        if (!Name.valid(id)) throw ApiError.bad("kiosk id " + Commands.quoted(id) + " is not allowed (allowed: " + Name.RULE + ")");
        if (mustBeKnown && !console.fleet.statuses().containsKey(id) && !events.containsKey(id) && latest(id) == null) {
            throw ApiError.notFound("no kiosk " + id + " in fleet " + console.settings.fleet() + " (none of that id has sent its status to the broker)");
        }
        return id;
    }

    /** GET /api/kiosks/ID: its status, recent events, latest screenshot and the page the console renders for it. */
    private Object kiosk(Call c) throws Exception {
        String id = device(c, true);
        JsonObject status = console.fleet.statuses().get(id);
        JsonObject o = new JsonObject();
        o.addProperty("device", id);
        o.add("status", status);
        Instant last = heard.get(id);
        String updated = text(status, "updated");
        if (updated != null) {
            try {
                Instant u = Instant.parse(updated);
                if (last == null || u.isAfter(last)) last = u;
            } catch (RuntimeException e) {
                // a kiosk's clock written oddly: the events' time stands
            }
        }
        if (last != null) o.addProperty("heard", last.toString());
        o.add("events", events(id));
        Path shot = latest(id);
        if (shot != null) {
            JsonObject s = about(shot);
            s.addProperty("url", "/api/kiosks/" + id + "/screenshot.png?at=" + name(shot));
            JsonObject expected = new JsonObject();
            String issue = text(s, "issue");
            if (issue == null) {
                expected.addProperty("available", false);
                expected.addProperty("why", "no-page");
            } else {
                expected.addProperty("issue", issue);
                expected.addProperty("model", text(s, "model"));
                expected.addProperty("page", s.get("page").getAsInt());
                boolean rendered = expectedFile(s) != null;
                expected.addProperty("available", rendered);
                if (rendered) expected.addProperty("url", "/api/kiosks/" + id + "/expected.png?at=" + name(shot));
                else expected.addProperty("why", "not-uploaded");
            }
            s.add("expected", expected);
            o.add("screenshot", s);
        }
        String inFlight = shooting.get(id);
        if (inFlight != null) o.addProperty("shooting", inFlight);
        return o;
    }

    /** POST /api/kiosks/ID/screenshot: asks the kiosk for a screenshot; answers the command's id at once. */
    private Object shoot(Call c) throws Exception {
        String id = device(c, false);
        JsonObject status = console.fleet.statuses().get(id);
        if (status == null) throw ApiError.notFound("no kiosk " + id + " in fleet " + console.settings.fleet() + " (none of that id has sent its status to the broker)");
        if (status.has("online") && !status.get("online").getAsBoolean()) {
            throw new ApiError(409, "kiosk " + id + " is offline (its status says so since " + text(status, "updated") + "): it cannot send a screenshot now");
        }
        String model = model(status);
        JsonObject answer = new JsonObject();
        synchronized (shooting) {
            String running = shooting.get(id);
            if (running != null) {
                answer.addProperty("id", running);
                answer.addProperty("already", true);
                return answer;
            }
            Command command = console.desk.newCommand(List.of(id), "screenshot", List.of(), Duration.ofMinutes(2));
            String user = c.user();
            shooting.put(id, command.id());
            try {
                commands.start(c, command, SHOT_WAIT, (o, error) -> {
                    try {
                        took(id, model, user, command, o, error);
                    } finally {
                        shooting.remove(id, command.id());
                    }
                });
            } catch (ApiError e) {
                shooting.remove(id, command.id());
                throw e;
            }
            answer.addProperty("id", command.id());
        }
        return answer;
    }

    /** A screenshot's outcome: the PNG checked and stored with what the panel showed, the oldest beyond SHOTS deleted. */
    private void took(String device, String model, String user, Command command, CommandOutcome o, String error) {
        JsonObject event = new JsonObject();
        event.addProperty("device", device);
        event.addProperty("id", command.id());
        try {
            if (o == null) throw new IOException("the command failed: " + error);
            if (o.screenshot() == null) {
                String why = o.answers().isEmpty() ? "no answer in " + SHOT_WAIT.toSeconds() + " s" : o.answers().get(0).result() + ": " + o.answers().get(0).message();
                throw new IOException("no screenshot came (" + why + ")");
            }
            int[] size = size(o.screenshot());
            Instant now = Instant.now();
            Path dir = folder(device);
            Files.createDirectories(dir);
            String name = FILE_TIME.format(now);
            JsonObject about = new JsonObject();
            about.addProperty("time", now.toString());
            about.addProperty("command", command.id());
            about.addProperty("user", user);
            about.addProperty("bytes", o.screenshot().length);
            about.addProperty("width", size[0]);
            about.addProperty("height", size[1]);
            String message = o.answers().get(0).message();
            about.addProperty("message", message);
            if (model != null) about.addProperty("model", model);
            Matcher m = SHOWN.matcher(message);
            if (m.find()) {
                about.addProperty("issue", m.group(1));
                about.addProperty("page", Integer.parseInt(m.group(2)));
            }
            write(dir.resolve(name + ".png"), o.screenshot());
            write(dir.resolve(name + ".json"), about.toString().getBytes(StandardCharsets.UTF_8));
            prune(dir);
            event.add("screenshot", about);
        } catch (IOException | RuntimeException e) {
            Logger.warn("console: screenshot of {} not kept: {}", device, e.getMessage());
            event.addProperty("error", e.getMessage());
        }
        console.live.publish("kiosk-screenshot", event);
    }

    /** A PNG's width and height, read from its header without decoding it; refused when it is not a PNG or too big. */
    private static int[] size(byte[] png) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(png))) {
            java.util.Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("png");
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                int w = reader.getWidth(0), h = reader.getHeight(0);
                if (w < 1 || h < 1 || w > SHOT_SIDE || h > SHOT_SIDE) throw new IOException("the screenshot is " + w + "x" + h + " (allowed: up to " + SHOT_SIDE + " a side)");
                return new int[] {w, h};
            } finally {
                reader.dispose();
            }
        } catch (javax.imageio.IIOException e) {
            throw new IOException("the screenshot is not a PNG: " + e.getMessage(), e);
        }
    }

    private static void write(Path file, byte[] bytes) throws IOException {
        Path part = file.resolveSibling(file.getFileName() + ".part");
        Files.write(part, bytes);
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void prune(Path dir) throws IOException {
        List<Path> shots = shots(dir);
        for (int i = 0; i < shots.size() - SHOTS; i++) {
            Files.deleteIfExists(shots.get(i));
            Files.deleteIfExists(shots.get(i).resolveSibling(name(shots.get(i)) + ".json"));
        }
    }

    private Path folder(String device) {
        return console.settings.data().resolve("screenshots").resolve(device);
    }

    /** A kiosk's screenshots kept, oldest first. */
    private static List<Path> shots(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("\\d{8}T\\d{6}\\.\\d{3}Z\\.png")).sorted().toList();
        }
    }

    private Path latest(String device) {
        try {
            List<Path> all = shots(folder(device));
            return all.isEmpty() ? null : all.get(all.size() - 1);
        } catch (IOException e) {
            return null;
        }
    }

    /** The screenshot asked for by ?at=NAME (one of those kept), else the latest. */
    private Path chosen(Call c, String device) throws ApiError {
        String at = c.query("at");
        if (at == null) return latest(device);
        if (!at.matches("\\d{8}T\\d{6}\\.\\d{3}Z")) throw ApiError.bad("'at' " + Commands.quoted(at) + " is not allowed (allowed: a screenshot's name, such as 20250910T040000.000Z)");
        Path p = folder(device).resolve(at + ".png");
        if (!Files.isRegularFile(p)) throw ApiError.notFound("no screenshot " + at + " of " + device + " (the console keeps the latest " + SHOTS + ")");
        return p;
    }

    private static String name(Path shot) {
        String n = shot.getFileName().toString();
        return n.substring(0, n.length() - ".png".length());
    }

    private static JsonObject about(Path shot) {
        try {
            JsonObject o = JsonParser.parseString(Files.readString(shot.resolveSibling(name(shot) + ".json"))).getAsJsonObject();
            o.addProperty("name", name(shot));
            return o;
        } catch (IOException | RuntimeException e) {
            JsonObject o = new JsonObject();
            o.addProperty("name", name(shot));
            return o;
        }
    }

    /** GET /api/kiosks/ID/screenshot.png: the latest screenshot (or ?at=NAME). */
    private Object screenshot(Call c) throws Exception {
        String id = device(c, false);
        Path shot = chosen(c, id);
        if (shot == null) throw ApiError.notFound("no screenshot of " + id + " yet: ask for one (POST /api/kiosks/" + id + "/screenshot)");
        return Routes.Reply.png(Files.readAllBytes(shot));
    }

    /** GET /api/kiosks/ID/expected.png: the console's own rendering of the page the latest screenshot (or ?at=NAME) showed. */
    private Object expected(Call c) throws Exception {
        String id = device(c, false);
        Path shot = chosen(c, id);
        if (shot == null) throw ApiError.notFound("no screenshot of " + id + " yet, so no page to compare it with");
        JsonObject about = about(shot);
        if (text(about, "issue") == null) throw ApiError.notFound("the screenshot of " + id + " shows no page of an issue (" + text(about, "message") + ")");
        Path page = expectedFile(about);
        if (page == null) {
            throw ApiError.notFound("not rendered here: issue " + text(about, "issue") + " was not uploaded to this console (page " + about.get("page") + ", " + text(about, "model") + ")");
        }
        return Routes.Reply.png(Files.readAllBytes(page));
    }

    private Path expectedFile(JsonObject about) {
        String model = text(about, "model"), issue = text(about, "issue");
        if (model == null || issue == null || !about.has("page")) return null;
        Path p = console.issues.page(issue, model, about.get("page").getAsInt());
        return p != null && Files.isRegularFile(p) ? p : null;
    }

    /** The panel model a status reports (health.panel.model), or null. */
    static String model(JsonObject status) {
        try {
            return status.getAsJsonObject("health").getAsJsonObject("panel").get("model").getAsString();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String text(JsonObject o, String field) {
        if (o == null || !o.has(field) || o.get(field).isJsonNull() || !o.get(field).isJsonPrimitive()) return null;
        return o.get(field).getAsString();
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        synchronized (this) {
            if (following != null) following.close();
        }
        commands.close();
    }
}
