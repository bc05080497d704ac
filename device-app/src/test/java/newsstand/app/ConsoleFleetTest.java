package newsstand.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import newsstand.console.Console;
import newsstand.console.ConsoleStore;
import newsstand.console.Role;
import newsstand.delivery.Broker;
import newsstand.desk.Desk;
import newsstand.desk.Release;
import newsstand.desk.Signer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The fleet view: every kiosk as its status says, live (a kiosk killed turns offline by its will, one that missed an
 * issue is behind), filter, sort and counters, in a real browser with real kiosk processes of two panel models; the
 * API and /metrics with silent, offline, failing and behind kiosks; the console following the fleet again after its
 * broker died, on the next broker of its list and back.
 */
class ConsoleFleetTest {
    static final String PUBLICATION = "qingdao-daily";

    @TempDir Path dir;

    @Test
    void twoKiosksAppearWithTheirModelsAndTheirRowsFollowTheFleetWithoutAReload() throws Exception {
        try (ConsoleHarness h = new ConsoleHarness(dir); Browser b = new Browser(dir, "en")) {
            KioskProcess a = h.kiosk("kiosk-a", "it8951-10in3");
            KioskProcess k2 = h.kiosk("kiosk-b", "waveshare-7in5-v2");
            try {
                b.login(h.base, "viewer", ConsoleHarness.PASSWORD);
                b.await("both kiosks with their models", 30, () -> text(b, row("kiosk-a") + " .c-model").contains("it8951-10in3")
                        && text(b, row("kiosk-b") + " .c-model").contains("waveshare-7in5-v2"));
                b.await("the counters: 2 kiosks, 2 online", 20, () -> text(b, "#count-total").equals("2") && text(b, "#count-online").equals("2"));
                assertTrue(text(b, row("kiosk-a") + " .c-state").contains("online"));

                // An issue published: both rows turn to it, live.
                String first = publish(h, "qd-first", 1);
                b.await("both rows showing " + first, 60, () -> text(b, row("kiosk-a") + " .c-issue").contains(first)
                        && text(b, row("kiosk-b") + " .c-issue").contains(first));
                b.await("today's issue named", 20, () -> text(b, "#fleet-today").contains(first));

                // A kiosk killed: its will makes its row offline, with since when.
                a.kill();
                b.await("kiosk-a offline", 30, () -> text(b, row("kiosk-a") + " .c-state").contains("offline"));
                assertTrue(text(b, row("kiosk-a") + " .c-state").contains("since"), text(b, row("kiosk-a") + " .c-state"));
                assertTrue(b.find(row("kiosk-a")).getAttribute("class").contains("state-offline"));
                b.await("the counters: 1 online, 1 offline", 20, () -> text(b, "#count-online").equals("1") && text(b, "#count-offline").equals("1"));

                // A newer issue: kiosk-b takes it, kiosk-a (offline) is behind.
                String second = publish(h, "qd-second", 2);
                b.await("kiosk-b showing " + second, 60, () -> text(b, row("kiosk-b") + " .c-issue").contains(second));
                b.await("one kiosk behind", 20, () -> text(b, "#count-behind").equals("1"));
                assertTrue(b.find(row("kiosk-a")).getAttribute("class").contains("behind"));

                // Filter by text and by state, then sort by a column both ways.
                b.find("#fleet-filter").sendKeys("kiosk-b");
                b.await("only kiosk-b shown", 10, () -> !visible(b, "kiosk-b").isEmpty() && visible(b, "kiosk-a").isEmpty());
                b.find("#fleet-filter").clear();
                b.find("#fleet-filter").sendKeys(" ");
                b.find("#fleet-filter").sendKeys(org.openqa.selenium.Keys.BACK_SPACE);
                b.find("#chip-offline").click();
                b.await("only kiosk-a shown (offline)", 10, () -> !visible(b, "kiosk-a").isEmpty() && visible(b, "kiosk-b").isEmpty());
                b.find("#chip-behind").click();
                b.await("only kiosk-a shown (behind)", 10, () -> !visible(b, "kiosk-a").isEmpty() && visible(b, "kiosk-b").isEmpty());
                b.find("#chip-online").click();
                b.await("only kiosk-b shown (online)", 10, () -> visible(b, "kiosk-a").isEmpty() && !visible(b, "kiosk-b").isEmpty());
                b.find("#chip-all").click();
                b.await("both shown", 10, () -> order(b).size() == 2);
                b.find("#col-model").click(); // it8951 before waveshare
                b.await("sorted by model", 10, () -> order(b).equals(List.of("kiosk-a", "kiosk-b")));
                b.find("#col-model").click();
                b.await("sorted by model, descending", 10, () -> order(b).equals(List.of("kiosk-b", "kiosk-a")));

                // Which issue each kiosk shows, against today's.
                b.find("#tab-shows").click();
                b.await("the shows table", 10, () -> text(b, "#shows-table tr[data-device='kiosk-a'] td[data-publication='" + PUBLICATION + "']")
                        .contains(first + " (behind)") && text(b, "#shows-table tr[data-device='kiosk-b'] td[data-publication='" + PUBLICATION + "']")
                        .equals(second));
                assertTrue(text(b, "#shows-table thead").contains("today: " + second), text(b, "#shows-table thead"));
                b.screenshot(shots().resolve("fleet-shows-en.png"));
                b.find("#tab-kiosks").click();

                // Selection opens the command panel for the kiosks chosen.
                b.find(row("kiosk-b") + " input.pick").click();
                b.await("one selected", 10, () -> text(b, "#fleet-selected").contains("1"));
                b.find("#fleet-commands").click();
                b.await("the command panel for kiosk-b", 10, () -> text(b, "#command-dialog").contains("kiosk-b"));
                b.find("#command-dialog-close").click();
                b.screenshot(shots().resolve("fleet-en.png"));

                b.find("#lang").click();
                b.await("the page in Chinese", 20, () -> text(b, "h1").equals("报亭") && text(b, row("kiosk-a") + " .c-state").contains("离线"));
                b.screenshot(shots().resolve("fleet-zh.png"));
            } finally {
                a.kill();
                k2.kill();
            }
        }
    }

