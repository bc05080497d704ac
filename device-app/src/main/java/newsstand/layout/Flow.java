package newsstand.layout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import newsstand.fonts.typeset.SetLine;
import newsstand.issue.Article;

/**
 * The cursor of a layout as text flows down columns and on to new pages: the pages so far, the page, column and
 * height being set, the foot of the space being filled, and the top of each column on the page. Lines are placed
 * here; a paragraph never leaves one line alone at a column's foot or head.
 */
final class Flow {
    final Typography t;
    final Setter setter;
    final List<Page> pages = new ArrayList<>();
    /** The top of each column on the current page, under its masthead or header. */
    final int[] columnTops;
    /** What each new page starts with; set before the first. */
    Furniture furniture;
    /** The tiers of vertical pages, or null for horizontal ones. */
    VerticalPages tiers;
    Page page;
    String section;
    int column;
    int y;
    int bottom;
    /**
     * While a front-page story is set, the last column it may use (-1 otherwise): past it, or past bottom, the story
     * stops with overflow set instead of flowing on to a new page.
     */
    int lastColumn = -1;
    boolean overflow;

    Flow(Typography t, Setter setter) {
        this.t = t;
        this.setter = setter;
        this.columnTops = new int[t.columns()];
        this.headlines = new Headlines(setter);
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

    /** The left edge of the current column. */
    int x() {
        return t.columnX(column);
    }

    /** Whether something is set in the current column already. */
    boolean started() {
        return y > columnTops[column];
    }

    /** Where the layout stands: what {@link #reset} goes back to when a trial placement is not kept. */
    record Mark(int ops, int column, int y, int[] tops) {}

    Mark mark() {
        return new Mark(page.ops.size(), column, y, columnTops.clone());
    }

    /** Back to a mark on the same page: what was added since is dropped. */
    void reset(Mark m) {
        page.ops.subList(m.ops(), page.ops.size()).clear();
        column = m.column();
        y = m.y();
        System.arraycopy(m.tops(), 0, columnTops, 0, columnTops.length);
        overflow = false;
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

    /** A headline across a width from the current column, as {@link Headlines} sets it (a step smaller, perhaps). */
    void headline(Article a, int px, int stepPx, int width) {
        Headlines.Set h = headlines.set(a.headline(), px, stepPx, width, Headlines.context(a));
        lines(h.lines(), h.px(), true, Page.INK, a.id(), "headline");
    }

    final Headlines headlines;

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
