package newsstand.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.List;
import newsstand.issue.Issue;
import newsstand.issue.IssuePackage;
import newsstand.issue.Packages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several titles in one store: each publication's shown issue and the one before, withdrawals, embargoes. */
class ShelfTest {
    @TempDir Path dir;

    /** An issue of a publication, delivered with a sequence. */
    private Issue deliver(Deliveries d, String publication, String id, long sequence, Instant embargo) throws Exception {
        Path pkg = Packages.write(dir.resolve(id), Packages.MANIFEST.replace("\"id\": \"test-2025-09-10\"",
                "\"id\": \"" + id + "\", \"publication\": \"" + publication + "\""));
        Issue issue = IssuePackage.read(pkg);
        d.install(issue, sequence, embargo, file -> Files.newInputStream(pkg.resolve(file)), "{\"event\":\"activated\"}");
        return issue;
    }

    private static List<String> shown(IssueStore store) throws StoreException {
        return store.shelf().stream().map(s -> s.publication() + "=" + s.issue() + "/" + s.previous()).toList();
    }

    @Test
    void eachPublicationKeepsItsNewestIssueAndTheOneBeforeInOrderOfArrival() throws Exception {
        try (IssueStore store = IssueStore.open(dir.resolve("k.db"))) {
            Deliveries d = new Deliveries(store);
            deliver(d, "evening", "evening-1", 10, null);
            deliver(d, "daily", "daily-1", 20, null);
            deliver(d, "evening", "evening-2", 30, null);
            assertEquals(List.of("evening=evening-2/evening-1", "daily=daily-1/null"), shown(store));
            assertEquals(30, d.highWater("evening"));
            assertEquals(20, d.highWater("daily"));
            assertEquals(0, d.highWater("weekly"), "a publication never delivered has no high-water mark");
            assertEquals("evening-2", store.active().orElseThrow(), "active() is the issue activated last");
            assertEquals("evening-1", store.previous().orElseThrow());
            // Retention never removes what a shelf holds, whatever the limit.
            deliver(d, "weekly", "weekly-1", 40, null);
            d.retain(1, Long.MAX_VALUE);
            assertEquals(List.of("daily-1", "evening-1", "evening-2", "weekly-1"), store.issueIds().stream().sorted().toList());
        }
    }

    @Test
    void aWithdrawnIssueGoesAndItsPublicationFallsBack() throws Exception {
        try (IssueStore store = IssueStore.open(dir.resolve("k.db"))) {
            Deliveries d = new Deliveries(store);
            deliver(d, "daily", "daily-1", 10, null);
            deliver(d, "daily", "daily-2", 20, null);
            deliver(d, "daily", "daily-3", 30, null);
            deliver(d, "evening", "evening-1", 15, null);
            assertTrue(d.withdraw("daily-3", 35, "{\"event\":\"withdrawn\"}"));
            assertEquals(List.of("daily=daily-2/daily-1", "evening=evening-1/null"), shown(store), "the one before is shown, the next older kept");
            assertFalse(store.issueIds().contains("daily-3"));
            assertEquals(35, d.withdrawn("daily-3"));
            assertFalse(d.withdraw("daily-2", 15, "{}"), "a withdrawal older than the stored issue leaves it");
            assertEquals(List.of("daily=daily-2/daily-1", "evening=evening-1/null"), shown(store));
            assertTrue(d.withdraw("evening-1", 16, "{}"));
            assertEquals(List.of("daily=daily-2/daily-1"), shown(store), "a publication with nothing left leaves the shelf");
            assertTrue(d.withdraw("daily-1", 40, "{}"));
            assertEquals(List.of("daily=daily-2/null"), shown(store), "withdrawing the previous keeps the shown one");
        }
    }

    @Test
    void anIssueUnderEmbargoWaitsStoredUntilItsTime() throws Exception {
        try (IssueStore store = IssueStore.open(dir.resolve("k.db"))) {
            Deliveries d = new Deliveries(store);
            deliver(d, "daily", "daily-1", 10, null);
            Instant at = Instant.now().plusSeconds(3600);
            deliver(d, "daily", "daily-2", 20, at);
            assertEquals(List.of("daily=daily-1/null"), shown(store));
            assertEquals(at, d.nextRelease());
            assertEquals(List.of(), d.release(at.minusSeconds(1), id -> "{}"));
            d.retain(0, 0);
            assertTrue(store.issueIds().contains("daily-2"), "retention keeps an issue under embargo");
            assertEquals(List.of("daily-2"), d.release(at, id -> "{\"event\":\"activated\",\"issue\":\"" + id + "\"}"));
            assertEquals(List.of("daily=daily-2/daily-1"), shown(store));
            assertNull(d.nextRelease());
            // An embargo that ends after a newer issue came leaves the newer one shown.
            deliver(d, "daily", "daily-3", 30, at);
            deliver(d, "daily", "daily-4", 40, null);
            assertEquals(List.of(), d.release(at, id -> "{}"));
            assertEquals(List.of("daily=daily-4/daily-2"), shown(store));
        }
    }

    @Test
    void aStoreFromBeforePublicationsKeepsItsActiveIssueAndHighWater() throws Exception {
        Path db = dir.resolve("old.db");
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + db); var st = c.createStatement()) {
            for (int v = 0; v < 3; v++) for (String sql : Schema.MIGRATIONS.get(v).split(";")) if (!sql.isBlank()) st.execute(sql);
            st.execute("PRAGMA user_version = 3");
            st.execute("INSERT INTO issue (id, title, date, language, imported_at, complete, sequence) VALUES"
                    + " ('qd-1', 'Qingdao Daily', '2025-09-09', 'zh-Hans', '2025-09-09T00:00:00Z', 1, 100),"
                    + " ('qd-2', 'Qingdao Daily', '2025-09-10', 'zh-Hans', '2025-09-10T00:00:00Z', 1, 200)");
            st.execute("INSERT INTO active (slot, issue_id, previous_id, activated_at) VALUES (1, 'qd-2', 'qd-1', '2025-09-10T00:00:00Z')");
            st.execute("INSERT INTO trust (slot, sequence) VALUES (1, 250)");
        }
        try (IssueStore store = IssueStore.open(db)) {
            assertEquals(6, store.schemaVersion());
            assertEquals(List.of("qingdao-daily=qd-2/qd-1"), shown(store));
            assertEquals("qingdao-daily", store.issue("qd-2").publication());
            assertEquals(250, new Deliveries(store).highWater("qingdao-daily"), "the fleet's old mark stays with the shown publication");
        }
    }

    @Test
    void aTitleWithoutLatinLettersGetsAStableDerivedPublication() {
        assertEquals("qingdao-daily", Issue.derivePublication("Qingdao Daily"));
        String id = Issue.derivePublication("青岛日报");
        assertTrue(id.matches("t-[0-9a-f]{8}"), id);
        assertEquals(id, Issue.derivePublication("青岛日报"));
        assertFalse(id.equals(Issue.derivePublication("青岛晚报")));
    }
}
