package newsstand.console;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.tinylog.Logger;

/**
 * The uploads the console keeps: each in DATA/uploads/ID/ (the package in package/, the page given as text in
 * page.txt with how it was read in explain.json, the previews in previews/MODEL/N.png) with a row in the console's
 * SQLite file (table upload). An upload is prepared in DATA/uploads/.incoming/ID and moved into place only when it
 * is whole, then its row is written: a refused or interrupted one leaves neither folder nor row.
 */
final class Uploads {
    /** What became of an upload: uploaded, published (to the fleet or on trial), replaced (the issue published again from a later upload), withdrawn. */
    enum State { UPLOADED, PUBLISHED, REPLACED, WITHDRAWN;
        String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One upload's row. */
    record Upload(String id, Instant time, String user, String issue, String publication, String date, String title, String source,
                  String file, int articles, State state, long sequence, Instant published, String publishedBy, String targets,
                  Instant activateAt, Instant expires, Instant withdrawn, String withdrawnBy, String reason) {
        JsonObject json() {
            JsonObject o = new JsonObject();
            o.addProperty("id", id);
            o.addProperty("time", time.toString());
            o.addProperty("user", user);
            o.addProperty("issue", issue);
            o.addProperty("publication", publication);
            o.addProperty("date", date);
            o.addProperty("title", title);
            o.addProperty("source", source);
            o.addProperty("file", file);
            o.addProperty("articles", articles);
            o.addProperty("state", state.id());
            if (sequence > 0) o.addProperty("sequence", sequence);
            if (published != null) o.addProperty("published", published.toString());
            o.addProperty("publishedBy", publishedBy);
            com.google.gson.JsonArray ts = new com.google.gson.JsonArray();
            if (targets != null && !targets.isEmpty()) for (String t : targets.split(",")) ts.add(t);
            o.add("targets", ts);
            if (activateAt != null) o.addProperty("activateAt", activateAt.toString());
            if (expires != null) o.addProperty("expires", expires.toString());
            if (withdrawn != null) o.addProperty("withdrawn", withdrawn.toString());
            o.addProperty("withdrawnBy", withdrawnBy);
            o.addProperty("reason", reason);
            return o;
        }

        List<String> targetList() {
            return targets == null || targets.isEmpty() ? List.of() : List.of(targets.split(","));
        }
    }

    private static final String COLUMNS = "id, time, user, issue, publication, date, title, source, file, articles, state, sequence, "
            + "published, published_by, targets, activate_at, expires, withdrawn, withdrawn_by, reason";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConsoleStore store;
    final Path folder;

    Uploads(ConsoleStore store, Path data) throws SQLException, IOException {
        this.store = store;
        this.folder = data.resolve("uploads");
        synchronized (store) {
            try (Statement s = store.connection().createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS upload (id TEXT PRIMARY KEY, time TEXT NOT NULL, user TEXT NOT NULL, issue TEXT NOT NULL, "
                        + "publication TEXT NOT NULL, date TEXT NOT NULL, title TEXT NOT NULL, source TEXT NOT NULL, file TEXT NOT NULL, "
                        + "articles INTEGER NOT NULL, state TEXT NOT NULL, sequence INTEGER, published TEXT, published_by TEXT, targets TEXT, "
                        + "activate_at TEXT, expires TEXT, withdrawn TEXT, withdrawn_by TEXT, reason TEXT)");
            }
        }
        Files.createDirectories(folder);
        sweep();
    }

    /** Removes what an interrupted upload left: the staging folder, and folders without a row. */
    private void sweep() throws IOException, SQLException {
        deleteTree(incoming());
        try (var list = Files.list(folder)) {
            for (Path p : list.toList()) {
                String name = p.getFileName().toString();
                if (!name.startsWith(".") && find(name) == null) {
                    Logger.info("console: removing {}, an upload without its row (interrupted)", p);
                    deleteTree(p);
                }
            }
        }
    }

    Path incoming() {
        return folder.resolve(".incoming");
    }

