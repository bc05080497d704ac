package newsstand.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import newsstand.issue.Keys;
import newsstand.issue.Manifest;
import newsstand.store.Deliveries;
import newsstand.store.IssueStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sequence rules of PROTOCOL.md, on a real SQLite store and real signatures. */
class ManifestPolicyTest {
    @TempDir Path dir;
    PrivateKey key;
    PublicKey pub;
    String keyId;

    @BeforeEach
    void keys() throws Exception {
        keyId = Keys.generate(dir);
        key = Keys.readPrivate(dir.resolve(Keys.PRIVATE_FILE));
        pub = Keys.readPublic(dir.resolve(Keys.PUBLIC_FILE));
    }

    byte[] manifest(String issue, long sequence, Instant published) {
        return manifest(issue, "qd", sequence, published);
    }

    byte[] manifest(String issue, String publication, long sequence, Instant published) {
        return new Manifest("qd", issue, publication, sequence, LocalDate.now(), published, published.plus(Duration.ofDays(7)), null, 65536,
                List.of(new Manifest.FileEntry("issue.json", 10)), List.of("0".repeat(64))).sign(key, keyId);
    }

    @Test
    void aManifestPublishedFarAheadOfASynchronisedClockIsRefused() throws Exception {
        try (IssueStore store = IssueStore.open(dir.resolve("k.db"))) {
            Deliveries deliveries = new Deliveries(store);
            Instant ahead = Instant.now().plus(Duration.ofDays(3));
            byte[] m = manifest("qd-ahead", ahead.toEpochMilli(), ahead);
            ManifestPolicy.Verdict synced = new ManifestPolicy("qd", List.of(pub), () -> true).judge("qd-ahead", m, null, deliveries);
            assertNull(synced.take());
            assertTrue(synced.rejected().contains("more than a day ahead of this kiosk's synchronised clock"), synced.rejected());
            // An unsynchronised clock (a Pi without network time) cannot judge it: the signed rule alone holds.
            ManifestPolicy.Verdict unsynced = new ManifestPolicy("qd", List.of(pub), () -> false).judge("qd-ahead", m, null, deliveries);
            assertNotNull(unsynced.take());
        }
    }

    @Test
    void aSequenceFarAheadOfItsOwnPublishingTimeIsRefusedWithoutAClock() throws Exception {
        try (IssueStore store = IssueStore.open(dir.resolve("k.db"))) {
            Instant now = Instant.now();
            byte[] m = manifest("qd-x", now.toEpochMilli() + Manifest.SEQUENCE_LEAD_MS + 1, now);
            ManifestPolicy.Verdict v = new ManifestPolicy("qd", List.of(pub), () -> false).judge("qd-x", m, null, new Deliveries(store));
            assertTrue(v.rejected().startsWith("manifest sequence " + (now.toEpochMilli() + Manifest.SEQUENCE_LEAD_MS + 1)
                    + " is more than a day ahead of its publishing time"), v.rejected());
            byte[] atLimit = manifest("qd-y", now.toEpochMilli() + Manifest.SEQUENCE_LEAD_MS, now);
            assertNotNull(new ManifestPolicy("qd", List.of(pub), () -> false).judge("qd-y", atLimit, null, new Deliveries(store)).take());
        }
    }

    @Test
    void aRefusedIssueIsPassedOverInSilence() throws Exception {
        try (IssueStore store = IssueStore.open(dir.resolve("k.db"))) {
            Deliveries deliveries = new Deliveries(store);
            deliveries.refuse("qd-bad", 5, "it does not compose", "{}");
            ManifestPolicy p = new ManifestPolicy("qd", List.of(pub), () -> true);
            assertEquals(ManifestPolicy.Verdict.IGNORE, p.judge("qd-bad", manifest("qd-bad", 5, Instant.now()), null, deliveries));
            assertNotNull(p.judge("qd-bad", manifest("qd-bad", 6, Instant.now()), null, deliveries).take(), "a new sequence is judged anew");
        }
    }

