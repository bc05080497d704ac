package newsstand.layout;

import java.util.ArrayList;
import java.util.List;
import newsstand.issue.Article;
import newsstand.issue.Photo;
import newsstand.issue.Section;

/**
 * The front page: the lead story's headline across the page, its photo across two columns and its text in the left
 * columns; the front section's further stories in the right columns with smaller headlines, each within its share of
 * the page. A story longer than its share stops with "（下转第N版）" and goes on after the front page under its
 * headline and "（上接第1版）" ({@link SectionPages}).
 */
final class FrontPage {
    private final Flow f;
    private final Typography t;
    private final Stories stories;
    private final Photos photos;

    FrontPage(Flow flow, Stories stories, Photos photos) {
        this.f = flow;
        this.t = flow.typography();
        this.stories = stories;
        this.photos = photos;
    }

    /**
     * What the front page took of another section when its own ran out of stories: how many of its first stories,
     * and what is left of those that jumped (they go on at the head of their section's pages).
     */
    record Taken(int stories, List<Stories.Rest> rests) {
        static final Taken NONE = new Taken(0, List.of());
    }

    /**
     * Sets the front page from the first of these sections, and the pages that section's stories go on to; returns
     * what it took of each other section (in order) to fill columns its own stories left blank.
     */
    List<Taken> compose(List<Section> sections) {
        List<Article> given = sections.get(0).articles();
        List<Section> others = sections.subList(1, sections.size());
        Flow.Mark start = f.mark();
        int teasers = f.furniture().teasers();
        List<List<Article>> orders = orders(given);
        List<Article> best = given;
        double bestBadness = Double.MAX_VALUE;
        for (int k = 0; k < orders.size(); k++) {
            List<Taken> taken = compose(orders.get(k), others);
            double bad = badness();
            if (bad == 0) return taken;
            if (bad < bestBadness) {
                bestBadness = bad;
                best = orders.get(k);
            }
            f.reset(start);
            f.furniture().dropTeasers(teasers);
            jumping.clear();
        }
        return compose(best, others);
    }

    /**
     * The orders of the front section's stories worth trying, the given one first: the lead stays first; the others
     * in every order when they are three or fewer, else reversed, shortest first and longest first.
     */
    private static List<List<Article>> orders(List<Article> given) {
        List<List<Article>> orders = new ArrayList<>();
        orders.add(given);
        if (given.size() < 3) return orders;
        List<Article> rest = given.subList(1, given.size());
        List<List<Article>> tails = new ArrayList<>();
        if (rest.size() <= 3) {
            SectionPages.permutations(new ArrayList<>(), new ArrayList<>(rest), tails);
        } else {
            List<Article> reversed = new ArrayList<>(rest);
            java.util.Collections.reverse(reversed);
            List<Article> shortest = new ArrayList<>(rest);
            shortest.sort(java.util.Comparator.comparingInt(SectionPages::length));
            List<Article> longest = new ArrayList<>(shortest);
            java.util.Collections.reverse(longest);
            tails.addAll(List.of(reversed, shortest, longest));
        }
        for (List<Article> tail : tails) {
            List<Article> order = new ArrayList<>();
            order.add(given.get(0));
            order.addAll(tail);
            boolean same = true;
            for (int i = 0; i < order.size(); i++) same &= order.get(i) == given.get(i);
            if (!same) orders.add(order);
        }
        return orders;
    }

    /**
     * How bad the front page just composed is: a few lines of a story it jumped alone on the next page worst, then
     * a blank band at a column's foot taller than a teaser's height (in lines); 0 for neither.
     */
    private double badness() {
        double bad = blankBand > 4 * t.lineHeight() ? blankBand / (double) t.lineHeight() : 0;
        return bad + (strandedJump() ? 100 : 0);
    }

    /** Whether the page after the front page holds only a few lines of one story the front page jumped. */
    private boolean strandedJump() {
        if (f.pages().size() < 2 || !f.pages().get(1).section.equals(f.pages().get(0).section)) return false;
        java.util.Set<String> ids = new java.util.HashSet<>();
        int body = 0;
        for (Page.Op op : f.pages().get(1).ops) {
            if (op instanceof Page.Text x && x.articleId() != null) {
                ids.add(x.articleId());
                if (x.kind().equals("body")) body++;
            }
        }
        if (ids.size() != 1 || jumping.stream().noneMatch(r -> ids.contains(r.article().id()))) return false;
        return body < t.columns() * ((f.bottom() - t.margin()) / t.lineHeight()) / 4;
    }

    /** The tallest blank at a column's foot on the front page just composed. */
    private int blankBand;

