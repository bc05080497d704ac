package newsstand.app;

import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import newsstand.fonts.LineBreaker;
import newsstand.fonts.SetLine;
import newsstand.fonts.Typeface;
import newsstand.issue.Article;
import newsstand.issue.Issue;
import newsstand.issue.Photo;
import newsstand.issue.Section;

/**
 * Lays an issue out as newspaper pages for one panel. The front page: a masthead, the lead story with its headline
 * across the page and its photo, the front section's further stories beside it with smaller headlines, each story
 * within its share of the page and jumping ("下转第N版") to a page after the front, where it goes on ("上接第1版"), and
 * a strip pointing to the other sections. Then each section on new pages, stories flowing down columns and on to
 * the next page, headlines kept with their first lines, no paragraph leaving one line alone at a column's foot or
 * head, and a footer with the page number.
 */
final class Composer {
    private static final int INK = 0;
    private static final int GREY_TEXT = 0x50;
    private static final int RULE_GREY = 0x90;

    private final Typography t;
    private final Typeface regular;
    private final Typeface bold;
    private final List<Page> pages = new ArrayList<>();
    private final int[] columnTops;
    private Issue issue;
    private Page page;
    private String section;
    private int column;
    private int y;
    private int bottom;
    /**
     * While a front-page story is set, the last column it may use (-1 otherwise): past it, or past bottom, the story
     * stops with overflow set instead of flowing on to a new page.
     */
    private int lastColumn = -1;
    private boolean overflow;
    /** The height kept at the front page's foot for the strip pointing to the other sections. */
    private int stripHeight;

    Composer(Typography typography, Typeface regular, Typeface bold) {
        this.t = typography;
        this.regular = regular;
        this.bold = bold;
        this.columnTops = new int[typography.columns()];
    }

    List<Page> compose(Issue issue) {
        this.issue = issue;
        pages.clear();
        bottom = t.height() - t.margin() - t.lineHeight(t.small()) - t.small();
        vertical = isVertical(issue.language());
        boolean front = true;
        for (Section s : issue.sections()) {
            section = s.title();
            if (front && !vertical && !s.articles().isEmpty()) {
                frontPage(s);
                front = false;
                continue;
            }
            newPage(front);
            for (int i = 0; i < s.articles().size(); i++) {
                if (vertical) verticalArticle(s.articles().get(i), front && i == 0);
                else article(s.articles().get(i));
            }
            front = false;
        }
        footers();
        if (stripHeight > 0) strip();
        return pages;
    }

    private void newPage(boolean front) {
        page = new Page(pages.size() + 1, section);
        pages.add(page);
        y = t.margin();
        if (front) masthead();
        else headerStrip();
        Arrays.fill(columnTops, y);
        column = 0;
        if (vertical) startTiers();
    }

    /** Traditional Chinese and Japanese issues are set vertically, as their printed papers are. */
    static boolean isVertical(String language) {
        return language != null && (language.startsWith("zh-Hant") || language.equals("zh-TW") || language.equals("zh-HK")
                || language.equals("ja") || language.startsWith("ja-"));
    }

    // Vertical pages: the page below the masthead is cut into tiers (段) of about 16 em, each filled from right to
    // left with lines that run top to bottom; a story goes on into the tier below, then the next page.
    private boolean vertical;
    private int tiers;
    private int tierHeight;
    private int tierTop0;
    private int tier;
    /** The right edge of the next vertical line. */
    private int cx;

    private void startTiers() {
        int gap = t.body();
        int avail = bottom - y;
        tiers = Math.max(1, Math.round((avail + gap) / (16f * t.body() + gap)));
        tierHeight = (avail - (tiers - 1) * gap) / tiers;
        tierTop0 = y;
        tier = 0;
        cx = t.width() - t.margin();
    }

    private int tierTop() {
        return tierTop0 + tier * (tierHeight + t.body());
    }

    private void nextTier() {
        tier++;
        if (tier >= tiers) {
            newPage(false);
            return;
        }
        cx = t.width() - t.margin();
        add(new Page.Rule(t.margin(), tierTop() - t.body() / 2, t.contentWidth(), 1, RULE_GREY));
    }

