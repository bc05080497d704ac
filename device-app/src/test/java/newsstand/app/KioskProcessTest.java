package newsstand.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import newsstand.delivery.Topics;
import newsstand.store.IssueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kiosk as it runs on a Pi: {@code newsstand run --config FILE} in its own JVM with the device's 32 MB heap,
 * a simulated panel writing PNGs, a real Mosquitto, the operator's tool publishing. The process is killed with
 * SIGKILL in the middle of a download and inside the installation's transaction, as a power cut would.
 */
class KioskProcessTest {
    @TempDir Path dir;
    Mosquitto broker;
    CutProxy net;
    Path config;
    Path store;
    Path panel;
    KioskProcess kiosk;
    TestMqtt observer;
    final AtomicReference<JsonObject> status = new AtomicReference<>();

    @BeforeEach
    void setUp() throws Exception {
        broker = new Mosquitto(dir.resolve("broker"));
        net = new CutProxy(broker.port, 2_000_000); // a 5 MB issue takes a few seconds to arrive
        assertEquals(0, Cli.run("keygen", "--out", dir.resolve("keys").toString()).exit());
        store = dir.resolve("kiosk.db");
        panel = dir.resolve("panel");
        config = dir.resolve("kiosk.properties");
        Files.writeString(config, String.join("\n",
                "device.id = kiosk-r",
                "device.fleet = qd",
                "panel.model = waveshare-7in5-v2",
                "panel.driver = simulated",
                "panel.output = " + panel,
                "storage.path = " + store,
                "mqtt.url = " + net.url(),
                "trust.keys = " + dir.resolve("keys/operator.pub")) + "\n");
        observer = DeliveryTest.client(broker.url());
        observer.subscribe(Topics.status("qd", "kiosk-r"), 1,
                (t, m) -> status.set(JsonParser.parseString(new String(m.getPayload(), StandardCharsets.UTF_8)).getAsJsonObject()));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (kiosk != null) kiosk.kill();
        DeliveryTest.closer(observer).close();
        net.close();
        broker.close();
    }

    Cli publish(Path issue, long sequence) {
        return Cli.run("publish", "--broker", broker.url(), "--fleet", "qd", "--key", dir.resolve("keys/operator.key").toString(),
                "--issue", issue.toString(), "--sequence", Long.toString(sequence));
    }

    /** The active issue the kiosk last reported, "" for none. */
    String active() {
        JsonObject s = status.get();
        return s == null || s.get("activeIssue").isJsonNull() ? "" : s.get("activeIssue").getAsString();
    }

    int chunksStored() {
        JsonObject s = status.get();
        return s != null && s.get("syncing").isJsonObject() ? s.getAsJsonObject("syncing").get("chunks").getAsInt() : 0;
    }

