package newsstand.layout;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
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

/**
 * Vertical pages held to the rules of horizontal ones ({@link LayoutRulesTest}), on text the project did not write:
 * manpages-zh's Traditional Chinese pages, the Japanese manual pages Debian's packages ship, and the sample issue
 * marked Traditional, at every panel model. Every story line runs top to bottom (the dump says ttb); no closing
 * mark heads a line and no opening mark ends one; marks in their vertical forms; numbers and Latin words whole and
 * turned together; no justification gap over a quarter em; a jump line in the issue's language at both ends of a
 * story that crosses pages; every page but a section's last about two thirds full, and none left with a few lines
 * of one story.
 */
class VerticalLayoutRulesTest {
    record Case(Issue issue, Typeface regular, Typeface bold) {}

    static final Map<String, Case> cases = new LinkedHashMap<>();

    /** Marks with a vertical form of their own: turned brackets, commas and stops in the upper right. */
    static final String VERTICAL_MARKS = "，。、（）「」『』《》〈〉【】〔〕";

    /**
     * A paragraph's last line that the typesetter counts as two words and a reader as one (源..., (o).): the
     * typesetter's rule (LineBreaker's short last line), printed here, not asserted, until it counts as a reader does.
     */
    static final String ONE_WORD = "a paragraph ends on a line of one word";

    @BeforeAll
    static void load(@TempDir Path dir) throws Exception {
        FontCatalog fonts = FontCatalog.scan(List.of());
        Typeface hantRegular = fonts.typeface("zh-Hant", false), hantBold = fonts.typeface("zh-Hant", true);
        SampleIssue.write(dir);
        cases.put("sample (zh-Hant)", new Case(IssuePackage.read(dir).withLanguage("zh-Hant"), hantRegular, hantBold));
        cases.put("zh_TW man pages", new Case(ManPages.issue(ManPages.TRADITIONAL, "zh-Hant", "中文手冊", "ls", "tar", "find", "chmod", "grep", "cp"),
                hantRegular, hantBold));
        cases.put("ja man pages", new Case(ManPages.issue(ManPages.JAPANESE, "ja", "マニュアル", "passwd", "man", "login", "chage", "apropos"),
                fonts.typeface("ja", false), fonts.typeface("ja", true)));
    }

    @Test
    void everyVerticalPageFollowsTheLayoutEditorsRules() {
        List<String> problems = new ArrayList<>();
        List<String> typesetter = new ArrayList<>();
        int pagesChecked = 0, linesChecked = 0;
        for (Map.Entry<String, Case> e : cases.entrySet()) {
            Case c = e.getValue();
            for (PanelModel model : PanelModel.values()) {
                Typography t = Typography.of(model);
                List<Page> pages = new Composer(t, c.regular(), c.bold()).compose(c.issue());
                JsonObject dump = JsonParser.parseString(LayoutDump.json(pages, model)).getAsJsonObject();
                List<String> found = check(c.issue(), t, dump);
                forms(c.regular(), c.bold(), pages, found);
                for (String p : found) (p.contains(ONE_WORD) ? typesetter : problems).add(e.getKey() + ", " + model.id() + ": " + p);
                pagesChecked += pages.size();
                for (Page p : pages) linesChecked += (int) p.ops.stream().filter(o -> o instanceof Page.Text x && x.articleId() != null).count();
            }
        }
        System.out.println("vertical pages checked: " + pagesChecked + ", story lines: " + linesChecked + ", problems: " + problems.size());
        typesetter.forEach(p -> System.out.println("typesetter: " + p));
        assertTrue(problems.isEmpty(), problems.size() + " problems:\n" + String.join("\n", problems.subList(0, Math.min(40, problems.size()))));
    }

    static List<String> check(Issue issue, Typography t, JsonObject dump) {
        List<String> problems = new ArrayList<>();
        List<LayoutRulesTest.Line> lines = new ArrayList<>();
        JsonArray pages = dump.getAsJsonArray("pages");
        for (JsonElement pe : pages) {
            JsonObject p = pe.getAsJsonObject();
            for (JsonElement le : p.getAsJsonArray("lines")) lines.add(new LayoutRulesTest.Line(p.get("number").getAsInt(), p.get("section").getAsString(), le.getAsJsonObject()));
        }
        Map<String, Article> articles = new HashMap<>();
        issue.sections().forEach(s -> s.articles().forEach(a -> articles.put(a.id(), a)));
        for (LayoutRulesTest.Line l : lines) {
            double px = l.o().get("px").getAsDouble();
            if (l.o().get("gap").getAsDouble() > px / 4 + 0.05) problems.add("page " + l.page() + ": gap " + l.o().get("gap") + " px at " + px + " px: " + l.text());
            if (l.article() == null || l.kind().equals("caption")) continue;
            if (!l.o().get("direction").getAsString().equals("ttb")) problems.add("page " + l.page() + ": a story line not set top to bottom: " + l.text());
            for (JsonElement run : l.o().getAsJsonArray("sideways")) {
                String r = run.getAsString();
                if (r.codePoints().anyMatch(cp -> cp >= 0x2E80 && cp != 0x3000)) problems.add("page " + l.page() + ": Han or kana turned sideways: " + r + " in " + l.text());
            }
            if (l.kind().equals("jump")) continue;
            if (!l.text().isEmpty() && LayoutRulesTest.NO_START.indexOf(l.text().charAt(0)) >= 0) problems.add("page " + l.page() + ": a column starts with a closing mark: " + l.text());
            if (!l.text().isEmpty() && LayoutRulesTest.NO_END.indexOf(l.text().charAt(l.text().length() - 1)) >= 0) problems.add("page " + l.page() + ": a column ends with an opening mark: " + l.text());
        }
        LayoutRulesTest.breaks(lines, articles, problems);
        Folio folio = Folio.of(issue.language());
        LayoutRulesTest.jumps(folio::continuedOn, folio::continuedFrom, lines, problems);
        fullness(t, pages, problems);
        return problems;
    }

