package newsstand.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import newsstand.issue.Notice;

/** The station notices in force as the store keeps them, so that they survive a restart. */
public final class Notices {
    private final Connection db;

    Notices(Connection db) {
        this.db = db;
    }

    /** The notices stored, in {@link Notice#ORDER}. */
    public List<Notice> list() throws StoreException {
        return Tx.sql(() -> {
            List<Notice> out = new ArrayList<>();
            try (PreparedStatement ps = db.prepareStatement("SELECT id, level, title, text, until, issued FROM notice"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Notice(rs.getString(1), Notice.Level.of(rs.getString(2)), rs.getString(3), rs.getString(4),
                            Instant.parse(rs.getString(5)), Instant.parse(rs.getString(6))));
                }
            }
            if (out.size() > 1) out.sort(Notice.ORDER); // none at most starts: nothing linked before the first frame
            return out;
        });
    }

    /** Keeps a notice (one with its id replaced). */
    public void post(Notice n) throws StoreException {
        Tx.sql(() -> {
            try (PreparedStatement ps = db.prepareStatement("INSERT OR REPLACE INTO notice (id, level, title, text, until, issued) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, n.id());
                ps.setString(2, n.level().word());
                ps.setString(3, n.title());
                ps.setString(4, n.text());
                ps.setString(5, n.until().toString());
                ps.setString(6, n.issued().toString());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Takes a notice down; false when there was none with that id. */
    public boolean cancel(String id) throws StoreException {
        return Tx.sql(() -> {
            try (PreparedStatement ps = db.prepareStatement("DELETE FROM notice WHERE id = ?")) {
                ps.setString(1, id);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Takes down those whose time has come; returns how many. */
    public int expire(Instant now) throws StoreException {
        return Tx.sql(() -> {
            int n = 0;
            try (PreparedStatement ps = db.prepareStatement("SELECT id, until FROM notice"); ResultSet rs = ps.executeQuery()) {
                List<String> gone = new ArrayList<>();
                while (rs.next()) if (!now.isBefore(Instant.parse(rs.getString(2)))) gone.add(rs.getString(1));
                for (String id : gone) n += cancelRow(id);
            }
            return n;
        });
    }

    private int cancelRow(String id) throws java.sql.SQLException {
        try (PreparedStatement ps = db.prepareStatement("DELETE FROM notice WHERE id = ?")) {
            ps.setString(1, id);
            return ps.executeUpdate();
        }
    }
}
