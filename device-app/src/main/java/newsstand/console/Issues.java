package newsstand.console;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import newsstand.config.Name;
import newsstand.config.PanelModel;
import newsstand.delivery.DeliveryException;
import newsstand.desk.Desk;
import newsstand.desk.Release;
import newsstand.issue.Article;
import newsstand.issue.Issue;
import newsstand.issue.IssuePackage;
import newsstand.issue.Manifest;
import newsstand.issue.PackageException;
import newsstand.issue.TextImport;
import newsstand.issue.TextImporter;
import org.tinylog.Logger;

/**
 * The day's issue: a page of text (read as `newsstand import-text` reads it, with how each block was read) or a
 * package (a zip of its folder) uploaded by an editor, its pages previewed for each panel model of the fleet by the
 * kiosks' own engine, published (now or under an embargo, to the fleet or on trial to some kiosks) and withdrawn with a
 * reason; which kiosks took it; which issue of which publication each kiosk shows. Every change is in the audit log,
 * refusals included.
 */
final class Issues implements AutoCloseable {
    /** A page of text may be this long. */
    static final int MAX_TEXT = 2 << 20;
    /** An uploaded zip may be this long. */
    static final long MAX_ZIP = 64L << 20;
    static final PanelModel DEFAULT_MODEL = PanelModel.IT8951_10IN3;
    private static final String ID = "([0-9a-f]{12})";

    private final Console console;
    private final Uploads uploads;
    private final Previews previews;
    /** Publications and withdrawals go out one at a time (the desk's link is one, and so is an upload's row). */
    private final Object delivering = new Object();

    Issues(Console console) throws SQLException, IOException {
        this.console = console;
        this.uploads = new Uploads(console.store, console.settings.data());
        this.previews = new Previews(console.live);
    }

    void routes(Routes r) {
        r.get("/api/issues", Role.VIEWER, this::list);
        r.post("/api/issues/text", Role.EDITOR, c -> audited(c, "upload text", c.query("name"), () -> uploadText(c)));
        r.post("/api/issues/package", Role.EDITOR, c -> audited(c, "upload package", c.query("name"), () -> uploadPackage(c)));
        r.get("/api/issues/titles", Role.VIEWER, this::titles);
        r.get("/api/issues/" + ID, Role.VIEWER, this::one);
        r.get("/api/issues/" + ID + "/previews/([^/]+)", Role.VIEWER, this::preview);
        r.get("/api/issues/" + ID + "/pages/([^/]+)/([0-9]{1,4})\\.png", Role.VIEWER, this::png);
        r.get("/api/issues/" + ID + "/kiosks", Role.VIEWER, this::kiosks);
        r.post("/api/issues/" + ID + "/publish", Role.EDITOR, c -> audited(c, "publish", c.path(1), () -> publish(c)));
        r.post("/api/issues/" + ID + "/withdraw", Role.EDITOR, c -> audited(c, "withdraw", c.path(1), () -> withdraw(c)));
        r.get("/api/issues/[^/]+", Role.VIEWER, c -> {
            throw ApiError.notFound("no upload " + PackageZip.quoted(c.exchange.getRequestURI().getPath().substring("/api/issues/".length()))
                    + " (an upload's id is 12 of 0-9 and a-f)");
        });
    }

    interface Action {
        Object run() throws Exception;
    }

    /** Runs an action; its refusal is written to the audit log (its success writes its own line) and answered. */
    private Object audited(Call c, String action, String target, Action a) throws Exception {
        try {
            return a.run();
        } catch (ApiError e) {
            console.audit(c, action, target == null ? "" : target, "", "refused (" + e.status + "): " + e.getMessage());
            // A body left unread past the server's small drain resets the connection before the client reads why.
            try (InputStream in = c.exchange.getRequestBody()) {
                Call.drop(in, 2 * MAX_ZIP);
            } catch (IOException ignored) {
                // the client went away: nobody to tell
            }
            throw e;
        }
    }

    // ---- reading

    private Object list(Call c) throws Exception {
        JsonArray all = new JsonArray();
        for (Uploads.Upload u : uploads.list(200)) all.add(u.json());
        JsonObject o = new JsonObject();
        o.add("uploads", all);
        JsonArray models = new JsonArray();
        for (PanelModel m : fleetModels()) models.add(m.id());
        o.add("models", models);
        JsonArray every = new JsonArray();
        for (PanelModel m : PanelModel.values()) every.add(m.id());
        o.add("allModels", every);
        return o;
    }

