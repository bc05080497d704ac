package newsstand.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import newsstand.app.SampleIssue;
import newsstand.config.PanelModel;
import newsstand.issue.Issue;
import newsstand.issue.IssuePackage;
import newsstand.layout.IssueRenderer;
import newsstand.layout.LayoutDump;
import newsstand.layout.Page;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the kiosk's own screens say, read from the text they draw (the layout dump), at every panel model. */
class ScreensTest {
    static IssueRenderer r;
    static Issue issue;

    @BeforeAll
    static void open(@TempDir Path dir) throws Exception {
        r = IssueRenderer.open("zh-Hans");
        SampleIssue.write(dir);
        issue = IssuePackage.read(dir);
    }

    /** Each line drawn on a screen: kind, text, box. */
    static List<JsonObject> lines(Page screen, PanelModel model) {
        JsonObject dump = JsonParser.parseString(LayoutDump.json(List.of(screen), model)).getAsJsonObject();
        List<JsonObject> lines = new ArrayList<>();
        for (JsonElement e : dump.getAsJsonArray("pages").get(0).getAsJsonObject().getAsJsonArray("lines")) lines.add(e.getAsJsonObject());
        return lines;
    }

    static String text(List<JsonObject> lines) {
        return String.join("\n", lines.stream().map(l -> l.get("text").getAsString()).toList());
    }

    @Test
    void theWaitingAndFaultScreensTellAPasserByWhatToDoAndTheTechnicianTheDeviceInSmallPrintWithoutTheBroker() {
        for (PanelModel model : PanelModel.values()) {
            List<Page> screens = List.of(Screens.waiting(r, model, Help.of("kiosk-001"), "haibin-daily-2025-09-10 40%", null),
                    Screens.fault(r, model, Help.of("kiosk-001"), "F2", "the stored issues cannot be shown (haibin-daily-2025-09-10)"));
            for (Page screen : screens) {
                List<JsonObject> lines = lines(screen, model);
                String all = text(lines);
                assertTrue(all.contains("请稍后再来"), model.id() + ": what a reader can do, in Chinese: " + all);
                assertTrue(all.contains("come back"), model.id() + ": and in English: " + all);
                for (String infrastructure : List.of("://", "broker", "fleet", "mqtt", "example.org", "8883")) {
                    assertFalse(all.toLowerCase().contains(infrastructure), model.id() + ": " + infrastructure + " on a public screen: " + all);
                }
                List<JsonObject> small = lines.stream().filter(l -> l.get("kind").getAsString().equals("footnote")).toList();
                String print = text(small).replace('\n', ' '); // lines wrap beside the QR code
                assertTrue(print.contains("kiosk-001") && print.contains("newsstand doctor"), model.id() + ": the small print: " + print);
                int body = lines.stream().filter(l -> !l.get("kind").getAsString().equals("footnote")).mapToInt(l -> l.get("px").getAsInt()).min().orElseThrow();
                int bodyFoot = lines.stream().filter(l -> !l.get("kind").getAsString().equals("footnote")).mapToInt(l -> l.get("y").getAsInt() + l.get("height").getAsInt()).max().orElseThrow();
                for (JsonObject l : small) {
                    assertTrue(l.get("px").getAsInt() < body, model.id() + ": small print is smaller than the text for readers");
                    assertTrue(l.get("y").getAsInt() >= bodyFoot, model.id() + ": small print at the foot, under the text for readers");
                    assertTrue(l.get("y").getAsInt() + l.get("height").getAsInt() <= model.height(), model.id() + ": small print on the panel");
                    assertTrue(l.get("x").getAsInt() >= 0 && l.get("x").getAsInt() + l.get("width").getAsInt() <= model.width(), model.id() + ": " + l);
                }
            }
            String fault = text(lines(screens.get(1), model));
            assertTrue(fault.contains("F2"), model.id() + ": the fault's code stays for the technician: " + fault);
            assertTrue(text(lines(screens.get(0), model)).contains("40%"), model.id() + ": the download's progress");
        }
    }