    @Test
    void replaysAreJudgedPerPublicationAndAWithdrawnIssueStaysWithdrawn() throws Exception {
        try (IssueStore store = IssueStore.open(dir.resolve("k.db"))) {
            Deliveries deliveries = new Deliveries(store);
            deliveries.applyReset("daily", 500, Instant.now(), "{}");
            ManifestPolicy p = new ManifestPolicy("qd", List.of(pub), () -> true);
            ManifestPolicy.Verdict old = p.judge("daily-1", manifest("daily-1", "daily", 400, Instant.now()), null, deliveries);
            assertTrue(old.rejected().contains("is not newer than 500, the highest taken of daily"), old.rejected());
            assertNotNull(p.judge("weekly-1", manifest("weekly-1", "weekly", 400, Instant.now()), null, deliveries).take(),
                    "another publication's issue is not a replay of the daily's");
            // A signed withdrawal: the issue's manifests up to its sequence are refused, a later correction is not.
            SyncThread thread = new SyncThread("kiosk-1");
            Outbox outbox = new Outbox(deliveries, SyncSettings.of(null, "qd", "kiosk-1", List.of(pub), dir.resolve("k.db"), 7, 1 << 30), thread);
            thread.shutdown();
            byte[] withdrawal = new newsstand.issue.Withdrawal("qd", "weekly-1", 450, Instant.now()).sign(key, keyId);
            assertNotNull(p.withdraw("weekly-1", withdrawal, deliveries, outbox));
            assertNull(p.withdraw("weekly-1", withdrawal, deliveries, outbox), "a retained withdrawal is applied once");
            ManifestPolicy.Verdict replay = p.judge("weekly-1", manifest("weekly-1", "weekly", 400, Instant.now()), null, deliveries);
            assertTrue(replay.rejected().contains("the operator withdrew weekly-1 up to sequence 450"), replay.rejected());
            assertNotNull(p.judge("weekly-1", manifest("weekly-1", "weekly", 460, Instant.now()), null, deliveries).take(), "a correction");
            byte[] forged = new newsstand.issue.Withdrawal("qd", "weekly-1", 900, Instant.now()).sign(
                    java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate(), keyId);
            assertThrows(Manifest.Rejected.class, () -> p.withdraw("weekly-1", forged, deliveries, outbox));
            assertEquals(450, deliveries.withdrawn("weekly-1"), "a forged withdrawal changes nothing");
        }
    }

    @Test
    void aTrialManifestIsTakenByTheKiosksItNamesAndPassedOverInSilenceByTheOthers() throws Exception {
        Instant now = Instant.now();
        Manifest trial = new Manifest("qd", "qd-t", "qd", 7, LocalDate.now(), now, now.plus(Duration.ofDays(7)), null, 65536,
                List.of(new Manifest.FileEntry("issue.json", 10)), List.of("0".repeat(64)), List.of("kiosk-a", "kiosk-c"));
        byte[] signed = trial.sign(key, keyId);
        assertEquals(List.of("kiosk-a", "kiosk-c"), Manifest.read(signed).targets());
        assertTrue(new String(java.util.Base64.getDecoder().decode(com.google.gson.JsonParser.parseString(new String(signed,
                java.nio.charset.StandardCharsets.UTF_8)).getAsJsonObject().get("manifest").getAsString())).startsWith("{\"format\":2,"),
                "a kiosk that knows no targets refuses it for its format");
        assertEquals(List.of(), Manifest.read(manifest("qd-all", 7, now)).targets());
        try (IssueStore store = IssueStore.open(dir.resolve("k.db"))) {
            Deliveries deliveries = new Deliveries(store);
            assertNotNull(new ManifestPolicy("qd", "kiosk-a", List.of(pub), () -> true).judge("qd-t", signed, null, deliveries).take());
            assertEquals(ManifestPolicy.Verdict.IGNORE, new ManifestPolicy("qd", "kiosk-b", List.of(pub), () -> true).judge("qd-t", signed, null, deliveries));
            assertNotNull(new ManifestPolicy("qd", "kiosk-b", List.of(pub), () -> true).judge("qd-all", manifest("qd-all", 7, now), null, deliveries).take());
        }
    }
}