    private List<Taken> compose(List<Article> list, List<Section> others) {
        below = null;
        int sections = others.size() + 1;
        f.newPage(true);
        Page front = f.page();
        int slh = t.lineHeight(t.small());
        int stripHeight = f.furniture().reserveStrip(sections - 1);
        int frontBottom = f.bottom() - stripHeight;
        int jumpHeight = slh;
        List<Stories.Rest> rests = new ArrayList<>();
        // The lead takes the left columns, all but one of three or half of four or more; the other stories go right.
        int sideColumns = t.columns() == 1 ? 0 : Math.max(1, t.columns() / 2);
        int leadColumns = t.columns() - sideColumns;
        leadHeader(list.get(0));
        int top = f.y();
        // Side stories only where the first of them gets its headline and a few lines; else the lead takes the page.
        boolean sideStories = list.size() > 1 && sideColumns > 0
                && stories.header(list.get(1), t.headline()) + 3 * t.lineHeight() + jumpHeight <= frontBottom - top;
        if (!sideStories) leadColumns = t.columns();
        int leadBottom = sideStories && sideColumns == 0 ? top + (frontBottom - top) * 3 / 5 : frontBottom;
        Stories.Rest rest = story(list.get(0), -1, leadColumns - 1, leadBottom - jumpHeight);
        if (rest != null) rests.add(rest);
        int placed = 1;
        if (sideStories) {
            // The other stories share the side columns (or, on a one-column page, the space under the lead).
            int firstSide = sideColumns == 0 ? 0 : leadColumns;
            int columns = Math.max(1, sideColumns);
            int sideTop = sideColumns > 0 ? top : (rests.isEmpty() ? f.y() : rests.get(0).jumpY() + jumpHeight) + t.lineHeight() / 2;
            // As many stories as get a headline and five lines each, shared evenly among the columns.
            int typical = 2 * t.lineHeight(t.headline()) + 5 * t.lineHeight() + jumpHeight;
            int fit = columns * Math.max(1, (frontBottom - sideTop) / typical);
            int count = Math.min(list.size() - 1, fit);
            int perColumn = (count + columns - 1) / columns;
            for (int c = 0; c < columns && placed <= count; c++) {
                f.moveTo(firstSide + c, sideTop);
                for (int k = 0; k < perColumn && placed <= count; k++) {
                    int share = (frontBottom - f.y()) / Math.min(perColumn - k, count + 1 - placed);
                    Article a = list.get(placed);
                    int px = placed == 1 ? t.headline() : (t.headline() + t.subhead()) / 2;
                    int rule = k > 0 ? t.lineHeight() * 3 / 4 : 0;
                    int least = stories.header(a, px) + 3 * t.lineHeight() + jumpHeight + rule;
                    if (least > frontBottom - f.y()) break;
                    if (least > share) {
                        // Too little for its share: this story takes the rest of the column, the next go inside.
                        share = frontBottom - f.y();
                        perColumn = k + 1;
                    }
                    if (k > 0) {
                        f.storyRule();
                        share -= rule;
                    }
                    rest = story(a, px, f.column(), f.y() + share - jumpHeight);
                    if (rest != null) {
                        rests.add(rest);
                        f.space(jumpHeight);
                    }
                    placed++;
                }
            }
        }
        placed = fillGaps(front, list, placed, frontBottom, rests);
        // The section ran out of stories with room left: the other sections' first stories fill it, with their jumps.
        List<Taken> taken = new ArrayList<>();
        for (Section other : others) {
            List<Stories.Rest> jumped = new ArrayList<>();
            // Never a section's last story: each section keeps a page of its own, where the index points.
            List<Article> theirs = other.articles().subList(0, Math.max(0, other.articles().size() - 1));
            int n = placed < list.size() ? 0 : fillGaps(front, theirs, 0, frontBottom, jumped);
            taken.add(n == 0 ? Taken.NONE : new Taken(n, jumped));
        }
        List<Article> inside = new ArrayList<>(list.subList(placed, list.size()));
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < others.size(); i++) {
                List<Article> theirs = others.get(i).articles();
                int from = Math.min(theirs.size(), taken.get(i).stories());
                int named = Math.max(from, Math.min(3, theirs.size()));
                inside.addAll(pass == 0 ? theirs.subList(named, theirs.size()) : theirs.subList(from, named));
            }
        }
        teasers(front, inside, frontBottom);
        blankBand = 0;
        for (int c = 0; c < t.columns(); c++) blankBand = Math.max(blankBand, frontBottom - end(front, c, frontBottom));
        f.release();
        // The jumped stories go on after the front page, then the section's stories the front had no room for.
        new SectionPages(f, stories).compose(rests, list.subList(placed, list.size()));
        return taken;
    }

    /**
     * No blank band above the strip: a column whose stories ended with room for another story's headline and three
     * lines takes the next of the section's stories (under a smaller headline, jumping when it does not fit). Returns
     * how many of the section's stories are placed now.
     */
    private int fillGaps(Page front, List<Article> list, int placed, int foot, List<Stories.Rest> rests) {
        int px = (t.headline() + t.subhead()) / 2;
        for (int c = 0; c < t.columns() && placed < list.size(); c++) {
            int end = end(front, c, foot);
            Article a = list.get(placed);
            int rule = t.lineHeight() * 3 / 4;
            if (end + rule + stories.header(a, px) + 4 * t.lineHeight() + t.lineHeight(t.small()) > foot) continue;
            f.moveTo(c, end);
            f.storyRule();
            Stories.Rest rest = story(a, px, c, foot - t.lineHeight(t.small()));
            if (rest != null) rests.add(rest);
            placed++;
            c--; // the same column again, for what room is left in it
        }
        return placed;
    }

    /** Where what is set in column c of the front page ends, above the foot, the jump lines to come included. */
    private int end(Page front, int c, int foot) {
        int end = t.margin();
        for (Page.Op op : front.ops) {
            if (t.inColumn(op, c) && op.y() < foot) end = Math.max(end, op.y() + op.height());
        }
        if (below != null) end = Math.max(end, below[c]);
        for (Stories.Rest r : jumping) {
            if (r.page() == front && r.jumpX() == t.columnX(c) && r.jumpY() < foot) end = Math.max(end, r.jumpY() + t.lineHeight(t.small()));
        }
        return end;
    }

    /** Under each teaser its page line, added once the pages are counted: where each column's teasers end. */
    private int[] below;

    /** The stories that jump from the front page: their jump lines are added once their pages are known. */
    private final List<Stories.Rest> jumping = new ArrayList<>();

    /**
     * The blank left at a column's foot where no story's headline and two lines fit, with room for a headline: a
     * teaser of a story inside, its headline and the page it is on ("（详见第N版）", given once the pages are
     * counted): the front section's stories the page had no room for first, then the other sections' beyond the
     * ones the strip names, then those.
     */
    private void teasers(Page front, List<Article> candidates, int foot) {
        int px = t.subhead();
        int slh = t.lineHeight(t.small());
        int k = 0;
        below = new int[t.columns()];
        for (int c = 0; c < t.columns() && k < candidates.size(); c++) {
            Article a = candidates.get(k);
            Headlines.Set h = f.headlines().set(a.headline(), px, px, t.columnWidth(), Headlines.context(a));
            int end = end(front, c, foot);
            if (end + t.lineHeight() * 3 / 4 + h.lines().size() * t.lineHeight(h.px()) + slh > foot) continue;
            f.moveTo(c, end);
            f.storyRule();
            f.lines(h.lines(), h.px(), true, Page.INK, null, "teaser");
            f.furniture().teaser(a, c, f.y());
            f.space(slh);
            below[c] = f.y();
            k++;
            c--; // the same column again, for what room is left in it
        }
    }

    /** The lead story's kicker, headline, subhead and byline across the page, with a rule under them. */
    private void leadHeader(Article a) {
        int width = t.contentWidth();
        if (a.kicker() != null) f.block(a.kicker(), t.subhead(), width, true, Page.GREY_TEXT, a.id(), "kicker");
        f.headline(a, t.leadHeadline(), t.headline(), width);
        if (a.subhead() != null) f.deck(a, width);
        if (a.byline() != null) f.block(a.byline(), t.small(), width, false, Page.GREY_TEXT, a.id(), "byline");
        f.space(t.small() / 2);
        f.add(new Page.Rule(t.margin(), f.y(), width, 1, Page.RULE_GREY));
        f.space(t.body() / 2);
    }

    /**
     * Sets a front-page story from the current column to lastColumn, above storyBottom; the lead (headlinePx -1)
     * has its header already and its photo across two columns. Returns what did not fit, or null.
     */
    private Stories.Rest story(Article a, int headlinePx, int lastColumn, int storyBottom) {
        f.confine(lastColumn, storyBottom);
        f.columnsStartHere(f.column(), lastColumn);
        List<Photo> list = a.photos();
        if (headlinePx < 0) {
            // Across two columns only when the lead headline leaves room for it; else the photo runs in a column.
            if (!list.isEmpty() && list.get(0).hasImage() && f.bottom() - f.y() >= 8 * t.lineHeight()) {
                int span = Math.min(2, lastColumn + 1);
                photos.place(list.get(0), span * t.columnWidth() + (span - 1) * t.gutter(), a.id());
                f.columnsStartHere(0, span - 1);
                list = list.subList(1, list.size());
            }
        } else {
            stories.columnHeader(a, headlinePx);
        }
        Stories.Rest rest = stories.body(a, list, 0, 0);
        if (rest != null) jumping.add(rest);
        return rest;
    }
}