    @Test
    void theKioskShowsWhatArrivesAndSurvivesBeingKilledMidDownloadAndMidActivation() throws Exception {
        // First light: an issue arrives and its front page is on the panel.
        kiosk = new KioskProcess(dir, config, "run-1");
        kiosk.await("^INFO: kiosk: no issue yet", 30);
        assertEquals(0, publish(TestIssues.write(dir.resolve("first"), "qd-first", 0), 100).exit());
        kiosk.await("^INFO: kiosk: showing qd-first \\(\\d+ pages\\)", 60);
        // The operator sees what the panel shows and how the kiosk is doing.
        DeliveryTest.await("the status says the front page is shown", 20, () -> "page".equals(text("screen")) && status.get().has("health"));
        JsonObject health = status.get().getAsJsonObject("health");
        assertTrue(health.get("rssMb").getAsDouble() > 10 && health.get("heapMb").getAsDouble() > 0 && health.get("freeStorageMb").getAsLong() > 0, health.toString());
        Cli table = Cli.run("fleet", "status", "--broker", broker.url(), "--fleet", "qd");
        assertTrue(table.out().matches("(?s).*\\nkiosk-r +online +qd-first +page qd-first p1/\\d+ +- +- +\\d+m +[0-9.]+M .*"), table.out());
        // The waiting screen came first, with the download's progress; the front page is the last refresh.
        DeliveryTest.await("the front page in the status", 30, () -> status.get() != null && "qd-first".equals(text("issue")) && "page".equals(text("screen")));
        BufferedImage firstFront = refresh(Files.readAllLines(panel.resolve("refresh.log")).size());
        DeliveryTest.await("status online with qd-first", 10,
                () -> status.get() != null && status.get().get("online").getAsBoolean() && active().equals("qd-first"));

        // Killed mid-download: the previous issue stays, the download resumes from the chunks already stored.
        assertEquals(0, publish(TestIssues.write(dir.resolve("second"), "qd-second", DeliveryTest.BIG), 200).exit());
        DeliveryTest.await("a quarter of the chunks", 60, () -> chunksStored() > 20);
        kiosk.kill();
        int stored = storedChunks("qd-second");
        assertTrue(stored >= 20, "chunks stored before the kill: " + stored);
        assertStoreShows("qd-first");
        clearPanel();
        kiosk = new KioskProcess(dir, config, "run-2");
        Matcher resumed = kiosk.await("^INFO: resuming download of qd-second \\(sequence 200\\): (\\d+) of (\\d+) chunks stored", 30);
        assertTrue(Integer.parseInt(resumed.group(1)) >= stored, resumed.group());
        assertTrue(Integer.parseInt(resumed.group(1)) < Integer.parseInt(resumed.group(2)), resumed.group());
        kiosk.await("^INFO: kiosk: showing qd-first", 30);
        assertSamePixels(firstFront, refresh(1)); // the previous issue is what the panel shows after the restart
        kiosk.await("^INFO: kiosk: showing qd-second", 90);
        String log = kiosk.log();
        assertFalse(log.contains("downloading qd-second"), "the restarted kiosk began the download again:\n" + log);
        assertStoreShows("qd-second");

        // Killed inside the installation's transaction: nothing of it is committed; on restart it installs.
        kiosk.kill();
        kiosk = new KioskProcess(dir, config, "run-3", "-Dnewsstand.sync.hold-install-ms=60000");
        kiosk.await("^INFO: kiosk: showing qd-second", 30);
        assertEquals(0, publish(TestIssues.write(dir.resolve("third"), "qd-third", 500_000), 300).exit());
        kiosk.await("^WARN: sync: install of qd-third written, holding it uncommitted", 60);
        kiosk.kill();
        assertStoreShows("qd-second");
        try (IssueStore st = IssueStore.open(store)) {
            assertFalse(st.issueIds().contains("qd-third"), st.issueIds().toString());
        }
        kiosk = new KioskProcess(dir, config, "run-4");
        kiosk.await("^INFO: resuming download of qd-third \\(sequence 300\\): (\\d+) of \\1 chunks stored", 30);
        kiosk.await("^INFO: kiosk: showing qd-third", 60);
        assertStoreShows("qd-third");
        try (IssueStore st = IssueStore.open(store)) {
            assertEquals(Optional.of("qd-second"), st.previous());
        }

        // SIGTERM: the kiosk says goodbye (online false) before it exits.
        DeliveryTest.await("status with qd-third", 10, () -> active().equals("qd-third"));
        kiosk.process.destroy();
        assertTrue(kiosk.process.waitFor(20, TimeUnit.SECONDS), "kiosk did not stop on SIGTERM");
        DeliveryTest.await("offline status", 10, () -> !status.get().get("online").getAsBoolean());
        assertEquals("qd-third", active());
    }

    @Test
    void anIssueTheKioskDiedOnWhileComposingItIsRefusedAndNotTriedAgain() throws Exception {
        List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        observer.subscribe(Topics.events("qd", "kiosk-r"), 1, (t, m) -> events.add(new String(m.getPayload(), StandardCharsets.UTF_8)));
        kiosk = new KioskProcess(dir, config, "trial-1", "-Dnewsstand.sync.hold-trial-ms=60000");
        kiosk.await("^INFO: kiosk: no issue yet", 30);
        assertEquals(0, publish(TestIssues.write(dir.resolve("first"), "qd-first", 0), 100).exit());
        kiosk.await("^WARN: sync: trial of qd-first written down", 60);
        // As an out-of-memory crash while composing would: the process dies in the middle of the trial.
        kiosk.kill();
        kiosk = new KioskProcess(dir, config, "trial-2");
        kiosk.await("^WARN: sync: issue qd-first rejected: the kiosk stopped while composing it \\(out of memory or killed\\); not tried again", 30);
        kiosk.await("^INFO: sync: connected", 30);
        DeliveryTest.await("the rejected event", 10, () -> events.stream().anyMatch(e -> e.contains("\"rejected\"") && e.contains("qd-first")
                && e.contains("the kiosk stopped while composing it")));
        DeliveryTest.await("status with the rejection", 10, () -> status.get() != null && status.get().get("lastError").isJsonObject()
                && status.get().getAsJsonObject("lastError").get("message").getAsString().contains("qd-first rejected"));
        Mosquitto.sleep(2000); // the retained manifest has come again by now
        assertFalse(kiosk.log().contains("downloading qd-first"), "the refused issue was taken again:\n" + kiosk.log());
        try (IssueStore st = IssueStore.open(store)) {
            assertEquals(Optional.empty(), st.active());
            assertFalse(st.issueIds().contains("qd-first"));
        }
        // A refused issue blocks nothing: the next one is composed and shown.
        assertEquals(0, publish(TestIssues.write(dir.resolve("second"), "qd-second", 0), 200).exit());
        kiosk.await("^INFO: kiosk: qd-second composes into \\d+ pages for waveshare-7in5-v2", 60);
        kiosk.await("^INFO: kiosk: showing qd-second", 30);
        assertStoreShows("qd-second");
    }

