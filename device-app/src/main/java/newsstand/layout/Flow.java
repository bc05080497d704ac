package newsstand.layout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import newsstand.fonts.typeset.SetLine;
import newsstand.issue.Article;
import newsstand.issue.Issue;

/**
 * The cursor of a layout as text flows down columns and on to new pages: the pages so far, the page, column and
 * height being set, the foot of the space being filled, and the top of each column on the page. Lines are placed
 * here; a paragraph never leaves one line alone at a column's foot or head. The cursor moves only through this
 * class's methods, and {@link #mark} and {@link #reset} take all of it back, so that a trial placement leaves nothing.
 */
final class Flow {
    private final Typography t;
    private final Setter setter;
    private final Headlines headlines;
    /** What each new page starts with. */
    private final Furniture furniture;
    /** The tiers of vertical pages, or null for horizontal ones. */
    private final VerticalPages tiers;
    /** The foot of a page's text, above its footer. */
    private final int foot;
    private final List<Page> pages = new ArrayList<>();
    private final List<Page> pagesSoFar = Collections.unmodifiableList(pages);
    /** The top of each column on the current page, under its masthead or header, a story's header or a photo. */
    private final int[] columnTops;
    private Page page;
    private String section;
    private int column;
    private int y;
    private int bottom;
    /**
     * While a story is confined to a share of the page, the last column it may use (-1 otherwise): past it, or past
     * bottom, the story stops with overflow set instead of flowing on to a new page.
     */
    private int lastColumn = -1;
    private boolean overflow;

    Flow(Typography t, Setter setter, Issue issue, boolean vertical) {
        this.t = t;
        this.setter = setter;
        this.headlines = new Headlines(setter);
        this.columnTops = new int[t.columns()];
        this.foot = t.height() - t.margin() - t.lineHeight(t.small()) - t.small();
        this.bottom = foot;
        this.furniture = new Furniture(this, issue, vertical);
        this.tiers = vertical ? new VerticalPages(this) : null;
    }

    Typography typography() {
        return t;
    }

    Setter setter() {
        return setter;
    }

    Headlines headlines() {
        return headlines;
    }

    Furniture furniture() {
        return furniture;
    }

    /** The tiers of vertical pages, or null for horizontal ones. */
    VerticalPages tiers() {
        return tiers;
    }

    /** The pages so far, the current one last. */
    List<Page> pages() {
        return pagesSoFar;
    }

    Page page() {
        return page;
    }

    int column() {
        return column;
    }

    int y() {
        return y;
    }

    /** The foot of the space being filled. */
    int bottom() {
        return bottom;
    }

    /** Where column c of the current page starts. */
    int columnTop(int c) {
        return columnTops[c];
    }

    /** Whether the story being set ran out of its share of the page, or the page is done. */
    boolean overflow() {
        return overflow;
    }

    /** The pages of the issue, each with its footer (and the front page with its strip): the layout is done. */
    List<Page> finish() {
        furniture.finish();
        return pages;
    }

    /** The pages from the next one on belong to this section. */
    void startSection(String title) {
        section = title;
    }

    void newPage(boolean front) {
        page = new Page(pages.size() + 1, section);
        pages.add(page);
        y = t.margin();
        if (front) furniture.masthead();
        else furniture.headerStrip();
        Arrays.fill(columnTops, y);
        column = 0;
        if (tiers != null) tiers.start();
    }