    private boolean tierStart() {
        return cx == t.width() - t.margin();
    }

    private void verticalArticle(Article a, boolean lead) {
        int lh = t.lineHeight();
        if (!tierStart()) {
            if (cx - 2 * lh < t.margin()) {
                nextTier();
            } else {
                add(new Page.Rule(cx - lh / 4, tierTop(), 1, tierHeight, RULE_GREY));
                cx -= lh / 2;
            }
        }
        int headlinePx = lead ? t.leadHeadline() : t.headline();
        List<SetLine> headline = vset(a.headline(), headlinePx, 0, false, true);
        List<SetLine> subhead = a.subhead() == null ? List.of() : vset(a.subhead(), t.subhead(), 0, false, false);
        List<SetLine> byline = a.byline() == null ? List.of() : vset(a.byline(), t.small(), 0, false, false);
        // Keep the headline block with the first three lines of text.
        int needed = headline.size() * t.lineHeight(headlinePx) + subhead.size() * t.lineHeight(t.subhead())
                + byline.size() * t.lineHeight(t.small()) + 3 * lh;
        if (cx - needed < t.margin() && !tierStart()) nextTier();
        if (a.kicker() != null) vlines(vset(a.kicker(), t.small(), 0, false, true), t.small(), true, GREY_TEXT, a.id());
        vlines(headline, headlinePx, true, INK, a.id());
        vlines(subhead, t.subhead(), false, INK, a.id());
        vlines(byline, t.small(), false, GREY_TEXT, a.id());
        cx -= t.small() / 2;
        for (Photo p : a.photos()) verticalPhoto(p, a.id());
        List<String> paragraphs = a.paragraphs();
        for (int i = 0; i < paragraphs.size(); i++) {
            int boldPrefix = boldPrefix(a, i);
            List<SetLine> lines = vset(paragraph(a, i), t.body(), 2, true, false);
            for (int k = 0; k < lines.size(); k++) {
                // No widow or orphan: a paragraph never leaves one line alone at a tier's end or start.
                int room = (cx - t.margin()) / lh;
                int rest = lines.size() - k;
                if ((k == 0 && room == 1 && rest > 1) || (rest == 2 && room == 1 && k > 0)) nextTier();
                vline(lines.get(k), t.body(), lh, false, INK, k == 0 ? boldPrefix : 0, a.id());
            }
        }
        cx -= lh / 3;
    }

    /** A photo in a tier, as tall as the tier less its caption, which runs across under it. */
    private void verticalPhoto(Photo p, String articleId) {
        String caption = (p.caption() == null ? "" : p.caption()) + credit(p);
        if (!p.hasImage()) {
            vlines(vset("［图］" + caption, t.small(), 0, false, false), t.small(), false, GREY_TEXT, articleId);
            return;
        }
        int slh = t.lineHeight(t.small());
        int width = Math.min(t.contentWidth() * 2 / 5, Math.round((float) tierHeight * p.width() / p.height()));
        width = Math.max(width, 4 * t.small());
        if (cx - width < t.margin() && !tierStart()) nextTier();
        if (cx - width < t.margin()) width = cx - t.margin();
        List<SetLine> lines = caption.isBlank() ? List.of() : set(caption, t.small(), width, 0, false);
        int h = Math.max(1, tierHeight - lines.size() * slh - t.small() / 3);
        // The caption keeps the box's width; the photo keeps its shape, centred in the box.
        int w = Math.max(1, Math.min(width, Math.round((float) h * p.width() / p.height())));
        add(new Page.Picture(cx - width + (width - w) / 2, tierTop(), w, h, p));
        int cy = tierTop() + h + t.small() / 3;
        for (SetLine line : lines) {
            add(text(cx - width, cy, slh, line, t.small(), false, GREY_TEXT, 0, articleId));
            cy += slh;
        }
        cx -= width + t.small();
    }