    @Test
    void aMessageLargerThanTheKioskCanHoldNeverReachesIt() throws Exception {
        kiosk = new KioskProcess(dir, config, "big-1");
        kiosk.await("^INFO: sync: connected", 30);
        // On a broker with no max_packet_size, retained where the kiosk subscribes: 50 MB, past its 32 MB heap.
        TestMqtt attacker = DeliveryTest.client(broker.url());
        try {
            attacker.publish(Topics.manifest("qd", "huge"), new byte[50 << 20], 1, true);
        } finally {
            DeliveryTest.closer(attacker).close();
        }
        // It comes again at every reconnect of a persistent session: restart the kiosk, as after a power cut.
        kiosk.kill();
        kiosk = new KioskProcess(dir, config, "big-2");
        kiosk.await("^INFO: sync: connected", 30);
        assertEquals(0, publish(TestIssues.write(dir.resolve("after"), "qd-after", 0), 100).exit());
        kiosk.await("^INFO: kiosk: showing qd-after", 60);
        assertTrue(kiosk.process.isAlive());
        assertFalse(kiosk.log().contains("OutOfMemoryError"), kiosk.log());
        DeliveryTest.await("status online with qd-after", 10,
                () -> status.get() != null && status.get().get("online").getAsBoolean() && active().equals("qd-after"));
    }

    @Test
    void aDamagedStoreIsMovedAsideAndTheIssuesAreTakenAgain() throws Exception {
        List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        observer.subscribe(Topics.events("qd", "kiosk-r"), 1, (t, m) -> events.add(new String(m.getPayload(), StandardCharsets.UTF_8)));
        kiosk = new KioskProcess(dir, config, "damaged-1");
        kiosk.await("^INFO: kiosk: no issue yet", 30);
        assertEquals(0, publish(TestIssues.write(dir.resolve("first"), "qd-first", 0), 100).exit());
        kiosk.await("^INFO: kiosk: showing qd-first", 60);
        kiosk.kill();
        // What a failing SD card leaves: the file is there, and it is not a database any more.
        for (String suffix : new String[] {"-wal", "-shm"}) Files.deleteIfExists(Path.of(store + suffix));
        byte[] garbage = new byte[64 * 1024];
        new java.util.Random(7).nextBytes(garbage);
        Files.write(store, garbage);
        kiosk = new KioskProcess(dir, config, "damaged-2");
        kiosk.await("^ERROR: kiosk: store " + Pattern.quote(store.toString()) + " was damaged \\(.*\\); moved aside to .*\\.damaged-\\d{8}-\\d{6}"
                + " and started afresh, taking the issues again from the broker", 30);
        kiosk.await("^INFO: kiosk: showing qd-first", 60);
        try (var files = Files.list(dir)) {
            Path aside = files.filter(f -> f.getFileName().toString().startsWith("kiosk.db.damaged-")).findFirst().orElseThrow();
            assertTrue(java.util.Arrays.equals(garbage, Files.readAllBytes(aside)), "the damaged store is kept as it was");
        }
        assertStoreShows("qd-first");
        DeliveryTest.await("the operator is told", 10, () -> events.stream().anyMatch(e -> e.contains("\"problem\"") && e.contains("was damaged")
                && e.contains("moved aside to")));
    }

    @Test
    void aKioskDrivenThroughItsInputFileShowsWhatItSaysItShows() throws Exception {
        Path input = dir.resolve("buttons.input");
        Files.writeString(input, "");
        Files.writeString(config, Files.readString(config) + "buttons.input = " + input + "\nkiosk.idle.seconds = 5\n");
        kiosk = new KioskProcess(dir, config, "input-1");
        // Never a blank panel: before the first issue, the waiting screen, said in the status.
        DeliveryTest.await("the waiting screen", 30, () -> status.get() != null && "waiting".equals(text("screen")));
        BufferedImage waiting = refresh(1);
        int ink = 0;
        for (int y = 0; y < waiting.getHeight(); y++) for (int x = 0; x < waiting.getWidth(); x++) if ((waiting.getRGB(x, y) & 0xFF) < 128) ink++;
        assertTrue(ink > 2000, "the waiting screen has text: " + ink + " dark pixels");
        assertEquals("https://github.com/newsstand-kiosk/newsstand?device=kiosk-r#W1", QrRead.text(waiting), "its QR code: the README's section for W1");
        assertEquals(0, publish(TestIssues.write(dir.resolve("first"), "qd-first", 0), 100).exit());
        DeliveryTest.await("the front page", 60, () -> "page".equals(text("screen")) && "qd-first".equals(text("issue")) && "1".equals(text("page")));
        int pages = Integer.parseInt(text("pages"));
        assertTrue(pages >= 3, "pages: " + pages);
        assertEquals("海滨日报", text("title"));
        for (String[] step : new String[][] {{"next", "2"}, {"next", "3"}, {"previous", "2"}, {"home", "1"}, {"bogus", "1"}}) {
            press(input, step[0]);
            DeliveryTest.await("page " + step[1] + " after " + step[0], 10, () -> step[1].equals(text("page")));
        }
        kiosk.await("^WARN: buttons.input .*: 'bogus' is not a press \\(allowed: next, previous, home, hold next, hold previous, hold home\\)", 5);
        // Held: the index, its cursor moved to the second section and opened; then a section back, a section on.
        press(input, "hold home");
        DeliveryTest.await("the index", 10, () -> "index".equals(text("screen")) && "1".equals(text("page")));
        press(input, "next");
        DeliveryTest.await("the cursor on the second section", 10, () -> "index".equals(text("screen")) && !"1".equals(text("page")));
        String second = text("page");
        press(input, "home");
        DeliveryTest.await("the second section's first page", 10, () -> "page".equals(text("screen")) && second.equals(text("page")));
        press(input, "next");
        DeliveryTest.await("a page into the section", 10, () -> String.valueOf(Integer.parseInt(second) + 1).equals(text("page")));
        press(input, "hold previous");
        DeliveryTest.await("back to the section's start", 10, () -> second.equals(text("page")));
        press(input, "hold previous");
        DeliveryTest.await("back to the first section", 10, () -> "1".equals(text("page")));
        press(input, "hold next");
        DeliveryTest.await("on to the second section", 10, () -> second.equals(text("page")));
        // Left alone, the kiosk goes back to the front page for the next reader.
        kiosk.await("^INFO: kiosk: no press for 5 s; back to the first title's front page", 15);
        DeliveryTest.await("the front page again", 5, () -> "page".equals(text("screen")) && "1".equals(text("page")));
    }

