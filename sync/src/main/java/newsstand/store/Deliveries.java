package newsstand.store;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import newsstand.issue.Issue;
import newsstand.issue.Manifest;
import org.tinylog.Logger;

/**
 * The delivery side of the store: downloads and their chunks, the highest sequence ever activated, the outbox of
 * events, and retention. Chunk writes are small transactions (synchronous NORMAL), one for the chunks that came together; the installation of an
 * issue is one transaction synced to disk (FULL): the issue, its activation, the high-water mark, the download's
 * end and the "activated" event commit together or not at all. Used by the sync worker's thread only (the installation by
 * its installing thread while it waits).
 */
public final class Deliveries {
    private final IssueStore store;
    private final Connection db;
    private final Events events;
    private final Shelving shelving;

    public Deliveries(IssueStore store) {
        this.store = store;
        this.db = store.connection();
        this.events = new Events(db);
        this.shelving = new Shelving(store, db, events);
    }

    /** The outbox of events, on the same connection (an event commits with what it reports). */
    public Events events() {
        return events;
    }

    /**
     * The operator's withdrawal of an issue, with its event: manifests of it up to the sequence refused from now on,
     * its download dropped, and the issue, if stored from an earlier sequence, removed (its publication back on the
     * one before). Returns whether a stored issue went.
     */
    public boolean withdraw(String issue, long sequence, String event) throws StoreException {
        return shelving.withdraw(issue, sequence, event);
    }

    /** Issues under embargo whose time has come put on their publications' shelves, each with its event; the ids shown. */
    public List<String> release(Instant now, java.util.function.Function<String, String> event) throws StoreException {
        return shelving.release(now, event);
    }

    /** When the next embargo ends, or null. */
    public Instant nextRelease() throws StoreException {
        return shelving.nextRelease();
    }

    /**
     * After the clock went back: each shown issue whose signed embargo has not ended by the clock as it is now taken
     * off its shelf and kept under its embargo again, each with its event; the ids held again.
     */
    public List<String> holdAgain(Instant now, java.util.function.Function<String, String> event) throws StoreException {
        return shelving.holdAgain(now, event);
    }

    /** When an issue stored under embargo is shown, or empty when it is not under embargo. */
    public Optional<Instant> embargo(String issue) throws StoreException {
        return shelving.embargo(issue);
    }

    /** Old issues removed beyond the newest {@code keep} and the quota, never a shelf's or one under embargo; the ids removed. */
    public List<String> retain(int keep, long quotaBytes) throws StoreException {
        return shelving.retain(keep, quotaBytes);
    }

    public record Download(String issue, long sequence, byte[] envelope, int chunks, long bytes, String state, int duplicates) {}

    /** The unfinished download, if any (there is at most one). */
    public Optional<Download> unfinished() throws StoreException {
        return Tx.sql(() -> {
            return one("SELECT issue_id, sequence, envelope, chunks, bytes, state, duplicates FROM download WHERE state = 'downloading'"
                    + " ORDER BY sequence DESC LIMIT 1", null);
        });
    }

    public Optional<Download> download(String issue) throws StoreException {
        return Tx.sql(() -> {
            return one("SELECT issue_id, sequence, envelope, chunks, bytes, state, duplicates FROM download WHERE issue_id = ?", issue);
        });
    }

