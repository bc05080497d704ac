package newsstand.issue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import newsstand.config.Language;
import newsstand.config.Name;

/**
 * Turns a newspaper page given as plain text (one block per line, blocks separated by blank lines, as copied from
 * a printed page) into an issue. Short lines are headlines, kickers and subheads, whatever punctuation ends them
 * (内存去哪儿了？) when they stand where headings stand: before a byline, a dateline, another heading or a paragraph,
 * and not after a paragraph cut mid-sentence; lines starting with □ are bylines; 本报9月9日讯 opens a dateline;
 * lines ending in 摄 are photo captions; long lines are paragraphs. A paragraph ends with its sentence, closing
 * brackets and quotes after the stop included (…foolish.）); one cut where the page's columns were cut is joined
 * with the block that continues it, and an article that stops mid-sentence ends with …… so the reader sees the cut.
 * {@link #read} also says how each block was read.
 */
public final class TextImporter {
    /** How one block of the page was read: its line, text, role and the article it went to (a01, ...; null for none). */
    public record Block(int line, String text, String role, String article) {}

    /** The issue and how each block of the page was read. */
    public record Reading(Issue issue, List<Block> blocks) {}
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

    /**
     * The issue id a page's file name gives (qingdao-daily-2025-09-10.txt → qingdao-daily-2025-09-10): lowercased, runs
     * of anything but a-z, 0-9 and '-' made one '-', at most 64 characters; issue-DATE when nothing is left.
     */
    public static String issueId(String fileName, LocalDate date) {
        String stem = fileName.replaceFirst("\\.[^.]*$", "");
        String id = stem.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
        if (id.isEmpty()) return "issue-" + date;
        return id.length() > 64 ? id.substring(0, 64).replaceAll("-+$", "") : id;
    }

    /**
     * The publication id of an imported page when none is given: the issue id without its date, as the file names
     * the paper (qingdao-daily-2025-09-10 → qingdao-daily), so that the id an operator reads in the issue's name is
     * the one `show` takes; when the id holds no date, or nothing of at least 3 characters is left beside it, the
     * one the title gives ({@link Issue#derivePublication}).
     */
    public static String publication(String issueId, String title) {
        Matcher dated = ID_DATE.matcher(issueId);
        if (!dated.find()) return Issue.derivePublication(title);
        String rest = dated.replaceAll("-").replaceAll("-{2,}", "-").replaceAll("^-+|-+$", "");
        return rest.length() >= 3 && Name.valid(rest) ? rest : Issue.derivePublication(title);
    }

    /** A date written into an issue id, as file names carry it. */
    private static final Pattern ID_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /** Makes an issue of one page of text. */
    public static Issue parse(String text, String id, String publication, String title, LocalDate date) {
        return read(text, id, publication, title, date).issue();
    }

