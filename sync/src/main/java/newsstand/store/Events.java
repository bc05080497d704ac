package newsstand.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The kiosk's events waiting to be sent (the outbox table), written in the transaction that makes them true and
 * deleted once the broker has them. Bounded: at most {@link #LIMIT} wait, and when more come the least important
 * oldest go first. Sent most important first: what happened to an issue (activated, refused, the high-water reset),
 * then a download's progress, then rejected messages nobody trusted signed, which are coalesced: a repeat of one
 * waiting is counted on it instead of written again, so a flood of garbage costs one row.
 */
public final class Events {
    /** Events waiting at most; a kiosk offline for weeks keeps the latest important ones. */
    public static final int LIMIT = 200;

    /** What happened to an issue: activated, refused after its trial, the high-water reset. */
    public static final int IMPORTANT = 2;
    /** A download's progress: downloading, verified. */
    public static final int PROGRESS = 1;
    /** Messages refused before anything was stored: unsigned, untrusted, expired, replays. */
    public static final int NOISE = 0;

    private final Connection db;

    Events(Connection db) {
        this.db = db;
    }

    /** Queues an event, inside the caller's transaction if there is one. */
    public void add(String payload, int priority) throws StoreException {
        Tx.sql(() -> {
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO outbox (payload, priority) VALUES (?, ?)")) {
                ps.setString(1, payload);
                ps.setInt(2, priority);
                ps.executeUpdate();
            }
            trim();
            return null;
        });
    }

    /** Queues a noise event, or counts it on the one of the same key still waiting (its payload becomes the latest). */
    public void addRepeated(String key, String payload) throws StoreException {
        Tx.sql(() -> {
            try (PreparedStatement ps = db.prepareStatement("UPDATE outbox SET repeats = repeats + 1, payload = ? WHERE coalesce_key = ?")) {
                ps.setString(1, payload);
                ps.setString(2, key);
                if (ps.executeUpdate() > 0) return null;
            }
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO outbox (payload, priority, coalesce_key) VALUES (?, ?, ?)")) {
                ps.setString(1, payload);
                ps.setInt(2, NOISE);
                ps.setString(3, key);
                ps.executeUpdate();
            }
            trim();
            return null;
        });
    }

    /** Keeps at most LIMIT waiting: the least important, then the oldest, go. */
    private void trim() throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("DELETE FROM outbox WHERE id IN (SELECT id FROM outbox ORDER BY priority DESC, id DESC"
                + " LIMIT -1 OFFSET ?)")) {
            ps.setInt(1, LIMIT);
            ps.executeUpdate();
        }
    }

    /** An event waiting: repeats > 1 for a coalesced one. */
    public record Event(long id, String payload, int repeats) {}

    /** The events to send next, most important first, then oldest first. */
    public List<Event> pending(int limit) throws StoreException {
        return Tx.sql(() -> {
            List<Event> events = new ArrayList<>();
            try (PreparedStatement ps = db.prepareStatement("SELECT id, payload, repeats FROM outbox ORDER BY priority DESC, id LIMIT ?")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) events.add(new Event(rs.getLong(1), rs.getString(2), rs.getInt(3)));
                }
            }
            return events;
        });
    }

    /**
     * The broker has the event as it was sent, with that many repeats. Repeats counted on it meanwhile stay, as a
     * new event (a new id: consumers drop an id they have seen).
     */
    public void sent(long id, int repeatsSent) throws StoreException {
        Tx.run(db, () -> {
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO outbox (payload, priority, coalesce_key, repeats)"
                    + " SELECT payload, priority, coalesce_key, repeats - ? FROM outbox WHERE id = ? AND repeats > ?")) {
                ps.setInt(1, repeatsSent);
                ps.setLong(2, id);
                ps.setInt(3, repeatsSent);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = db.prepareStatement("DELETE FROM outbox WHERE id = ?")) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
        });
    }

    /** Events waiting, for the status and tests. */
    public int waiting() throws StoreException {
        return Tx.sql(() -> {
            try (PreparedStatement ps = db.prepareStatement("SELECT count(*) FROM outbox"); ResultSet rs = ps.executeQuery()) {
                return rs.getInt(1);
            }
        });
    }
}
