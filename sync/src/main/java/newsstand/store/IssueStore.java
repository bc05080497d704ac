package newsstand.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import newsstand.issue.Issue;
import newsstand.issue.IssuePackage;
import newsstand.issue.PackageException;
import newsstand.issue.Section;
import org.tinylog.Logger;

/**
 * The kiosk's issues in one SQLite file (WAL). An import is one transaction, so a failed import leaves nothing
 * behind; the active issue changes only to a complete issue, in its own transaction, and the previous one is kept.
 * One connection, used from one thread at a time.
 */
public final class IssueStore implements AutoCloseable {
    private final Path file;
    private final Connection db;

    private IssueStore(Path file, Connection db) {
        this.file = file;
        this.db = db;
    }

    /** Opens (or creates) the store and brings its schema up to date. */
    public static IssueStore open(Path file) throws StoreException {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw new StoreException("store " + file + ": folder " + parent + " does not exist");
            }
            // sqlite-jdbc's connection made directly (as its driver makes it), not through DriverManager, whose first use
            // looks for every driver in the class path and links method handles on the way to the kiosk's first frame.
            Connection db = new org.sqlite.jdbc4.JDBC4Connection("jdbc:sqlite:" + file, file.toString(), new java.util.Properties());
            try (Statement st = db.createStatement()) {
                st.execute("PRAGMA busy_timeout = 5000");
                // A new store's pages are 16 KiB (sqlite's default is 4): a 64 KiB chunk fills 4 overflow pages and
                // their WAL frames instead of 16 (storing the first delivery's 86 chunks: about half the CPU). Set
                // before the file is first written; a store made before keeps its 4 KiB pages (sqlite reads either).
                st.execute("PRAGMA page_size = 16384");
                st.execute("PRAGMA journal_mode = WAL");
                st.execute("PRAGMA synchronous = NORMAL");
                st.execute("PRAGMA foreign_keys = ON");
                // 512 KiB of page cache a connection (sqlite's default is 2 MiB): pages and photos are read once.
                st.execute("PRAGMA cache_size = -512");
            }
            IssueStore store = new IssueStore(file, db);
            store.migrate();
            return store;
        } catch (SQLException e) {
            throw new StoreException("store " + file + ": cannot open: " + e.getMessage(), e);
        } catch (StoreException e) {
            if (e.getCause() instanceof SQLException sql) throw new StoreException("store " + file + ": cannot open: " + e.getMessage(), sql);
            throw e;
        }
    }

    private void migrate() throws SQLException, StoreException {
        int version;
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("PRAGMA user_version")) {
            version = rs.getInt(1);
        }
        if (version > Schema.MIGRATIONS.size()) {
            throw new StoreException("store " + file + ": schema version " + version + " is newer than this program's "
                    + Schema.MIGRATIONS.size() + "; update the kiosk software");
        }
        for (int v = version; v < Schema.MIGRATIONS.size(); v++) {
            int step = v;
            Tx.run(db, () -> {
                try (Statement st = db.createStatement()) {
                    for (String sql : Schema.MIGRATIONS.get(step).split(";")) {
                        if (!sql.isBlank()) st.execute(sql);
                    }
                    if (step == 3) Schema.publications(db);
                    st.execute("PRAGMA user_version = " + (step + 1));
                }
            });
            Logger.info("store {}: schema migrated to version {}", file, v + 1);
        }
    }

    /** The schema version the store is at. */
    public int schemaVersion() throws StoreException {
        return query("PRAGMA user_version", rs -> rs.getInt(1));
    }

    /** Validates a package folder and stores it in one transaction; returns the stored issue. */
    public Issue importPackage(Path folder) throws PackageException, StoreException {
        Issue issue = IssuePackage.read(folder);
        importIssue(issue, file -> Files.newInputStream(folder.resolve(file)));
        return issue;
    }

    /** Where an import reads the bytes of a package's image files. */
    public interface ImageSource {
        InputStream open(String file) throws IOException;
    }

    void importIssue(Issue issue, ImageSource images) throws StoreException {
        try {
            Tx.run(db, () -> {
                if (IssueRows.exists(db, issue.id())) throw new StoreException("issue " + issue.id() + " is already stored");
                IssueRows.put(db, issue, images, null);
            });
            Logger.info("stored issue {} ({} articles)", issue.id(), issue.articles().size());
        } catch (StoreException e) {
            if (e.getCause() == null) throw e;
            throw new StoreException("issue " + issue.id() + " was not stored: " + e.getMessage(), e.getCause());
        } catch (RuntimeException e) {
            throw new StoreException("issue " + issue.id() + " was not stored: " + e.getMessage(), e);
        }
    }

    Connection connection() {
        return db;
    }

    /** The operator's commands taken and the values set from afar, on this connection. */
    public CommandLog commands() {
        return new CommandLog(db);
    }

    /** The station notices in force. */
    public Notices notices() {
        return new Notices(db);
    }

    /**
     * Makes a complete stored issue the one the kiosk shows of its publication; the one shown before is kept as the
     * previous.
     */
    public void activate(String id) throws StoreException {
        try {
            Tx.run(db, () -> {
                Integer complete = null;
                try (PreparedStatement ps = db.prepareStatement("SELECT complete FROM issue WHERE id = ?")) {
                    ps.setString(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) complete = rs.getInt(1);
                    }
                }
                if (complete == null) throw new StoreException("issue " + id + " is not stored, so it cannot be activated");
                if (complete != 1) throw new StoreException("issue " + id + " is not complete, so it cannot be activated");
                setActive(id);
            });
        } catch (StoreException e) {
            if (e.getCause() == null) throw e;
            throw new StoreException("store " + file + ": cannot activate " + id + ": " + e.getMessage(), e.getCause());
        }
    }

    /**
     * Puts an issue on its publication's shelf inside the caller's transaction, keeping the one shown before as the
     * previous; a publication new to the kiosk goes after those there.
     */
    void setActive(String id) throws SQLException {
        String publication = publicationOf(id);
        Shelved current = shelved(publication);
        if (current != null && id.equals(current.issue())) return;
        try (PreparedStatement ps = db.prepareStatement(
                "INSERT INTO shelf (publication, issue_id, previous_id, activated_at, arrived)"
                        + " VALUES (?, ?, ?, ?, (SELECT coalesce(max(arrived), 0) + 1 FROM shelf))"
                        + " ON CONFLICT(publication) DO UPDATE SET issue_id = excluded.issue_id,"
                        + " previous_id = excluded.previous_id, activated_at = excluded.activated_at")) {
            ps.setString(1, publication);
            ps.setString(2, id);
            ps.setString(3, current == null ? null : current.issue());
            ps.setString(4, Instant.now().toString());
            ps.executeUpdate();
        }
        Logger.info("{}: shown issue is now {} (previous: {})", publication, id, current == null ? "none" : current.issue());
    }

    /** The publication a stored issue belongs to. */
    String publicationOf(String id) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("SELECT publication FROM issue WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw new SQLException("issue " + id + " is not stored");
                return rs.getString(1);
            }
        }
    }

    /** A publication on the kiosk's shelf: the issue it shows, the one before (or null), in order of first arrival. */
    public record Shelved(String publication, String issue, String previous, Instant activated) {}

    /** Every publication the kiosk shows, in the order they first arrived. */
    public List<Shelved> shelf() throws StoreException {
        return query("SELECT publication, issue_id, previous_id, activated_at FROM shelf ORDER BY arrived, publication", rs -> {
            List<Shelved> list = new ArrayList<>();
            while (rs.next()) list.add(new Shelved(rs.getString(1), rs.getString(2), rs.getString(3), Instant.parse(rs.getString(4))));
            return list;
        });
    }

    private Shelved shelved(String publication) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("SELECT issue_id, previous_id, activated_at FROM shelf WHERE publication = ?")) {
            ps.setString(1, publication);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new Shelved(publication, rs.getString(1), rs.getString(2), Instant.parse(rs.getString(3))) : null;
            }
        }
    }

    /** The issue activated last, of whichever publication. */
    public Optional<String> active() throws StoreException {
        return Optional.ofNullable(query("SELECT issue_id FROM shelf ORDER BY activated_at DESC, arrived DESC LIMIT 1",
                rs -> rs.next() ? rs.getString(1) : null));
    }

    /** The issue shown before the one activated last, in its publication. */
    public Optional<String> previous() throws StoreException {
        return Optional.ofNullable(query("SELECT previous_id FROM shelf ORDER BY activated_at DESC, arrived DESC LIMIT 1",
                rs -> rs.next() ? rs.getString(1) : null));
    }

    /**
     * Removes an issue inside the caller's transaction (the operator withdrew it). Its publication falls back to the
     * one shown before, and the newest other stored issue of the publication becomes the one before that; with none
     * left the publication leaves the shelf. Returns what is shown now in words, for the caller to say once it has
     * committed, or null when its shelf did not change.
     */
    String remove(String id) throws SQLException {
        String said = unshelve(id, "withdrawn");
        try (PreparedStatement ps = db.prepareStatement("DELETE FROM issue WHERE id = ?")) {
            ps.setString(1, id);
            ps.executeUpdate();
        }
        return said;
    }

    /**
     * Takes a stored issue off its publication's shelf, as {@link #remove} does, but keeps it stored (why: for the
     * log, "withdrawn" or "held again"). Returns what is shown now in words, for the caller to say once it has
     * committed, or null when its shelf did not change.
     */
    String unshelve(String id, String why) throws SQLException {
        String publication = publicationOf(id);
        String said = null;
        Shelved s = shelved(publication);
        if (s != null && (id.equals(s.issue()) || id.equals(s.previous()))) {
            List<String> others = new ArrayList<>();
            try (PreparedStatement ps = db.prepareStatement("SELECT id FROM issue WHERE publication = ? AND complete = 1 AND id <> ?"
                    + " AND id NOT IN (SELECT issue_id FROM embargo) ORDER BY coalesce(sequence, 0) DESC, date DESC, imported_at DESC")) {
                ps.setString(1, publication);
                ps.setString(2, id);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) others.add(rs.getString(1));
                }
            }
            String current = id.equals(s.issue()) ? s.previous() : s.issue();
            if (current == null && !others.isEmpty()) current = others.get(0);
            String fallback = current;
            String previous = others.stream().filter(o -> !o.equals(fallback)).findFirst().orElse(null);
            if (!id.equals(s.issue())) previous = s.previous() != null && !id.equals(s.previous()) ? s.previous() : previous;
            if (current == null) {
                try (PreparedStatement ps = db.prepareStatement("DELETE FROM shelf WHERE publication = ?")) {
                    ps.setString(1, publication);
                    ps.executeUpdate();
                }
            } else {
                try (PreparedStatement ps = db.prepareStatement("UPDATE shelf SET issue_id = ?, previous_id = ? WHERE publication = ?")) {
                    ps.setString(1, current);
                    ps.setString(2, previous);
                    ps.setString(3, publication);
                    ps.executeUpdate();
                }
            }
            said = String.format("%s: issue %s %s; shown now: %s (previous: %s)", publication, id, why, current == null ? "none" : current,
                    previous == null ? "none" : previous);
        }
        return said;
    }

    /** The ids of the complete stored issues, newest date first. */
    public List<String> issueIds() throws StoreException {
        return query("SELECT id FROM issue WHERE complete = 1 ORDER BY date DESC, id", rs -> {
            List<String> ids = new ArrayList<>();
            while (rs.next()) ids.add(rs.getString(1));
            return ids;
        });
    }

    /** A stored issue's masthead facts (publication, title, date, edition, language) without its sections. */
    public Issue head(String id) throws StoreException {
        try (PreparedStatement ps = db.prepareStatement("SELECT title, date, edition, language, publication FROM issue WHERE id = ? AND complete = 1")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw new StoreException("issue " + id + " is not stored");
                return new Issue(id, rs.getString(5), rs.getString(1), LocalDate.parse(rs.getString(2)), rs.getString(3), rs.getString(4), List.of());
            }
        } catch (SQLException e) {
            throw new StoreException("store " + file + ": cannot read issue " + id + ": " + e.getMessage(), e);
        }
    }

    /**
     * The first headlines of a stored issue in reading order (sections, then articles), without reading its text:
     * what the home screen lists of it.
     */
    public List<String> headlines(String id, int limit) throws StoreException {
        try (PreparedStatement ps = db.prepareStatement("SELECT headline FROM article WHERE issue_id = ? ORDER BY section_ord, ord LIMIT ?")) {
            ps.setString(1, id);
            ps.setInt(2, limit);
            List<String> headlines = new java.util.ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) headlines.add(rs.getString(1));
            }
            return headlines;
        } catch (SQLException e) {
            throw new StoreException("store " + file + ": cannot read the headlines of issue " + id + ": " + e.getMessage(), e);
        }
    }

    /** A stored issue's text and photo records (image bytes are read one at a time with {@link #image}). */
    public Issue issue(String id) throws StoreException {
        Issue head = head(id);
        try {
            List<Section> sections = IssueRows.sections(db, id);
            return new Issue(id, head.publication(), head.title(), head.date(), head.edition(), head.language(), sections);
        } catch (SQLException e) {
            throw new StoreException("store " + file + ": cannot read issue " + id + ": " + e.getMessage(), e);
        }
    }

    /** The bytes of one image file of a stored issue. */
    public byte[] image(String issueId, String file) throws StoreException {
        try (PreparedStatement ps = db.prepareStatement("SELECT bytes FROM image WHERE issue_id = ? AND file = ?")) {
            ps.setString(1, issueId);
            ps.setString(2, file);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) throw new StoreException("issue " + issueId + " has no image " + file);
                return rs.getBytes(1);
            }
        } catch (SQLException e) {
            throw new StoreException("store " + this.file + ": cannot read image " + file + " of issue " + issueId + ": " + e.getMessage(), e);
        }
    }

    /** SQLite's data_version: it changes when another connection commits to the file, not for this one's own. */
    public long dataVersion() throws StoreException {
        return query("PRAGMA data_version", rs -> rs.getLong(1));
    }

    /** The result of PRAGMA quick_check (the faster check, run at every start): "ok" for a sound file. */
    public String quickCheck() throws StoreException {
        return query("PRAGMA quick_check", rs -> rs.getString(1));
    }

    /** The result of PRAGMA integrity_check: "ok" for a sound file. */
    public String integrityCheck() throws StoreException {
        return query("PRAGMA integrity_check", rs -> rs.getString(1));
    }

    /** Rows in a table, for checks and tests. */
    long count(String table) throws StoreException {
        return query("SELECT count(*) FROM " + table, rs -> rs.getLong(1));
    }

    interface Rows<T> {
        T read(ResultSet rs) throws SQLException;
    }

    <T> T query(String sql, Rows<T> rows) throws StoreException {
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rows.read(rs);
        } catch (SQLException e) {
            throw new StoreException("store " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws StoreException {
        try {
            db.close();
        } catch (SQLException e) {
            throw new StoreException("store " + file + ": cannot close: " + e.getMessage(), e);
        }
    }
}