    /** The panel models of the fleet's kiosks, or the default when none reports one. */
    private List<PanelModel> fleetModels() {
        List<PanelModel> models = new ArrayList<>();
        for (String id : console.fleet.models()) {
            try {
                models.add(PanelModel.byId(id));
            } catch (IllegalArgumentException e) {
                // a model this console does not know (a newer kiosk): nothing to render it with
            }
        }
        if (models.isEmpty()) models.add(DEFAULT_MODEL);
        return models;
    }

    private Uploads.Upload upload(Call c) throws ApiError, SQLException {
        String id = c.path(1);
        Uploads.Upload u = Uploads.validId(id) ? uploads.find(id) : null;
        if (u == null) throw ApiError.notFound("no upload " + id);
        return u;
    }

    private Object one(Call c) throws Exception {
        Uploads.Upload u = upload(c);
        JsonObject o = u.json();
        Path explain = uploads.folder(u.id()).resolve("explain.json");
        if (Files.isRegularFile(explain)) o.add("explain", JsonParser.parseString(Files.readString(explain)));
        return o;
    }

    private static PanelModel model(String id) throws ApiError {
        try {
            return PanelModel.byId(id);
        } catch (IllegalArgumentException e) {
            throw ApiError.notFound("no panel model " + PackageZip.quoted(id) + " (allowed: " + PanelModel.allowed() + ")");
        }
    }

    private Object preview(Call c) throws Exception {
        Uploads.Upload u = upload(c);
        PanelModel m = model(c.path(2));
        return previews.state(u.id(), uploads.folder(u.id()), m).json(m.id());
    }

    private Object png(Call c) throws Exception {
        Uploads.Upload u = upload(c);
        PanelModel m = model(c.path(2));
        int n = Integer.parseInt(c.path(3));
        Path upload = uploads.folder(u.id());
        Previews.State s;
        try {
            s = previews.render(u.id(), upload, m).get(2, TimeUnit.MINUTES);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new ApiError(503, "the pages of " + u.issue() + " for " + m.id() + " are still being rendered: try again shortly");
        }
        if (!s.state().equals("ready")) throw new ApiError(422, "the pages of " + u.issue() + " for " + m.id() + " cannot be rendered: " + s.error());
        if (n < 1 || n > s.pages()) throw ApiError.notFound("no page " + n + " of " + u.issue() + " for " + m.id() + " (allowed: 1 to " + s.pages() + ")");
        return Routes.Reply.png(Files.readAllBytes(Previews.folder(upload, m).resolve(n + ".png")));
    }

