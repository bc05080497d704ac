package newsstand.layout;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import newsstand.app.SampleIssue;
import newsstand.config.PanelModel;
import newsstand.fonts.FontCatalog;
import newsstand.fonts.Typeface;
import newsstand.issue.Article;
import newsstand.issue.Issue;
import newsstand.issue.IssuePackage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComposerTest {
    static Typeface regular;
    static Typeface bold;
    static Issue issue;
    /** The sample issue set horizontally (zh-Hans) and vertically (the same issue marked zh-Hant, TC faces). */
    static List<Case> cases;

    record Case(Issue issue, Typeface regular, Typeface bold) {
        List<Page> compose(Typography t) {
            return new Composer(t, regular, bold).compose(issue);
        }
    }

    @BeforeAll
    static void load(@TempDir Path dir) throws Exception {
        FontCatalog fonts = FontCatalog.scan(List.of());
        regular = fonts.typeface("zh-Hans", false);
        bold = fonts.typeface("zh-Hans", true);
        SampleIssue.write(dir);
        issue = IssuePackage.read(dir);
        Issue hant = issue.withLanguage("zh-Hant");
        cases = List.of(new Case(issue, regular, bold),
                new Case(hant, fonts.typeface("zh-Hant", false), fonts.typeface("zh-Hant", true)));
    }

    @Test
    void columnsAndSizesComeFromThePanel() {
        Typography big = Typography.of(PanelModel.IT8951_10IN3);
        Typography mid = Typography.of(PanelModel.IT8951_13IN3);
        Typography small = Typography.of(PanelModel.WAVESHARE_7IN5_V2);
        assertEquals(32, big.body());
        assertEquals(3, big.columns());
        assertEquals(4, mid.columns());
        assertEquals(2, small.columns());
        for (Typography t : List.of(big, mid, small)) {
            int right = t.columnX(t.columns() - 1) + t.columnWidth();
            assertTrue(right <= t.width() - t.margin(), "columns end inside the margin");
            assertTrue(t.columnWidth() >= 12 * t.body(), "a column holds at least 12 characters");
        }
    }

    @Test
    void everyArticlesTextAppearsExactlyOnceInReadingOrder() {
        for (Case c : cases) for (PanelModel model : PanelModel.values()) {
            Typography t = Typography.of(model);
            List<Page> pages = c.compose(t);
            Map<String, StringBuilder> body = new HashMap<>();
            for (Page page : pages) {
                for (Page.Op op : page.ops) {
                    if (op instanceof Page.Text text && text.articleId() != null && text.px() == t.body()) {
                        body.computeIfAbsent(text.articleId(), k -> new StringBuilder()).append(text.line().text());
                    }
                }
            }
            for (Article a : issue.articles()) {
                String expected = (a.dateline() == null ? "" : a.dateline() + "\u3000") + String.join("", a.paragraphs());
                assertEquals(expected, body.get(a.id()).toString(), model + " " + c.issue().language() + " " + a.id());
            }
        }
    }

    @Test
    void nothingLeavesThePageAndNothingOverlaps() {
        for (Case c : cases) for (PanelModel model : PanelModel.values()) {
            Typography t = Typography.of(model);
            for (Page page : c.compose(t)) {
                List<Page.Op> ops = page.ops;
                for (Page.Op op : ops) {
                    assertTrue(op.x() >= 0 && op.y() >= 0 && op.x() + op.width() <= model.width()
                            && op.y() + op.height() <= model.height(), model + " page " + page.number + ": " + op);
                }
                for (int i = 0; i < ops.size(); i++) {
                    for (int j = i + 1; j < ops.size(); j++) {
                        Page.Op a = ops.get(i), b = ops.get(j);
                        if (a instanceof Page.Rule || b instanceof Page.Rule) continue; // rules sit under tags by design
                        boolean overlap = a.x() < b.x() + b.width() && b.x() < a.x() + a.width()
                                && a.y() < b.y() + b.height() && b.y() < a.y() + a.height();
                        assertFalse(overlap, model + " page " + page.number + ": " + a + " overlaps " + b);
                    }
                }
            }
        }
    }

    @Test
    void eachSectionStartsAPageAndTheFrontPageLeadsWithTheLeadStory() {
        List<Page> pages = new Composer(Typography.of(PanelModel.IT8951_10IN3), regular, bold).compose(issue);
        assertEquals("要闻", pages.get(0).section);
        assertTrue(pages.stream().anyMatch(p -> p.section.equals("经济")));
        String lead = issue.articles().get(0).id();
        Page.Text biggest = pages.get(0).ops.stream().filter(o -> o instanceof Page.Text t && lead.equals(t.articleId()))
                .map(o -> (Page.Text) o).max(java.util.Comparator.comparingInt(Page.Text::px)).orElseThrow();
        assertEquals("全市首个深远海风电项目全容量并网", biggest.line().text());
        assertTrue(pages.get(0).ops.stream().anyMatch(o -> o instanceof Page.Picture));
    }

    @Test
    void frontPageStoriesJumpToTheirContinuationsWithGradedHeadlines() {
        for (PanelModel model : PanelModel.values()) {
            Typography t = Typography.of(model);
            List<Page> pages = cases.get(0).compose(t);
            Page front = pages.get(0);
            List<Article> frontSection = issue.sections().get(0).articles();
            // Headline sizes on the front page by story: the lead biggest, then smaller, never growing down the list.
            Map<String, Integer> headlinePx = new HashMap<>();
            for (Page.Op op : front.ops) {
                if (op instanceof Page.Text text && text.bold() && text.articleId() != null && text.px() > t.subhead()) {
                    headlinePx.merge(text.articleId(), text.px(), Math::max);
                }
            }
            int previous = Integer.MAX_VALUE;
            int onFront = 0;
            for (Article a : frontSection) {
                Integer px = headlinePx.get(a.id());
                if (px == null) continue;
                onFront++;
                assertTrue(px <= previous, model + ": " + a.id() + " headline " + px + " px after " + previous);
                if (onFront > 1) assertTrue(px < t.leadHeadline(), model + ": only the lead has the lead's size");
                previous = px;
            }
            assertEquals(t.leadHeadline(), headlinePx.get(frontSection.get(0).id()), model + ": the lead");
            if (t.height() >= 1000) assertTrue(onFront >= 2, model + ": further stories on the front page, had " + onFront);
            // Each "下转第N版" names the page where that story goes on under "上接第1版".
            int jumps = 0;
            for (Page.Op op : front.ops) {
                if (!(op instanceof Page.Text text) || !text.line().text().startsWith("（下转第")) continue;
                jumps++;
                String digits = text.line().text().replaceAll("\\D", "");
                Page target = pages.get(Integer.parseInt(digits) - 1);
                String id = text.articleId();
                assertTrue(target.ops.stream().anyMatch(o -> o instanceof Page.Text x && id.equals(x.articleId())
                        && x.line().text().equals("（上接第1版）")), model + ": page " + digits + " goes on with " + id);
                assertTrue(target.ops.stream().anyMatch(o -> o instanceof Page.Text x && id.equals(x.articleId())
                        && x.px() == t.body()), model + ": page " + digits + " has the rest of " + id);
            }
            long continued = pages.stream().flatMap(p -> p.ops.stream())
                    .filter(o -> o instanceof Page.Text x && x.line().text().equals("（上接第1版）")).count();
            assertEquals(jumps, continued, model + ": every jump has one continuation");
            assertTrue(jumps >= 1, model + ": the sample's front section is longer than a front page");
        }
    }

    @Test
    void theFrontPageStripPointsToEachSectionsFirstPage() {
        for (PanelModel model : PanelModel.values()) {
            List<Page> pages = cases.get(0).compose(Typography.of(model));
            String strip = pages.get(0).ops.stream().filter(o -> o instanceof Page.Text x && x.articleId() == null)
                    .map(o -> ((Page.Text) o).line().text()).reduce("", String::concat);
            assertTrue(strip.contains("本期导读"), model + ": " + strip);
            for (var section : issue.sections().subList(1, issue.sections().size())) {
                int first = pages.stream().filter(p -> p.section.equals(section.title())).findFirst().orElseThrow().number;
                assertTrue(strip.contains(section.title() + " 第" + first + "版"), model + ": " + strip);
            }
        }
    }

    @Test
    void traditionalChineseIssuesAreSetInVerticalLinesFromRightToLeft() {
        List<Page> pages = cases.get(1).compose(Typography.of(PanelModel.IT8951_10IN3));
        for (Page page : pages) {
            List<Page.Text> body = page.ops.stream().filter(o -> o instanceof Page.Text t && t.articleId() != null && t.px() == 32)
                    .map(o -> (Page.Text) o).toList();
            assertFalse(body.isEmpty());
            Page.Text previous = null;
            for (Page.Text t : body) {
                assertTrue(t.vertical(), "article text is vertical: " + t.line().text());
                assertEquals(Typography.of(PanelModel.IT8951_10IN3).lineHeight(), t.width(), "a vertical line is one line pitch wide");
                // Within a tier each next line stands left of the one before.
                if (previous != null && previous.y() == t.y()) assertTrue(t.x() < previous.x(), t.line().text());
                previous = t;
            }
        }
        assertFalse(Composer.isVertical("zh-Hans"));
        assertTrue(Composer.isVertical("ja") && Composer.isVertical("zh-Hant") && Composer.isVertical("zh-HK"));
    }
}