    @Test
    void outsideItsHoursTheKioskIsClosedUntilAPressWakesIt() throws Exception {
        Path input = dir.resolve("buttons.input");
        Files.writeString(input, "");
        java.time.LocalTime now = java.time.LocalTime.now(java.time.ZoneOffset.UTC);
        String hours = now.plusHours(2).withSecond(0).withNano(0) + "-" + now.plusHours(3).withSecond(0).withNano(0);
        Files.writeString(config, Files.readString(config) + "buttons.input = " + input + "\nkiosk.idle.seconds = 5\nkiosk.hours = " + hours
                + "\nkiosk.timezone = UTC\n");
        kiosk = new KioskProcess(dir, config, "closed-1");
        DeliveryTest.await("the closed screen", 30, () -> status.get() != null && "closed".equals(text("screen")));
        kiosk.await("^INFO: kiosk: closed until ", 5);
        // An issue that arrives meanwhile waits; a press shows it, for the idle time.
        assertEquals(0, publish(TestIssues.write(dir.resolve("first"), "qd-first", 0), 100).exit());
        kiosk.await("^INFO: sync: qd-first \\(sequence 100\\) is now the shown issue", 60);
        assertEquals("closed", text("screen"));
        press(input, "next");
        DeliveryTest.await("the front page, woken", 20, () -> "page".equals(text("screen")) && "qd-first".equals(text("issue")));
        kiosk.await("^INFO: kiosk: woken outside the opening hours", 5);
        DeliveryTest.await("closed again after the idle time", 30, () -> "closed".equals(text("screen")));
    }

    @Test
    void offlineLongerThanTheBannerTimeThePageSaysSoOverItsFooter() throws Exception {
        Files.writeString(config, Files.readString(config) + "kiosk.offline-banner.minutes = 0\n");
        kiosk = new KioskProcess(dir, config, "offline-1");
        assertEquals(0, publish(TestIssues.write(dir.resolve("first"), "qd-first", 0), 100).exit());
        DeliveryTest.await("the front page", 60, () -> status.get() != null && "qd-first".equals(text("issue")) && "page".equals(text("screen")));
        int shown = Files.readAllLines(panel.resolve("refresh.log")).size(); // the waiting screen (with the download), then the front page
        BufferedImage front = refresh(shown);
        broker.kill();
        kiosk.await("^INFO: kiosk: banner over the footer: offline", 30);
        BufferedImage bannered = refresh(shown + 1);
        assertTrue(footerInk(bannered) > 4 * footerInk(front), "a reversed strip over the footer: " + footerInk(bannered) + " against " + footerInk(front));
        for (int y = 0; y < front.getHeight() * 3 / 4; y += 7) {
            for (int x = 0; x < front.getWidth(); x += 7) assertEquals(front.getRGB(x, y), bannered.getRGB(x, y), "the newspaper above stays, at " + x + "," + y);
        }
        broker.start();
        kiosk.await("^INFO: kiosk: banner over the footer: none", 90);
        BufferedImage back = refresh(shown + 2);
        assertEquals(footerInk(front), footerInk(back), "the footer as it was");
    }

    /** Dark pixels in the bottom tenth of a frame. */
    static int footerInk(BufferedImage img) {
        int n = 0;
        for (int y = img.getHeight() * 9 / 10; y < img.getHeight(); y++) for (int x = 0; x < img.getWidth(); x++) if ((img.getRGB(x, y) & 0xFF) < 128) n++;
        return n;
    }

    /** The publication id of each title the kiosk reports with its shown issue, sorted. */
    List<String> titles() {
        JsonObject s = status.get();
        List<String> list = new ArrayList<>();
        if (s == null || !s.has("titles")) return list;
        s.getAsJsonArray("titles").forEach(t -> list.add(t.getAsJsonObject().get("publication").getAsString() + "="
                + t.getAsJsonObject().get("issue").getAsString()));
        list.sort(null);
        return list;
    }