    /** A new upload's id: 12 hex digits, random. */
    static String newId() {
        byte[] b = new byte[6];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /** An upload's folder. */
    Path folder(String id) {
        return folder.resolve(id);
    }

    /** Whether a text could be an upload's id (so that it never makes a path). */
    static boolean validId(String id) {
        return id != null && id.matches("[0-9a-f]{12}");
    }

    /** Moves a whole upload from staging into place and writes its row; on a failure, neither is left. */
    void add(Path staged, Upload u) throws IOException, SQLException {
        Path target = folder(u.id());
        Files.move(staged, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        try {
            synchronized (store) {
                try (PreparedStatement p = db().prepareStatement("INSERT INTO upload(" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                    p.setString(1, u.id());
                    p.setString(2, u.time().toString());
                    p.setString(3, u.user());
                    p.setString(4, u.issue());
                    p.setString(5, u.publication());
                    p.setString(6, u.date());
                    p.setString(7, u.title());
                    p.setString(8, u.source());
                    p.setString(9, u.file());
                    p.setInt(10, u.articles());
                    p.setString(11, u.state().id());
                    for (int i = 12; i <= 20; i++) p.setObject(i, null);
                    p.executeUpdate();
                }
            }
        } catch (SQLException | RuntimeException e) {
            deleteTree(target);
            throw e;
        }
    }

    private Connection db() {
        return store.connection();
    }

    Upload find(String id) throws SQLException {
        synchronized (store) {
            try (PreparedStatement p = db().prepareStatement("SELECT " + COLUMNS + " FROM upload WHERE id = ?")) {
                p.setString(1, id);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? row(r) : null;
                }
            }
        }
    }

    /** The newest uploads first, at most limit. */
    List<Upload> list(int limit) throws SQLException {
        synchronized (store) {
            try (PreparedStatement p = db().prepareStatement("SELECT " + COLUMNS + " FROM upload ORDER BY time DESC, rowid DESC LIMIT ?")) {
                p.setInt(1, limit);
                List<Upload> all = new ArrayList<>();
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) all.add(row(r));
                }
                return all;
            }
        }
    }

    /** The upload whose rendering of an issue is the one to compare with: the newest published (or replaced), else the newest. */
    Upload ofIssue(String issue) throws SQLException {
        synchronized (store) {
            try (PreparedStatement p = db().prepareStatement("SELECT " + COLUMNS + " FROM upload WHERE issue = ? "
                    + "ORDER BY CASE state WHEN 'published' THEN 0 WHEN 'replaced' THEN 1 ELSE 2 END, time DESC LIMIT 1")) {
                p.setString(1, issue);
                try (ResultSet r = p.executeQuery()) {
                    return r.next() ? row(r) : null;
                }
            }
        }
    }

    /** Records a publication: the upload is published; another upload of the same issue published before is replaced. */
    void published(String id, String issue, long sequence, String user, List<String> targets, Instant activateAt, Instant expires) throws SQLException {
        synchronized (store) {
            boolean auto = db().getAutoCommit();
            db().setAutoCommit(false);
            try {
                try (PreparedStatement p = db().prepareStatement("UPDATE upload SET state = 'replaced' WHERE issue = ? AND id <> ? AND state = 'published'")) {
                    p.setString(1, issue);
                    p.setString(2, id);
                    p.executeUpdate();
                }
                try (PreparedStatement p = db().prepareStatement("UPDATE upload SET state = 'published', sequence = ?, published = ?, published_by = ?, "
                        + "targets = ?, activate_at = ?, expires = ?, withdrawn = NULL, withdrawn_by = NULL, reason = NULL WHERE id = ?")) {
                    p.setLong(1, sequence);
                    p.setString(2, Instant.now().toString());
                    p.setString(3, user);
                    p.setString(4, String.join(",", targets));
                    p.setString(5, activateAt == null ? null : activateAt.toString());
                    p.setString(6, expires.toString());
                    p.setString(7, id);
                    p.executeUpdate();
                }
                db().commit();
            } catch (SQLException e) {
                db().rollback();
                throw e;
            } finally {
                db().setAutoCommit(auto);
            }
        }
    }

    void withdrawn(String id, String user, String reason) throws SQLException {
        synchronized (store) {
            try (PreparedStatement p = db().prepareStatement("UPDATE upload SET state = 'withdrawn', withdrawn = ?, withdrawn_by = ?, reason = ? WHERE id = ?")) {
                p.setString(1, Instant.now().toString());
                p.setString(2, user);
                p.setString(3, reason);
                p.setString(4, id);
                p.executeUpdate();
            }
        }
    }

    private static Upload row(ResultSet r) throws SQLException {
        return new Upload(r.getString(1), Instant.parse(r.getString(2)), r.getString(3), r.getString(4), r.getString(5), r.getString(6),
                r.getString(7), r.getString(8), r.getString(9), r.getInt(10), State.valueOf(r.getString(11).toUpperCase(java.util.Locale.ROOT)),
                r.getLong(12), instant(r.getString(13)), r.getString(14), r.getString(15), instant(r.getString(16)), instant(r.getString(17)),
                instant(r.getString(18)), r.getString(19), r.getString(20));
    }

    private static Instant instant(String s) {
        return s == null ? null : Instant.parse(s);
    }

    /** Deletes a folder and everything in it; nothing when it does not exist. */
    static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        try (java.util.stream.Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