    @Test
    void theApiAndMetricsTellOnlineSilentOfflineFailingAndBehindKiosksAndRefuseBadQueries() throws Exception {
        try (Mosquitto broker = new Mosquitto(dir.resolve("broker"))) {
            // Retained before the console starts, as a console restarted finds them.
            Instant now = Instant.now();
            try (TestMqtt m = TestMqtt.connect(broker.url(), null, null)) {
                status(m, "k-ok", true, now, false, PUBLICATION + "-" + LocalDate.now());
                status(m, "k-silent", true, now.minus(Duration.ofMinutes(20)), false, PUBLICATION + "-" + LocalDate.now());
                status(m, "k-off", false, now.minus(Duration.ofHours(2)), false, null);
                status(m, "k-fail", true, now, true, PUBLICATION + "-" + LocalDate.now());
                status(m, "k-behind", true, now, false, "qd-old");
                m.publish("newsstand/qd/k-junk/status", "not json".getBytes(StandardCharsets.UTF_8), 1, true);
            }
            try (Console console = console(broker.url())) {
                String base = "http://127.0.0.1:" + console.port();
                ConsoleHarness.Api anonymous = new ConsoleHarness.Api(base);
                assertEquals(401, anonymous.get("/api/fleet").status());
                Path pkg = dir.resolve("issue");
                SampleIssue.write(pkg, PUBLICATION, null, LocalDate.now());
                try (Desk desk = Desk.open(new Broker(broker.url(), null, null, null), ConsoleHarness.FLEET, signer())) {
                    desk.publish(pkg, new Release(System.currentTimeMillis(), Instant.now().plus(Duration.ofDays(2)), null), line -> {});
                }

                ConsoleHarness.Api viewer = new ConsoleHarness.Api(base).login("viewer");
                JsonObject fleet = await("the fleet with today's issue", () -> {
                    JsonObject f = viewer.get("/api/fleet").json();
                    return f.getAsJsonObject("counters").getAsJsonArray("today").size() == 1 && f.getAsJsonArray("kiosks").size() == 6 ? f : null;
                });
                JsonObject c = fleet.getAsJsonObject("counters");
                assertEquals(6, c.get("total").getAsInt(), c.toString());
                assertEquals(3, c.get("online").getAsInt(), c.toString()); // ok, fail, behind
                assertEquals(1, c.get("silent").getAsInt(), c.toString());
                assertEquals(2, c.get("offline").getAsInt(), c.toString()); // off, and junk: a status that says nothing is not online
                assertEquals(1, c.get("failing").getAsInt(), c.toString());
                assertEquals(1, c.get("behind").getAsInt(), c.toString());
                JsonObject today = c.getAsJsonArray("today").get(0).getAsJsonObject();
                assertEquals(PUBLICATION, today.get("publication").getAsString());
                assertEquals(PUBLICATION + "-" + LocalDate.now(), today.get("issue").getAsString());

                JsonObject silent = find(fleet, "k-silent");
                assertEquals("silent", silent.get("state").getAsString());
                assertEquals(now.minus(Duration.ofMinutes(20)).toString(), silent.get("since").getAsString());
                JsonObject off = find(fleet, "k-off");
                assertEquals("offline", off.get("state").getAsString());
                assertNotNull(off.get("since").getAsString());
                JsonObject ok = find(fleet, "k-ok");
                assertEquals("online", ok.get("state").getAsString());
                assertEquals("it8951-6in", ok.get("model").getAsString());
                assertEquals(512, ok.get("freeMb").getAsInt());
                assertEquals("page", ok.get("screen").getAsString());
                assertTrue(ok.getAsJsonArray("behind").isEmpty());
                assertEquals(PUBLICATION, find(fleet, "k-behind").getAsJsonArray("behind").get(0).getAsString());
                assertTrue(find(fleet, "k-fail").get("failing").getAsBoolean());
                assertTrue(find(fleet, "k-junk").get("unreadable").getAsBoolean());

                // Filter and sort.
                assertEquals(List.of("k-silent"), devices(viewer.get("/api/fleet?state=silent").json()));
                assertEquals(List.of("k-fail"), devices(viewer.get("/api/fleet?q=FAIL").json()));
                assertEquals(List.of("k-behind"), devices(viewer.get("/api/fleet?state=behind").json()));
                List<String> descending = devices(viewer.get("/api/fleet?sort=-device").json());
                assertEquals(List.of("k-silent", "k-ok", "k-off", "k-junk", "k-fail", "k-behind"), descending);
                assertEquals("k-ok", devices(viewer.get("/api/fleet?sort=-storage").json()).get(0));

                // Bad queries: a message naming the parameter and what it allows.
                ConsoleHarness.Reply bad = viewer.get("/api/fleet?state=asleep");
                assertEquals(400, bad.status(), bad.body());
                assertTrue(bad.error().contains("state: asleep is not a state; allowed: all, online, silent, offline, failing, behind"), bad.error());
                bad = viewer.get("/api/fleet?sort=colour");
                assertEquals(400, bad.status(), bad.body());
                assertTrue(bad.error().startsWith("sort: colour is not a column; allowed: device, state"), bad.error());
                bad = viewer.get("/api/fleet?q=" + "x".repeat(101));
                assertEquals(400, bad.status(), bad.body());
                assertTrue(bad.error().contains("q: at most 100 characters"), bad.error());
                assertEquals(405, viewer.post("/api/fleet", "{}").status());

                // A hundred kiosks changing at once reach the browsers in a few coalesced events, not a hundred.
                java.util.concurrent.BlockingQueue<String> lines = new java.util.concurrent.LinkedBlockingQueue<>();
                java.net.http.HttpResponse<java.util.stream.Stream<String>> live = viewer.http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(base + "/api/live")).header("Cookie", viewer.cookie).build(), java.net.http.HttpResponse.BodyHandlers.ofLines());
                Thread reader = new Thread(() -> live.body().forEach(lines::add));
                reader.setDaemon(true);
                reader.start();
                long start = System.nanoTime();
                try (TestMqtt m = TestMqtt.connect(broker.url(), null, null)) {
                    for (int i = 0; i < 100; i++) status(m, "k-burst-" + i, true, Instant.now(), false, null);
                }
                java.util.Set<String> seen = new java.util.HashSet<>();
                int events = 0;
                while (seen.size() < 100) {
                    String line = lines.poll(30, java.util.concurrent.TimeUnit.SECONDS);
                    if (line == null) throw new AssertionError("only " + seen.size() + " of 100 rows came live in 30 s");
                    if (line.equals("event: kiosks")) events++;
                    if (line.startsWith("data: {\"rows\"")) {
                        for (JsonElement r : com.google.gson.JsonParser.parseString(line.substring(6)).getAsJsonObject().getAsJsonArray("rows")) {
                            seen.add(r.getAsJsonObject().get("device").getAsString());
                        }
                    }
                }
                long ms = (System.nanoTime() - start) / 1_000_000;
                assertTrue(events <= ms / 250 + 2, events + " events in " + ms + " ms: not coalesced");
                live.body().close();

                // /metrics, open to the scraper.
                ConsoleHarness.Reply metrics = anonymous.get("/metrics");
                assertEquals(200, metrics.status());
                assertTrue(metrics.type().startsWith("text/plain; version=0.0.4"), metrics.type());
                String text = metrics.body();
                for (String line : List.of("newsstand_kiosks{state=\"online\"} 103", "newsstand_kiosks{state=\"silent\"} 1",
                        "newsstand_kiosks{state=\"offline\"} 2", "newsstand_kiosks_silent 1", "newsstand_panels_failing 1",
                        "newsstand_kiosks_behind{publication=\"" + PUBLICATION + "\"} 1", "newsstand_console_following 1",
                        "# TYPE newsstand_console_commands_total counter", "# TYPE newsstand_console_heap_bytes gauge")) {
                    assertTrue(text.lines().anyMatch(l -> l.equals(line)), line + " in:\n" + text);
                }
                assertTrue(text.lines().anyMatch(l -> l.matches("newsstand_console_rss_bytes [1-9][0-9]+")), text);
                assertFalse(text.contains("k-ok"), "no device ids in the metrics");
            }
        }
    }

    @Test
    void theConsoleFollowsTheFleetAgainAfterItsBrokerDiesOnTheNextBrokerAndBack() throws Exception {
        try (Mosquitto one = new Mosquitto(dir.resolve("one")); Mosquitto two = new Mosquitto(dir.resolve("two"))) {
            Instant now = Instant.now();
            try (TestMqtt m = TestMqtt.connect(one.url(), null, null)) {
                status(m, "k-one", true, now, false, null);
            }
            try (TestMqtt m = TestMqtt.connect(two.url(), null, null)) {
                status(m, "k-two", true, now, false, null);
            }
            one.save();
            try (Console console = console(one.url() + "," + two.url())) {
                ConsoleHarness.Api viewer = new ConsoleHarness.Api("http://127.0.0.1:" + console.port()).login("viewer");
                await("k-one from the first broker", () -> devices(viewer.get("/api/fleet").json()).contains("k-one") ? true : null);

                one.kill();
                await("k-two from the second broker", () -> devices(viewer.get("/api/fleet").json()).contains("k-two") ? true : null);
                JsonObject fleet = viewer.get("/api/fleet").json();
                assertTrue(fleet.getAsJsonObject("counters").get("following").getAsBoolean(), fleet.toString());

                one.start();
                two.kill();
                try (TestMqtt m = TestMqtt.connect(one.url(), null, null)) {
                    status(m, "k-one", false, now, false, null);
                }
                await("k-one offline, heard on the first broker again", () -> {
                    JsonObject row = find(viewer.get("/api/fleet").json(), "k-one");
                    return row != null && row.get("state").getAsString().equals("offline") ? true : null;
                });
                String metrics = new ConsoleHarness.Api("http://127.0.0.1:" + console.port()).get("/metrics").body();
                assertTrue(metrics.contains("newsstand_console_following 1"), metrics);
            }
        }
    }

    private Signer signer() throws Exception {
        Path keys = dir.resolve("keys");
        if (!java.nio.file.Files.exists(keys.resolve("operator.key"))) assertEquals(0, Cli.run("keygen", "--out", keys.toString()).exit());
        Options.KeyOption key = new Options.KeyOption();
        key.key = keys.resolve("operator.key");
        return key.signer();
    }

    /** A console on these brokers (comma-separated) with a viewer, as `newsstand console` starts it. */
    private Console console(String brokers) throws Exception {
        Path data = java.nio.file.Files.createTempDirectory(dir, "console");
        try (ConsoleStore store = ConsoleStore.open(data)) {
            store.putUser("viewer", Role.VIEWER, ConsoleHarness.PASSWORD.toCharArray());
        }
        return Console.start(new Console.Settings(new Broker(brokers, null, null, null), ConsoleHarness.FLEET, signer(), data,
                new InetSocketAddress("127.0.0.1", 0), false, null, null, Duration.ofMinutes(30)));
    }

    /** A retained status as kiosks send it (PROTOCOL.md, "Status"). */
    private static void status(TestMqtt m, String device, boolean online, Instant updated, boolean failing, String issue) throws Exception {
        JsonObject s = new JsonObject();
        s.addProperty("device", device);
        s.addProperty("fleet", ConsoleHarness.FLEET);
        s.addProperty("online", online);
        JsonArray titles = new JsonArray();
        if (issue != null) {
            JsonObject t = new JsonObject();
            t.addProperty("publication", PUBLICATION);
            t.addProperty("issue", issue);
            titles.add(t);
        }
        s.add("titles", titles);
        s.addProperty("screen", "page");
        s.addProperty("publication", PUBLICATION);
        s.addProperty("issue", issue);
        s.addProperty("page", 1);
        s.addProperty("pages", 8);
        s.addProperty("version", "0.1.0");
        s.addProperty("updated", updated.toString());
        JsonObject health = new JsonObject();
        health.addProperty("uptimeS", 3600);
        health.addProperty("heapMb", 12);
        health.addProperty("rssMb", 60);
        health.addProperty("cpuTempC", 48.5);
        health.addProperty("freeStorageMb", device.equals("k-ok") ? 512 : 100);
        JsonObject panel = new JsonObject();
        panel.addProperty("model", "it8951-6in");
        panel.addProperty("failing", failing);
        health.add("panel", panel);
        s.add("health", health);
        m.publish("newsstand/" + ConsoleHarness.FLEET + "/" + device + "/status", s.toString().getBytes(StandardCharsets.UTF_8), 1, true);
    }

    /** Publishes the sample issue as {@code id} of today, with this sequence; returns its id. */
    private String publish(ConsoleHarness h, String id, long n) throws Exception {
        Path pkg = dir.resolve("pkg-" + id);
        TestIssues.write(pkg, id, PUBLICATION, null, 0);
        try (Desk desk = Desk.open(new Broker(h.broker.url(), null, null, null), ConsoleHarness.FLEET, signer())) {
            desk.publish(pkg, new Release(System.currentTimeMillis() + n, Instant.now().plus(Duration.ofDays(2)), null), line -> {});
        }
        return id;
    }

    /** Where the screenshots go: -Dnewsstand.screenshots=DIR to keep them, else the test's folder. */
    private Path shots() throws java.io.IOException {
        return java.nio.file.Files.createDirectories(Path.of(System.getProperty("newsstand.screenshots", dir.toString())));
    }

    private static String row(String device) {
        return "#fleet-table tr[data-device='" + device + "']";
    }

    private static String text(Browser b, String css) {
        List<WebElement> found = b.driver.findElements(By.cssSelector(css));
        return found.isEmpty() ? "" : found.get(0).getText().strip();
    }

    private static List<WebElement> visible(Browser b, String device) {
        return b.driver.findElements(By.cssSelector(row(device))).stream().filter(WebElement::isDisplayed).toList();
    }

    private static List<String> order(Browser b) {
        return b.driver.findElements(By.cssSelector("#fleet-table tbody tr")).stream().filter(WebElement::isDisplayed)
                .map(e -> e.getAttribute("data-device")).toList();
    }

    private static JsonObject find(JsonObject fleet, String device) {
        for (JsonElement e : fleet.getAsJsonArray("kiosks")) {
            if (e.getAsJsonObject().get("device").getAsString().equals(device)) return e.getAsJsonObject();
        }
        return null;
    }

    private static List<String> devices(JsonObject fleet) {
        List<String> out = new ArrayList<>();
        for (JsonElement e : fleet.getAsJsonArray("kiosks")) out.add(e.getAsJsonObject().get("device").getAsString());
        return out;
    }

    interface Attempt<T> {
        T get() throws Exception;
    }

    /** Waits (up to 30 s) until the attempt gives something other than null. */
    private static <T> T await(String what, Attempt<T> attempt) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            T v = attempt.get();
            if (v != null) return v;
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            Mosquitto.sleep(50);
        }
    }
}
