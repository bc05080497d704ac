package newsstand.console;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The console's own SQLite file (DIR/console.db): its users, its audit log and what other parts keep (uploads).
 * One connection, used under this object's lock; every write is one transaction. The signing key is not in it.
 */
public final class ConsoleStore implements AutoCloseable {
    static final String FILE = "console.db";
    private final Connection db;

    private ConsoleStore(Connection db) {
        this.db = db;
    }

    /** Opens (creating) DIR/console.db; the folder is created private to its user. */
    public static ConsoleStore open(Path data) throws SQLException, java.io.IOException {
        Files.createDirectories(data);
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve(FILE));
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA busy_timeout=5000");
            s.execute("CREATE TABLE IF NOT EXISTS user (name TEXT PRIMARY KEY, role TEXT NOT NULL, hash TEXT NOT NULL, created TEXT NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS audit (id INTEGER PRIMARY KEY AUTOINCREMENT, time TEXT NOT NULL, user TEXT NOT NULL, "
                    + "action TEXT NOT NULL, targets TEXT NOT NULL, detail TEXT NOT NULL, result TEXT NOT NULL)");
        }
        return new ConsoleStore(c);
    }

    /** The connection, for a part's own tables; use it inside {@code synchronized (store)}. */
    Connection connection() {
        return db;
    }

    public record User(String name, Role role, String hash, Instant created) {}

    /** Adds a user or replaces its role and password. */
    public synchronized void putUser(String name, Role role, char[] password) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("INSERT INTO user(name, role, hash, created) VALUES (?,?,?,?) "
                + "ON CONFLICT(name) DO UPDATE SET role = excluded.role, hash = excluded.hash")) {
            p.setString(1, name);
            p.setString(2, role.id());
            p.setString(3, Passwords.hash(password));
            p.setString(4, Instant.now().toString());
            p.executeUpdate();
        }
    }

    synchronized boolean deleteUser(String name) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("DELETE FROM user WHERE name = ?")) {
            p.setString(1, name);
            return p.executeUpdate() > 0;
        }
    }

    synchronized User user(String name) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("SELECT name, role, hash, created FROM user WHERE name = ?")) {
            p.setString(1, name);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? new User(r.getString(1), Role.of(r.getString(2)), r.getString(3), Instant.parse(r.getString(4))) : null;
            }
        }
    }

    public synchronized List<User> users() throws SQLException {
        List<User> all = new ArrayList<>();
        try (Statement s = db.createStatement(); ResultSet r = s.executeQuery("SELECT name, role, created FROM user ORDER BY name")) {
            while (r.next()) all.add(new User(r.getString(1), Role.of(r.getString(2)), null, Instant.parse(r.getString(3))));
        }
        return all;
    }

    /** Writes a line of the audit log: who, what, to which targets, the details and the result. */
    synchronized void audit(String user, String action, String targets, String detail, String result) {
        try (PreparedStatement p = db.prepareStatement("INSERT INTO audit(time, user, action, targets, detail, result) VALUES (?,?,?,?,?,?)")) {
            p.setString(1, Instant.now().toString());
            p.setString(2, user);
            p.setString(3, action);
            p.setString(4, targets == null ? "" : targets);
            p.setString(5, detail == null ? "" : detail);
            p.setString(6, result == null ? "" : result);
            p.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("the audit log cannot be written: " + e.getMessage(), e);
        }
    }

    /** The newest lines of the audit log first, before the id given (0: from the newest), at most limit. */
    synchronized JsonArray audit(long before, int limit) throws SQLException {
        JsonArray lines = new JsonArray();
        try (PreparedStatement p = db.prepareStatement("SELECT id, time, user, action, targets, detail, result FROM audit "
                + "WHERE ? = 0 OR id < ? ORDER BY id DESC LIMIT ?")) {
            p.setLong(1, before);
            p.setLong(2, before);
            p.setInt(3, limit);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    JsonObject o = new JsonObject();
                    o.addProperty("id", r.getLong(1));
                    o.addProperty("time", r.getString(2));
                    o.addProperty("user", r.getString(3));
                    o.addProperty("action", r.getString(4));
                    o.addProperty("targets", r.getString(5));
                    o.addProperty("detail", r.getString(6));
                    o.addProperty("result", r.getString(7));
                    lines.add(o);
                }
            }
        }
        return lines;
    }

    @Override
    public synchronized void close() throws SQLException {
        db.close();
    }
}
