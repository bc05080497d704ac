package newsstand.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import javax.imageio.ImageIO;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Today's issue in a real browser, against a real Mosquitto and two real kiosk processes of two panel models: an
 * editor uploads the fixture page, reads how it was read, sees its pages for both models, publishes it and watches
 * both kiosks take it without a reload, withdraws it with a reason and finds each action in the audit log. The page is
 * looked at in Chinese and in English (screenshots in target/console-issue/).
 */
class ConsoleIssueTest {
    @TempDir Path dir;

    static final Path SHOTS = Path.of("target/console-issue");

    @Test
    void anEditorUploadsPreviewsPublishesAndWithdrawsTheDaysIssue() throws Exception {
        Files.createDirectories(SHOTS);
        Path page = Files.copy(CommandsTest.FIXTURE, dir.resolve("qingdao-daily-2025-09-10.txt"));
        KioskProcess a = null, b = null;
        try (ConsoleHarness h = new ConsoleHarness(dir); Browser br = new Browser(dir, "zh")) {
            a = h.kiosk("kiosk-a", "it8951-6in");
            b = h.kiosk("kiosk-b", "waveshare-7in5-v2");
            ConsoleHarness.Api viewer = h.api().login("viewer");
            DeliveryTest.await("both kiosks' models in the console", 30, () -> {
                try {
                    return viewer.get("/api/issues").json().getAsJsonArray("models").size() == 2;
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            br.login(h.base, "editor", ConsoleHarness.PASSWORD);
            br.find("#who");
            br.open(h.base + "/#/issue");

            // Upload the page: its explain view.
            br.find("#text-file").sendKeys(page.toAbsolutePath().toString());
            br.find("#text-send").click();
            br.await("the explain view", 30, () -> !br.driver.findElements(By.cssSelector("#explain-blocks tr[data-kind=headline]")).isEmpty());
            String explain = br.find("#explain-blocks").getText();
            assertTrue(explain.contains("标题") && explain.contains("署名") && explain.contains("接续段落"), explain);
            assertTrue(br.find("#explain-articles").findElements(By.tagName("li")).size() == 8);
            String upload = br.driver.getCurrentUrl().replaceFirst(".*#/issue/", "");

            // The previews for both models, side by side.
            try {
                scroll(br, "#explain");
                br.screenshot(SHOTS.resolve("issue-zh-explain.png"));
                for (String model : new String[] {"it8951-6in", "waveshare-7in5-v2"}) {
                    br.await("the pages for " + model, 40, () -> (Boolean) ((JavascriptExecutor) br.driver).executeScript(
                            "const i = document.querySelectorAll('.preview-column[data-model=\"" + model + "\"] img');"
                                    + "return i.length > 1 && i[0].complete && i[0].naturalWidth > 0 && i[1].complete && i[1].naturalWidth > 0;"));
                }
            } catch (AssertionError e) {
                br.screenshot(SHOTS.resolve("failed.png"));
                throw e;
            }
            scroll(br, "#preview-section");
            br.screenshot(SHOTS.resolve("issue-zh-previews.png"));
            Path png = h.dir.resolve("console/uploads/" + upload + "/previews");
            Files.copy(png.resolve("it8951-6in/1.png"), SHOTS.resolve("preview-it8951-6in-1.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.copy(png.resolve("waveshare-7in5-v2/1.png"), SHOTS.resolve("preview-waveshare-7in5-v2-1.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            br.find(".preview-column[data-model=\"it8951-6in\"] img").click();
            br.await("the enlarged page", 10, () -> br.find("#page-large").isDisplayed());
            br.screenshot(SHOTS.resolve("issue-zh-enlarged.png"));
            br.find("#page-large").click();

            // Publish to the fleet: both kiosks' rows turn to it without a reload.
            br.await("both kiosks listed", 20, () -> br.driver.findElements(By.cssSelector("#publish-devices input")).size() == 2);
            click(br, "#publish-submit");
            br.await("the upload published", 60, () -> text(br, "#upload-state", "className").contains("state-published"));
            for (String k : new String[] {"kiosk-a", "kiosk-b"}) {
                br.await(k + " showing the issue", 90, () -> !br.driver.findElements(By.cssSelector("#issue-kiosk-rows tr[data-device=" + k + "][data-state=shows]")).isEmpty());
            }
            assertTrue(text(br, "#publish-log", "textContent").contains("完成:"), text(br, "#publish-log", "textContent"));
            assertTrue(br.find("#title-table").getText().length() > 0);
            scroll(br, "#upload-detail");
            br.screenshot(SHOTS.resolve("issue-zh-published.png"));

            // The kiosk part compares a kiosk's screenshot with this console's own page: the same pixels.
            ConsoleHarness.Api editor = h.api().login("editor");
            assertEquals(200, editor.post("/api/kiosks/kiosk-a/screenshot", "{}").status());
            DeliveryTest.await("kiosk-a's screenshot", 40, () -> get(editor, "/api/kiosks/kiosk-a/expected.png").status() == 200);
            BufferedImage shot = ImageIO.read(new ByteArrayInputStream(get(editor, "/api/kiosks/kiosk-a/screenshot.png").bytes()));
            BufferedImage expected = ImageIO.read(new ByteArrayInputStream(get(editor, "/api/kiosks/kiosk-a/expected.png").bytes()));
            ImageIO.write(shot, "png", SHOTS.resolve("kiosk-a-screenshot.png").toFile());
            assertEquals(800, expected.getWidth());
            // The same pixels above the footer, where the kiosk draws its banner over the page (this 2025 issue is stale).
            KioskProcessTest.assertSamePixels(expected.getSubimage(0, 0, 800, 500), shot.getSubimage(0, 0, 800, 500));

            // Withdraw it, with a reason and a confirmation.
            click(br, "#withdraw-open");
            br.find("#withdraw-reason").sendKeys("报头日期有误");
            click(br, "#withdraw-confirm");
            br.await("the upload withdrawn", 30, () -> text(br, "#upload-state", "className").contains("state-withdrawn"));
            for (String k : new String[] {"kiosk-a", "kiosk-b"}) {
                br.await(k + " without the issue", 60, () -> !br.driver.findElements(By.cssSelector("#issue-kiosk-rows tr[data-device=" + k + "][data-state=removed]")).isEmpty());
            }

            // In English too.
            br.find("#lang").click();
            br.await("the page in English", 20, () -> text(br, "#upload-state", "textContent").contains("withdrawn"));
            br.await("the previews again", 30, () -> (Boolean) ((JavascriptExecutor) br.driver).executeScript(
                    "const i = document.querySelectorAll('.preview-column img'); return i.length > 0 && i[0].complete && i[0].naturalWidth > 0;"));
            scroll(br, "#upload-detail");
            br.screenshot(SHOTS.resolve("issue-en-withdrawn.png"));
            scroll(br, "#preview-section");
            br.screenshot(SHOTS.resolve("issue-en-previews.png"));

            // The audit log has each action.
            br.open(h.base + "/#/audit");
            br.await("the audit log", 20, () -> text(br, "#audit-lines", "textContent").contains("withdraw"));
            String audit = br.find("#audit-lines").getText();
            assertTrue(audit.contains("upload text") && audit.contains("publish") && audit.contains("报头日期有误"), audit);
            br.screenshot(SHOTS.resolve("audit-en.png"));

            // A viewer sees the uploads and their pages, and nothing to upload, publish or withdraw with.
            br.find("#logout").click();
            br.login(h.base, "viewer", ConsoleHarness.PASSWORD);
            br.find("#who");
            br.open(h.base + "/#/issue/" + upload);
            br.await("the viewer's previews", 30, () -> !br.driver.findElements(By.cssSelector(".preview-column img")).isEmpty());
            assertTrue(br.driver.findElements(By.cssSelector("#upload-text, #upload-package, #publish-form, #withdraw-open")).isEmpty());
            assertTrue(text(br, "#upload-list", "textContent").contains("qingdao-daily-2025-09-10"));
        } finally {
            if (a != null) a.kill();
            if (b != null) b.kill();
        }
    }

    static void scroll(Browser br, String css) {
        ((JavascriptExecutor) br.driver).executeScript("arguments[0].scrollIntoView()", br.find(css));
    }

    static ConsoleHarness.Reply get(ConsoleHarness.Api api, String path) {
        try {
            return api.get(path);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Clicks an element scrolled to the middle of the window, clear of the sticky header. */
    static void click(Browser br, String css) {
        ((JavascriptExecutor) br.driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", br.find(css));
        br.find(css).click();
    }

    /** A property of the element found now ("" when there is none): the page redraws parts, so no element is kept. */
    static String text(Browser br, String css, String property) {
        Object v = ((JavascriptExecutor) br.driver).executeScript("const e = document.querySelector(arguments[0]); return e ? String(e[arguments[1]]) : ''", css, property);
        return String.valueOf(v);
    }
}