    @Test
    void theLongestUrgentNoticeFitsWholeOnEveryPanelAndABandStaysAQuarterOfIt() {
        java.time.Instant t = java.time.Instant.parse("2025-09-10T08:00:00Z");
        String longest = "地铁二号线因设备故障暂停运营，请乘客改乘公交。".repeat(14).substring(0, newsstand.issue.Notice.TEXT_MAX);
        newsstand.issue.Notice urgent = new newsstand.issue.Notice("n-1", newsstand.issue.Notice.Level.URGENT, "二号线暂停运营，请改乘公交车或出租车", longest, t.plusSeconds(3600), t);
        newsstand.issue.Notice info = new newsstand.issue.Notice("n-2", newsstand.issue.Notice.Level.INFO, "", longest, t.plusSeconds(3600), t);
        for (PanelModel model : PanelModel.values()) {
            List<JsonObject> lines = lines(Screens.urgent(r, model, List.of(urgent, info), java.time.ZoneId.of("Asia/Shanghai"), issue.date()), model);
            String all = text(lines).replace("\n", "");
            assertTrue(all.contains(longest), model.id() + ": the whole text: " + all);
            assertTrue(all.contains("按任意键阅读今日报纸") && all.contains("至 17:00") && all.contains("另有1条通知"), model.id() + ": " + all);
            for (JsonObject l : lines) {
                assertTrue(l.get("y").getAsInt() + l.get("height").getAsInt() <= model.height() && l.get("x").getAsInt() + l.get("width").getAsInt() <= model.width(),
                        model.id() + ": on the panel: " + l);
            }
            int footTop = lines.stream().filter(l -> l.get("text").getAsString().contains("按任意键")).mapToInt(l -> l.get("y").getAsInt()).min().orElseThrow();
            assertTrue(lines.stream().filter(l -> !l.get("text").getAsString().contains("至 17:00") && !l.get("text").getAsString().contains("按任意键"))
                    .allMatch(l -> l.get("y").getAsInt() + l.get("height").getAsInt() <= footTop), model.id() + ": the text above the foot");
            List<JsonObject> band = lines(Screens.band(r, model, List.of(info, urgent)), model);
            String said = text(band).replace("\n", "");
            assertTrue(said.startsWith("通知 Notice（另有1条 +1 more）") && said.endsWith("…"), model.id() + ": cut with an ellipsis: " + said);
            assertTrue(band.stream().allMatch(l -> l.get("y").getAsInt() + l.get("height").getAsInt() <= model.height() / 4), model.id() + ": a quarter of the panel at most");
            // Over the kiosk's own screens: one line, the screen moved down under it, its foot still on the panel.
            for (Page screen : List.of(Screens.home(r, model, List.of(newsstand.layout.ShelfTitle.of(issue)), 0), Screens.waiting(r, model, Help.of("kiosk-001"), null, null),
                    Screens.fault(r, model, Help.of("kiosk-001"), "F2", "the stored issues cannot be shown"))) {
                List<JsonObject> all2 = lines(Screens.withBand(r, model, screen, List.of(info, urgent)), model);
                List<JsonObject> notice = all2.stream().filter(l -> l.get("kind").getAsString().equals("notice")).toList();
                assertEquals(1, notice.size(), model.id() + ": one line: " + text(notice));
                assertTrue(text(notice).endsWith("…"), text(notice));
                int bandFoot = notice.get(0).get("y").getAsInt() + notice.get(0).get("height").getAsInt();
                for (JsonObject l : all2) {
                    if (l.get("kind").getAsString().equals("notice")) continue;
                    assertTrue(l.get("y").getAsInt() >= bandFoot, model.id() + ": under the band: " + l);
                    assertTrue(l.get("y").getAsInt() + l.get("height").getAsInt() <= model.height(), model.id() + ": on the panel: " + l);
                }
            }
        }
    }

    @Test
    void theOfflineAndStaleBannersKeepThePageOfTheTotalThatTheFolioUnderThemSays() {
        for (PanelModel model : PanelModel.values()) {
            List<Page> pages = r.compose(issue, model);
            for (Page page : List.of(pages.get(0), pages.get(pages.size() - 1))) {
                String pageOfTotal = "第" + page.number() + "版 / 共" + pages.size() + "版";
                String folio = text(lines(page, model).stream().filter(l -> l.get("kind").getAsString().equals("folio")).toList());
                assertTrue(folio.contains(pageOfTotal), model.id() + ": the folio " + folio);
                for (Page banner : List.of(Screens.offline(r, model, "08:12", page), Screens.stale(r, model, "2025年9月10日 星期三", page))) {
                    List<JsonObject> lines = lines(banner, model);
                    List<JsonObject> kept = lines.stream().filter(l -> l.get("kind").getAsString().equals("folio")).toList();
                    assertEquals(1, kept.size(), model.id() + ": the page of the total in the banner: " + text(lines));
                    assertEquals(pageOfTotal, kept.get(0).get("text").getAsString());
                    // Both on the panel, the message left of the page number, neither covering the other.
                    int right = model.width();
                    for (JsonObject l : lines) {
                        assertTrue(l.get("x").getAsInt() >= 0 && l.get("x").getAsInt() + l.get("width").getAsInt() <= right, model.id() + ": " + l);
                    }
                    JsonObject message = lines.stream().filter(l -> l.get("kind").getAsString().equals("screen")).findFirst().orElseThrow();
                    assertTrue(message.get("x").getAsInt() + message.get("width").getAsInt() < kept.get(0).get("x").getAsInt(),
                            model.id() + ": the message runs into the page number: " + text(lines));
                }
            }
        }
    }
}
