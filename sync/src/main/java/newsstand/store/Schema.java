package newsstand.store;

import java.util.List;

/** The store's schema as numbered migrations; PRAGMA user_version records how many have run. */
final class Schema {
    private Schema() {}

    /** Migrations run as SQL; after each, its step in Java (see {@link #publications}). */
    static final List<String> MIGRATIONS = List.of(
            // 1: issues with their sections, articles, photos and image bytes; the active issue and the one before.
            """
            CREATE TABLE issue (
              id TEXT PRIMARY KEY,
              title TEXT NOT NULL,
              date TEXT NOT NULL,
              edition TEXT,
              language TEXT NOT NULL,
              imported_at TEXT NOT NULL,
              complete INTEGER NOT NULL DEFAULT 0
            );
            CREATE TABLE section (
              issue_id TEXT NOT NULL REFERENCES issue(id) ON DELETE CASCADE,
              ord INTEGER NOT NULL,
              id TEXT NOT NULL,
              title TEXT NOT NULL,
              PRIMARY KEY (issue_id, ord)
            );
            CREATE TABLE article (
              issue_id TEXT NOT NULL REFERENCES issue(id) ON DELETE CASCADE,
              section_ord INTEGER NOT NULL,
              ord INTEGER NOT NULL,
              id TEXT NOT NULL,
              kicker TEXT,
              headline TEXT NOT NULL,
              subhead TEXT,
              byline TEXT,
              dateline TEXT,
              paragraphs TEXT NOT NULL,
              PRIMARY KEY (issue_id, section_ord, ord),
              UNIQUE (issue_id, id)
            );
            CREATE TABLE photo (
              issue_id TEXT NOT NULL REFERENCES issue(id) ON DELETE CASCADE,
              article_id TEXT NOT NULL,
              ord INTEGER NOT NULL,
              file TEXT,
              width INTEGER NOT NULL,
              height INTEGER NOT NULL,
              caption TEXT,
              credit TEXT,
              PRIMARY KEY (issue_id, article_id, ord)
            );
            CREATE TABLE image (
              issue_id TEXT NOT NULL REFERENCES issue(id) ON DELETE CASCADE,
              file TEXT NOT NULL,
              bytes BLOB NOT NULL,
              PRIMARY KEY (issue_id, file)
            );
            CREATE TABLE active (
              slot INTEGER PRIMARY KEY CHECK (slot = 1),
              issue_id TEXT NOT NULL REFERENCES issue(id),
              previous_id TEXT REFERENCES issue(id),
              activated_at TEXT NOT NULL
            );
            """,
            // 2: delivery over MQTT: the sequence an issue came with, downloads and their chunks, the highest
            // sequence ever activated (replays at or below it are refused), and the outbox of events to send.
            """
            ALTER TABLE issue ADD COLUMN sequence INTEGER;
            CREATE TABLE download (
              issue_id TEXT PRIMARY KEY,
              sequence INTEGER NOT NULL,
              envelope BLOB NOT NULL,
              chunks INTEGER NOT NULL,
              bytes INTEGER NOT NULL,
              state TEXT NOT NULL CHECK (state IN ('downloading', 'installed')),
              duplicates INTEGER NOT NULL DEFAULT 0,
              started_at TEXT NOT NULL
            );
            CREATE TABLE chunk (
              issue_id TEXT NOT NULL REFERENCES download(issue_id) ON DELETE CASCADE,
              idx INTEGER NOT NULL,
              bytes BLOB NOT NULL,
              PRIMARY KEY (issue_id, idx)
            );
            CREATE TABLE trust (
              slot INTEGER PRIMARY KEY CHECK (slot = 1),
              sequence INTEGER NOT NULL
            );
            CREATE TABLE outbox (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              payload TEXT NOT NULL
            );
            """,
            // 3: an issue is composed before it is shown; the one being tried is written down first, so that one
            // the kiosk died on is refused at the next start instead of tried again, and refused issues are
            // remembered (their retained manifests come again at every connect); the operator's last high-water reset; the outbox bounded, in order of importance, noise coalesced.
            """
            CREATE TABLE trial (
              slot INTEGER PRIMARY KEY CHECK (slot = 1),
              issue_id TEXT NOT NULL,
              sequence INTEGER NOT NULL,
              started_at TEXT NOT NULL
            );
            ALTER TABLE trust ADD COLUMN reset_issued TEXT;
            ALTER TABLE outbox ADD COLUMN priority INTEGER NOT NULL DEFAULT 1;
            ALTER TABLE outbox ADD COLUMN coalesce_key TEXT;
            ALTER TABLE outbox ADD COLUMN repeats INTEGER NOT NULL DEFAULT 1;
            CREATE INDEX outbox_order ON outbox (priority DESC, id);
            CREATE INDEX outbox_key ON outbox (coalesce_key);
            CREATE TABLE refused (
              issue_id TEXT NOT NULL,
              sequence INTEGER NOT NULL,
              reason TEXT NOT NULL,
              refused_at TEXT NOT NULL,
              PRIMARY KEY (issue_id, sequence)
            );
            """,
            // 4: several titles. An issue belongs to a publication (filled in from the title for issues stored before,
            // by IssueStore); the shelf holds each publication's shown issue and the one before, in order of first
            // arrival, instead of the one active issue; the high-water mark is kept per publication; an issue under
            // embargo waits stored until its time; the operator's withdrawals are remembered, so that a replayed
            // manifest of a withdrawn issue is refused.
            """
            ALTER TABLE issue ADD COLUMN publication TEXT;
            CREATE TABLE shelf (
              publication TEXT PRIMARY KEY,
              issue_id TEXT NOT NULL REFERENCES issue(id),
              previous_id TEXT REFERENCES issue(id),
              activated_at TEXT NOT NULL,
              arrived INTEGER NOT NULL
            );
            CREATE TABLE high_water (
              publication TEXT PRIMARY KEY,
              sequence INTEGER NOT NULL
            );
            CREATE TABLE embargo (
              issue_id TEXT PRIMARY KEY REFERENCES issue(id) ON DELETE CASCADE,
              activate_at TEXT NOT NULL
            );
            CREATE TABLE withdrawn (
              issue_id TEXT PRIMARY KEY,
              sequence INTEGER NOT NULL,
              withdrawn_at TEXT NOT NULL
            );
            """,
            // 5: the operator's remote commands: each one carried out is remembered until it expires, so that a
            // replayed one is refused; values set from afar (`set KEY=VALUE`) override the configuration file's.
            """
            CREATE TABLE command (
              id TEXT PRIMARY KEY,
              name TEXT NOT NULL,
              expires TEXT NOT NULL,
              received_at TEXT NOT NULL
            );
            CREATE TABLE setting (
              key TEXT PRIMARY KEY,
              value TEXT NOT NULL,
              command_id TEXT,
              set_at TEXT NOT NULL
            );
            """,
            // 6: the operator's station notices in force, shown until their time (by the kiosk's clock) or a cancel.
            """
            CREATE TABLE notice (
              id TEXT PRIMARY KEY,
              level TEXT NOT NULL CHECK (level IN ('urgent', 'warning', 'info')),
              title TEXT NOT NULL,
              text TEXT NOT NULL,
              until TEXT NOT NULL,
              issued TEXT NOT NULL
            );
            """);

