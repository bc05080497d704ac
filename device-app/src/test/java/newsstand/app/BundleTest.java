package newsstand.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import newsstand.store.IssueStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Offline delivery: bundles written by the operator's tool, taken by the kiosk's own sync code with no broker at all. */
class BundleTest {
    @TempDir Path dir;
    Path config;
    Path store;
    Path stick;

    @BeforeEach
    void setUp() throws Exception {
        assertEquals(0, Cli.run("keygen", "--out", dir.resolve("keys").toString()).exit());
        assertEquals(0, Cli.run("keygen", "--out", dir.resolve("stranger").toString()).exit());
        store = dir.resolve("kiosk.db");
        stick = Files.createDirectories(dir.resolve("stick"));
        config = dir.resolve("kiosk.properties");
        Files.writeString(config, String.join("\n", "device.id = kiosk-b", "device.fleet = qd", "panel.model = waveshare-7in5-v2",
                "panel.driver = simulated", "panel.output = " + dir.resolve("panel"), "storage.path = " + store,
                "trust.keys = " + dir.resolve("keys/operator.pub"), "import.path = " + stick, "kiosk.idle.seconds = 0") + "\n");
    }

    Path bundle(String id, long sequence, String keys, String fleet) {
        Path out = dir.resolve(id + "-" + sequence + ".nsb");
        try {
            Cli c = Cli.run("bundle", "--fleet", fleet, "--key", dir.resolve(keys + "/operator.key").toString(), "--issue",
                    TestIssues.write(dir.resolve("pkg-" + id + "-" + sequence), id, 0).toString(), "--out", out.toString(),
                    "--sequence", Long.toString(sequence));
            assertEquals(0, c.exit(), c.err());
            assertTrue(c.out().contains("issue " + id + " (sequence " + sequence + ") for fleet " + fleet), c.out());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    Optional<String> active() throws Exception {
        try (IssueStore s = IssueStore.open(store)) {
            return s.active();
        }
    }

    @Test
    void aBundleIsImportedOnceAndTheSameBundleAgainChangesNothing() throws Exception {
        Path b = bundle("qd-first", 100, "keys", "qd");
        Cli first = Cli.run("import", b.toString(), "--config", config.toString());
        assertEquals(0, first.exit(), first.err());
        assertTrue(first.out().contains("qd-first (sequence 100) imported and activated"), first.out());
        assertEquals(Optional.of("qd-first"), active());
        Cli again = Cli.run("import", b.toString(), "--config", config.toString());
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("is already stored; nothing to do"), again.out());
    }

    @Test
    void aBundleUnderEmbargoIsSaidToBeHeldUntilItsTimeNotActivatedAndSoIsItsEventAndTheStatus() throws Exception {
        java.time.Instant at = java.time.Instant.now().plus(java.time.Duration.ofHours(3)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Path b = dir.resolve("held.nsb");
        Cli made = Cli.run("bundle", "--fleet", "qd", "--key", dir.resolve("keys/operator.key").toString(), "--issue",
                TestIssues.write(dir.resolve("pkg-held"), "qd-held", 0).toString(), "--out", b.toString(), "--sequence", "100",
                "--activate-at", at.toString());
        assertEquals(0, made.exit(), made.err());
        Cli first = Cli.run("import", b.toString(), "--config", config.toString());
        assertEquals(0, first.exit(), first.err());
        assertEquals("bundle held.nsb: qd-held (sequence 100) imported and held until " + at + " (its embargo); shown from then",
                first.out().strip());
        assertEquals(Optional.empty(), active(), "nothing is shown before the embargo ends");
        Cli again = Cli.run("import", b.toString(), "--config", config.toString());
        assertEquals(0, again.exit(), again.err());
        assertEquals("bundle held.nsb: qd-held (sequence 100) is already stored; nothing to do; held until " + at + " (its embargo)",
                again.out().strip());
        try (IssueStore s = IssueStore.open(store)) {
            List<String> events = new newsstand.store.Deliveries(s).events().pending(50).stream().map(e -> e.payload()).toList();
            assertTrue(events.stream().anyMatch(e -> e.contains("\"event\":\"import-embargoed\"") && e.contains("held until " + at)), events.toString());
            assertTrue(events.stream().anyMatch(e -> e.contains("\"event\":\"import-already-stored\"")), events.toString());
            assertTrue(events.stream().noneMatch(e -> e.contains("\"event\":\"imported\"") || e.contains("\"event\":\"activated\"")), events.toString());
        }
    }

    @Test
    void theKiosksStatusSaysABundleFromTheStickIsHeldUntilItsEmbargoThenShowsItAtItsTime() throws Exception {
        try (Mosquitto broker = new Mosquitto(dir.resolve("broker"))) {
            Files.writeString(config, Files.readString(config) + "mqtt.url = " + broker.url() + "\n");
            TestMqtt observer = DeliveryTest.client(broker.url());
            java.util.concurrent.atomic.AtomicReference<com.google.gson.JsonObject> status = new java.util.concurrent.atomic.AtomicReference<>();
            observer.subscribe(newsstand.delivery.Topics.status("qd", "kiosk-b"), 1, (t, m) -> status.set(
                    com.google.gson.JsonParser.parseString(new String(m.getPayload(), java.nio.charset.StandardCharsets.UTF_8)).getAsJsonObject()));
            KioskProcess kiosk = new KioskProcess(dir, config, "kiosk");
            try (AutoCloseable closeObserver = DeliveryTest.closer(observer)) {
                kiosk.await("kiosk: no issue yet", 30);
                java.time.Instant at = java.time.Instant.now().plusSeconds(20).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
                Cli made = Cli.run("bundle", "--fleet", "qd", "--key", dir.resolve("keys/operator.key").toString(), "--issue",
                        TestIssues.write(dir.resolve("pkg-held"), "qd-held", 0).toString(), "--out", dir.resolve("held.nsb").toString(),
                        "--sequence", "100", "--activate-at", at.toString());
                assertEquals(0, made.exit(), made.err());
                Files.copy(dir.resolve("held.nsb"), stick.resolve("held.nsb"));
                kiosk.await("kiosk: bundle held.nsb: qd-held \\(sequence 100\\) imported and held until " + java.util.regex.Pattern.quote(at.toString())
                        + " \\(its embargo\\); shown from then", 30);
                DeliveryTest.await("lastImport says held until its embargo", 10, () -> status.get() != null && status.get().get("lastImport").isJsonObject()
                        && status.get().getAsJsonObject("lastImport").get("outcome").getAsString().equals("embargoed"));
                com.google.gson.JsonObject last = status.get().getAsJsonObject("lastImport");
                assertEquals(at.toString(), last.get("until").getAsString(), last.toString());
                assertTrue(last.get("result").getAsString().contains("imported and held until " + at), last.toString());
                assertTrue(status.get().get("activeIssue").isJsonNull(), "nothing shown before its time: " + status.get());
                kiosk.await("sync: the embargo of qd-held ended; it is shown now", 40);
                assertTrue(!java.time.Instant.now().isBefore(at), "shown from its time on");
                kiosk.await("kiosk: showing qd-held", 10);
            } finally {
                kiosk.kill();
            }
        }
    }

    @Test
    void aBundleIsReadableByEveryUserSoTheServicesUserMayImportIt() throws Exception {
        Path b = bundle("qd-shared", 100, "keys", "qd");
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(b)));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.filter(f -> f.toString().endsWith(".part")).toList(), "no part file is left");
        }
    }

    @Test
    void tamperedUntrustedMisaddressedReplayedAndBrokenBundlesAreRefusedWithTheReason() throws Exception {
        Path tampered = dir.resolve("tampered.nsb");
        rewrite(bundle("qd-tampered", 100, "keys", "qd"), tampered, "chunks/0");
        assertRefused(tampered, "chunk 0");
        assertRefused(bundle("qd-stranger", 101, "stranger", "qd"), "key");
        assertRefused(bundle("qd-elsewhere", 102, "keys", "other"), "fleet other, not qd");
        Path notZip = Files.writeString(dir.resolve("junk.nsb"), "not a bundle");
        assertRefused(notZip, "not a readable bundle");
        assertEquals(Optional.empty(), active(), "nothing refused is shown");
        // A replay: an older sequence of the publication after a newer one was taken.
        assertEquals(0, Cli.run("import", bundle("qd-new", 200, "keys", "qd").toString(), "--config", config.toString()).exit());
        assertRefused(bundle("qd-old", 150, "keys", "qd"), "not newer than 200");
        assertEquals(Optional.of("qd-new"), active());
    }

    void assertRefused(Path bundle, String reason) {
        Cli c = Cli.run("import", bundle.toString(), "--config", config.toString());
        assertEquals(1, c.exit(), c.out() + c.err());
        assertTrue(c.err().contains("refused: ") && c.err().contains(reason), "expected a refusal naming '" + reason + "': " + c.err());
    }

    /** A copy of a bundle with one entry's first byte changed. */
    static void rewrite(Path from, Path to, String entry) throws IOException {
        try (ZipFile in = new ZipFile(from.toFile()); OutputStream file = Files.newOutputStream(to); ZipOutputStream out = new ZipOutputStream(file)) {
            for (ZipEntry e : Collections.list(in.entries())) {
                byte[] bytes;
                try (InputStream s = in.getInputStream(e)) {
                    bytes = s.readAllBytes();
                }
                if (e.getName().equals(entry)) bytes[0] ^= 0x55;
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(bytes);
                out.closeEntry();
            }
        }
    }

    @Test
    void theKioskTakesABundleFromItsImportFolderWithNoNetworkAndLeavesTheStickAsItWas() throws Exception {
        Path log = dir.resolve("kiosk.log");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx32m",
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), "newsstand.app.Newsstand", "run", "--config", config.toString()));
        Process kiosk = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            await(log, "kiosk: looking for bundles", kiosk);
            await(log, "kiosk: no issue yet", kiosk);
            Path dropped = stick.resolve("today.nsb");
            Files.copy(bundle("qd-stick", 300, "keys", "qd"), dropped);
            Files.setLastModifiedTime(dropped, FileTime.fromMillis(1_700_000_000_000L));
            byte[] before = Files.readAllBytes(dropped);
            await(log, "kiosk: bundle today.nsb: qd-stick \\(sequence 300\\) imported and activated", kiosk);
            await(log, "kiosk: showing qd-stick", kiosk);
            Path junk = Files.writeString(stick.resolve("junk.nsb"), "not a bundle");
            await(log, "bundle junk.nsb: refused: .*not a readable bundle", kiosk);
            assertTrue(kiosk.isAlive(), "the kiosk keeps running after a bad bundle");
            // By hand, beside the running kiosk: it shows the new issue within seconds.
            Cli byHand = Cli.run("import", bundle("qd-hand", 400, "keys", "qd").toString(), "--config", config.toString());
            assertEquals(0, byHand.exit(), byHand.err());
            await(log, "sync: qd-hand is shown now for haibin-daily \\(stored beside the kiosk\\)", kiosk);
            await(log, "kiosk: showing qd-hand", kiosk);
            assertArrayEquals(before, Files.readAllBytes(dropped), "the bundle on the stick is unchanged");
            assertEquals(1_700_000_000_000L, Files.getLastModifiedTime(dropped).toMillis());
            try (var files = Files.list(stick)) {
                assertEquals(List.of(dropped.getFileName().toString(), junk.getFileName().toString()),
                        files.map(p -> p.getFileName().toString()).sorted((a, b) -> a.equals("today.nsb") ? -1 : 1).toList(),
                        "nothing written to the stick");
            }
        } finally {
            kiosk.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        assertEquals(Optional.of("qd-hand"), active());
    }

    static void await(Path log, String regex, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(regex);
        while (true) {
            String text = Files.exists(log) ? Files.readString(log) : "";
            if (pattern.matcher(text).find()) return;
            if (!p.isAlive()) throw new AssertionError("kiosk exited before /" + regex + "/:\n" + text);
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for /" + regex + "/ in:\n" + text);
            Thread.sleep(50);
        }
    }
}
