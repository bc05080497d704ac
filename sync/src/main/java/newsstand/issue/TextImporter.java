package newsstand.issue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a newspaper page given as plain text (one block per line, blocks separated by blank lines, as copied from
 * a printed page) into an issue. Short lines are headlines, kickers and subheads; lines starting with □ are
 * bylines; 本报9月9日讯 opens a dateline; lines ending in 摄 are photo captions; long lines are paragraphs. A
 * paragraph cut where the page's columns were cut is joined with the block that continues it, and an article that
 * stops mid-sentence ends with …… so the reader sees the cut.
 */
public final class TextImporter {
    private static final Pattern DATELINE = Pattern.compile("^(本报(?:[^讯，。]{0,16})讯)[\\s　]*");
    private static final Pattern BYLINE_PAPER = Pattern.compile("^[□■]\\s*([^/／\\s记]{2,12})[/／]");
    /** A heading is at most this many characters; a longer block is a paragraph. */
    private static final int HEADING_MAX = 40;
    /** A heading this short above the headline is a column name (kicker), not a headline. */
    private static final int KICKER_MAX = 6;

    private enum Kind { HEADING, BYLINE, CAPTION, PARAGRAPH }

    private TextImporter() {}

    /** The newspaper's name as its bylines give it (□青岛日报/观海新闻记者 → 青岛日报), or null. */
    public static String paperName(String text) {
        Map<String, Integer> counts = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher m = BYLINE_PAPER.matcher(line.strip());
            if (m.find()) counts.merge(m.group(1), 1, Integer::sum);
        }
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
    }

    /** Makes an issue of one page of text. */
    public static Issue parse(String text, String id, String publication, String title, LocalDate date) {
        List<String> blocks = new ArrayList<>();
        for (String line : text.replace("\r", "").split("\n")) {
            String s = line.strip().replace('\u3000', ' ').strip();
            if (!s.isEmpty()) blocks.add(s);
        }
        List<Draft> drafts = new ArrayList<>();
        List<String> headings = new ArrayList<>();
        List<String> banner = new ArrayList<>();
        Draft current = null;
        for (String block : blocks) {
            switch (kind(block)) {
                case HEADING -> headings.add(block);
                case BYLINE -> {
                    current = new Draft(headings, drafts.isEmpty() ? banner : null);
                    current.byline = block.replaceFirst("^[□■]\\s*", "");
                    drafts.add(current);
                    headings = new ArrayList<>();
                }
                case CAPTION -> {
                    if (current == null) {
                        current = new Draft(headings.isEmpty() ? List.of("（图片）") : headings, null);
                        drafts.add(current);
                        headings = new ArrayList<>();
                    }
                    current.captions.add(block);
                }
                case PARAGRAPH -> {
                    if (!headings.isEmpty() || current == null) {
                        boolean started = current != null && current.paragraphs.isEmpty() && current.byline != null && headings.isEmpty();
                        if (!started) {
                            current = new Draft(headings.isEmpty() ? List.of("（接上文）") : headings, drafts.isEmpty() ? banner : null);
                            drafts.add(current);
                            headings = new ArrayList<>();
                        }
                    }
                    current.add(block);
                }
            }
        }
        if (headings.size() == 1 && quoteBalance(headings.get(0)) > 0 && rejoin(headings.get(0), drafts)) {
            headings = List.of();
        }
        if (!headings.isEmpty()) {
            // Headings with nothing under them (a trailing teaser) still reach the reader as a short article.
            Draft d = new Draft(headings, null);
            d.paragraphs.add(String.join("，", headings.subList(Math.min(1, headings.size() - 1), headings.size())) + "。");
            drafts.add(d);
        }
        List<Article> articles = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) articles.add(drafts.get(i).article(String.format("a%02d", i + 1)));
        String sectionTitle = banner.isEmpty() ? "要闻" : String.join(" ", banner);
        Section section = new Section("page-1", sectionTitle.length() > 32 ? sectionTitle.substring(0, 32) : sectionTitle, articles);
        return new Issue(id, publication, title, date, null, "zh-Hans", List.of(section));
    }

    /**
     * A page whose columns were cut and reordered can end with the start of a paragraph (…“晴雨) whose rest opens
     * an article higher up (表”。…). The fragment with an unclosed quote goes in front of the first paragraph that
     * starts by closing a quote it never opened.
     */
    private static boolean rejoin(String fragment, List<Draft> drafts) {
        for (Draft d : drafts) {
            if (d.paragraphs.isEmpty()) continue;
            String first = d.paragraphs.get(0);
            int stop = first.indexOf('。');
            if (quoteBalance(first.substring(0, stop < 0 ? first.length() : stop)) < 0) {
                d.paragraphs.set(0, fragment + first);
                return true;
            }
        }
        return false;
    }

    /** Opening minus closing quotes and brackets: above 0 leaves one open, below 0 closes one never opened. */
    private static int quoteBalance(String s) {
        int balance = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ("“「『（".indexOf(c) >= 0) balance++;
            else if ("”」』）".indexOf(c) >= 0) balance--;
        }
        return balance;
    }

    private static Kind kind(String block) {
        if (block.startsWith("□") || block.startsWith("■")) return Kind.BYLINE;
        int length = block.codePointCount(0, block.length());
        if (block.endsWith("摄") && length <= 80) return Kind.CAPTION;
        // Headlines never hold a full stop; a short block with one is a paragraph's cut end.
        if (endsSentence(block) || length > HEADING_MAX || block.indexOf('。') >= 0) return Kind.PARAGRAPH;
        return Kind.HEADING;
    }

    private static boolean endsSentence(String s) {
        if (s.isEmpty()) return false;
        char last = s.charAt(s.length() - 1);
        if ("。！？…；".indexOf(last) >= 0) return true;
        // A closing quote ends a sentence only after a full stop inside it: 。” or ！」
        return ("”」』".indexOf(last) >= 0) && s.length() > 1 && "。！？…".indexOf(s.charAt(s.length() - 2)) >= 0;
    }

    /** An article being collected. */
    private static final class Draft {
        final List<String> headings;
        final List<String> paragraphs = new ArrayList<>();
        final List<String> captions = new ArrayList<>();
        String byline;
        /** Whether the last paragraph stopped mid-sentence, so that the next block may continue it. */
        boolean open;

        /** @param banner where the page's own banner lines go, for the first article of a page; null otherwise */
        Draft(List<String> headings, List<String> banner) {
            List<String> h = new ArrayList<>(headings);
            // Very short lines before a first article's kicker are the page's banner (海上新山东 / 青岛新实践).
            if (banner != null) {
                while (h.size() > 3 && h.get(0).codePointCount(0, h.get(0).length()) <= KICKER_MAX) banner.add(h.remove(0));
            }
            this.headings = h;
        }

        void add(String block) {
            if (open && !paragraphs.isEmpty()) {
                int last = paragraphs.size() - 1;
                paragraphs.set(last, paragraphs.get(last) + block);
            } else {
                paragraphs.add(block);
            }
            open = !endsSentence(block);
        }

        Article article(String id) {
            String kicker = null, headline, subhead = null;
            int n = headings.size();
            if (n == 1) {
                headline = headings.get(0);
            } else {
                String a = headings.get(n - 2), b = headings.get(n - 1);
                if (a.codePointCount(0, a.length()) <= KICKER_MAX) {
                    kicker = a;
                    headline = b;
                    n -= 2;
                } else {
                    headline = a;
                    subhead = b;
                    n -= 2;
                }
                if (n > 0) {
                    String before = String.join(" ", headings.subList(0, n));
                    kicker = kicker == null ? before : before + " " + kicker;
                }
            }
            List<String> body = new ArrayList<>(paragraphs);
            String dateline = null;
            if (!body.isEmpty()) {
                Matcher m = DATELINE.matcher(body.get(0));
                if (m.find() && m.end() < body.get(0).length()) {
                    dateline = m.group(1);
                    body.set(0, body.get(0).substring(m.end()));
                }
            }
            if (!body.isEmpty() && open) body.set(body.size() - 1, body.get(body.size() - 1) + "……");
            if (body.isEmpty()) body.add(headline + "。");
            List<Photo> photos = new ArrayList<>();
            for (String c : captions) photos.add(caption(c));
            return new Article(id, kicker, headline, subhead, byline, dateline, body, photos);
        }

        /** 鹏辉能源(青岛)电芯产线。周伟 摄 → caption 鹏辉能源(青岛)电芯产线。, credit 周伟 */
        private static Photo caption(String c) {
            String s = c.substring(0, c.length() - 1).strip();
            int cut = Math.max(s.lastIndexOf('。'), s.lastIndexOf(' '));
            if (cut < 0 || cut == s.length() - 1) return new Photo(null, 0, 0, s, null);
            String credit = s.substring(cut + 1).strip();
            String caption = s.substring(0, cut + 1).strip();
            return new Photo(null, 0, 0, caption.isEmpty() ? null : caption, credit.isEmpty() ? null : credit);
        }
    }
}