    private Optional<Download> one(String sql, String arg) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            if (arg != null) ps.setString(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                return Optional.of(new Download(rs.getString(1), rs.getLong(2), rs.getBytes(3), rs.getInt(4), rs.getLong(5),
                        rs.getString(6), rs.getInt(7)));
            }
        }
    }

    /** The highest sequence ever taken here for a publication; 0 before its first delivery. */
    public long highWater(String publication) throws StoreException {
        return Tx.sql(() -> {
            try (PreparedStatement ps = db.prepareStatement("SELECT sequence FROM high_water WHERE publication = ?")) {
                ps.setString(1, publication);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0;
                }
            }
        });
    }

    /** The sequence up to which the operator withdrew an issue (its manifests at or below it are refused); 0 if never. */
    public long withdrawn(String issue) throws StoreException {
        return Tx.sql(() -> {
            try (PreparedStatement ps = db.prepareStatement("SELECT sequence FROM withdrawn WHERE issue_id = ?")) {
                ps.setString(1, issue);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0;
                }
            }
        });
    }

    /** When the last high-water reset applied here was issued; null before the first. */
    public Instant lastReset() throws StoreException {
        return Tx.sql(() -> {
            try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT reset_issued FROM trust WHERE slot = 1")) {
                String s = rs.next() ? rs.getString(1) : null;
                return s == null ? null : Instant.parse(s);
            }
        });
    }

    /**
     * Sets the highest sequence taken to an operator's reset (lower or higher) for one publication, or for every one
     * (publication null), remembering the reset, with its event.
     */
    public void applyReset(String publication, long sequence, Instant issued, String event) throws StoreException {
        Tx.run(db, () -> {
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO trust (slot, sequence, reset_issued) VALUES (1, 0, ?)"
                    + " ON CONFLICT(slot) DO UPDATE SET reset_issued = excluded.reset_issued")) {
                ps.setString(1, issued.toString());
                ps.executeUpdate();
            }
            if (publication == null) {
                try (PreparedStatement ps = db.prepareStatement("UPDATE high_water SET sequence = ?")) {
                    ps.setLong(1, sequence);
                    ps.executeUpdate();
                }
            } else {
                raise(publication, sequence, false);
            }
            events.add(event, Events.IMPORTANT);
        });
    }

    /** The publication's high-water mark set to a sequence (only raised, with onlyUp). */
    void raise(String publication, long sequence, boolean onlyUp) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO high_water (publication, sequence) VALUES (?, ?)"
                + " ON CONFLICT(publication) DO UPDATE SET sequence = " + (onlyUp ? "max(sequence, excluded.sequence)" : "excluded.sequence"))) {
            ps.setString(1, publication);
            ps.setLong(2, sequence);
            ps.executeUpdate();
        }
    }

    /** Starts a download, dropping any unfinished one (a newer manifest supersedes it), with its event. */
    public void start(Manifest m, byte[] envelope, String event) throws StoreException {
        Tx.sql(() -> {
            Tx.run(db, () -> {
                try (PreparedStatement ps = db.prepareStatement("DELETE FROM download WHERE state = 'downloading' OR issue_id = ?")) {
                    ps.setString(1, m.issue());
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = db.prepareStatement("INSERT INTO download (issue_id, sequence, envelope, chunks, bytes, state,"
                        + " started_at) VALUES (?,?,?,?,?,'downloading',?)")) {
                    ps.setString(1, m.issue());
                    ps.setLong(2, m.sequence());
                    ps.setBytes(3, envelope);
                    ps.setInt(4, m.chunks().size());
                    ps.setLong(5, m.bytes());
                    ps.setString(6, Instant.now().toString());
                    ps.executeUpdate();
                }
                events.add(event, Events.PROGRESS);
            });
            return null;
        });
    }

    /** Forgets a download and its chunks. */
    public void drop(String issue) throws StoreException {
        Tx.sql(() -> {
            try (PreparedStatement ps = db.prepareStatement("DELETE FROM download WHERE issue_id = ? AND state = 'downloading'")) {
                ps.setString(1, issue);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The chunks of a download already stored. */
    public BitSet stored(String issue) throws StoreException {
        return Tx.sql(() -> {
            BitSet present = new BitSet();
            try (PreparedStatement ps = db.prepareStatement("SELECT idx FROM chunk WHERE issue_id = ?")) {
                ps.setString(1, issue);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) present.set(rs.getInt(1));
                }
            }
            return present;
        });
    }

    /** Stores a verified chunk; a chunk stored before counts as a duplicate. Returns whether it was new. */
    public boolean storeChunk(String issue, int index, byte[] bytes) throws StoreException {
        return storeChunks(issue, new int[] {index}, List.of(bytes))[0];
    }

    /**
     * Chunks of one download that came together, stored in one transaction (one commit for them all, where one a chunk
     * cost each its own): for each, whether it was new (else a duplicate, counted). All or none: when this throws,
     * none is stored.
     */
    public boolean[] storeChunks(String issue, int[] indexes, List<byte[]> chunks) throws StoreException {
        boolean[] added = new boolean[indexes.length];
        Tx.run(db, () -> {
            int duplicates = 0;
            try (PreparedStatement ps = db.prepareStatement("INSERT OR IGNORE INTO chunk (issue_id, idx, bytes) VALUES (?,?,?)")) {
                for (int i = 0; i < indexes.length; i++) {
                    ps.setString(1, issue);
                    ps.setInt(2, indexes[i]);
                    ps.setBytes(3, chunks.get(i));
                    added[i] = ps.executeUpdate() == 1;
                    if (!added[i]) duplicates++;
                }
            }
            if (duplicates > 0) {
                try (PreparedStatement ps = db.prepareStatement("UPDATE download SET duplicates = duplicates + ? WHERE issue_id = ?")) {
                    ps.setInt(1, duplicates);
                    ps.setString(2, issue);
                    ps.executeUpdate();
                }
            }
        });
        return added;
    }

    /** Writes a complete download's files into a folder, one chunk at a time through the heap. */
    public void writeFiles(Manifest m, Path folder) throws StoreException, IOException {
        try {
            ChunkFiles.write(db, m, folder);
        } catch (SQLException e) {
            throw new StoreException(e.getMessage(), e);
        }
    }

    /** An issue being tried (composed) before it is shown. */
    public record Trial(String issue, long sequence) {}

    /** Writes down the issue about to be tried: if the kiosk dies while trying it, the next start finds it here. */
    public void beginTrial(String issue, long sequence) throws StoreException {
        Tx.sql(() -> {
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO trial (slot, issue_id, sequence, started_at) VALUES (1, ?, ?, ?)"
                    + " ON CONFLICT(slot) DO UPDATE SET issue_id = excluded.issue_id, sequence = excluded.sequence, started_at = excluded.started_at")) {
                ps.setString(1, issue);
                ps.setLong(2, sequence);
                ps.setString(3, Instant.now().toString());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Ends a trial that did not fail: the issue composed (a kiosk killed while installing it tries it again), or
     * the kiosk is stopping (no fault of the issue's).
     */
    public void endTrial() throws StoreException {
        Tx.sql(() -> {
            try (Statement st = db.createStatement()) {
                st.execute("DELETE FROM trial");
            }
            return null;
        });
    }

    /** The issue that was being tried when the kiosk last stopped, if it never finished. */
    public Optional<Trial> unfinishedTrial() throws StoreException {
        return Tx.sql(() -> {
            try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT issue_id, sequence FROM trial WHERE slot = 1")) {
                return rs.next() ? Optional.of(new Trial(rs.getString(1), rs.getLong(2))) : Optional.empty();
            }
        });
    }

    /**
     * Refuses an issue for good, in one transaction: remembered with the reason (its manifest is passed over when it
     * comes again), its download and chunks dropped, the trial ended, the event queued.
     */
    public void refuse(String issue, long sequence, String reason, String event) throws StoreException {
        Tx.sql(() -> {
            Tx.run(db, () -> {
                try (PreparedStatement ps = db.prepareStatement("INSERT OR REPLACE INTO refused (issue_id, sequence, reason, refused_at) VALUES (?,?,?,?)")) {
                    ps.setString(1, issue);
                    ps.setLong(2, sequence);
                    ps.setString(3, reason);
                    ps.setString(4, Instant.now().toString());
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = db.prepareStatement("DELETE FROM download WHERE issue_id = ? AND state = 'downloading'")) {
                    ps.setString(1, issue);
                    ps.executeUpdate();
                }
                try (Statement st = db.createStatement()) {
                    st.execute("DELETE FROM trial");
                }
                events.add(event, Events.IMPORTANT);
            });
            return null;
        });
    }

    /** Whether this sequence of an issue was refused before. */
    public boolean refused(String issue, long sequence) throws StoreException {
        return Tx.sql(() -> {
            try (PreparedStatement ps = db.prepareStatement("SELECT 1 FROM refused WHERE issue_id = ? AND sequence = ?")) {
                ps.setString(1, issue);
                ps.setLong(2, sequence);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /**
     * Installs a downloaded issue and puts it on its publication's shelf (or, under embargo, keeps it until
     * activateAt), in one transaction synced to disk: content, the shelf (the previous issue kept), the publication's
     * high-water mark, the download marked installed with its chunks deleted, and the event.
     */
    public void install(Issue issue, long sequence, Instant activateAt, IssueStore.ImageSource images, String event) throws StoreException {
        synchronous("FULL");
        try {
            Tx.run(db, () -> {
                IssueRows.put(db, issue, images, sequence);
                if (activateAt == null) {
                    store.setActive(issue.id());
                } else {
                    try (PreparedStatement ps = db.prepareStatement("INSERT OR REPLACE INTO embargo (issue_id, activate_at) VALUES (?, ?)")) {
                        ps.setString(1, issue.id());
                        ps.setString(2, activateAt.toString());
                        ps.executeUpdate();
                    }
                }
                raise(issue.publication(), sequence, true);
                try (PreparedStatement ps = db.prepareStatement("UPDATE download SET state = 'installed' WHERE issue_id = ?")) {
                    ps.setString(1, issue.id());
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = db.prepareStatement("DELETE FROM chunk WHERE issue_id = ?")) {
                    ps.setString(1, issue.id());
                    ps.executeUpdate();
                }
                events.add(event, Events.IMPORTANT);
                holdOpen(issue.id());
            });
        } finally {
            synchronous("NORMAL");
        }
    }

    private void synchronous(String mode) throws StoreException {
        Tx.sql(() -> {
            try (Statement st = db.createStatement()) {
                return st.execute("PRAGMA synchronous = " + mode);
            }
        });
    }

    /**
     * The crash test's seam: with the system property {@code newsstand.sync.hold-install-ms} set, an installation
     * waits that long with everything written and nothing committed, so that a test can kill the process inside the
     * transaction. Never set on a kiosk.
     */
    private static void holdOpen(String issue) {
        long ms = Long.getLong("newsstand.sync.hold-install-ms", 0);
        if (ms <= 0) return;
        Logger.warn("sync: install of {} written, holding it uncommitted for {} ms (newsstand.sync.hold-install-ms)", issue, ms);
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
