package newsstand.layout;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newsstand.app.SampleIssue;
import newsstand.config.PanelModel;
import newsstand.fonts.FontCatalog;
import newsstand.fonts.Typeface;
import newsstand.fonts.typeset.Numbers;
import newsstand.issue.Article;
import newsstand.issue.Issue;
import newsstand.issue.IssuePackage;
import newsstand.issue.TextImporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a layout editor checks before a page goes out, asserted on the layout dump of real text (the sample issue,
 * the Qingdao fixture page, Chinese manual pages) at every panel model: pages filled but the last of a section, a
 * jump line at both ends of every story that crosses pages, no few lines stranded, no line broken inside a number,
 * time, date, number with its unit or Latin word, no justification gap above a quarter em, no clreq violation, no
 * paragraph ending on a line of one word, headlines and decks broken between words, no caption without its photo,
 * and no page count on the masthead but the kiosk's.
 */
class LayoutRulesTest {
    static Typeface regular;
    static Typeface bold;
    static Map<String, Issue> issues = new LinkedHashMap<>();
    /** Headlines and decks of more than one line checked. */
    static final int[] checked = new int[2];

    static final String NO_START = "，。、；：！？”’）》」』】〕〉";
    static final String NO_END = "“‘（《「『【〔〈";

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
    }

    @Test
    void everyPageOfRealTextFollowsTheLayoutEditorsRules() {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Issue> e : issues.entrySet()) {
            for (PanelModel model : PanelModel.values()) {
                Typography t = Typography.of(model);
                List<Page> pages = new Composer(t, regular, bold).compose(e.getValue());
                JsonObject dump = JsonParser.parseString(LayoutDump.json(pages, model)).getAsJsonObject();
                for (String p : check(e.getValue(), t, dump)) problems.add(e.getKey() + ", " + model.id() + ": " + p);
            }
        }
        System.out.println("LayoutRulesTest: " + checked[0] + " headlines and " + checked[1] + " decks of two lines or more checked");
        assertTrue(problems.isEmpty(), problems.size() + " problems:\n" + String.join("\n", problems.subList(0, Math.min(40, problems.size()))));
    }

    record Line(int page, String section, JsonObject o) {
        String kind() { return o.get("kind").getAsString(); }
        String text() { return o.get("text").getAsString(); }
        String article() { return o.get("article").isJsonNull() ? null : o.get("article").getAsString(); }
        int paragraph() { return o.get("paragraph").isJsonNull() ? -1 : o.get("paragraph").getAsInt(); }
    }

    static List<String> check(Issue issue, Typography t, JsonObject dump) {
        List<String> problems = new ArrayList<>();
        List<Line> lines = new ArrayList<>();
        JsonArray pages = dump.getAsJsonArray("pages");
        for (JsonElement pe : pages) {
            JsonObject p = pe.getAsJsonObject();
            for (JsonElement le : p.getAsJsonArray("lines")) lines.add(new Line(p.get("number").getAsInt(), p.get("section").getAsString(), le.getAsJsonObject()));
        }
        Map<String, Article> articles = new HashMap<>();
        issue.sections().forEach(s -> s.articles().forEach(a -> articles.put(a.id(), a)));
        for (Line l : lines) {
            double px = l.o().get("px").getAsDouble();
            if (l.o().get("gap").getAsDouble() > px / 4 + 0.05) problems.add("page " + l.page() + ": gap " + l.o().get("gap") + " px at " + px + " px: " + l.text());
            if (l.article() == null || l.kind().equals("jump")) continue;
            if (!l.text().isEmpty() && NO_START.indexOf(l.text().charAt(0)) >= 0) problems.add("page " + l.page() + ": a line starts with a closing mark: " + l.text());
            if (!l.text().isEmpty() && NO_END.indexOf(l.text().charAt(l.text().length() - 1)) >= 0) problems.add("page " + l.page() + ": a line ends with an opening mark: " + l.text());
        }
        breaks(lines, articles, problems);
        headlines(lines, articles, "headline", problems);
        headlines(lines, articles, "deck", problems);
        captions(pages, problems);
        masthead(pages, problems);
        jumps(lines, problems);
        fullness(t, pages, issue.sections().get(0).articles().size(), problems);
        return problems;
    }

    /**
     * Words of these headlines a layout editor would never split, written down by hand before the typesetter had a
     * dictionary; the dictionary's own words are checked as well (jieba's segmentation of each headline).
     */
    static final List<String> WORDS = List.of("人工智能", "全域", "深远海", "风电", "价格", "消费", "温和", "集装箱", "吞吐量", "马拉松", "半程", "一刻钟",
            "便民", "生活圈", "号线", "联调", "联试", "超级工厂", "签约", "论坛", "营商环境", "法治化", "市场化", "国际化",
            "先行区", "如意湖", "示范区", "开学典礼", "社会主义", "嘹亮", "满产", "全容量", "二期", "带动", "上下游", "出货量",
            "“链”动", "十强", "成果");

    /**
     * A headline (or deck) broken only between words: never inside a number and its measure word, a Latin word, a
     * known word or a word of the dictionary's segmentation (with the story's own terms, as the setter reads it), no line of one character, and two lines balanced (the
     * shorter at least about 40% of the longer, in width: 3/8).
     */
    /**
     * Whether a headline has a break between words (cost at most 3) that balances two lines, with some room: widths
     * estimated (a Han or full-width character 1, a space 0.3, any other 0.55). A headline without one
     * ("sort：DESCRIPTION / (描述)", a long Latin word) may be set unbalanced.
     */
    static boolean balancedBreakExists(int[] cps, boolean[] starts, String context) {
        double[] w = new double[cps.length];
        double total = 0;
        for (int i = 0; i < cps.length; i++) {
            int c = cps[i];
            w[i] = c >= 0x2E80 ? 1 : c == ' ' ? 0.3 : 0.55;
            total += w[i];
        }
        double left = 0;
        for (int j = 1; j < cps.length; j++) {
            left += w[j - 1];
            int cost = Headlines.cost(cps, starts, j, context);
            if (cost < 0 || cost > 3) continue;
            double shorter = Math.min(left, total - left), longer = Math.max(left, total - left);
            if (shorter >= (Headlines.BALANCED_RATIO + 0.05) * longer) return true;
        }
        return false;
    }

    static void headlines(List<Line> lines, Map<String, Article> articles, String kind, List<String> problems) {
        Map<String, List<Line>> byStory = new LinkedHashMap<>();
        for (Line l : lines) if (l.kind().equals(kind)) byStory.computeIfAbsent(l.page() + " " + l.article(), k -> new ArrayList<>()).add(l);
        for (List<Line> h : byStory.values()) {
            if (h.size() < 2) continue;
            Article article = articles.get(h.get(0).article());
            String all = kind.equals("deck") ? article.subhead() : article.headline();
            String shown = String.join(" / ", h.stream().map(Line::text).toList());
            checked[kind.equals("deck") ? 1 : 0]++;
            int[] cps = all.codePoints().toArray();
            boolean[] starts = Headlines.words(cps, Headlines.context(article));
            if (h.size() == 2) {
                double a = h.get(0).o().get("width").getAsDouble(), b = h.get(1).o().get("width").getAsDouble();
                if (Math.min(a, b) < Headlines.BALANCED_RATIO * Math.max(a, b) - 1 && balancedBreakExists(cps, starts, Headlines.context(article))) problems.add("page " + h.get(0).page() + ": an unbalanced two-line " + kind + " (" + (int) a + " and " + (int) b + " px): " + shown);
            }
            int at = 0;
            for (int i = 0; i < h.size(); i++) {
                String t = h.get(i).text();
                if (t.codePointCount(0, t.length()) < 2) problems.add("page " + h.get(i).page() + ": a " + kind + " line of one character: " + shown);
                int start = all.indexOf(t, at);
                if (start < 0) {
                    problems.add("page " + h.get(i).page() + ": a " + kind + " line not in its headline: " + t + " of " + all);
                    break;
                }
                at = start + t.length();
                if (i == h.size() - 1) break;
                if (all.charAt(at) == ' ') continue; // broken at a space
                char a = all.charAt(at - 1), b = all.charAt(at);
                if (han(a) && han(b) && !starts[all.codePointCount(0, at)]) problems.add("page " + h.get(i).page() + ": a " + kind + " broken inside a word of the dictionary: " + shown);
                if (Numbers.holds(cps, all.codePointCount(0, at))) problems.add("page " + h.get(i).page() + ": a " + kind + " broken inside a number, its numeral unit or measure word: " + shown);
                if (Character.isDigit(a) && b >= 0x2E80) problems.add("page " + h.get(i).page() + ": a " + kind + " broken between a number and its measure word: " + shown);
                if (a < 0x80 && b < 0x80 && Character.isLetterOrDigit(a) && Character.isLetterOrDigit(b)) problems.add("page " + h.get(i).page() + ": a " + kind + " broken inside a Latin word: " + shown);
                for (String w : WORDS) {
                    for (int o = all.indexOf(w); o >= 0; o = all.indexOf(w, o + 1)) {
                        if (at > o && at < o + w.length()) problems.add("page " + h.get(i).page() + ": a " + kind + " broken inside " + w + ": " + shown);
                    }
                }
            }
        }
    }

    /** Body lines in order, paragraph by paragraph: where each break fell in the paragraph's text. */
    static void breaks(List<Line> lines, Map<String, Article> articles, List<String> problems) {
        Line prev = null;
        int at = 0;
        for (Line l : lines) {
            if (!l.kind().equals("body")) continue;
            String source = Stories.paragraph(articles.get(l.article()), l.paragraph());
            boolean same = prev != null && prev.article().equals(l.article()) && prev.paragraph() == l.paragraph();
            int start = source.indexOf(l.text(), same ? at : 0);
            if (start < 0) {
                problems.add("page " + l.page() + ": a line not found in its paragraph: " + l.text());
                prev = null;
                continue;
            }
            if (same) {
                String bad = brokenInside(source, start);
                if (bad != null) problems.add("page " + l.page() + ": broken inside " + bad + ": …" + prev.text() + " / " + l.text());
            }
            at = start + l.text().length();
            if (start > 0 && source.substring(at).isBlank() && words(l.text()) < 2) {
                problems.add("page " + l.page() + ": a paragraph ends on a line of one word: …" + (same ? prev.text() : "") + " / " + l.text());
            }
            prev = l;
        }
    }

    /** No caption without its photo: each caption line stands under a photo of its page, within a few lines. */
    static void captions(JsonArray pages, List<String> problems) {
        for (JsonElement pe : pages) {
            JsonObject p = pe.getAsJsonObject();
            for (JsonElement le : p.getAsJsonArray("lines")) {
                JsonObject l = le.getAsJsonObject();
                if (!l.get("kind").getAsString().equals("caption")) continue;
                int x = l.get("x").getAsInt(), y = l.get("y").getAsInt(), px = l.get("px").getAsInt();
                boolean under = false;
                for (JsonElement fe : p.getAsJsonArray("photos")) {
                    JsonObject f = fe.getAsJsonObject();
                    int bottom = f.get("y").getAsInt() + f.get("height").getAsInt();
                    boolean across = x < f.get("x").getAsInt() + f.get("width").getAsInt() + px && x + l.get("width").getAsInt() > f.get("x").getAsInt() - px;
                    if (across && y >= bottom - 1 && y - bottom < 8 * px) under = true;
                }
                if (!under) problems.add("page " + p.get("number") + ": a caption without its photo: " + l.get("text").getAsString());
            }
        }
    }

    /** A page count on the front page's masthead is the kiosk's, the one every folio gives (共N版), not the print's. */
    static void masthead(JsonArray pages, List<String> problems) {
        java.util.regex.Pattern count = java.util.regex.Pattern.compile("(?<![第\\d])(\\D{0,2}?)\\s*(\\d+)\\s*版");
        for (JsonElement le : pages.get(0).getAsJsonObject().getAsJsonArray("lines")) {
            JsonObject l = le.getAsJsonObject();
            String kind = l.get("kind").getAsString(), text = l.get("text").getAsString();
            if (!List.of("masthead", "dateline", "edition").contains(kind)) continue;
            java.util.regex.Matcher m = count.matcher(text);
            while (m.find()) {
                if (!m.group(1).endsWith("共") || Integer.parseInt(m.group(2)) != pages.size()) {
                    problems.add("page 1: the masthead says " + m.group().strip() + " where the folio says 共" + pages.size() + "版: " + text);
                }
            }
        }
    }

    /** Letters and digits, and symbols standing alone between spaces (a manual's "? , + , ( , )"): what a reader counts. */
    static long words(String line) {
        long n = line.codePoints().filter(Character::isLetterOrDigit).count();
        for (String token : line.split(" ")) {
            if (!token.isEmpty() && token.codePoints().noneMatch(Character::isLetterOrDigit) && token.codePointAt(0) < 0x2E80) n++;
        }
        return n;
    }

    /** What a break before position `at` of a paragraph splits that a reader takes as one, or null. */
    static String brokenInside(String s, int at) {
        int before = at, after = at;
        while (before > 0 && s.charAt(before - 1) == ' ') before--;
        boolean space = before < at || (after < s.length() && s.charAt(after) == ' ');
        while (after < s.length() && s.charAt(after) == ' ') after++;
        if (before == 0 || after >= s.length()) return null;
        char a = s.charAt(before - 1), b = s.charAt(after);
        String token = s.substring(Math.max(0, before - 12), Math.min(s.length(), after + 12));
        if (Numbers.holds(s.codePoints().toArray(), s.codePointCount(0, after))) return "a number, its numeral unit or measure word, or a range before its dash (" + token + ")";
        if (space) {
            return Character.isDigit(a) && (unitStart(s, after)) ? "a number and its unit (" + token + ")" : null;
        }
        if (Character.isDigit(a) && "%‰°℃℉".indexOf(b) >= 0) return "a number and its unit (" + token + ")";
        if (latin(a) && latin(b)) {
            if ((a == '-' || a == '/' || a == '.') && Character.isLetter(b)) return null; // a compound or a URL
            return "a Latin word or number (" + token + ")";
        }
        return null;
    }

    static boolean han(char c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }

    static boolean latin(char c) {
        return c < 0x80 && (Character.isLetterOrDigit(c) || ".,:%/-_".indexOf(c) >= 0) || "°℃".indexOf(c) >= 0;
    }

    static boolean unitStart(String s, int at) {
        for (String u : List.of("°C", "℃", "%", "km", "kg", "cm", "mm", "MB", "GB", "KB", "kB", "ms", "m ", "s ", "s,", "s。")) {
            if (s.startsWith(u, at)) return true;
        }
        return false;
    }

    /** A story on more than one page: "（下转第N版）" on each page but its last, "（上接第N版）" on each but its first. */
    static void jumps(List<Line> lines, List<String> problems) {
        jumps(n -> "（下转第" + n + "版）", n -> "（上接第" + n + "版）", lines, problems);
    }

    /** A story on more than one page: the jump line to the next (on) on each but its last, from the one before (from) on each but its first. */
    static void jumps(java.util.function.IntFunction<String> on, java.util.function.IntFunction<String> from, List<Line> lines, List<String> problems) {
        Map<String, List<Integer>> pagesOf = new LinkedHashMap<>();
        for (Line l : lines) {
            if (l.article() == null || l.kind().equals("jump")) continue;
            List<Integer> ps = pagesOf.computeIfAbsent(l.article(), k -> new ArrayList<>());
            if (ps.isEmpty() || ps.get(ps.size() - 1) != l.page()) ps.add(l.page());
        }
        for (Map.Entry<String, List<Integer>> e : pagesOf.entrySet()) {
            List<Integer> ps = e.getValue();
            for (int i = 0; i < ps.size(); i++) {
                int page = ps.get(i);
                if (i + 1 < ps.size() && !hasJump(lines, e.getKey(), page, on.apply(ps.get(i + 1)))) {
                    problems.add("page " + page + ": " + e.getKey() + " goes on on page " + ps.get(i + 1) + " without " + on.apply(ps.get(i + 1)));
                }
                if (i > 0 && !hasJump(lines, e.getKey(), page, from.apply(ps.get(i - 1)))) {
                    problems.add("page " + page + ": " + e.getKey() + " comes from page " + ps.get(i - 1) + " without " + from.apply(ps.get(i - 1)));
                }
            }
        }
    }

    static boolean hasJump(List<Line> lines, String article, int page, String text) {
        return lines.stream().anyMatch(l -> l.page() == page && article.equals(l.article()) && l.kind().equals("jump") && l.text().equals(text));
    }

    /**
     * Every page but the last of its section about two thirds full (65%) at least, and
     * no page holding only a few lines of one story carried over.
     */
    static void fullness(Typography t, JsonArray pages, int frontStories, List<String> problems) {
        int bottom = t.height() - t.margin() - t.lineHeight(t.small()) - t.small();
        for (int i = 0; i < pages.size(); i++) {
            JsonObject p = pages.get(i).getAsJsonObject();
            boolean lastOfSection = i + 1 == pages.size() || !pages.get(i + 1).getAsJsonObject().get("section").equals(p.get("section"));
            int top = Integer.MAX_VALUE;
            int[] reached = new int[t.columns()];
            List<JsonObject> boxes = new ArrayList<>();
            for (JsonElement e : p.getAsJsonArray("lines")) {
                JsonObject o = e.getAsJsonObject();
                if (!o.get("article").isJsonNull()) boxes.add(o);
            }
            for (JsonElement e : p.getAsJsonArray("photos")) boxes.add(e.getAsJsonObject());
            for (JsonObject o : boxes) {
                int x = o.get("x").getAsInt(), y = o.get("y").getAsInt(), w = o.get("width").getAsInt(), h = o.get("height").getAsInt();
                top = Math.min(top, y);
                for (int c = 0; c < t.columns(); c++) {
                    int cx = t.columnX(c);
                    if (x < cx + t.columnWidth() && x + Math.max(w, 1) > cx) reached[c] = Math.max(reached[c], y + h);
                }
            }
            if (boxes.isEmpty()) {
                problems.add("page " + p.get("number") + ": no story at all");
                continue;
            }
            int number = p.get("number").getAsInt();
            if (number == 1) {
                // The front page: its stories share it by design (ComposerTest); no blank band above the strip or footer.
                int foot = bottom;
                for (JsonElement e : p.getAsJsonArray("lines")) {
                    JsonObject o = e.getAsJsonObject();
                    if (o.get("kind").getAsString().equals("strip")) foot = Math.min(foot, o.get("y").getAsInt() - t.small());
                }
                // Room for no other story's headline and four lines is left (short stories can leave less than that).
                int story = 2 * t.lineHeight((t.headline() + t.subhead()) / 2) + 5 * t.lineHeight();
                // (Unless the front section ran out of stories: the front page takes none from other sections.)
                boolean more = boxes.stream().filter(o -> o.has("article") && !o.get("article").isJsonNull()).map(o -> o.get("article").getAsString())
                        .distinct().count() < frontStories;
                for (int c = 0; c < t.columns() && more; c++) {
                    if (reached[c] < foot - story) problems.add("page 1: column " + (c + 1) + " ends at " + reached[c] + ", a blank band above " + foot);
                }
                continue;
            }
            double used = 0;
            for (int c = 0; c < t.columns(); c++) used += Math.max(0, Math.min(bottom, reached[c]) - top);
            double filled = used / (t.columns() * (double) (bottom - top));
            if (!lastOfSection && filled < 0.65) problems.add("page " + number + " (" + p.get("section").getAsString() + "): only " + Math.round(filled * 100) + "% full");
            long stories = boxes.stream().map(o -> o.has("article") && !o.get("article").isJsonNull() ? o.get("article").getAsString() : "").distinct().count();
            if (stories == 1 && filled < 0.25 && boxes.stream().anyMatch(o -> o.has("kind") && o.get("text").getAsString().startsWith("（上接"))) {
                problems.add("page " + number + ": a few lines of one story alone (" + Math.round(filled * 100) + "% of the page)");
            }
        }
    }
}
