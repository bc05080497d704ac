package newsstand.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import newsstand.app.SampleIssue;
import newsstand.config.PanelModel;
import newsstand.fonts.FontCatalog;
import newsstand.issue.Issue;
import newsstand.issue.IssuePackage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jump lines, folios, the index and the date in the issue's language, on the sample issue in each. */
class FolioTest {
    static Issue sample;
    static FontCatalog fonts;

    @BeforeAll
    static void load(@TempDir Path dir) throws Exception {
        fonts = FontCatalog.scan(List.of());
        SampleIssue.write(dir);
        sample = IssuePackage.read(dir);
        // An English issue is a package like any other.
        Path json = dir.resolve("issue.json");
        Files.writeString(json, Files.readString(json).replace("\"language\": \"zh-Hans\"", "\"language\": \"en\""));
        assertEquals("en", IssuePackage.read(dir).language());
    }

    /** Every line of every page of the sample composed in a language, one string. */
    static String text(String language, PanelModel model) throws Exception {
        String fontLanguage = language.equals("en") ? "zh-Hans" : language;
        List<Page> pages = new Composer(Typography.of(model), fonts.typeface(fontLanguage, false), fonts.typeface(fontLanguage, true))
                .compose(sample.withLanguage(language));
        StringBuilder all = new StringBuilder();
        for (Page p : pages) {
            for (Page.Op op : p.ops) if (op instanceof Page.Text x) all.append(x.line().text()).append('\n');
        }
        return all.toString();
    }

    @Test
    void eachLanguageHasItsPapersWords() throws Exception {
        PanelModel model = PanelModel.IT8951_6IN; // small pages: stories jump
        String hans = text("zh-Hans", model);
        assertTrue(hans.contains("（下转第") && hans.contains("（上接第1版）") && hans.contains("第1版 / 共") && hans.contains("本期导读"), hans);
        String hant = text("zh-Hant", model);
        assertTrue(hant.contains("（下轉第") && hant.contains("（上接第1版）") && hant.contains("本期導讀"), hant);
        assertTrue(!hant.contains("下转") && !hant.contains("本期导读"), hant);
        String ja = text("ja", model);
        assertTrue(ja.contains("面に続く）") && ja.contains("（1面から続く）") && ja.contains("1面 / 全") && ja.contains("きょうの紙面")
                && ja.contains("水曜日") && ja.matches("(?s).*\n第8126期　全\\d+面\n.*"), ja);
        assertTrue(!ja.contains("版") && !ja.contains("星期"), ja);
        String en = text("en", model);
        assertTrue(en.contains("Continued on page ") && en.contains("Continued from page 1") && en.contains("Page 1 of ")
                && en.contains("Inside") && en.contains("Wednesday 10 September 2025"), en);
        assertTrue(!en.contains("版") && !en.contains("下转") && !en.contains("本期导读") && en.matches("(?s).*\n第8126期  \\d+ pages\n.*"), en);
    }
}
