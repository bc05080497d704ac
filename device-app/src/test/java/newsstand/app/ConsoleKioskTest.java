package newsstand.app;

import static newsstand.app.ConsoleAccountsTest.assertBad;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * A kiosk from the console, and remote commands: two real kiosk processes with simulated panels of two models
 * (it8951-6in, 16 greys; waveshare-7in5-v2, black and white) on a real Mosquitto, an issue published to both, then the
 * kiosk page in a real browser (a show command answered, a fresh screenshot with the very pixels of the page asked
 * for, events live, a command to both kiosks from the shared command panel) and the API's refusals (roles, bad input)
 * with everything audited. One fleet for both tests: starting two kiosks and publishing is the slow part.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleKioskTest {
    @TempDir static Path dir;
    ConsoleHarness h;
    KioskProcess a;
    KioskProcess b;
    Path issue;
    String publication;

    @BeforeAll
    void fleetWithAnIssue() throws Exception {
        h = new ConsoleHarness(dir);
        a = h.kiosk("kiosk-a", "it8951-6in");
        b = h.kiosk("kiosk-b", "waveshare-7in5-v2");
        issue = TestIssues.write(dir.resolve("issue"), "qd-1", 0);
        Cli published = Cli.run("publish", "--broker", h.broker.url(), "--fleet", ConsoleHarness.FLEET, "--key", dir.resolve("keys/operator.key").toString(),
                "--issue", issue.toString(), "--sequence", "100");
        assertEquals(0, published.exit(), published.out() + published.err());
        ConsoleHarness.Api viewer = h.api().login("viewer");
        for (String k : List.of("kiosk-a", "kiosk-b")) {
            DeliveryTest.await(k + " shows the front page, as the console sees it", 60, () -> {
                JsonObject s = status(viewer, k);
                return s != null && "page".equals(text(s, "screen")) && "1".equals(text(s, "page"));
            });
        }
        publication = text(status(viewer, "kiosk-a"), "publication");
    }

    @AfterAll
    void stop() throws Exception {
        if (a != null) a.kill();
        if (b != null) b.kill();
        if (h != null) h.close();
    }

    static JsonObject status(ConsoleHarness.Api api, String device) {
        try {
            ConsoleHarness.Reply r = api.get("/api/kiosks/" + device);
            if (r.status() != 200) return null;
            JsonObject o = r.json();
            return o.get("status").isJsonObject() ? o.getAsJsonObject("status") : null;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static String text(JsonObject o, String field) {
        return o == null || !o.has(field) || o.get(field).isJsonNull() ? null : o.get(field).getAsString();
    }

    /** The frame the kiosk's simulated panel was handed last. */
    BufferedImage lastFrame(String device) throws Exception {
        List<String> refreshes = Files.readAllLines(dir.resolve(device + "-panel/refresh.log"));
        String last = refreshes.get(refreshes.size() - 1);
        return ImageIO.read(dir.resolve(device + "-panel").resolve(last.substring(last.lastIndexOf(' ') + 1)).toFile());
    }

    @Test
    @Order(1)
    void fromTheKioskPageAShowIsAnsweredAndTheFreshScreenshotIsThePageAskedFor() throws Exception {
        ConsoleHarness.Api admin = h.api().login("admin");
        try (Browser br = new Browser(dir, "en")) {
            br.login(h.base, "admin", ConsoleHarness.PASSWORD);
            br.await("the header", 20, () -> br.find("#who").getText().contains("admin"));
            br.open(h.base + "/#/kiosk/kiosk-a");
            br.await("kiosk-a's state", 20, () -> br.find("#kiosk-facts").getText().contains("page 1 of")
                    && br.find("#kiosk-facts").getText().contains("it8951-6in") && br.find("#kiosk-online").getText().equals("online"));

            // show, from the kiosk's own command panel: its answer arrives in the list, live.
            WebElement panel = br.find(".commands[data-targets='kiosk-a']");
            new Select(panel.findElement(By.name("command"))).selectByValue("show");
            WebElement pub = panel.findElement(By.name("publication"));
            pub.clear();
            pub.sendKeys(publication);
            WebElement page = panel.findElement(By.name("page"));
            page.clear();
            page.sendKeys("3");
            panel.findElement(By.cssSelector("button[type=submit]")).click();
            WebElement answer = br.await("kiosk-a's answer", 30, () -> {
                var rows = panel.findElements(By.cssSelector("tr[data-device='kiosk-a'][data-result='done']"));
                return rows.isEmpty() ? null : rows.get(0);
            });
            assertTrue(answer.getText().contains("shows " + publication + " qd-1 page 3 of"), answer.getText());
            br.await("the command's event among the recent events, live", 20,
                    () -> !br.driver.findElements(By.cssSelector("#kiosk-events tr[data-event='command']")).isEmpty());
            br.await("kiosk-a's state on page 3", 20, () -> br.find("#kiosk-facts").getText().contains("page 3 of"));

            // A fresh screenshot: the very pixels of page 3 as the kiosk drew it, and as `newsstand render` makes it.
            br.find("#kiosk-fresh").click();
            br.await("the screenshot on the page", 40, () -> {
                var img = br.driver.findElements(By.cssSelector("#kiosk-shot img"));
                return !img.isEmpty() && Boolean.TRUE.equals(br.driver.executeScript("return arguments[0].complete && arguments[0].naturalWidth === 800", img.get(0)));
            });
            ConsoleHarness.Reply png = admin.get("/api/kiosks/kiosk-a/screenshot.png");
            assertEquals(200, png.status());
            assertEquals("image/png", png.type());
            BufferedImage shot = ImageIO.read(new ByteArrayInputStream(png.bytes()));
            KioskProcessTest.assertSamePixels(lastFrame("kiosk-a"), shot);
            Path rendered = dir.resolve("rendered-6in");
            Cli render = Cli.run("render", "--issue", issue.toString(), "--out", rendered.toString(), "--panel", "it8951-6in");
            assertEquals(0, render.exit(), render.err());
            KioskProcessTest.assertSamePixels(ImageIO.read(rendered.resolve("page-003.png").toFile()), shot);
            assertTrue(br.find("#kiosk-shot-note").getText().contains("admin"), br.find("#kiosk-shot-note").getText());
            assertEquals("Not rendered here: the issue was not uploaded to this console.", br.find("#kiosk-expected-missing").getText());
            JsonObject detail = admin.get("/api/kiosks/kiosk-a").json();
            JsonObject expected = detail.getAsJsonObject("screenshot").getAsJsonObject("expected");
            assertEquals("qd-1", expected.get("issue").getAsString());
            assertEquals(3, expected.get("page").getAsInt());
            assertEquals("it8951-6in", expected.get("model").getAsString());
            assertBad(admin.get("/api/kiosks/kiosk-a/expected.png"), 404, "not rendered here: issue qd-1 was not uploaded to this console");
            assertTrue(Files.isRegularFile(dir.resolve("console/screenshots/kiosk-a").resolve(detail.getAsJsonObject("screenshot").get("name").getAsString() + ".png")));
            br.driver.executeScript("window.scrollTo(0, 0)");
            br.screenshot(kept("kiosk-en.png"));
            br.driver.executeScript("window.scrollTo(0, document.body.scrollHeight)");
            br.screenshot(kept("kiosk-en-below.png"));

            // The same panel for two kiosks, as the fleet view inserts it: both answers arrive.
            br.driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                    + "import('/static/commands.js').then(m => { const p = m.commandPanel(['kiosk-a', 'kiosk-b']); p.id = 'both';"
                    + " document.getElementById('view').append(p); done(); });");
            WebElement both = br.find("#both");
            new Select(both.findElement(By.name("command"))).selectByValue("refresh");
            both.findElement(By.cssSelector("button[type=submit]")).click();
            br.await("both kiosks' answers", 30, () -> both.findElements(By.cssSelector("tr[data-result='done']")).size() == 2);
            br.await("the round's end", 30, () -> both.findElement(By.cssSelector(".cmd-status")).getText().contains("done 2 of 2"));
            assertEquals(List.of("kiosk-a", "kiosk-b"), both.findElements(By.cssSelector("tr[data-device]")).stream()
                    .map(e -> e.getAttribute("data-device")).sorted().toList());
            br.screenshot(kept("kiosk-both-en.png"));

            // In Chinese.
            br.find("#lang").click();
            br.await("kiosk-a's page in Chinese", 20, () -> br.find("#kiosk-facts").getText().contains("第 3 版"));
            br.open(h.base + "/#/kiosk/kiosk-b");
            br.await("kiosk-b's page in Chinese", 20, () -> br.find("#kiosk-facts").getText().contains("第 1 版")
                    && br.find("#kiosk-online").getText().equals("在线"));
            br.find("#kiosk-fresh").click();
            br.await("kiosk-b's screenshot", 40, () -> {
                var img = br.driver.findElements(By.cssSelector("#kiosk-shot img"));
                return !img.isEmpty() && Boolean.TRUE.equals(br.driver.executeScript("return arguments[0].complete && arguments[0].naturalWidth === 800", img.get(0)));
            });
            assertEquals("此处无法渲染：该期报纸没有上传到本控制台。", br.find("#kiosk-expected-missing").getText());
            br.driver.executeScript("window.scrollTo(0, 0)");
            br.screenshot(kept("kiosk-zh.png"));
            BufferedImage bw = ImageIO.read(new ByteArrayInputStream(admin.get("/api/kiosks/kiosk-b/screenshot.png").bytes()));
            KioskProcessTest.assertSamePixels(lastFrame("kiosk-b"), bw);
            assertEquals(1, bw.getColorModel().getPixelSize(), "black and white: 1 bit a pixel");
        }
        String audit = admin.get("/api/audit").body();
        assertTrue(audit.contains("\"user\":\"admin\",\"action\":\"command\",\"targets\":\"kiosk-a\",\"detail\":\"show " + publication + " 3 (id "), audit);
        assertTrue(audit.contains("\"action\":\"command result\",\"targets\":\"kiosk-a, kiosk-b\",\"detail\":\"refresh (id "), audit);
        assertTrue(audit.contains("\"result\":\"done 2 of 2\""), audit);
        assertTrue(audit.contains("\"action\":\"command\",\"targets\":\"kiosk-b\",\"detail\":\"screenshot (id "), audit);
    }

    @Test
    @Order(2)
    void theApiRefusesOtherRolesAndBadInputAndDoesNothing() throws Exception {
        ConsoleHarness.Api viewer = h.api().login("viewer");
        ConsoleHarness.Api editor = h.api().login("editor");
        ConsoleHarness.Api admin = h.api().login("admin");
        String show = "{\"targets\":[\"kiosk-a\"],\"command\":\"show\",\"args\":[\"" + publication + "\",\"2\"]}";
        int commandsBefore = countCommands(admin);

        // Roles: only admins command; an editor may take a screenshot (it changes nothing), a viewer may not.
        assertBad(viewer.post("/api/commands", show), 403, "needs a admin");
        assertBad(editor.post("/api/commands", show), 403, "user editor is a editor");
        assertBad(viewer.post("/api/kiosks/kiosk-b/screenshot", "{}"), 403, "viewer");

        // Bad input: a message naming the field and what is allowed, and nothing sent.
        assertBad(admin.post("/api/commands", "{\"targets\":[\"kiosk-a\"],\"command\":\"dance\"}"), 400,
                "'command' 'dance' is not allowed (allowed: show, refresh, resync, set, restart, clear, notice, cancel-notice)");
        assertBad(admin.post("/api/commands", "{\"targets\":[\"kiosk-a\"],\"command\":\"show\"}"), 400, "show takes PUBLICATION [PAGE]");
        assertBad(admin.post("/api/commands", "{\"targets\":[\"kiosk-a\"],\"command\":\"show\",\"args\":[\"" + publication + "\",\"x\"]}"), 400,
                "show: page 'x' (allowed: 1 to 999)");
        assertBad(admin.post("/api/commands", "{\"targets\":[\"kiosk-a\"],\"command\":\"refresh\",\"args\":[\"now\"]}"), 400, "refresh takes no arguments");
        assertBad(admin.post("/api/commands", "{\"targets\":[\"kiosk-a\"],\"command\":\"set\",\"args\":[\"storage.path=/tmp/x\"]}"), 400,
                "allowed: KEY=VALUE, KEY one of panel.full-refresh-every, kiosk.hours, kiosk.idle.seconds, kiosk.titles, kiosk.rotate.seconds");
        assertBad(admin.post("/api/commands", "{\"targets\":[\"kiosk-a\"],\"command\":\"set\",\"args\":[\"kiosk.titles=qd, ev@16:00-25:00/60s\"]}"), 400,
                "kiosk.titles: 'ev@16:00-25:00/60s': hours '16:00-25:00': not HH:MM-HH:MM");
        assertBad(admin.post("/api/commands", "{\"targets\":[\"kiosk-a\"],\"command\":\"screenshot\"}"), 400, "POST /api/kiosks/ID/screenshot");
        assertBad(admin.post("/api/commands", "{\"targets\":\"kiosk-a\",\"command\":\"refresh\"}"), 400, "'targets' must be a list");
        assertBad(admin.post("/api/commands", "{\"targets\":[7],\"command\":\"refresh\"}"), 400, "'targets' holds 7, which is not text");
        assertBad(admin.post("/api/commands", "{\"targets\":[],\"command\":\"refresh\"}"), 400, "'targets' has 0 entries");
        assertBad(admin.post("/api/commands", "{\"command\":\"refresh\"}"), 400, "'targets' is missing");
        assertBad(admin.post("/api/commands", "{\"targets\":[\"kiosk-a\"]}"), 400, "'command' is missing");
        assertBad(admin.post("/api/commands", "{\"targets\":[\"kiosk-a\"],\"command\":5}"), 400, "'command' must be text");
        assertBad(admin.post("/api/commands", "{\"targets\":[\"kiosk-a\"],\"command\":\"show\",\"args\":\"" + publication + "\"}"), 400, "'args' must be a list");
        assertBad(admin.post("/api/commands", "{\"targets\":[\"kiosk-a\"],\"command\":\"refresh\",\"wait\":\"10\"}"), 400, "'wait' \"10\" is not allowed");
        assertBad(admin.post("/api/commands", "{\"targets\":[\"kiosk-a\"],\"command\":\"refresh\",\"wait\":9999}"), 400, "allowed: a whole number, 1 to 600");
        assertBad(admin.post("/api/commands", "{\"targets\":[\"*\",\"kiosk-a\"],\"command\":\"refresh\"}"), 400, "\"*\" stands alone");
        assertBad(admin.post("/api/commands", "{\"targets\":[\"kiosk-a\",\"kiosk-a\"],\"command\":\"refresh\"}"), 400, "names kiosk-a twice");
        assertBad(admin.post("/api/commands", "{\"targets\":[\"nobody\"],\"command\":\"refresh\"}"), 404, "no kiosk nobody in fleet qd");
        assertBad(admin.post("/api/commands", "{\"targets\":[\"../kiosk-a\"],\"command\":\"refresh\"}"), 400, "kiosk id '../kiosk-a' is not allowed");
        assertBad(admin.post("/api/commands", "{\"targets\":[\"kiosk-a\"],"), 400, "not JSON");
        assertBad(admin.post("/api/kiosks/nobody/screenshot", "{}"), 404, "no kiosk nobody");
        assertBad(admin.post("/api/kiosks/%2e%2e/screenshot", "{}"), 400, "kiosk id '..' is not allowed");
        assertBad(viewer.get("/api/kiosks/nobody"), 404, "no kiosk nobody in fleet qd");
        assertBad(viewer.get("/api/kiosks/%2e%2e"), 400, "kiosk id '..' is not allowed (allowed: 1 to 64 of a-z");
        assertBad(viewer.get("/api/kiosks/kiosk-a/screenshot.png?at=../../console.db"), 400, "'at' '../../console.db' is not allowed");
        assertBad(viewer.get("/api/kiosks/kiosk-a/screenshot.png?at=20000101T000000.000Z"), 404, "no screenshot 20000101T000000.000Z");
        assertBad(viewer.get("/api/kiosks/%2e%2e/screenshot.png"), 400, "is not allowed");
        assertFalse(viewer.get("/api/kiosks/..%2F..%2Fconsole.db/screenshot.png").type().startsWith("image/"));
        assertBad(viewer.get("/api/commands/no-such-command"), 404, "no command no-such-command");
        assertEquals(commandsBefore, countCommands(admin), "a refused command was sent or audited");

        // A viewer's kiosk page: the state, but no screenshot button nor commands to send.
        try (Browser br = new Browser(dir, "zh-CN")) {
            br.login(h.base, "viewer", ConsoleHarness.PASSWORD);
            br.await("the header", 20, () -> br.find("#who").getText().contains("viewer"));
            br.open(h.base + "/#/kiosk/kiosk-b");
            br.await("kiosk-b's page", 20, () -> br.find("#kiosk-facts").getText().contains("waveshare-7in5-v2"));
            assertEquals("true", br.find("#kiosk-fresh").getAttribute("disabled"));
            assertTrue(br.find(".commands").getText().contains("只有管理员可以向报亭发送命令。"), br.find(".commands").getText());
            assertEquals("true", br.find(".commands button[type=submit]").getAttribute("disabled"));
            br.driver.executeScript("window.scrollTo(0, document.body.scrollHeight)");
            br.screenshot(kept("kiosk-viewer-zh.png"));
        }

        // An editor's screenshot goes through; a set with a value the kiosk's rules refuse comes back failed, with the rule.
        String shotId = editor.post("/api/kiosks/kiosk-b/screenshot", "{}").json().get("id").getAsString();
        JsonObject set = admin.post("/api/commands", "{\"targets\":[\"kiosk-b\"],\"command\":\"set\",\"args\":[\"kiosk.idle.seconds=2\"],\"wait\":20}").json();
        String setId = set.get("id").getAsString();
        assertEquals("set kiosk.idle.seconds=2", set.get("line").getAsString());
        JsonObject round = finished(viewer, setId);
        JsonObject answer = round.getAsJsonArray("answers").get(0).getAsJsonObject();
        assertEquals("failed", answer.get("result").getAsString(), round.toString());
        assertTrue(answer.get("message").getAsString().contains("kiosk.idle.seconds = 2 is not allowed (allowed: 0 (never) or 5 to 86400"), answer.toString());
        assertEquals("done 1 of 1", finished(viewer, shotId).get("summary").getAsString());
        String audit = admin.get("/api/audit?limit=20").body();
        assertTrue(audit.contains("\"user\":\"editor\",\"action\":\"command\",\"targets\":\"kiosk-b\",\"detail\":\"screenshot (id " + shotId), audit);
        assertTrue(audit.contains("\"action\":\"command result\",\"targets\":\"kiosk-b\",\"detail\":\"set kiosk.idle.seconds=2 (id " + setId
                + ")\",\"result\":\"done 0 of 1; kiosk-b failed: kiosk.idle.seconds = 2 is not allowed"), audit);
    }

    @Test
    @Order(3)
    void afterTheBrokerRestartsTheConsoleFollowsTheEventsAgain() throws Exception {
        ConsoleHarness.Api admin = h.api().login("admin");
        h.broker.kill();
        h.broker.start();
        // A command connects the desk anew; the kiosk is back when its back-off lets it.
        DeliveryTest.await("kiosk-a answering a command after the broker's restart", 90, () -> "done".equals(refreshed(admin)[1]));
        // The console follows the fleet's events again within a few seconds: a command's event is among kiosk-a's.
        DeliveryTest.await("a command's event kept after the broker's restart", 30, () -> {
            String id = refreshed(admin)[0];
            long until = System.nanoTime() + 5_000_000_000L;
            while (System.nanoTime() < until) {
                if (events(admin, "kiosk-a").contains("\"commandId\":\"" + id + "\"")) return true;
                Mosquitto.sleep(100);
            }
            return false;
        });
    }

    /** Sends kiosk-a a refresh and waits for its round: the command's id and kiosk-a's result (null: none). */
    static String[] refreshed(ConsoleHarness.Api admin) {
        try {
            ConsoleHarness.Reply r = admin.post("/api/commands", "{\"targets\":[\"kiosk-a\"],\"command\":\"refresh\",\"wait\":5}");
            assertEquals(200, r.status(), r.body());
            String id = r.json().get("id").getAsString();
            var answers = finished(admin, id).getAsJsonArray("answers");
            return new String[] {id, answers.isEmpty() ? null : text(answers.get(0).getAsJsonObject(), "result")};
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static String events(ConsoleHarness.Api api, String device) {
        try {
            return api.get("/api/kiosks/" + device).json().getAsJsonArray("events").toString();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Where a screenshot of the page is kept to be looked at: target/console-screenshots/ (the build's folder). */
    static Path kept(String name) throws Exception {
        Path folder = Path.of("target", "console-screenshots");
        Files.createDirectories(folder);
        return folder.resolve(name);
    }

    /** A command's round, waited for until it ended. */
    static JsonObject finished(ConsoleHarness.Api api, String id) {
        JsonObject[] round = new JsonObject[1];
        DeliveryTest.await("command " + id + " to end", 40, () -> {
            try {
                round[0] = api.get("/api/commands/" + id).json();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            return round[0].get("finished").getAsBoolean();
        });
        return round[0];
    }

    static int countCommands(ConsoleHarness.Api api) throws Exception {
        int n = 0;
        for (var line : api.get("/api/audit?limit=1000").json().getAsJsonArray("lines")) {
            if (line.getAsJsonObject().get("action").getAsString().startsWith("command")) n++;
        }
        return n;
    }
}
