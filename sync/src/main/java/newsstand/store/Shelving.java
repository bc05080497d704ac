package newsstand.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tinylog.Logger;

/**
 * What changes the kiosk's shelf besides an installation: the operator's withdrawals (an issue removed, its
 * publication back on the one before), issues under embargo put on the shelf when their time comes, and retention
 * (old issues removed, never a shelf's or one under embargo). Each change commits with its event. Sync thread only.
 */
final class Shelving {
    private final IssueStore store;
    private final Connection db;
    private final Events events;

    Shelving(IssueStore store, Connection db, Events events) {
        this.store = store;
        this.db = db;
        this.events = events;
    }

    /**
     * The operator's withdrawal of an issue, in one transaction with its event: remembered (manifests of the issue up
     * to this sequence are refused from now on), its download dropped, and the issue, if stored from an earlier
     * sequence, removed, its publication falling back to the issue shown before. Returns whether a stored issue went.
     */
    boolean withdraw(String issue, long sequence, String event) throws StoreException {
        boolean[] removed = {false};
        String[] said = {null};
        Tx.run(db, () -> {
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO withdrawn (issue_id, sequence, withdrawn_at) VALUES (?, ?, ?)"
                    + " ON CONFLICT(issue_id) DO UPDATE SET sequence = max(sequence, excluded.sequence), withdrawn_at = excluded.withdrawn_at")) {
                ps.setString(1, issue);
                ps.setLong(2, sequence);
                ps.setString(3, Instant.now().toString());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = db.prepareStatement("DELETE FROM download WHERE issue_id = ? AND sequence <= ?")) {
                ps.setString(1, issue);
                ps.setLong(2, sequence);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = db.prepareStatement("SELECT 1 FROM issue WHERE id = ? AND coalesce(sequence, 0) <= ?")) {
                ps.setString(1, issue);
                ps.setLong(2, sequence);
                try (ResultSet rs = ps.executeQuery()) {
                    removed[0] = rs.next();
                }
            }
            if (removed[0]) said[0] = store.remove(issue);
            events.add(event, Events.IMPORTANT);
        });
        if (said[0] != null) Logger.info("{}", said[0]); // said once committed: a withdrawal the store refused is tried again
        return removed[0];
    }

    /**
     * Issues under embargo whose time has come, put on their publications' shelves (unless a newer issue of the
     * publication came meanwhile), each with its event. Returns the ids shown now.
     */
    List<String> release(Instant now, java.util.function.Function<String, String> event) throws StoreException {
        List<String> due = Tx.sql(() -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement ps = db.prepareStatement("SELECT issue_id FROM embargo WHERE activate_at <= ? ORDER BY activate_at")) {
                ps.setString(1, now.toString());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) ids.add(rs.getString(1));
                }
            }
            return ids;
        });
        List<String> shown = new ArrayList<>();
        for (String id : due) {
            Tx.run(db, () -> {
                try (PreparedStatement ps = db.prepareStatement("DELETE FROM embargo WHERE issue_id = ?")) {
                    ps.setString(1, id);
                    ps.executeUpdate();
                }
                boolean newer;
                try (PreparedStatement ps = db.prepareStatement("SELECT 1 FROM issue i JOIN shelf s ON s.publication = i.publication"
                        + " JOIN issue c ON c.id = s.issue_id WHERE i.id = ? AND coalesce(c.sequence, 0) > coalesce(i.sequence, 0)")) {
                    ps.setString(1, id);
                    try (ResultSet rs = ps.executeQuery()) {
                        newer = rs.next();
                    }
                }
                if (newer) {
                    Logger.info("sync: embargo of {} ended, but a newer issue of its publication is shown; not shown", id);
                    return;
                }
                store.setActive(id);
                events.add(event.apply(id), Events.IMPORTANT);
                shown.add(id);
            });
        }
        return shown;
    }

    /** When the next embargo ends, or null. */
    Instant nextRelease() throws StoreException {
        return Tx.sql(() -> {
            try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT min(activate_at) FROM embargo")) {
                String s = rs.next() ? rs.getString(1) : null;
                return s == null ? null : Instant.parse(s);
            }
        });
    }

    /**
     * Removes old issues: beyond the newest {@code keep}, then the oldest while all issues take more than
     * {@code quotaBytes}. Every publication's shown and previous issue, and those under embargo, always stay. Returns the ids removed.
     */
    List<String> retain(int keep, long quotaBytes) throws StoreException {
        Set<String> kept = new HashSet<>();
        for (IssueStore.Shelved s : store.shelf()) {
            kept.add(s.issue());
            if (s.previous() != null) kept.add(s.previous());
        }
        List<String> ids = new ArrayList<>();
        List<Long> sizes = new ArrayList<>();
        long total = Tx.sql(() -> {
            try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT issue_id FROM embargo")) {
                while (rs.next()) kept.add(rs.getString(1));
            }
            long bytes = 0;
            try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT i.id,"
                    + " coalesce((SELECT sum(length(bytes)) FROM image WHERE issue_id = i.id), 0)"
                    + " + coalesce((SELECT sum(length(paragraphs)) FROM article WHERE issue_id = i.id), 0)"
                    + " FROM issue i ORDER BY i.date DESC, i.imported_at DESC")) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                    sizes.add(rs.getLong(2));
                    bytes += rs.getLong(2);
                }
            }
            return bytes;
        });
        List<String> removed = new ArrayList<>();
        int count = 0;
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (kept.contains(id) || count < keep) {
                count++;
                continue;
            }
            removed.add(id);
            total -= sizes.get(i);
        }
        for (int i = ids.size() - 1; i >= 0 && total > quotaBytes; i--) {
            String id = ids.get(i);
            if (kept.contains(id) || removed.contains(id)) continue;
            removed.add(id);
            total -= sizes.get(i);
        }
        for (String id : removed) {
            Tx.run(db, () -> {
                try (PreparedStatement ps = db.prepareStatement("DELETE FROM issue WHERE id = ?")) {
                    ps.setString(1, id);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = db.prepareStatement("DELETE FROM download WHERE issue_id = ? AND state = 'installed'")) {
                    ps.setString(1, id);
                    ps.executeUpdate();
                }
            });
        }
        return removed;
    }

    /** When an issue stored under embargo is shown, or empty when it is not under embargo. */
    java.util.Optional<Instant> embargo(String issue) throws StoreException {
        return Tx.sql(() -> {
            try (PreparedStatement ps = db.prepareStatement("SELECT activate_at FROM embargo WHERE issue_id = ?")) {
                ps.setString(1, issue);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? java.util.Optional.of(Instant.parse(rs.getString(1))) : java.util.Optional.<Instant>empty();
                }
            }
        });
    }

    /**
     * After the clock went back (a kiosk that started with its clock ahead, then set right by NTP): each issue on a
     * shelf whose signed embargo has not ended by the clock as it is now is taken off again (its publication back on
     * the one before) and kept under its embargo until then, with its event. Returns the ids held again.
     */
    List<String> holdAgain(Instant now, java.util.function.Function<String, String> event) throws StoreException {
        List<String> held = new ArrayList<>();
        for (IssueStore.Shelved s : store.shelf()) {
            Instant at = Tx.sql(() -> {
                try (PreparedStatement ps = db.prepareStatement("SELECT envelope FROM download WHERE issue_id = ? AND state = 'installed'")) {
                    ps.setString(1, s.issue());
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? activateAt(rs.getBytes(1)) : null;
                    }
                }
            });
            if (at == null || !at.isAfter(now)) continue;
            String[] said = new String[1];
            Tx.run(db, () -> {
                try (PreparedStatement ps = db.prepareStatement("INSERT OR REPLACE INTO embargo (issue_id, activate_at) VALUES (?, ?)")) {
                    ps.setString(1, s.issue());
                    ps.setString(2, at.toString());
                    ps.executeUpdate();
                }
                said[0] = store.unshelve(s.issue(), "held again until " + at + " (its embargo; the clock went back)");
                events.add(event.apply(s.issue()), Events.IMPORTANT);
            });
            if (said[0] != null) Logger.info("{}", said[0]);
            held.add(s.issue());
        }
        return held;
    }

    /** The embargo's end in a stored manifest (checked when it came), or null. */
    private static Instant activateAt(byte[] envelope) {
        try {
            return newsstand.issue.Manifest.read(envelope).activateAt();
        } catch (newsstand.issue.Manifest.Rejected e) {
            return null;
        }
    }
}
