package newsstand.store;

import java.util.List;

/** The store's schema as numbered migrations; PRAGMA user_version records how many have run. */
final class Schema {
    private Schema() {}

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
            """);
}