    /**
     * What migration 4 does that SQL cannot: each stored issue's publication derived from its title, then the one
     * active issue and the fleet's high-water mark moved to its publication's row.
     */
    static void publications(java.sql.Connection db) throws java.sql.SQLException {
        java.util.Map<String, String> titles = new java.util.HashMap<>();
        try (java.sql.Statement st = db.createStatement(); java.sql.ResultSet rs = st.executeQuery("SELECT id, title FROM issue")) {
            while (rs.next()) titles.put(rs.getString(1), rs.getString(2));
        }
        try (java.sql.PreparedStatement ps = db.prepareStatement("UPDATE issue SET publication = ? WHERE id = ?")) {
            for (var e : titles.entrySet()) {
                ps.setString(1, newsstand.issue.Issue.derivePublication(e.getValue()));
                ps.setString(2, e.getKey());
                ps.executeUpdate();
            }
        }
        try (java.sql.Statement st = db.createStatement()) {
            st.execute("INSERT INTO shelf (publication, issue_id, previous_id, activated_at, arrived)"
                    + " SELECT i.publication, a.issue_id, CASE WHEN p.publication = i.publication THEN a.previous_id END, a.activated_at, 1"
                    + " FROM active a JOIN issue i ON i.id = a.issue_id LEFT JOIN issue p ON p.id = a.previous_id");
            st.execute("INSERT INTO high_water (publication, sequence)"
                    + " SELECT publication, max(sequence) FROM issue WHERE sequence IS NOT NULL GROUP BY publication");
            st.execute("INSERT INTO high_water (publication, sequence) SELECT s.publication, t.sequence FROM shelf s, trust t"
                    + " WHERE t.slot = 1 ON CONFLICT(publication) DO UPDATE SET sequence = max(sequence, excluded.sequence)");
            st.execute("DROP TABLE active");
        }
    }
}