    @Test
    void twoTitlesOnTheHomeScreenAWithdrawalFallsBackAndAnEmbargoHoldsUntilItsTime() throws Exception {
        Path input = dir.resolve("buttons.input");
        Files.writeString(input, "");
        Files.writeString(config, Files.readString(config) + "buttons.input = " + input + "\nkiosk.idle.seconds = 0\n");
        kiosk = new KioskProcess(dir, config, "titles-1");
        kiosk.await("^INFO: kiosk: no issue yet", 30);
        assertEquals(0, publish(TestIssues.write(dir.resolve("daily"), "qd-daily-1", 0), 100).exit());
        DeliveryTest.await("the daily's front page", 60, () -> "qd-daily-1".equals(text("issue")) && "1".equals(text("page")));
        assertEquals(0, publish(TestIssues.write(dir.resolve("evening"), "qd-evening-1", "qd-evening", "海滨晚报", 0), 100).exit());
        DeliveryTest.await("two titles", 60, () -> titles().equals(List.of("haibin-daily=qd-daily-1", "qd-evening=qd-evening-1")));
        assertEquals("qd-daily-1", text("issue"), "a reader of the daily is not taken away by another title's issue");
        press(input, "next");
        DeliveryTest.await("page 2", 10, () -> "2".equals(text("page")));
        press(input, "home");
        DeliveryTest.await("the front page", 10, () -> "1".equals(text("page")));
        press(input, "home");
        DeliveryTest.await("the home screen, the cursor on the daily", 10, () -> "home".equals(text("screen")) && "海滨日报".equals(text("title")));
        // On the panel: both titles with their dates and lead headlines, exactly as the home screen sets them.
        try (IssueStore st = IssueStore.open(store)) {
            List<newsstand.layout.ShelfTitle> shelf = List.of(newsstand.layout.ShelfTitle.of(st.issue("qd-daily-1")),
                    newsstand.layout.ShelfTitle.of(st.issue("qd-evening-1")));
            assertSamePixels(expected(newsstand.kiosk.Screens.home(newsstand.layout.IssueRenderer.open("zh-Hans"),
                    newsstand.config.PanelModel.byId("waveshare-7in5-v2"), shelf, 0)), refresh(Files.readAllLines(panel.resolve("refresh.log")).size()));
        }
        press(input, "next");
        DeliveryTest.await("the cursor on the evening paper", 10, () -> "home".equals(text("screen")) && "海滨晚报".equals(text("title")));
        press(input, "home");
        DeliveryTest.await("the evening paper opened", 10, () -> "page".equals(text("screen")) && "qd-evening-1".equals(text("issue"))
                && "1".equals(text("page")) && "qd-evening".equals(text("publication")));
        // A new evening issue is shown to its reader; the operator withdraws it and the one before comes back.
        assertEquals(0, publish(TestIssues.write(dir.resolve("evening2"), "qd-evening-2", "qd-evening", "海滨晚报", 0), 200).exit());
        DeliveryTest.await("the second evening issue", 60, () -> "qd-evening-2".equals(text("issue")));
        AtomicReference<byte[]> manifest = new AtomicReference<>();
        observer.subscribe(Topics.manifest("qd", "qd-evening-2"), 1, (t, m) -> manifest.compareAndSet(null, m.getPayload()));
        DeliveryTest.await("its retained manifest", 10, () -> manifest.get() != null);
        observer.unsubscribe(Topics.manifest("qd", "qd-evening-2"));
        assertEquals(0, Cli.run("withdraw", "--broker", broker.url(), "--fleet", "qd", "--key", dir.resolve("keys/operator.key").toString(),
                "--issue", "qd-evening-2").exit());
        kiosk.await("^WARN: sync: the operator withdrew qd-evening-2 up to sequence \\d+", 30);
        DeliveryTest.await("the evening paper falls back", 30, () -> "qd-evening-1".equals(text("issue"))
                && titles().equals(List.of("haibin-daily=qd-daily-1", "qd-evening=qd-evening-1")));
        // A replay of the withdrawn issue's manifest is refused.
        DeliveryTest.send(observer, Topics.manifest("qd", "qd-evening-2"), manifest.get(), true);
        kiosk.await("^WARN: sync: manifest of qd-evening-2 rejected: the operator withdrew qd-evening-2 up to sequence", 30);
        assertEquals("qd-evening-1", text("issue"));
        // An embargo: downloaded at once, shown from its time on.
        java.time.Instant at = java.time.Instant.now().plusSeconds(12);
        assertEquals(0, Cli.run("publish", "--broker", broker.url(), "--fleet", "qd", "--key", dir.resolve("keys/operator.key").toString(),
                "--issue", TestIssues.write(dir.resolve("evening3"), "qd-evening-3", "qd-evening", "海滨晚报", 0).toString(),
                "--sequence", "300", "--activate-at", at.toString()).exit());
        kiosk.await("^INFO: sync: qd-evening-3 \\(sequence 300\\) stored under embargo", 60);
        assertTrue(java.time.Instant.now().isBefore(at), "stored before its time");
        assertEquals("qd-evening-1", text("issue"), "held until its time");
        DeliveryTest.await("the embargoed issue on the panel", 30, () -> "qd-evening-3".equals(text("issue")));
        assertFalse(java.time.Instant.now().isBefore(at), "not before its time");
        try (IssueStore st = IssueStore.open(store)) {
            assertFalse(st.issueIds().contains("qd-evening-2"), "the withdrawn issue is gone from the store");
        }
    }