    private void vlines(List<SetLine> lines, int px, boolean bold, int ink, String articleId) {
        for (SetLine line : lines) vline(line, px, t.lineHeight(px), bold, ink, 0, articleId);
    }

    private void vline(SetLine line, int px, int lh, boolean bold, int ink, int boldPrefix, String articleId) {
        if (cx - lh < t.margin()) nextTier();
        add(new Page.Text(cx - lh, tierTop(), lh, (int) Math.ceil(line.width()), cx - lh / 2, line, px, bold, ink,
                boldPrefix, articleId, true));
        cx -= lh;
    }

    private List<SetLine> vset(String text, int px, float indentEm, boolean justify, boolean boldType) {
        return new LineBreaker(boldType ? bold : regular, px, Math.max(tierHeight, px), indentEm, justify).vertical(true).set(text);
    }

    private void nextColumn() {
        if (lastColumn >= 0) {
            if (column < lastColumn) {
                column++;
                y = columnTops[column];
            } else {
                overflow = true;
            }
            return;
        }
        column++;
        if (column >= t.columns()) newPage(false);
        y = columnTops[column];
    }

    private int x() {
        return t.columnX(column);
    }

    private void masthead() {
        int px = t.masthead();
        SetLine title = one(issue.title(), px, true);
        int lh = t.lineHeight(px);
        add(text((t.width() - Math.round(title.width())) / 2, y, lh, title, px, true, INK, 0, null));
        y += lh;
        int small = t.small();
        int slh = t.lineHeight(small);
        SetLine date = one(dateText(), small, false);
        add(text(t.margin(), y, slh, date, small, false, INK, 0, null));
        if (issue.edition() != null) {
            SetLine edition = one(issue.edition(), small, false);
            add(text(t.width() - t.margin() - Math.round(edition.width()), y, slh, edition, small, false, INK, 0, null));
        }
        y += slh + small / 4;
        add(new Page.Rule(t.margin(), y, t.contentWidth(), Math.max(2, t.body() / 8), INK));
        y += Math.max(2, t.body() / 8) + Math.max(2, t.body() / 10);
        add(new Page.Rule(t.margin(), y, t.contentWidth(), 1, INK));
        y += t.body();
    }

    private void headerStrip() {
        int small = t.small();
        int slh = t.lineHeight(small);
        SetLine title = one(issue.title(), small, true);
        add(text(t.margin(), y, slh, title, small, true, INK, 0, null));
        SetLine tag = one(section, small, true);
        int pad = small / 2;
        int tagX = t.margin() + Math.round(title.width()) + small;
        add(new Page.Rule(tagX, y, Math.round(tag.width()) + 2 * pad, slh, INK));
        add(text(tagX + pad, y, slh, tag, small, true, 255, 0, null));
        SetLine date = one(dateText(), small, false);
        add(text(t.width() - t.margin() - Math.round(date.width()), y, slh, date, small, false, INK, 0, null));
        y += slh + small / 3;
        add(new Page.Rule(t.margin(), y, t.contentWidth(), 2, INK));
        y += t.body();
    }

