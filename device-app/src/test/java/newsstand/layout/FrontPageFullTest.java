package newsstand.layout;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newsstand.app.SampleIssue;
import newsstand.config.PanelModel;
import newsstand.fonts.FontCatalog;
import newsstand.fonts.Typeface;
import newsstand.issue.Issue;
import newsstand.issue.IssuePackage;
import newsstand.issue.TextImporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The front page is full whatever its section holds: no column ends more than a few lines above the strip or the
 * footer, also when the front section runs out of stories (then the front takes stories of the other sections,
 * with their jump lines, or teasers: a headline and the page it is on), and nothing on it overlaps. On the sample, the Qingdao fixture and manual pages from manpages-zh, at every panel.
 */
class FrontPageFullTest {
    static Typeface regular;
    static Typeface bold;
    static final Map<String, Issue> issues = new LinkedHashMap<>();
    /**
     * A blank band at a column's foot shorter than this many body lines: less than a teaser needs (a rule, a
     * headline, two lines and the jump line), and less than a fifth of a column on every panel.
     */
    static final int FEW_LINES = 5;

    @BeforeAll
    static void load(@TempDir Path dir) throws Exception {
        FontCatalog fonts = FontCatalog.scan(List.of());
        regular = fonts.typeface("zh-Hans", false);
        bold = fonts.typeface("zh-Hans", true);
        SampleIssue.write(dir);
        issues.put("sample", IssuePackage.read(dir));
        String page = Files.readString(Path.of("../sync/src/test/resources/fixtures/qingdao-daily-2025-09-10.txt"));
        issues.put("fixture", TextImporter.parse(page, "qd-2025-09-10", "qingdao-daily", TextImporter.paperName(page), LocalDate.of(2025, 9, 10)));
        issues.put("man pages", ManPages.issue("ls", "tar", "find", "chmod", "grep"));
        issues.put("more man pages", ManPages.issue("cp", "mv", "rm", "mkdir", "ln", "du", "df", "chown"));
        issues.put("short front", ManPages.issue("mkdir", "ls", "tar"));
    }

    @Test
    void noColumnOfTheFrontPageEndsWithABlankBand() {
        List<String> problems = new ArrayList<>();
        double most = 0;
        for (Map.Entry<String, Issue> e : issues.entrySet()) {
            for (PanelModel model : PanelModel.values()) {
                Typography t = Typography.of(model);
                Page front = new Composer(t, regular, bold).compose(e.getValue()).get(0);
                int foot = t.height() - t.margin() - t.lineHeight(t.small()) - t.small();
                for (Page.Op op : front.ops) {
                    if (op instanceof Page.Text x && x.kind().equals("strip")) foot = Math.min(foot, x.y() - t.small());
                }
                List<Page.Op> texts = front.ops.stream().filter(o -> o instanceof Page.Text).toList();
                for (int i = 0; i < texts.size(); i++) {
                    for (int j = i + 1; j < texts.size(); j++) {
                        Page.Op a = texts.get(i), b = texts.get(j);
                        if (a.x() < b.x() + b.width() && b.x() < a.x() + a.width() && a.y() < b.y() + b.height() && b.y() < a.y() + a.height()) {
                            problems.add(e.getKey() + ", " + model.id() + ": " + ((Page.Text) a).line().text() + " overlaps " + ((Page.Text) b).line().text());
                        }
                    }
                }
                for (int c = 0; c < t.columns(); c++) {
                    int reached = 0;
                    for (Page.Op op : front.ops) {
                        boolean story = op instanceof Page.Picture || op instanceof Page.Text x && (x.articleId() != null || x.kind().equals("teaser"));
                        if (story && t.inColumn(op, c) && op.y() < foot) reached = Math.max(reached, op.y() + op.height());
                    }
                    int blank = foot - reached;
                    most = Math.max(most, blank / (double) t.lineHeight());
                    if (blank >= FEW_LINES * t.lineHeight()) problems.add(e.getKey() + ", " + model.id() + ": column " + (c + 1) + " ends " + blank / t.lineHeight() + " lines above the foot");
                }
            }
        }
        System.out.printf("front pages: the tallest blank band at a column's foot %.1f lines%n", most);
        assertTrue(problems.isEmpty(), problems.size() + " problems:\n" + String.join("\n", problems));
    }
}
