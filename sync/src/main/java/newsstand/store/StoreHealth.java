package newsstand.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.sqlite.SQLiteConfig;

/**
 * A look at a store without changing it (`newsstand doctor`): opened read-only, never migrated, never created.
 * quickCheck is PRAGMA quick_check's answer ("ok" for a sound file); bytes the file's size with its WAL; setFromAfar the
 * values the operator set (`fleet command set`), which the kiosk takes over its configuration file's.
 */
public record StoreHealth(String quickCheck, int schemaVersion, int issues, long bytes, List<String> languages,
                          java.util.Map<String, String> setFromAfar) {
    public static StoreHealth inspect(Path file) throws StoreException {
        if (!Files.isRegularFile(file)) throw new StoreException("store " + file + ": no such file (the kiosk creates it at its first start)");
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(3000);
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties()); Statement st = db.createStatement()) {
            String check;
            try (ResultSet rs = st.executeQuery("PRAGMA quick_check")) {
                check = rs.getString(1);
            }
            int version;
            try (ResultSet rs = st.executeQuery("PRAGMA user_version")) {
                version = rs.getInt(1);
            }
            int issues = 0;
            List<String> languages = new ArrayList<>();
            java.util.Map<String, String> set = new java.util.TreeMap<>();
            if (version >= 5) {
                try (ResultSet rs = st.executeQuery("SELECT key, value FROM setting")) {
                    while (rs.next()) set.put(rs.getString(1), rs.getString(2));
                }
            }
            if (version > 0) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM issue WHERE complete = 1")) {
                    issues = rs.getInt(1);
                }
                try (ResultSet rs = st.executeQuery("SELECT DISTINCT language FROM issue WHERE complete = 1 ORDER BY language")) {
                    while (rs.next()) languages.add(rs.getString(1));
                }
            }
            Path wal = file.resolveSibling(file.getFileName() + "-wal");
            long bytes = Files.size(file) + (Files.exists(wal) ? Files.size(wal) : 0);
            return new StoreHealth(check, version, issues, bytes, List.copyOf(languages), java.util.Map.copyOf(set));
        } catch (SQLException | java.io.IOException e) {
            throw new StoreException("store " + file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }
}