    /**
     * The console's own rendering of a page of an issue it knows (uploaded here; the publication taken, when there
     * were several uploads of it) for a panel model, as a PNG file, rendered first if need be; null when it does not
     * know the issue, the model or the page.
     */
    Path page(String issue, String model, int page) {
        try {
            Uploads.Upload u = uploads.ofIssue(issue);
            if (u == null) return null;
            PanelModel m = PanelModel.byId(model);
            Path upload = uploads.folder(u.id());
            Previews.State s = previews.render(u.id(), upload, m).get(2, TimeUnit.MINUTES);
            if (!s.state().equals("ready") || page < 1 || page > s.pages()) return null;
            return Previews.folder(upload, m).resolve(page + ".png");
        } catch (IllegalArgumentException | SQLException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    // ---- uploading

    private Object uploadText(Call c) throws Exception {
        String name = fileName(c);
        String title = queryText(c, "title", 120);
        String date = queryText(c, "date", 10);
        String publication = queryText(c, "publication", 64);
        byte[] page = c.body(MAX_TEXT);
        if (page.length == 0) throw ApiError.bad("the page is empty (allowed: a page of UTF-8 text as the body)");
        UnaryOperator<String> names = input -> input.equals("file") ? "'file' " + PackageZip.quoted(name) : "'" + input + "'";
        TextImport.Result read;
        try {
            read = TextImport.read(page, name, date, title, publication, names);
            TextImport.requireArticles(read, names);
        } catch (TextImport.Refused e) {
            throw ApiError.bad(e.getMessage());
        }
        Issue issue = read.issue();
        String id = Uploads.newId();
        Path staged = uploads.incoming().resolve(id);
        try {
            Path pkg = staged.resolve("package");
            Files.createDirectories(pkg);
            IssuePackage.writeManifest(issue, pkg);
            IssuePackage.read(pkg);
            Files.write(staged.resolve("page.txt"), page);
            JsonObject explain = explain(read);
            Files.writeString(staged.resolve("explain.json"), explain.toString());
            Uploads.Upload u = newUpload(c, id, issue, "text", name);
            uploads.add(staged, u);
            console.audit(c, "upload text", issue.id(), "upload " + id + " of " + name + ": " + issue.articles().size() + " articles of "
                    + issue.title() + ", publication " + issue.publication() + ", date " + issue.date(), "ok");
            JsonObject o = u.json();
            o.add("explain", explain);
            return o;
        } catch (PackageException e) {
            throw ApiError.bad("the page makes no valid issue: " + String.join("; ", e.problems()));
        } finally {
            Uploads.deleteTree(staged);
        }
    }

    private Uploads.Upload newUpload(Call c, String id, Issue issue, String source, String file) {
        return new Uploads.Upload(id, Instant.now(), c.user(), issue.id(), issue.publication(), issue.date().toString(), issue.title(),
                source, file, issue.articles().size(), Uploads.State.UPLOADED, 0, null, null, null, null, null, null, null, null);
    }

    /** How the page was read: each block (line, article, role, kind, text) and each article. */
    private static JsonObject explain(TextImport.Result read) {
        JsonArray blocks = new JsonArray();
        for (TextImporter.Block b : read.reading().blocks()) {
            JsonObject o = new JsonObject();
            o.addProperty("line", b.line());
            o.addProperty("article", b.article());
            o.addProperty("role", b.role());
            o.addProperty("kind", TextImport.kind(b.role()));
            o.addProperty("text", b.text());
            blocks.add(o);
        }
        JsonArray articles = new JsonArray();
        for (Article a : read.issue().articles()) {
            JsonObject o = new JsonObject();
            o.addProperty("id", a.id());
            o.addProperty("kicker", a.kicker());
            o.addProperty("headline", a.headline());
            o.addProperty("subhead", a.subhead());
            o.addProperty("byline", a.byline());
            o.addProperty("paragraphs", a.paragraphs().size());
            o.addProperty("captions", a.photos().size());
            o.addProperty("summary", TextImport.summary(a));
            articles.add(o);
        }
        JsonObject o = new JsonObject();
        o.add("blocks", blocks);
        o.add("articles", articles);
        if (read.note() != null) o.addProperty("note", read.note());
        return o;
    }

    private Object uploadPackage(Call c) throws Exception {
        String name = fileName(c);
        String id = Uploads.newId();
        Path staged = uploads.incoming().resolve(id);
        Path zip = uploads.incoming().resolve(id + ".zip");
        try {
            Files.createDirectories(uploads.incoming());
            long size = c.bodyTo(zip, MAX_ZIP);
            if (size == 0) throw ApiError.bad("the upload is empty (allowed: a zip of the package's folder as the body)");
            Path extracted = PackageZip.extract(zip, staged.resolve("files"));
            Issue issue;
            try {
                issue = IssuePackage.read(extracted);
            } catch (PackageException e) {
                throw ApiError.bad("the zip holds no valid issue package: " + String.join("; ", e.problems()).replace(extracted + "/", ""));
            }
            Files.move(extracted, staged.resolve("package"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            Uploads.deleteTree(staged.resolve("files"));
            Uploads.Upload u = newUpload(c, id, issue, "package", name);
            uploads.add(staged, u);
            console.audit(c, "upload package", issue.id(), "upload " + id + " of " + name + " (" + size + " bytes): " + issue.articles().size()
                    + " articles of " + issue.title() + ", publication " + issue.publication() + ", date " + issue.date(), "ok");
            return u.json();
        } finally {
            Files.deleteIfExists(zip);
            Uploads.deleteTree(staged);
        }
    }

    /** The file's name (?name=): what the upload is called in the list, and where a page's date is found. */
    private static String fileName(Call c) throws ApiError {
        String name = c.query("name");
        if (name == null || name.isBlank()) throw ApiError.bad("'name' is missing (allowed: the file's name, 1 to 200 characters, as ?name=)");
        name = name.replaceAll(".*[/\\\\]", "").strip();
        if (name.isEmpty() || name.length() > 200 || name.chars().anyMatch(Character::isISOControl)) {
            throw ApiError.bad("'name' " + PackageZip.quoted(name) + " is not allowed (allowed: a file's name, 1 to 200 printable characters)");
        }
        return name;
    }

    /** An optional query parameter: absent or blank is null; longer than max is refused. */
    private static String queryText(Call c, String field, int max) throws ApiError {
        String s = c.query(field);
        if (s == null || s.isBlank()) return null;
        if (s.length() > max || s.chars().anyMatch(Character::isISOControl)) {
            throw ApiError.bad("'" + field + "' is " + s.length() + " characters (allowed: 1 to " + max + " printable characters)");
        }
        return s.strip();
    }

    // ---- publishing

    private Object publish(Call c) throws Exception {
        Uploads.Upload u = upload(c);
        JsonObject body = c.json();
        Instant now = Instant.now();
        Instant expires = instant(body, "expires");
        if (expires == null) expires = now.plus(Duration.ofDays(7));
        if (!expires.isAfter(now)) throw ApiError.bad("'expires' " + expires + " is not in the future (allowed: a time to come)");
        Instant activateAt = instant(body, "activateAt");
        if (activateAt != null && !activateAt.isBefore(expires)) {
            throw ApiError.bad("'activateAt' " + activateAt + " is not before the expiry " + expires + " (allowed: an embargo that ends before the issue expires)");
        }
        List<String> targets = devices(body);
        synchronized (delivering) {
            u = uploads.find(u.id());
            switch (u.state()) {
                case WITHDRAWN -> throw new ApiError(409, "upload " + u.id() + " (" + u.issue() + ") was withdrawn (" + u.reason()
                        + "): upload the issue again to publish it");
                case REPLACED -> throw new ApiError(409, "issue " + u.issue() + " was published again from a later upload: publish or withdraw that one");
                case PUBLISHED -> {
                    if (u.targetList().isEmpty()) {
                        throw new ApiError(409, "upload " + u.id() + " (" + u.issue() + ") is already published to the whole fleet (sequence "
                                + u.sequence() + "): withdraw it, or upload a correction");
                    }
                }
                default -> { }
            }
            long sequence = Math.max(now.toEpochMilli(), u.sequence() + 1);
            Path pkg = uploads.folder(u.id()).resolve("package");
            String id = u.id(), issue = u.issue();
            console.live.publish("publish", progress(id, issue, "started", targets.isEmpty() ? "to the fleet" : "on trial to " + String.join(", ", targets)));
            Desk.Published p;
            try {
                p = console.desk.publish(pkg, new Release(sequence, expires, activateAt), targets,
                        line -> console.live.publish("publish", progress(id, issue, "progress", line)));
            } catch (PackageException e) {
                console.live.publish("publish", progress(id, issue, "failed", e.getMessage()));
                throw ApiError.bad("the package of " + issue + " is not valid: " + String.join("; ", e.problems()));
            } catch (DeliveryException | IOException e) {
                console.live.publish("publish", progress(id, issue, "failed", e.getMessage()));
                Logger.warn("console: publishing {} failed: {}", issue, e.getMessage());
                throw new ApiError(502, "publishing " + issue + " failed: " + e.getMessage() + " (nothing was taken: the manifest goes out last)");
            }
            uploads.published(id, issue, p.sequence(), c.user(), targets, activateAt, expires);
            String detail = "sequence " + p.sequence() + ", " + p.bytes() + " bytes in " + p.chunks() + " chunks"
                    + (activateAt == null ? "" : ", embargo until " + activateAt) + ", expires " + expires
                    + (targets.isEmpty() ? ", to the fleet" : ", on trial to " + String.join(",", targets));
            console.audit(c, "publish", issue, "upload " + id + ": " + detail, "ok");
            console.live.publish("publish", progress(id, issue, "done", detail));
            return uploads.find(id).json();
        }
    }

    private static JsonObject progress(String upload, String issue, String stage, String line) {
        JsonObject o = new JsonObject();
        o.addProperty("upload", upload);
        o.addProperty("issue", issue);
        o.addProperty("stage", stage);
        o.addProperty("line", line);
        return o;
    }

    /** A time field: absent or null is null; a date (YYYY-MM-DD, UTC midnight) or an instant (2025-09-10T05:00:00Z). */
    private static Instant instant(JsonObject o, String field) throws ApiError {
        JsonElement e = o.get(field);
        if (e == null || e.isJsonNull() || (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() && e.getAsString().isBlank())) return null;
        String allowed = " (allowed: YYYY-MM-DD or an instant such as 2025-09-10T05:00:00Z)";
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) throw ApiError.bad("'" + field + "' must be text" + allowed);
        String s = e.getAsString().strip();
        try {
            return s.length() == 10 ? LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC) : Instant.parse(s);
        } catch (DateTimeParseException x) {
            throw ApiError.bad("'" + field + "' " + PackageZip.quoted(s) + " is not a time" + allowed);
        }
    }

    /** The kiosks of a trial ('devices', a list of device ids), each once; empty for the whole fleet. */
    private static List<String> devices(JsonObject o) throws ApiError {
        JsonElement e = o.get("devices");
        if (e == null || e.isJsonNull()) return List.of();
        if (!e.isJsonArray()) throw ApiError.bad("'devices' must be a list of kiosks' device ids (allowed: [] for the whole fleet)");
        Set<String> ids = new LinkedHashSet<>();
        for (JsonElement d : e.getAsJsonArray()) {
            if (!d.isJsonPrimitive() || !d.getAsJsonPrimitive().isString()) throw ApiError.bad("'devices' must hold device ids as text");
            String id = d.getAsString();
            if (!Name.valid(id) || id.equals(newsstand.delivery.Topics.ALL)) {
                throw ApiError.bad("'devices': " + PackageZip.quoted(id) + " is not allowed (allowed: a kiosk's device.id, " + Name.RULE + ")");
            }
            ids.add(id);
        }
        if (ids.size() > Manifest.MAX_TARGETS) {
            throw ApiError.bad("'devices' names " + ids.size() + " kiosks (allowed: up to " + Manifest.MAX_TARGETS + "; publish to the fleet instead)");
        }
        return List.copyOf(ids);
    }

    private Object withdraw(Call c) throws Exception {
        Uploads.Upload u = upload(c);
        String reason = Call.text(c.json(), "reason", 500, true).strip();
        if (reason.isEmpty()) throw ApiError.bad("'reason' is blank (allowed: text of 1 to 500 characters saying why)");
        synchronized (delivering) {
            u = uploads.find(u.id());
            switch (u.state()) {
                case UPLOADED -> throw new ApiError(409, "upload " + u.id() + " (" + u.issue() + ") was never published: there is nothing to withdraw");
                case WITHDRAWN -> throw new ApiError(409, "upload " + u.id() + " (" + u.issue() + ") is already withdrawn (" + u.reason() + ")");
                case REPLACED -> throw new ApiError(409, "issue " + u.issue() + " was published again from a later upload: withdraw that one");
                default -> { }
            }
            Desk.Withdrawn w;
            try {
                w = console.desk.withdraw(u.issue(), u.sequence());
            } catch (DeliveryException e) {
                Logger.warn("console: withdrawing {} failed: {}", u.issue(), e.getMessage());
                throw new ApiError(502, "withdrawing " + u.issue() + " failed: " + e.getMessage());
            }
            uploads.withdrawn(u.id(), c.user(), reason);
            console.audit(c, "withdraw", u.issue(), "upload " + u.id() + ", sequence " + w.sequence() + ", " + w.chunksCleared()
                    + " chunks cleared; reason: " + reason, "ok");
            JsonObject event = progress(u.id(), u.issue(), "withdrawn", reason);
            console.live.publish("publish", event);
            return uploads.find(u.id()).json();
        }
    }

    // ---- the fleet's side

    private Object kiosks(Call c) throws Exception {
        return Takers.of(upload(c), console.fleet.statuses());
    }

    private Object titles(Call c) {
        return Takers.titles(console.fleet.statuses());
    }

    @Override
    public void close() {
        previews.close();
    }
}