    /**
     * Marks upright in their vertical forms (never the horizontal glyph), Latin and numbers turned as a whole: every
     * ASCII letter or digit of a line sideways.
     */
    static void forms(Typeface regular, Typeface bold, List<Page> pages, List<String> problems) {
        for (Page page : pages) {
            for (Page.Op op : page.ops) {
                if (!(op instanceof Page.Text x) || x.articleId() == null || !x.vertical()) continue;
                Typeface face = x.bold() ? bold : regular;
                int[] cps = x.line().text().codePoints().toArray();
                for (int i = 0; i < cps.length && i < x.line().glyphs().length; i++) {
                    int cp = cps[i];
                    boolean turned = x.line().sideways()[i];
                    if (cp < 0x80 && Character.isLetterOrDigit(cp) && !turned) {
                        problems.add("page " + page.number + ": " + Character.toString(cp) + " upright alone in " + x.line().text());
                    }
                    if (VERTICAL_MARKS.indexOf(cp) >= 0 && !turned && x.line().glyphs()[i] == face.textGlyph(cp, 0)) {
                        problems.add("page " + page.number + ": " + Character.toString(cp) + " in its horizontal form in " + x.line().text());
                    }
                }
            }
        }
    }

    /**
     * How full a vertical page is: in each tier, from the right edge to its leftmost line or photo, over the tiers'
     * width. Every page but a section's last about two thirds full (65%); none holding only a few lines of one story.
     */
    static void fullness(Typography t, JsonArray pages, List<String> problems) {
        int foot = t.height() - t.margin() - t.lineHeight(t.small()) - t.small();
        int right = t.width() - t.margin();
        for (int i = 0; i < pages.size(); i++) {
            JsonObject p = pages.get(i).getAsJsonObject();
            boolean lastOfSection = i + 1 == pages.size() || !pages.get(i + 1).getAsJsonObject().get("section").equals(p.get("section"));
            Map<Integer, Integer> leftmost = new HashMap<>();
            TreeSet<String> stories = new TreeSet<>();
            boolean continued = false;
            List<JsonObject> boxes = new ArrayList<>();
            for (JsonElement e : p.getAsJsonArray("lines")) {
                JsonObject o = e.getAsJsonObject();
                if (o.get("article").isJsonNull() || !o.get("vertical").getAsBoolean()) continue;
                stories.add(o.get("article").getAsString());
                if (o.get("kind").getAsString().equals("jump")) {
                    continued |= o.get("y").getAsInt() == boxes.stream().mapToInt(b -> b.get("y").getAsInt()).min().orElse(o.get("y").getAsInt());
                    continue;
                }
                boxes.add(o);
            }
            for (JsonElement e : p.getAsJsonArray("photos")) boxes.add(e.getAsJsonObject());
            if (boxes.isEmpty()) {
                problems.add("page " + p.get("number") + ": no story at all");
                continue;
            }
            for (JsonObject o : boxes) leftmost.merge(o.get("y").getAsInt(), o.get("x").getAsInt(), Math::min);
            int top = leftmost.keySet().stream().min(Integer::compare).orElseThrow();
            int gap = t.body();
            int tiers = Math.max(1, Math.round((foot - top + gap) / (16f * t.body() + gap)));
            double used = 0;
            for (int x : leftmost.values()) used += right - x;
            double filled = Math.min(1, used / (tiers * (double) t.contentWidth()));
            int number = p.get("number").getAsInt();
            if (!lastOfSection && filled < 0.65) problems.add("page " + number + " (" + p.get("section").getAsString() + "): only " + Math.round(filled * 100) + "% full");
            if (stories.size() == 1 && filled < 0.25 && continued) {
                problems.add("page " + number + ": a few lines of one story alone (" + Math.round(filled * 100) + "% of the page)");
            }
        }
    }
}