    @Test
    void leftAloneTheKioskGoesBackToTheFirstTitleAndRotates() throws Exception {
        Path input = dir.resolve("buttons.input");
        Files.writeString(input, "");
        Files.writeString(config, Files.readString(config) + "buttons.input = " + input + "\nkiosk.idle.seconds = 5\n"
                + "kiosk.rotate.seconds = 5\nkiosk.titles = qd-evening\n");
        kiosk = new KioskProcess(dir, config, "rotate-1");
        kiosk.await("^INFO: kiosk: no issue yet", 30);
        assertEquals(0, publish(TestIssues.write(dir.resolve("daily"), "qd-daily-1", 0), 100).exit());
        DeliveryTest.await("the daily", 60, () -> "qd-daily-1".equals(text("issue")));
        assertEquals(0, publish(TestIssues.write(dir.resolve("evening"), "qd-evening-1", "qd-evening", "海滨晚报", 0), 100).exit());
        DeliveryTest.await("two titles", 60, () -> titles().size() == 2);
        // Nobody has pressed yet: the rotation runs from the start. A reader leaves a title on page 2; the first title is
        // the evening paper, as configured.
        DeliveryTest.await("rotating from the start", 20, () -> "qd-evening-1".equals(text("issue")));
        press(input, "next");
        DeliveryTest.await("a page 2", 20, () -> "2".equals(text("page")));
        kiosk.await("^INFO: kiosk: no press for 5 s; back to the first title's front page", 20);
        DeliveryTest.await("the first title's front page", 10, () -> "qd-evening-1".equals(text("issue")) && "1".equals(text("page")));
        DeliveryTest.await("rotated to the daily", 20, () -> "qd-daily-1".equals(text("issue")) && "1".equals(text("page")));
        DeliveryTest.await("and round to the evening paper", 20, () -> "qd-evening-1".equals(text("issue")) && "1".equals(text("page")));
        press(input, "next");
        DeliveryTest.await("a press stops the rotation", 10, () -> "2".equals(text("page")));
    }

