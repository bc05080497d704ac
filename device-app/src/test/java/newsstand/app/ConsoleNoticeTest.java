package newsstand.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Station notices from the console: a real kiosk process (a black-and-white simulated panel) on a real Mosquitto, and
 * an admin in a real browser who posts a warning from the kiosk's command panel, sees it among the kiosk's notices
 * and on its panel as a band, then takes it down with the notice's own button.
 */
class ConsoleNoticeTest {
    @TempDir Path dir;

    static JsonArray notices(ConsoleHarness.Api api, String device) {
        JsonObject s = ConsoleKioskTest.status(api, device);
        return s == null || !s.has("notices") ? new JsonArray() : s.getAsJsonArray("notices");
    }

    @Test
    void anAdminPostsANoticeFromTheKioskPageAndTakesItDown() throws Exception {
        ConsoleHarness h = new ConsoleHarness(dir);
        KioskProcess a = h.kiosk("kiosk-a", "waveshare-7in5-v2");
        try {
            Cli published = Cli.run("publish", "--broker", h.broker.url(), "--fleet", ConsoleHarness.FLEET, "--key", dir.resolve("keys/operator.key").toString(),
                    "--issue", TestIssues.write(dir.resolve("issue"), "qd-1", 0).toString(), "--sequence", "100");
            assertEquals(0, published.exit(), published.out() + published.err());
            ConsoleHarness.Api viewer = h.api().login("viewer");
            DeliveryTest.await("kiosk-a shows the front page", 60, () -> "1".equals(ConsoleKioskTest.text(ConsoleKioskTest.status(viewer, "kiosk-a"), "page")));
            try (Browser br = new Browser(dir, "en")) {
                br.login(h.base, "admin", ConsoleHarness.PASSWORD);
                br.await("the header", 20, () -> br.find("#who").getText().contains("admin"));
                br.open(h.base + "/#/kiosk/kiosk-a");
                br.await("kiosk-a's state, without notices", 20, () -> br.find("#kiosk-facts").getText().contains("page 1 of")
                        && br.find("#kiosk-facts [data-fact='notices']").getText().equals("none"));

                WebElement panel = br.find(".commands[data-targets='kiosk-a']");
                new Select(panel.findElement(By.name("command"))).selectByValue("notice");
                assertTrue(panel.findElement(By.cssSelector(".cmd-help")).getText().contains("as a band across the top of every page and screen"));
                new Select(panel.findElement(By.name("level"))).selectByValue("warning");
                panel.findElement(By.name("title")).sendKeys("2号线临时调整");
                panel.findElement(By.name("text")).sendKeys("今日18:00起海滨站至中山路站暂停运营，请换乘5路公交。");
                WebElement lasts = panel.findElement(By.name("for"));
                lasts.clear();
                lasts.sendKeys("30");
                new Select(panel.findElement(By.name("unit"))).selectByValue("m");
                panel.findElement(By.cssSelector("button[type=submit]")).click();
                WebElement answer = br.await("kiosk-a's answer", 30, () -> {
                    var rows = panel.findElements(By.cssSelector("tr[data-device='kiosk-a'][data-result='done']"));
                    return rows.isEmpty() ? null : rows.get(0);
                });
                assertTrue(answer.getText().contains("(warning) shown until"), answer.getText());

                // The kiosk shows it: in its status (as the page lists it) and as a black band across its panel.
                JsonObject n = br.await("the notice in kiosk-a's status", 20, () -> notices(viewer, "kiosk-a").isEmpty() ? null
                        : notices(viewer, "kiosk-a").get(0).getAsJsonObject());
                assertEquals("warning", n.get("level").getAsString());
                assertEquals("2号线临时调整", n.get("title").getAsString());
                long minutes = java.time.Duration.between(java.time.Instant.now(), java.time.Instant.parse(n.get("until").getAsString())).toMinutes();
                assertTrue(minutes >= 28 && minutes <= 30, "until in 30 minutes: " + n);
                br.await("the notice on the kiosk's page", 20, () -> br.find("#kiosk-notices").getText().contains("今日18:00起海滨站"));
                assertTrue(NoticeTest.band(lastFrameOf(dir, "kiosk-a")), "a band across the panel");
                JsonObject sent = h.api().login("admin").get("/api/commands/" + n.get("id").getAsString()).json();
                assertEquals("notice", sent.get("command").getAsString());
                long waits = java.time.Duration.between(java.time.Instant.parse(sent.get("issued").getAsString()), java.time.Instant.parse(sent.get("expires").getAsString())).toMinutes();
                assertTrue(waits >= 29 && waits <= 31, "the command waits for a kiosk offline until the notice's end: " + sent);

                // Taken down with its own button: gone from the status, the page and the panel.
                WebElement takeDown = br.find("#kiosk-notices li[data-notice='" + n.get("id").getAsString() + "'] button.take-down");
                br.driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", takeDown);
                takeDown.click();
                DeliveryTest.await("the notice gone from kiosk-a's status", 20, () -> notices(viewer, "kiosk-a").isEmpty());
                br.await("the page says none", 20, () -> br.find("#kiosk-facts [data-fact='notices']").getText().equals("none"));
                assertTrue(!NoticeTest.band(lastFrameOf(dir, "kiosk-a")), "the band gone");
            }
        } finally {
            a.kill();
            h.close();
        }
    }

    static java.awt.image.BufferedImage lastFrameOf(Path dir, String device) throws Exception {
        List<String> refreshes = java.nio.file.Files.readAllLines(dir.resolve(device + "-panel/refresh.log"));
        String last = refreshes.get(refreshes.size() - 1);
        return javax.imageio.ImageIO.read(dir.resolve(device + "-panel").resolve(last.substring(last.lastIndexOf(' ') + 1)).toFile());
    }
}