    /** Makes an issue of one page of text, and says how each block was read (`import-text --explain`). */
    public static Reading read(String text, String id, String publication, String title, LocalDate date) {
        List<String> blocks = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        String[] lines = text.replace("\r", "").split("\n");
        for (int l = 0; l < lines.length; l++) {
            String s = lines[l].strip().replace('\u3000', ' ').strip();
            if (!s.isEmpty()) {
                blocks.add(s);
                lineNumbers.add(l + 1);
            }
        }
        Kind[] kinds = kinds(blocks);
        Roles roles = new Roles(blocks.size());
        List<Draft> drafts = new ArrayList<>();
        List<Integer> headings = new ArrayList<>();
        List<Integer> banner = new ArrayList<>();
        Draft current = null;
        for (int b = 0; b < blocks.size(); b++) {
            String block = blocks.get(b);
            switch (kinds[b]) {
                case HEADING -> headings.add(b);
                case BYLINE -> {
                    current = new Draft(blocks, headings, drafts.isEmpty() ? banner : null, roles);
                    current.byline = block.replaceFirst("^[□■]\\s*", "");
                    roles.set(b, "byline", current);
                    drafts.add(current);
                    headings = new ArrayList<>();
                }
                case CAPTION -> {
                    if (current == null) {
                        current = new Draft(blocks, headings, null, roles);
                        if (headings.isEmpty()) current.placeholder = "（图片）";
                        drafts.add(current);
                        headings = new ArrayList<>();
                    }
                    current.captions.add(block);
                    roles.set(b, "caption", current);
                }
                case PARAGRAPH -> {
                    if (!headings.isEmpty() || current == null) {
                        boolean started = current != null && current.paragraphs.isEmpty() && current.byline != null && headings.isEmpty();
                        if (!started) {
                            current = new Draft(blocks, headings, drafts.isEmpty() ? banner : null, roles);
                            if (headings.isEmpty()) current.placeholder = "（接上文）";
                            drafts.add(current);
                            headings = new ArrayList<>();
                        }
                    }
                    current.add(b, block);
                }
            }
        }
        if (headings.size() == 1 && quoteBalance(blocks.get(headings.get(0))) > 0) {
            Draft into = rejoin(blocks.get(headings.get(0)), drafts);
            if (into != null) {
                roles.set(headings.get(0), "moved to the start of the first paragraph", into);
                headings = List.of();
            }
        }
        if (!headings.isEmpty()) {
            // Headings with nothing under them (a trailing teaser) still reach the reader as a short article.
            Draft d = new Draft(blocks, headings, null, roles);
            List<String> h = d.headingTexts();
            d.paragraphs.add(String.join("，", h.subList(Math.min(1, h.size() - 1), h.size())) + "。");
            d.teaser = true;
            drafts.add(d);
        }
        List<Article> articles = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) articles.add(drafts.get(i).article(String.format("a%02d", i + 1)));
        for (int b : banner) roles.set(b, "banner (the section's title)", null);
        String sectionTitle = banner.isEmpty() ? "要闻" : String.join(" ", banner.stream().map(blocks::get).toList());
        Section section = new Section("page-1", sectionTitle.length() > 32 ? sectionTitle.substring(0, 32) : sectionTitle, articles);
        List<Block> read = new ArrayList<>();
        for (int b = 0; b < blocks.size(); b++) {
            read.add(new Block(lineNumbers.get(b), blocks.get(b), roles.role[b], roles.draft[b] == null ? null : roles.draft[b].id));
        }
        return new Reading(new Issue(id, publication, title, date, null, Language.ZH_HANS, List.of(section)), read);
    }

    /** Each block's role and article, as they are decided. */
    private static final class Roles {
        final String[] role;
        final Draft[] draft;

        Roles(int n) {
            role = new String[n];
            draft = new Draft[n];
        }

        void set(int block, String r, Draft d) {
            role[block] = r;
            draft[block] = d;
        }
    }

    /**
     * Each block's kind, in context: a short block without a full stop is a heading; so is a short one ending in ？ or
     * ！ (内存去哪儿了？) where headings stand: under another heading (a kicker), or at the top of a story, after the
     * text before it ended its sentence and before its byline, another heading or its dateline. After a byline, or
     * between two paragraphs, such a block is text (没有吃过人的孩子，或者还有？).
     */
    private static Kind[] kinds(List<String> blocks) {
        Kind[] kinds = new Kind[blocks.size()];
        for (int b = 0; b < blocks.size(); b++) kinds[b] = kind(blocks.get(b));
        for (int b = 0; b < blocks.size(); b++) {
            if (kinds[b] != Kind.PARAGRAPH || !question(blocks.get(b))) continue;
            Kind before = b == 0 ? null : kinds[b - 1];
            if (before == Kind.BYLINE || before == Kind.PARAGRAPH && !endsSentence(blocks.get(b - 1))) continue;
            boolean top = b + 1 < blocks.size() && (kinds[b + 1] == Kind.BYLINE || kinds[b + 1] == Kind.HEADING
                    || kinds[b + 1] == Kind.PARAGRAPH && DATELINE.matcher(blocks.get(b + 1)).find());
            if (before == Kind.HEADING && b + 1 < blocks.size() || top) kinds[b] = Kind.HEADING;
        }
        return kinds;
    }

    /** A short block ending in a question or exclamation mark, with no full stop: a headline's shape. */
    private static boolean question(String s) {
        int length = s.codePointCount(0, s.length());
        String bare = s.replaceAll("[”’」』）)》】]+$", "");
        return length <= HEADING_MAX && s.indexOf('。') < 0 && !bare.isEmpty() && "？！?!".indexOf(bare.charAt(bare.length() - 1)) >= 0;
    }

    /**
     * A page whose columns were cut and reordered can end with the start of a paragraph (…“晴雨) whose rest opens
     * an article higher up (表”。…). The fragment with an unclosed quote goes in front of the first paragraph that
     * starts by closing a quote it never opened.
     */
    private static Draft rejoin(String fragment, List<Draft> drafts) {
        for (Draft d : drafts) {
            if (d.paragraphs.isEmpty()) continue;
            String first = d.paragraphs.get(0);
            int stop = first.indexOf('。');
            if (quoteBalance(first.substring(0, stop < 0 ? first.length() : stop)) < 0) {
                d.paragraphs.set(0, fragment + first);
                return d;
            }
        }
        return null;
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

    /**
     * Whether a block ends its sentence: a Chinese or Latin stop at its end, or before the closing quotes and brackets
     * that end it (。” ！」 …foolish.）); anything else is a paragraph cut by a column break.
     */
    static boolean endsSentence(String s) {
        if (s.isEmpty()) return false;
        char last = s.charAt(s.length() - 1);
        if ("。！？…；".indexOf(last) >= 0) return true;
        String bare = s.replaceAll("[”’」』）)》】\"']+$", "");
        if (bare.length() == s.length() || bare.isEmpty()) return false;
        return "。！？….!?".indexOf(bare.charAt(bare.length() - 1)) >= 0;
    }

    /** An article being collected: its heading blocks, paragraphs (each from one block or several joined), captions. */
    private static final class Draft {
        final List<String> blocks;
        final List<Integer> headings;
        final Roles roles;
        final List<String> paragraphs = new ArrayList<>();
        final List<String> captions = new ArrayList<>();
        /** The block of each paragraph's first part, and the block added last. */
        final List<Integer> paragraphBlocks = new ArrayList<>();
        int lastBlock = -1;
        String byline;
        /** The headline when no heading came before it: a photo alone, or text continued from an earlier page. */
        String placeholder;
        boolean teaser;
        String id;
        /** Whether the last paragraph stopped mid-sentence, so that the next block may continue it. */
        boolean open;

        /** @param banner where the page's own banner lines go, for the first article of a page; null otherwise */
        Draft(List<String> blocks, List<Integer> headings, List<Integer> banner, Roles roles) {
            this.blocks = blocks;
            this.roles = roles;
            List<Integer> h = new ArrayList<>(headings);
            // Very short lines before a first article's kicker are the page's banner (海上新山东 / 青岛新实践).
            if (banner != null) {
                while (h.size() > 3 && length(blocks.get(h.get(0))) <= KICKER_MAX) banner.add(h.remove(0));
            }
            this.headings = h;
        }

        List<String> headingTexts() {
            return headings.stream().map(blocks::get).toList();
        }

        void add(int b, String block) {
            if (open && !paragraphs.isEmpty()) {
                int last = paragraphs.size() - 1;
                paragraphs.set(last, paragraphs.get(last) + block);
                roles.set(lastBlock, "paragraph, joined with the next block (cut by a column)", this);
                roles.set(b, "paragraph, continuing the block before", this);
            } else {
                paragraphs.add(block);
                paragraphBlocks.add(b);
                roles.set(b, "paragraph", this);
            }
            lastBlock = b;
            open = !endsSentence(block);
        }

        private static int length(String s) {
            return s.codePointCount(0, s.length());
        }

        Article article(String id) {
            this.id = id;
            List<String> headings = headingTexts();
            String kicker = null, headline, subhead = null;
            int n = headings.size();
            String[] role = new String[n];
            if (n == 0) {
                headline = placeholder != null ? placeholder : "（接上文）";
            } else if (n == 1) {
                headline = headings.get(0);
                role[0] = "headline";
            } else {
                String a = headings.get(n - 2), b = headings.get(n - 1);
                if (length(a) <= KICKER_MAX) {
                    kicker = a;
                    headline = b;
                    role[n - 2] = "kicker";
                    role[n - 1] = "headline";
                } else {
                    headline = a;
                    subhead = b;
                    role[n - 2] = "headline";
                    role[n - 1] = "subhead";
                }
                n -= 2;
                if (n > 0) {
                    String before = String.join(" ", headings.subList(0, n));
                    kicker = kicker == null ? before : before + " " + kicker;
                    for (int k = 0; k < n; k++) role[k] = "kicker";
                }
            }
            for (int k = 0; k < role.length; k++) roles.set(this.headings.get(k), teaser ? role[k] + " (a teaser: nothing under it)" : role[k], this);
            List<String> body = new ArrayList<>(paragraphs);
            String dateline = null;
            if (!body.isEmpty()) {
                Matcher m = DATELINE.matcher(body.get(0));
                if (m.find() && m.end() < body.get(0).length()) {
                    dateline = m.group(1);
                    body.set(0, body.get(0).substring(m.end()));
                    if (!paragraphBlocks.isEmpty()) {
                        int first = paragraphBlocks.get(0);
                        roles.set(first, "dateline " + dateline + ", then " + roles.role[first], this);
                    }
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