    @Test
    void aTitleOutsideItsWindowIsNotRotatedAndEachInsideStaysItsOwnTime() throws Exception {
        Path input = dir.resolve("buttons.input");
        Files.writeString(input, "");
        // In UTC: the evening paper's hours begin in two hours; the weekly's day and hours are now (an hour either side).
        java.time.ZonedDateTime now = java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC);
        java.time.format.DateTimeFormatter hm = java.time.format.DateTimeFormatter.ofPattern("HH:mm");
        String evening = hm.format(now.plusHours(2)), weeklyDay = now.minusHours(1).getDayOfWeek().getDisplayName(java.time.format.TextStyle.SHORT, java.util.Locale.ENGLISH);
        String titles = "qd-evening@" + evening + "-" + hm.format(now.plusHours(3)) + ", haibin-daily/5s, qd-weekly@" + weeklyDay + "@"
                + hm.format(now.minusHours(1)) + "-" + hm.format(now.plusHours(1)) + "/15s";
        Files.writeString(config, Files.readString(config) + "buttons.input = " + input + "\nkiosk.idle.seconds = 5\n"
                + "kiosk.rotate.seconds = 10\nkiosk.timezone = UTC\nkiosk.titles = " + titles + "\n");
        kiosk = new KioskProcess(dir, config, "window-1");
        kiosk.await("^INFO: kiosk: no issue yet", 30);
        assertEquals(0, publish(TestIssues.write(dir.resolve("daily"), "qd-daily-1", 0), 100).exit());
        assertEquals(0, publish(TestIssues.write(dir.resolve("evening"), "qd-evening-1", "qd-evening", "海滨晚报", 0), 100).exit());
        assertEquals(0, publish(TestIssues.write(dir.resolve("weekly"), "qd-weekly-1", "qd-weekly", "海滨周刊", 0), 100).exit());
        DeliveryTest.await("three titles", 90, () -> titles().size() == 3);
        press(input, "next");
        kiosk.await("^INFO: kiosk: no press for 5 s; back to the first title's front page", 30);
        DeliveryTest.await("the first title inside its window: the daily, not the evening paper named before it", 10,
                () -> "qd-daily-1".equals(text("issue")) && "1".equals(text("page")));
        // Two rounds of the rotation watched: the daily and the weekly in turn, the evening paper never.
        List<String> shown = new ArrayList<>();
        List<Long> since = new ArrayList<>();
        long end = System.nanoTime() + 50_000_000_000L;
        while (System.nanoTime() < end && shown.size() < 6) {
            String issue = text("issue");
            if (issue != null && (shown.isEmpty() || !shown.get(shown.size() - 1).equals(issue))) {
                shown.add(issue);
                since.add(System.nanoTime());
            }
            Thread.sleep(50);
        }
        assertTrue(shown.size() >= 5, "the rotation went on: " + shown);
        for (int i = 0; i < shown.size(); i++) assertEquals(i % 2 == 0 ? "qd-daily-1" : "qd-weekly-1", shown.get(i), "in turn, never the evening paper: " + shown);
        assertFalse(kiosk.log().contains("kiosk: showing qd-evening-1"), "the evening paper was never opened");
        long longestDaily = 0, shortestWeekly = Long.MAX_VALUE;
        for (int i = 1; i + 1 < shown.size(); i++) {
            long stayed = (since.get(i + 1) - since.get(i)) / 1_000_000;
            if (i % 2 == 0) longestDaily = Math.max(longestDaily, stayed);
            else shortestWeekly = Math.min(shortestWeekly, stayed);
        }
        assertTrue(shortestWeekly >= 14_000, "the weekly stays its 15 s: " + shortestWeekly + " ms");
        assertTrue(longestDaily < shortestWeekly, "the daily its 5 s: " + longestDaily + " ms, the weekly " + shortestWeekly + " ms");
        // A reader still finds the evening paper on the home screen, marked with its hours, and opens it.
        press(input, "home");
        DeliveryTest.await("the home screen", 10, () -> "home".equals(text("screen")));
        try (IssueStore st = IssueStore.open(store)) {
            newsstand.layout.ShelfTitle ev = newsstand.layout.ShelfTitle.of(st.issue("qd-evening-1"));
            List<newsstand.layout.ShelfTitle> shelf = List.of(new newsstand.layout.ShelfTitle(ev.name(),
                    ev.dateLine() + "　〔" + evening + "–" + hm.format(now.plusHours(3)) + "〕", ev.headlines()),
                    newsstand.layout.ShelfTitle.of(st.issue("qd-daily-1")), newsstand.layout.ShelfTitle.of(st.issue("qd-weekly-1")));
            int cursor = "qd-daily-1".equals(text("issue")) ? 1 : 2;
            assertSamePixels(expected(newsstand.kiosk.Screens.home(newsstand.layout.IssueRenderer.open("zh-Hans"),
                    newsstand.config.PanelModel.byId("waveshare-7in5-v2"), shelf, cursor)), refresh(Files.readAllLines(panel.resolve("refresh.log")).size()));
            for (int i = cursor; i > 0; i--) press(input, "previous");
        }
        DeliveryTest.await("the cursor on the evening paper", 10, () -> "海滨晚报".equals(text("title")));
        press(input, "home");
        DeliveryTest.await("the evening paper opened by a reader", 10, () -> "qd-evening-1".equals(text("issue")) && "page".equals(text("screen")));
    }

    @Test
    void aConfigurationThatCannotBeUsedIsSaidOnThePanel() throws Exception {
        Path bad = dir.resolve("bad.properties");
        Files.writeString(bad, String.join("\n", "device.fleet = qd", "panel.model = waveshare-7in5-v2", "panel.driver = simulated",
                "panel.output = " + panel, "mqtt.urll = tcp://127.0.0.1:1883") + "\n");
        Cli run = Cli.run("run", "--config", bad.toString());
        assertEquals(78, run.exit(), "the configuration's exit code, which newsstand.service does not restart on");
        assertTrue(run.err().contains("missing required key 'device.id'"), run.err());
        assertTrue(run.err().contains("unknown key 'mqtt.urll'; did you mean 'mqtt.url'?"), run.err());
        BufferedImage screen = ImageIO.read(panel.resolve("page-001.png").toFile());
        int ink = 0;
        for (int y = 0; y < screen.getHeight(); y++) for (int x = 0; x < screen.getWidth(); x++) if ((screen.getRGB(x, y) & 0xFF) < 128) ink++;
        assertTrue(ink > 3000, "the setup screen has text: " + ink);
        assertEquals("https://github.com/newsstand-kiosk/newsstand?device=unset#S1", QrRead.text(screen), "its QR code: the README's section for S1");
    }

    @Test
    void withNoIssueAndNoBrokerTheWaitingScreenSaysSoWithItsCodeW2AndBackToW1WhenConnected() throws Exception {
        Files.writeString(config, Files.readString(config) + "kiosk.offline-banner.minutes = 0\n");
        broker.kill(); // no broker when the kiosk starts
        kiosk = new KioskProcess(dir, config, "w2");
        kiosk.await("^INFO: kiosk: no issue yet", 30);
        DeliveryTest.await("the waiting screen saying there is no connection (W2)", 60, () -> newestQr().endsWith("#W2"));
        assertEquals("https://github.com/newsstand-kiosk/newsstand?device=kiosk-r#W2", newestQr());
        broker.start();
        DeliveryTest.await("the waiting screen again once connected (W1)", 60, () -> newestQr().endsWith("#W1"));
    }

    @Test
    void anIssueTheStoreHasNoRoomForIsFaultF6WhenThereIsNothingToRead() throws Exception {
        Files.writeString(config, Files.readString(config) + "storage.quota-mb = 16\n");
        kiosk = new KioskProcess(dir, config, "f6");
        kiosk.await("^INFO: kiosk: no issue yet", 30);
        Cli published = publish(TestIssues.write(dir.resolve("big"), "qd-big", (16 << 20) - (64 << 10)), 100);
        assertEquals(0, published.exit(), published.err());
        kiosk.await("^ERROR: kiosk: fault F6: no room for an issue: it is 16\\.[1-9] MB and storage.quota-mb allows 16\\.0 MB", 60);
        DeliveryTest.await("the fault in the status", 20, () -> "fault".equals(text("screen")) && "F6".equals(text("fault")));
        DeliveryTest.await("its screen", 30, () -> newestQr().equals("https://github.com/newsstand-kiosk/newsstand?device=kiosk-r#F6"));
    }

    /** The QR code of the newest frame on the simulated panel, or "" before one. */
    String newestQr() {
        try {
            Path log = panel.resolve("refresh.log");
            int n = Files.exists(log) ? Files.readAllLines(log).size() : 0;
            return n == 0 ? "" : QrRead.text(ImageIO.read(panel.resolve(String.format("page-%03d.png", n)).toFile()));
        } catch (IOException | AssertionError e) {
            return "";
        }
    }

    @Test
    void whenNothingCanBeShownTheFaultScreenGivesItsCode() throws Exception {
        kiosk = new KioskProcess(dir, config, "fault-1");
        assertEquals(0, publish(TestIssues.write(dir.resolve("first"), "qd-first", 0), 100).exit());
        kiosk.await("^INFO: kiosk: showing qd-first", 60);
        kiosk.kill();
        // The stored issue's text damaged where no check looks: it can no longer be composed.
        try (var db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + store)) {
            db.createStatement().execute("UPDATE article SET paragraphs = 'not a list' WHERE issue_id = 'qd-first'");
        }
        clearPanel();
        kiosk = new KioskProcess(dir, config, "fault-2");
        kiosk.await("^ERROR: kiosk: fault F2: the stored issues cannot be shown \\(qd-first\\)", 30);
        DeliveryTest.await("the fault in the status", 20, () -> "fault".equals(text("screen")) && "F2".equals(text("fault")));
        BufferedImage screen = refresh(1);
        int ink = 0;
        for (int y = 0; y < screen.getHeight(); y++) for (int x = 0; x < screen.getWidth(); x++) if ((screen.getRGB(x, y) & 0xFF) < 128) ink++;
        assertTrue(ink > 2000, "the fault screen has text: " + ink);
        assertEquals("https://github.com/newsstand-kiosk/newsstand?device=kiosk-r#F2", QrRead.text(screen), "its QR code: the README's section for F2");
    }

    static void press(Path input, String press) throws IOException {
        Files.writeString(input, press + "\n", java.nio.file.StandardOpenOption.APPEND);
    }

    String text(String field) {
        JsonObject s = status.get();
        return s == null || s.get(field) == null || s.get(field).isJsonNull() ? null : s.get(field).getAsString();
    }

    void assertStoreShows(String issue) throws Exception {
        try (IssueStore st = IssueStore.open(store)) {
            assertEquals("ok", st.integrityCheck());
            assertEquals(Optional.of(issue), st.active());
        }
    }

    int storedChunks(String issue) throws Exception {
        try (var db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + store);
                var ps = db.prepareStatement("SELECT count(*) FROM chunk WHERE issue_id = ?")) {
            ps.setString(1, issue);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** The panel's n-th refresh of this run (1-based), once the simulated panel has logged it. */
    BufferedImage refresh(int n) throws IOException {
        Path log = panel.resolve("refresh.log");
        DeliveryTest.await("refresh " + n, 30, () -> {
            try {
                return Files.exists(log) && Files.readAllLines(log).size() >= n;
            } catch (IOException e) {
                return false;
            }
        });
        return ImageIO.read(panel.resolve(String.format("page-%03d.png", n)).toFile());
    }

    void clearPanel() throws IOException {
        try (var files = Files.list(panel)) {
            for (Path p : files.toList()) Files.delete(p);
        }
    }

    /** A screen as the simulated 7.5" panel shows it after a full refresh. */
    BufferedImage expected(newsstand.layout.Page screen) throws Exception {
        newsstand.config.PanelModel model = newsstand.config.PanelModel.byId("waveshare-7in5-v2");
        newsstand.display.Framebuffer fb = new newsstand.display.Framebuffer(model.width(), model.height(), model.greyLevels());
        newsstand.layout.IssueRenderer.open("zh-Hans").renderer(file -> new byte[0], model).draw(screen, fb);
        Path out = Files.createDirectories(dir.resolve("expected"));
        try (newsstand.display.SimulatedPanel p = new newsstand.display.SimulatedPanel(model, out, "screen.png")) {
            p.refresh(fb, newsstand.display.Region.of(fb), newsstand.display.RefreshMode.FULL);
        }
        return ImageIO.read(out.resolve("screen.png").toFile());
    }

    static void assertSamePixels(BufferedImage a, BufferedImage b) {
        assertEquals(a.getWidth(), b.getWidth());
        assertEquals(a.getHeight(), b.getHeight());
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) throw new AssertionError("pixel " + x + "," + y + " differs");
            }
        }
    }
}
