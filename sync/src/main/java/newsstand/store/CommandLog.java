package newsstand.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The operator's remote commands as the store keeps them: the id of each one taken, until it expires (a replay of
 * one is refused: PROTOCOL.md), and the values set from afar, which override the configuration file's.
 */
public final class CommandLog {
    private final Connection db;

    CommandLog(Connection db) {
        this.db = db;
    }

    /** When a command with this id was taken, if it was (and has not expired since). */
    public Optional<Instant> taken(String id) throws StoreException {
        return Tx.sql(() -> {
            try (PreparedStatement ps = db.prepareStatement("SELECT received_at FROM command WHERE id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(Instant.parse(rs.getString(1))) : Optional.empty();
                }
            }
        });
    }

    /**
     * Remembers a command as taken, before it is carried out (at most once: a kiosk that dies carrying it out does not
     * carry it out again); forgets those expired, which their expiry refuses anyway. False when it was taken before.
     */
    public boolean take(String id, String name, Instant expires, Instant now) throws StoreException {
        return Tx.sql(() -> {
            try (PreparedStatement ps = db.prepareStatement("DELETE FROM command WHERE expires < ?")) {
                ps.setString(1, now.toString());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = db.prepareStatement("INSERT OR IGNORE INTO command (id, name, expires, received_at) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, id);
                ps.setString(2, name);
                ps.setString(3, expires.toString());
                ps.setString(4, now.toString());
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** The values set from afar, by key. */
    public Map<String, String> settings() throws StoreException {
        return Tx.sql(() -> {
            Map<String, String> out = new TreeMap<>();
            try (PreparedStatement ps = db.prepareStatement("SELECT key, value FROM setting"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.put(rs.getString(1), rs.getString(2));
            }
            return out;
        });
    }

    /** Sets a value from afar, or (value null) goes back to the configuration file's. */
    public void set(String key, String value, String commandId) throws StoreException {
        Tx.sql(() -> {
            if (value == null) {
                try (PreparedStatement ps = db.prepareStatement("DELETE FROM setting WHERE key = ?")) {
                    ps.setString(1, key);
                    ps.executeUpdate();
                }
                return null;
            }
            try (PreparedStatement ps = db.prepareStatement("INSERT OR REPLACE INTO setting (key, value, command_id, set_at) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, key);
                ps.setString(2, value);
                ps.setString(3, commandId);
                ps.setString(4, Instant.now().toString());
                ps.executeUpdate();
            }
            return null;
        });
    }
}
