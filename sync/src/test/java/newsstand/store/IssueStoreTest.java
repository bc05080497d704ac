package newsstand.store;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import newsstand.issue.Issue;
import newsstand.issue.IssuePackage;
import newsstand.issue.PackageException;
import newsstand.issue.Packages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IssueStoreTest {
    @TempDir Path dir;

    @Test
    void noticesAreKeptAcrossAReopenInTheirOrderAndGoAtTheirEndOrOnACancel() throws Exception {
        java.time.Instant now = java.time.Instant.parse("2026-12-08T01:00:00Z");
        newsstand.issue.Notice info = new newsstand.issue.Notice("n-info", newsstand.issue.Notice.Level.INFO, "", "电梯维修", now.plusSeconds(3600), now);
        newsstand.issue.Notice urgent = new newsstand.issue.Notice("n-urgent", newsstand.issue.Notice.Level.URGENT, "停运", "2号线停运", now.plusSeconds(60), now);
        try (IssueStore store = IssueStore.open(dir.resolve("kiosk.db"))) {
            store.notices().post(info);
            store.notices().post(urgent);
        }
        try (IssueStore store = IssueStore.open(dir.resolve("kiosk.db"))) {
            assertEquals(java.util.List.of(urgent, info), store.notices().list());
            assertEquals(0, store.notices().expire(now.plusSeconds(59)));
            assertEquals(1, store.notices().expire(now.plusSeconds(60)), "at its end by the clock given");
            assertEquals(java.util.List.of(info), store.notices().list());
            assertFalse(store.notices().cancel("n-urgent"), "gone already");
            assertTrue(store.notices().cancel("n-info"));
            assertEquals(java.util.List.of(), store.notices().list());
        }
    }

    @Test
    void importsAPackageAndReadsItBack() throws Exception {
        Path pkg = Packages.write(dir.resolve("pkg"), Packages.MANIFEST);
        try (IssueStore store = IssueStore.open(dir.resolve("kiosk.db"))) {
            Issue imported = store.importPackage(pkg);
            assertEquals(imported, store.issue("test-2025-09-10"));
            java.util.List<String> headlines = imported.articles().stream().map(newsstand.issue.Article::headline).toList();
            assertEquals(headlines.subList(0, Math.min(5, headlines.size())), store.headlines("test-2025-09-10", 5), "the home screen's, in reading order");
            assertEquals(headlines.subList(0, 1), store.headlines("test-2025-09-10", 1));
            assertArrayEquals(Files.readAllBytes(pkg.resolve("images/b.jpg")), store.image("test-2025-09-10", "images/b.jpg"));
            assertEquals(java.util.List.of("test-2025-09-10"), store.issueIds());
            assertEquals(6, store.schemaVersion());
        }
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("kiosk.db"));
             var rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
            assertEquals("wal", rs.getString(1));
        }
    }

    @Test
    void aNewStoreHas16KiBPagesAndAStoreMadeBeforeKeepsItsOwn() throws Exception {
        Path pkg = Packages.write(dir.resolve("pkg"), Packages.MANIFEST);
        try (IssueStore store = IssueStore.open(dir.resolve("new.db"))) {
            store.importPackage(pkg);
        }
        assertEquals(16384, pageSize(dir.resolve("new.db")));
        // A store of 4 KiB pages, as made before: opened, migrated, written and read as it is.
        Path old = dir.resolve("old.db");
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + old); var st = c.createStatement()) {
            st.execute("PRAGMA page_size = 4096");
            st.execute("PRAGMA journal_mode = WAL");
        }
        try (IssueStore store = IssueStore.open(old)) {
            Issue imported = store.importPackage(pkg);
            assertEquals(imported, store.issue("test-2025-09-10"));
        }
        assertEquals(4096, pageSize(old));
    }

    private static int pageSize(Path db) throws Exception {
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + db); var rs = c.createStatement().executeQuery("PRAGMA page_size")) {
            return rs.getInt(1);
        }
    }

    @Test
    void anImageThatCannotBeReadNamesTheStoreTheImageAndTheIssue() throws Exception {
        Path pkg = Packages.write(dir.resolve("pkg"), Packages.MANIFEST);
        Path file = dir.resolve("kiosk.db");
        IssueStore store = IssueStore.open(file);
        store.importPackage(pkg);
        StoreException missing = assertThrows(StoreException.class, () -> store.image("test-2025-09-10", "images/none.jpg"));
        assertEquals("issue test-2025-09-10 has no image images/none.jpg", missing.getMessage());
        store.close();
        StoreException closed = assertThrows(StoreException.class, () -> store.image("test-2025-09-10", "images/b.jpg"));
        assertTrue(closed.getMessage().startsWith("store " + file + ": cannot read image images/b.jpg of issue test-2025-09-10: "),
                closed.getMessage());
    }

    @Test
    void aFailedImportLeavesNothingBehind() throws Exception {
        Path pkg = Packages.write(dir.resolve("pkg"), Packages.MANIFEST);
        Issue issue = IssuePackage.read(pkg);
        try (IssueStore store = IssueStore.open(dir.resolve("kiosk.db"))) {
            int[] opened = {0};
            // The second image fails to read after the first has been written inside the transaction.
            StoreException e = assertThrows(StoreException.class, () -> store.importIssue(issue, file -> {
                if (++opened[0] == 2) throw new IOException("disk read error on " + file);
                return Files.newInputStream(pkg.resolve(file));
            }));
            assertTrue(e.getMessage().contains("was not stored: disk read error on images/b.jpg"), e.getMessage());
            assertEquals(2, opened[0]);
            for (String table : new String[] {"issue", "section", "article", "photo", "image"}) {
                assertEquals(0, store.count(table), table);
            }
            store.importPackage(pkg);
            assertEquals(1, store.count("issue"));
        }
    }

    @Test
    void aPackageThatFailsValidationTouchesNothing() throws Exception {
        Path good = Packages.write(dir.resolve("good"), Packages.MANIFEST);
        Path bad = Packages.write(dir.resolve("bad"), Packages.MANIFEST.replace("test-2025-09-10", "other").replace("\"headline\": \"海上风电并网\",", ""));
        try (IssueStore store = IssueStore.open(dir.resolve("kiosk.db"))) {
            store.importPackage(good);
            store.activate("test-2025-09-10");
            assertThrows(PackageException.class, () -> store.importPackage(bad));
            assertEquals(1, store.count("issue"));
            assertEquals("test-2025-09-10", store.active().orElseThrow());
            StoreException dup = assertThrows(StoreException.class, () -> store.importPackage(good));
            assertEquals("issue test-2025-09-10 is already stored", dup.getMessage());
            assertEquals(2, store.count("article"));
        }
    }

    @Test
    void activationMovesOnlyToCompleteIssuesAndKeepsThePrevious() throws Exception {
        Path first = Packages.write(dir.resolve("p1"), Packages.MANIFEST);
        Path second = Packages.write(dir.resolve("p2"), Packages.MANIFEST.replace("test-2025-09-10", "test-2025-09-11"));
        Path db = dir.resolve("kiosk.db");
        try (IssueStore store = IssueStore.open(db)) {
            assertTrue(store.active().isEmpty());
            store.importPackage(first);
            store.activate("test-2025-09-10");
            store.importPackage(second);
            assertEquals("test-2025-09-10", store.active().orElseThrow(), "importing does not activate");
            store.activate("test-2025-09-11");
            assertEquals("test-2025-09-11", store.active().orElseThrow());
            assertEquals("test-2025-09-10", store.previous().orElseThrow());
            StoreException e = assertThrows(StoreException.class, () -> store.activate("nope"));
            assertEquals("issue nope is not stored, so it cannot be activated", e.getMessage());
            assertEquals("test-2025-09-11", store.active().orElseThrow());
        }
        // An incomplete issue (as a crash mid-import would leave, were it not one transaction) is never activated.
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            c.createStatement().execute("INSERT INTO issue (id, title, date, language, imported_at, complete)"
                    + " VALUES ('half', 't', '2025-09-12', 'zh-Hans', 'now', 0)");
        }
        try (IssueStore store = IssueStore.open(db)) {
            StoreException e = assertThrows(StoreException.class, () -> store.activate("half"));
            assertEquals("issue half is not complete, so it cannot be activated", e.getMessage());
            assertEquals("test-2025-09-11", store.active().orElseThrow(), "the active issue survives a reopen");
        }
    }

    @Test
    void refusesAStoreFromANewerProgram() throws Exception {
        Path db = dir.resolve("kiosk.db");
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            c.createStatement().execute("PRAGMA user_version = 99");
        }
        StoreException e = assertThrows(StoreException.class, () -> IssueStore.open(db));
        assertTrue(e.getMessage().contains("schema version 99 is newer than this program's 6"), e.getMessage());
    }

    @Test
    void refusesAStoreInAMissingFolder() {
        StoreException e = assertThrows(StoreException.class, () -> IssueStore.open(dir.resolve("no/kiosk.db")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

}