    void nextColumn() {
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

    /** Goes on in a column of the page from a height (a front-page story's share, a gap under the stories). */
    void moveTo(int column, int y) {
        this.column = column;
        this.y = y;
    }

    /** Leaves space under what was set last. */
    void space(int height) {
        y += height;
    }

    /** Columns first to last start at the current height: what goes in them is set under what is there now. */
    void columnsStartHere(int first, int last) {
        for (int c = first; c <= last; c++) columnTops[c] = y;
    }

    /**
     * Keeps what is set next within a share of the page: the columns up to lastColumn, above bottom; past them it
     * stops with overflow set.
     */
    void confine(int lastColumn, int bottom) {
        this.lastColumn = lastColumn;
        this.bottom = bottom;
        this.overflow = false;
    }

    /** The whole page again: down to the foot, and on to new pages. */
    void release() {
        confine(-1, foot);
    }

    /** The page, or the story's share of it, is done: nothing more goes on it. */
    void stop() {
        overflow = true;
    }

    /** Runs a placement with height kept free above the foot of the space (for a jump line under it). */
    <T> T keepingRoom(int height, Supplier<T> placing) {
        int was = bottom;
        bottom = was - height;
        try {
            return placing.get();
        } finally {
            bottom = was;
        }
    }

    /** The left edge of the current column. */
    int x() {
        return t.columnX(column);
    }

    /** Whether something is set in the current column already. */
    boolean started() {
        return y > columnTops[column];
    }

    /**
     * Where the layout stands, all of it: what {@link #reset} goes back to when a trial placement is not kept.
     * ops: how many each page had.
     */
    record Mark(int pages, int[] ops, Page page, String section, int column, int y, int[] tops, int bottom,
                int lastColumn, boolean overflow) {}

    Mark mark() {
        int[] ops = new int[pages.size()];
        for (int i = 0; i < ops.length; i++) ops[i] = pages.get(i).ops.size();
        return new Mark(pages.size(), ops, page, section, column, y, columnTops.clone(), bottom, lastColumn, overflow);
    }

    /** Back to a mark: the pages added since dropped, and what was added to the others since (jump lines too). */
    void reset(Mark m) {
        pages.subList(m.pages(), pages.size()).clear();
        for (int i = 0; i < m.pages(); i++) {
            List<Page.Op> o = pages.get(i).ops;
            if (o.size() > m.ops()[i]) o.subList(m.ops()[i], o.size()).clear();
        }
        page = m.page();
        section = m.section();
        column = m.column();
        y = m.y();
        System.arraycopy(m.tops(), 0, columnTops, 0, columnTops.length);
        bottom = m.bottom();
        lastColumn = m.lastColumn();
        overflow = m.overflow();
    }

    /** How much of the page's columns is filled, 0 to 1: each column's height used over its height. */
    double filled() {
        double used = 0, all = 0;
        for (int c = 0; c < columnTops.length; c++) {
            int top = columnTops[c];
            all += bottom - top;
            used += c < column ? bottom - top : c == column ? Math.max(0, y - top) : 0;
        }
        return all <= 0 ? 1 : Math.min(1, used / all);
    }

    void add(Page.Op op) {
        page.ops.add(op);
    }

    /** Lines one under the other from the current column and height. */
    void lines(List<SetLine> lines, int px, boolean bold, int ink, String articleId, String kind) {
        int lh = t.lineHeight(px);
        for (SetLine line : lines) {
            add(Setter.text(x(), y, lh, line, px, bold, ink, 0, articleId, kind, -1));
            y += lh;
        }
    }

    /** A ragged block of lines (headline, kicker, byline) across a width, from the current column. */
    void block(String text, int px, int width, boolean boldType, int ink, String articleId, String kind) {
        lines(setter.balanced(text, px, width, boldType), px, boldType, ink, articleId, kind);
    }

    /** A story's deck across a width from the current column, broken between words as {@link Headlines} breaks it. */
    void deck(Article a, int width) {
        lines(headlines.deck(a.subhead(), t.subhead(), width, Headlines.context(a)), t.subhead(), false, Page.INK, a.id(), "deck");
    }

    /** A headline across a width from the current column, as {@link Headlines} sets it (a step smaller, perhaps). */
    void headline(Article a, int px, int stepPx, int width) {
        Headlines.Set h = headlines.set(a.headline(), px, stepPx, width, Headlines.context(a));
        lines(h.lines(), h.px(), true, Page.INK, a.id(), "headline");
    }

    /**
     * Where a story that needs a height in one column starts: under a rule after the column's last story (the next
     * column when not even a line is left), and at the head of the next column when the height is not left here.
     */
    void startStory(int needed) {
        if (started()) {
            if (y + t.lineHeight() > bottom) nextColumn();
            else storyRule();
        }
        if (y + needed > bottom && started()) nextColumn();
    }

    /** A rule between two stories in a column. */
    void storyRule() {
        add(new Page.Rule(x(), y + t.lineHeight() / 4, t.columnWidth(), 1, Page.RULE_GREY));
        y += t.lineHeight() * 3 / 4;
    }

    /**
     * Places a paragraph's lines down the columns, never leaving a single line alone at a column's foot or head;
     * returns how many were placed (fewer than all only on overflow). first: the lines start the paragraph.
     */
    int paragraph(List<SetLine> lines, String articleId, int boldPrefix, boolean first, int index) {
        int lh = t.lineHeight();
        int i = 0;
        int n = lines.size();
        while (i < n) {
            int fit = (bottom - y) / lh;
            boolean fresh = y == columnTops[column];
            int rest = n - i;
            if (rest <= fit) {
                place(lines.subList(i, n), articleId, i == 0 ? boldPrefix : 0, index);
                return n;
            }
            int take = Math.max(0, fit);
            if (rest - take == 1 && take >= 2) take--;          // no widow: the last line never goes over alone
            if (first && i == 0 && take < 2 && n > 1 && !fresh) take = 0; // no orphan: the first line never stays alone
            if (take > 0) {
                place(lines.subList(i, i + take), articleId, i == 0 ? boldPrefix : 0, index);
                i += take;
            }
            nextColumn();
            if (overflow) return i;
        }
        return n;
    }

    private void place(List<SetLine> lines, String articleId, int boldPrefix, int index) {
        int lh = t.lineHeight();
        for (SetLine line : lines) {
            add(Setter.text(x(), y, lh, line, t.body(), false, Page.INK, boldPrefix, articleId, "body", index));
            boldPrefix = 0;
            y += lh;
        }
    }
}