    private String dateText() {
        var d = issue.date();
        return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日 "
                + d.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.CHINA);
    }

    /** What is left of a front-page story, and where its jump line goes on the front page. */
    private record Rest(Article article, int paragraph, int line, List<Photo> photos, int jumpX, int jumpY) {}

    private void frontPage(Section s) {
        newPage(true);
        Page front = page;
        int slh = t.lineHeight(t.small());
        int others = issue.sections().size() - 1;
        stripHeight = others == 0 ? 0 : stripLines(others) * slh + t.small() * 2;
        int frontBottom = bottom - stripHeight;
        int jumpHeight = slh;
        List<Article> stories = s.articles();
        List<Rest> rests = new ArrayList<>();
        // The lead takes the left columns, all but one of three or half of four or more; the other stories go right.
        int sideColumns = t.columns() == 1 ? 0 : Math.max(1, t.columns() / 2);
        int leadColumns = t.columns() - sideColumns;
        leadHeader(stories.get(0));
        int top = y;
        // Side stories only where the first of them gets its headline and a few lines; else the lead takes the page.
        boolean sideStories = stories.size() > 1 && sideColumns > 0
                && storyHeader(stories.get(1), t.headline()) + 3 * t.lineHeight() + jumpHeight <= frontBottom - top;
        if (!sideStories) leadColumns = t.columns();
        int leadBottom = sideStories && sideColumns == 0 ? top + (frontBottom - top) * 3 / 5 : frontBottom;
        Rest rest = frontStory(stories.get(0), -1, leadColumns - 1, leadBottom - jumpHeight);
        if (rest != null) rests.add(rest);
        int placed = 1;
        if (sideStories) {
            // The other stories share the side columns (or, on a one-column page, the space under the lead).
            int firstSide = sideColumns == 0 ? 0 : leadColumns;
            int columns = Math.max(1, sideColumns);
            int sideTop = sideColumns > 0 ? top : (rests.isEmpty() ? y : rests.get(0).jumpY() + jumpHeight) + t.lineHeight() / 2;
            // As many stories as get a headline and five lines each, shared evenly among the columns.
            int typical = 2 * t.lineHeight(t.headline()) + 5 * t.lineHeight() + jumpHeight;
            int fit = columns * Math.max(1, (frontBottom - sideTop) / typical);
            int count = Math.min(stories.size() - 1, fit);
            int perColumn = (count + columns - 1) / columns;
            for (int c = 0; c < columns && placed <= count; c++) {
                column = firstSide + c;
                y = sideTop;
                for (int k = 0; k < perColumn && placed <= count; k++) {
                    int share = (frontBottom - y) / Math.min(perColumn - k, count + 1 - placed);
                    Article a = stories.get(placed);
                    int px = placed == 1 ? t.headline() : (t.headline() + t.subhead()) / 2;
                    int rule = k > 0 ? t.lineHeight() * 3 / 4 : 0;
                    int least = storyHeader(a, px) + 3 * t.lineHeight() + jumpHeight + rule;
                    if (least > frontBottom - y) break;
                    if (least > share) {
                        // Too little for its share: this story takes the rest of the column, the next go inside.
                        share = frontBottom - y;
                        perColumn = k + 1;
                    }
                    if (k > 0) {
                        storyRule();
                        share -= rule;
                    }
                    rest = frontStory(a, px, column, y + share - jumpHeight);
                    if (rest != null) {
                        rests.add(rest);
                        y += jumpHeight;
                    }
                    placed++;
                }
            }
        }
        bottom = frontBottom + stripHeight;
        lastColumn = -1;
        overflow = false;
        // The jumped stories go on after the front page, then the section's stories the front had no room for.
        if (!rests.isEmpty() || placed < stories.size()) newPage(false);
        for (Rest r : rests) {
            int jumpPage = continuation(r);
            SetLine jump = one("（下转第" + jumpPage + "版）", t.small(), true);
            front.ops.add(text(r.jumpX() + t.columnWidth() - Math.round(jump.width()), r.jumpY(), jumpHeight, jump,
                    t.small(), true, INK, 0, r.article().id()));
        }
        for (Article a : stories.subList(placed, stories.size())) article(a);
    }

    /** The height of a column story's kicker, headline, subhead and byline. */
    private int storyHeader(Article a, int headlinePx) {
        return blockHeight(a.headline(), headlinePx, true) + t.small() / 3
                + (a.kicker() == null ? 0 : blockHeight(a.kicker(), t.small(), true))
                + (a.subhead() == null ? 0 : blockHeight(a.subhead(), t.subhead(), false))
                + (a.byline() == null ? 0 : blockHeight(a.byline(), t.small(), false));
    }

    /** The lead story's kicker, headline, subhead and byline across the page, with a rule under them. */
    private void leadHeader(Article a) {
        int width = t.contentWidth();
        if (a.kicker() != null) block(a.kicker(), t.subhead(), width, true, GREY_TEXT, a.id());
        block(a.headline(), t.leadHeadline(), width, true, INK, a.id());
        if (a.subhead() != null) block(a.subhead(), t.subhead(), width, false, INK, a.id());
        if (a.byline() != null) block(a.byline(), t.small(), width, false, GREY_TEXT, a.id());
        y += t.small() / 2;
        add(new Page.Rule(t.margin(), y, width, 1, RULE_GREY));
        y += t.body() / 2;
    }

    /**
     * Sets a front-page story from the current column to lastColumn, above storyBottom; the lead (headlinePx -1)
     * has its header already and its photo across two columns. Returns what did not fit, or null.
     */
    private Rest frontStory(Article a, int headlinePx, int lastColumn, int storyBottom) {
        this.lastColumn = lastColumn;
        bottom = storyBottom;
        overflow = false;
        for (int c = column; c <= lastColumn; c++) columnTops[c] = y;
        List<Photo> photos = a.photos();
        if (headlinePx < 0) {
            // Across two columns only when the lead headline leaves room for it; else the photo runs in a column.
            if (!photos.isEmpty() && photos.get(0).hasImage() && bottom - y >= 8 * t.lineHeight()) {
                int span = Math.min(2, lastColumn + 1);
                photo(photos.get(0), span * t.columnWidth() + (span - 1) * t.gutter(), a.id());
                for (int c = 0; c < span; c++) columnTops[c] = y;
                photos = photos.subList(1, photos.size());
            }
            y = columnTops[0];
        } else {
            columnHeader(a, headlinePx);
        }
        return body(a, photos, 0, 0);
    }

    /** Sets the rest of a jumped story under a short headline and "上接第1版"; returns the page it starts on. */
    private int continuation(Rest r) {
        Article a = r.article();
        int lh = t.lineHeight();
        if (y > columnTops[column]) storyRule();
        int needed = 3 * lh + blockHeight(a.headline(), t.subhead(), true) + t.lineHeight(t.small());
        if (y + needed > bottom && y > columnTops[column]) nextColumn();
        int startPage = page.number;
        block(a.headline(), t.subhead(), t.columnWidth(), true, INK, a.id());
        block("（上接第1版）", t.small(), t.columnWidth(), false, GREY_TEXT, a.id());
        y += t.small() / 3;
        body(a, r.photos(), r.paragraph(), r.line());
        return startPage;
    }
    private void article(Article a) {
        int lh = t.lineHeight();
        if (y > columnTops[column]) {
            if (y + lh > bottom) {
                nextColumn();
            } else {
                storyRule();
            }
        }
        // Keep the headline block with the first three lines of text.
        int needed = 3 * lh + storyHeader(a, t.headline());
        if (y + needed > bottom && y > columnTops[column]) nextColumn();
        columnHeader(a, t.headline());
        body(a, a.photos(), 0, 0);
    }

    /** A rule between two stories in a column. */
    private void storyRule() {
        add(new Page.Rule(x(), y + t.lineHeight() / 4, t.columnWidth(), 1, RULE_GREY));
        y += t.lineHeight() * 3 / 4;
    }

    /** A column story's kicker, headline, subhead and byline; storyHeader gives their height. */
    private void columnHeader(Article a, int headlinePx) {
        int w = t.columnWidth();
        if (a.kicker() != null) block(a.kicker(), t.small(), w, true, GREY_TEXT, a.id());
        block(a.headline(), headlinePx, w, true, INK, a.id());
        if (a.subhead() != null) block(a.subhead(), t.subhead(), w, false, INK, a.id());
        if (a.byline() != null) block(a.byline(), t.small(), w, false, GREY_TEXT, a.id());
        y += t.small() / 3;
    }

    /**
     * Sets an article's photos and text from paragraph `from`, line `fromLine` of it. Returns what is left when a
     * front-page story runs out of room (overflow), else null.
     */
    private Rest body(Article a, List<Photo> photos, int from, int fromLine) {
        List<Photo> waiting = new ArrayList<>();
        for (int k = 0; k < photos.size(); k++) {
            Photo p = photos.get(k);
            if (p.hasImage()) {
                waiting.add(p);
                continue;
            }
            String caption = "［图］" + (p.caption() == null ? "" : p.caption()) + credit(p);
            List<SetLine> lines = set(caption, t.small(), t.columnWidth(), 0, false);
            while (y + lines.size() * t.lineHeight(t.small()) > bottom && !overflow) nextColumn();
            if (overflow) {
                waiting.addAll(photos.subList(k, photos.size()));
                return rest(a, from, fromLine, waiting);
            }
            lines(lines, t.small(), false, GREY_TEXT, a.id(), 0);
            y += t.small() / 2;
        }
        List<String> paragraphs = a.paragraphs();
        for (int i = from; i < paragraphs.size(); i++) {
            int skip = i == from ? fromLine : 0;
            placePhotos(waiting, a.id(), false);
            if (overflow) return rest(a, i, skip, waiting);
            List<SetLine> lines = set(paragraph(a, i), t.body(), t.columnWidth(), 2, true);
            int placed = paragraph(lines.subList(skip, lines.size()), a.id(), skip == 0 ? boldPrefix(a, i) : 0, skip == 0);
            if (overflow) return rest(a, i, skip + placed, waiting);
        }
        placePhotos(waiting, a.id(), true);
        if (overflow) return rest(a, paragraphs.size(), 0, waiting);
        y += t.lineHeight() / 3;
        return null;
    }

    private Rest rest(Article a, int paragraph, int line, List<Photo> photos) {
        if (paragraph < a.paragraphs().size() && line >= set(paragraph(a, paragraph), t.body(), t.columnWidth(), 2, true).size()) {
            paragraph++;
            line = 0;
        }
        return new Rest(a, paragraph, line, List.copyOf(photos), x(), y);
    }

    /** Paragraph i of an article; the first opens with the dateline in bold, an ideographic space after it. */
    private static String paragraph(Article a, int i) {
        String p = a.paragraphs().get(i);
        return i == 0 && a.dateline() != null ? a.dateline() + "\u3000" + p : p;
    }

    /** How many characters at the start of paragraph i are set bold: the dateline's. */
    private static int boldPrefix(Article a, int i) {
        return i == 0 && a.dateline() != null ? a.dateline().codePointCount(0, a.dateline().length()) : 0;
    }

    /** Photos float: one that would leave the current column too short waits for the next paragraph break. */
    private void placePhotos(List<Photo> waiting, String articleId, boolean now) {
        while (!waiting.isEmpty()) {
            Photo p = waiting.get(0);
            String caption = (p.caption() == null ? "" : p.caption()) + credit(p);
            int captionHeight = caption.isBlank() ? 0 : set(caption, t.small(), t.columnWidth(), 0, false).size() * t.lineHeight(t.small());
            if (!now && !photoFits(p, captionHeight)) return;
            if (!photo(p, t.columnWidth(), articleId)) return;
            waiting.remove(0);
        }
    }

    /**
     * Places a paragraph's lines down the columns, never leaving a single line alone at a column's foot or head;
     * returns how many were placed (fewer than all only on overflow). first: the lines start the paragraph.
     */
    private int paragraph(List<SetLine> lines, String articleId, int boldPrefix, boolean first) {
        int lh = t.lineHeight();
        int i = 0;
        int n = lines.size();
        while (i < n) {
            int fit = (bottom - y) / lh;
            boolean fresh = y == columnTops[column];
            int rest = n - i;
            if (rest <= fit) {
                place(lines.subList(i, n), articleId, i == 0 ? boldPrefix : 0);
                return n;
            }
            int take = Math.max(0, fit);
            if (rest - take == 1 && take >= 2) take--;          // no widow: the last line never goes over alone
            if (first && i == 0 && take < 2 && n > 1 && !fresh) take = 0; // no orphan: the first line never stays alone
            if (take > 0) {
                place(lines.subList(i, i + take), articleId, i == 0 ? boldPrefix : 0);
                i += take;
            }
            nextColumn();
            if (overflow) return i;
        }
        return n;
    }

    private void place(List<SetLine> lines, String articleId, int boldPrefix) {
        int lh = t.lineHeight();
        for (SetLine line : lines) {
            add(text(x(), y, lh, line, t.body(), false, INK, boldPrefix, articleId));
            boldPrefix = 0;
            y += lh;
        }
    }

    /** Places a photo with its caption; false when a front-page story has no room left for it. */
    private boolean photo(Photo p, int width, String articleId) {
        String caption = (p.caption() == null ? "" : p.caption()) + credit(p);
        List<SetLine> lines = caption.isBlank() ? List.of() : set(caption, t.small(), width, 0, false);
        int captionHeight = lines.size() * t.lineHeight(t.small());
        // A column photo moves on until a column has room for it; a page's fresh column always has.
        for (int moves = 0; width == t.columnWidth() && !photoFits(p, captionHeight) && moves <= t.columns(); moves++) {
            nextColumn();
            if (overflow) return false;
        }
        int w = width;
        int h = Math.min(Math.max(1, Math.round((float) w * p.height() / p.width())), maxPhotoHeight());
        int room = bottom - y - captionHeight - t.small();
        if (h > room) h = Math.max(1, room);
        w = Math.min(width, Math.max(1, Math.round((float) h * p.width() / p.height())));
        add(new Page.Picture(x() + (width - w) / 2, y, w, h, p));
        y += h + t.small() / 3;
        lines(lines, t.small(), false, GREY_TEXT, articleId, 0);
        y += t.small() / 2;
        return true;
    }

    /** Photos take at most 45% of a column's height. */
    private int maxPhotoHeight() {
        return (bottom - columnTops[column]) * 45 / 100;
    }

    /** Whether a column-wide photo and its caption fit under the current position, leaving a sensible box. */
    private boolean photoFits(Photo p, int captionHeight) {
        int h = Math.min(Math.round((float) t.columnWidth() * p.height() / p.width()), maxPhotoHeight());
        int room = bottom - y - captionHeight - t.small();
        return h <= room && room >= 4 * t.lineHeight();
    }

    private static String credit(Photo p) {
        if (p.credit() == null) return "";
        String c = p.credit();
        return "　" + (c.endsWith("摄") || c.contains("图片") ? c : c + " 摄");
    }

    /** A ragged block of lines (headline, kicker, byline) across a width, from the current column. */
    private void block(String text, int px, int width, boolean boldType, int ink, String articleId) {
        lines(balanced(text, px, width, boldType), px, boldType, ink, articleId, 0);
    }

    /**
     * A ragged block set in as many lines as the width needs, but no wider than it must be for that, so that a
     * headline's last line never holds a character or two alone.
     */
    private List<SetLine> balanced(String text, int px, int width, boolean boldType) {
        List<SetLine> lines = set(text, px, width, 0, false, boldType);
        if (lines.size() < 2) return lines;
        int lo = px, hi = width;
        while (hi - lo > px / 4) {
            int mid = (lo + hi) >>> 1;
            if (set(text, px, mid, 0, false, boldType).size() == lines.size()) hi = mid;
            else lo = mid;
        }
        return set(text, px, hi, 0, false, boldType);
    }

    private void lines(List<SetLine> lines, int px, boolean bold, int ink, String articleId, int boldPrefix) {
        int lh = t.lineHeight(px);
        for (SetLine line : lines) {
            add(text(x(), y, lh, line, px, bold, ink, boldPrefix, articleId));
            y += lh;
        }
    }

    private int blockHeight(String text, int px, boolean boldType) {
        return set(text, px, t.columnWidth(), 0, false, boldType).size() * t.lineHeight(px);
    }

    private void footers() {
        int small = t.small();
        int slh = t.lineHeight(small);
        Map<String, Integer> firstPages = new LinkedHashMap<>();
        for (Page p : pages) firstPages.putIfAbsent(p.section, p.number);
        for (Page p : pages) {
            page = p;
            int fy = t.height() - t.margin() - slh;
            add(new Page.Rule(t.margin(), fy - small / 3, t.contentWidth(), 1, RULE_GREY));
            StringBuilder s = new StringBuilder("第" + p.number + "版 / 共" + pages.size() + "版　" + p.section);
            if (p.number == 1 && vertical && firstPages.size() > 1) {
                s.append("　　本期导读：");
                firstPages.forEach((name, number) -> {
                    if (number > 1) s.append(name).append(" 第").append(number).append("版　");
                });
            }
            SetLine line = one(s.toString().strip(), small, false);
            add(text((t.width() - Math.round(line.width())) / 2, fy, slh, line, small, false, GREY_TEXT, 0, null));
        }
    }

    /** One line per other section with its headlines on a tall page; else the sections and pages on one line. */
    private int stripLines(int otherSections) {
        if (!tallPage()) return 1;
        return otherSections <= 3 ? otherSections : 2;
    }

    private boolean tallPage() {
        return t.height() / t.lineHeight() >= 24;
    }

    /**
     * The front page's foot: "本期导读" reversed, then each other section with its first page and its first
     * headlines (a line each), or, for more than three sections, the sections and pages run together on two lines.
     */
    private void strip() {
        page = pages.get(0);
        int small = t.small();
        int slh = t.lineHeight(small);
        int top = bottom - stripHeight + small / 2;
        add(new Page.Rule(t.margin(), top, t.contentWidth(), 2, INK));
        y = top + small / 2 + 2;
        SetLine label = one("本期导读", small, true);
        int pad = small / 2;
        add(new Page.Rule(t.margin(), y, Math.round(label.width()) + 2 * pad, slh, INK));
        add(text(t.margin() + pad, y, slh, label, small, true, 255, 0, null));
        int x = t.margin() + Math.round(label.width()) + 2 * pad + small;
        int width = t.width() - t.margin() - x;
        List<String> entries = new ArrayList<>();
        for (Section s : issue.sections().subList(1, issue.sections().size())) {
            int first = pages.stream().filter(p -> p.section.equals(s.title())).findFirst().orElseThrow().number;
            StringBuilder e = new StringBuilder(s.title() + " 第" + first + "版");
            if (issue.sections().size() - 1 <= 3 && tallPage()) {
                for (Article a : s.articles().subList(0, Math.min(3, s.articles().size()))) e.append("　").append(a.headline());
            }
            entries.add(e.toString());
        }
        List<SetLine> lines = new ArrayList<>();
        if (entries.size() <= 3 && tallPage()) {
            for (String e : entries) lines.add(set(e, small, width, 0, false).get(0));
        } else {
            List<SetLine> all = set(String.join("　", entries), small, width, 0, false);
            lines.addAll(all.subList(0, Math.min(stripLines(entries.size()), all.size())));
        }
        for (SetLine line : lines) {
            add(text(x, y, slh, line, small, false, INK, 0, null));
            y += slh;
        }
    }

    private void add(Page.Op op) {
        page.ops.add(op);
    }

    private Page.Text text(int x, int top, int lh, SetLine line, int px, boolean bold, int ink, int boldPrefix, String articleId) {
        int baseline = top + (lh - px) / 2 + Math.round(px * 0.88f);
        return new Page.Text(x, top, (int) Math.ceil(line.width()), lh, baseline, line, px, bold, ink, boldPrefix, articleId, false);
    }

    private List<SetLine> set(String text, int px, int measure, float indentEm, boolean justify) {
        return set(text, px, measure, indentEm, justify, false);
    }

    private List<SetLine> set(String text, int px, int measure, float indentEm, boolean justify, boolean boldType) {
        return new LineBreaker(boldType ? bold : regular, px, Math.max(measure, px), indentEm, justify).set(text);
    }

    private SetLine one(String text, int px, boolean boldType) {
        List<SetLine> lines = set(text, px, Integer.MAX_VALUE / 4, 0, false, boldType);
        return lines.isEmpty() ? set("\u3000", px, px * 2, 0, false).get(0) : lines.get(0);
    }
}
