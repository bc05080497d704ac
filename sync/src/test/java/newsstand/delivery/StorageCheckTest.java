package newsstand.delivery;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Room for an issue before it is downloaded, and a full disk in words, on a real SQLite file. */
class StorageCheckTest {
    @TempDir Path dir;

    @Test
    void anIssueOverTheQuotaOrTheFreeSpaceIsNamedWithBoth() {
        Path store = dir.resolve("k.db");
        assertNull(StorageCheck.problem(store, 1 << 20, 512L << 20));
        assertTrue(StorageCheck.problem(store, 600L << 20, 512L << 20).startsWith("it is 600.0 MB and storage.quota-mb allows 512.0 MB"));
        String disk = StorageCheck.problem(store, Long.MAX_VALUE / 4, Long.MAX_VALUE);
        assertTrue(disk.startsWith("it needs ") && disk.contains(" free to download and install and " + dir + " has "), disk);
    }

    @Test
    void aFullStoreIsSaidToBeFullAndThatTheKioskGoesOnByItself() throws Exception {
        Path store = dir.resolve("k.db");
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + store)) {
            db.createStatement().execute("CREATE TABLE chunk (bytes BLOB)");
            db.createStatement().execute("PRAGMA max_page_count = 10"); // a store that cannot grow: SQLite's own SQLITE_FULL
            SQLException full = assertThrows(SQLException.class, () -> {
                for (int i = 0; i < 100; i++) db.createStatement().execute("INSERT INTO chunk VALUES (zeroblob(65536))");
            });
            String said = StorageCheck.explain(store, new newsstand.store.StoreException(full.getMessage(), full)); // as the store hands it on
            assertTrue(said.startsWith("storage full: " + dir + " has ") && said.contains("the download goes on by itself when there is room"), said);
        }
    }
}
