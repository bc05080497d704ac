package newsstand.layout;

import java.util.ArrayList;
import java.util.List;
import newsstand.fonts.typeset.SetLine;
import newsstand.issue.Article;

/**
 * A section's pages, as a layout editor fills them: whole stories in order, and where the next does not fit, one of
 * the few after it that does (a greedy placement with look-ahead), so that pages fill. A story that fits nowhere
 * whole starts where its headline and three lines fit and goes on at the head of the next page: "（下转第N版）" at the
 * break, its headline and "（上接第N版）" at the continuation. The section's last story never leaves a few lines alone
 * on a page of their own: it starts on the next page instead when this one is full enough.
 */
final class SectionPages {
    /** How many stories after the next are tried when the next does not fit. */
    private static final int LOOK_AHEAD = 4;
    /** A page at least this full may end before the section's last story, rather than strand a few of its lines. */
    private static final double FULL_ENOUGH = 0.7;
    /** Fewer lines than this share of a page, alone on the section's last page, are stranded. */
    private static final double STRANDED = 0.25;

    private final Flow f;
    private final Typography t;
    private final Stories stories;
    private final int jumpHeight;

    SectionPages(Flow flow, Stories stories) {
        this.f = flow;
        this.t = flow.typography();
        this.stories = stories;
        this.jumpHeight = t.lineHeight(t.small());
    }

    /**
     * Sets a section's stories on new pages: the stories jumped from the front page first, then the others, in the
     * order whose pages come out well: the given one, unless it strands a few lines on the last page or leaves
     * another page under two thirds full; then the first other order that does neither, or the least bad.
     */
    void compose(List<Stories.Rest> jumped, List<Article> articles) {
        List<List<Article>> orders = orders(articles);
        List<Article> best = articles;
        double bestScore = Double.MAX_VALUE;
        for (int k = 0; k < orders.size() && bestScore > 0; k++) {
            Flow.Mark start = f.mark();
            int first = f.pages().size();
            setPages(jumped, orders.get(k));
            double score = badness(f.pages().subList(first, f.pages().size()));
            if (score == 0) return; // good pages: kept as they are
            f.reset(start);
            if (score < bestScore) {
                bestScore = score;
                best = orders.get(k);
            }
        }
        setPages(jumped, best);
    }

    /**
     * The orders worth trying, the given one first: every order of a section of up to four stories; for more, the
     * longest first, the shortest first, the longest last, and each story moved to the front.
     */
    private static List<List<Article>> orders(List<Article> articles) {
        List<List<Article>> orders = new ArrayList<>();
        orders.add(articles);
        if (articles.size() <= 4) {
            permutations(new ArrayList<>(), new ArrayList<>(articles), orders);
            return distinct(orders);
        }
        List<Article> longest = new ArrayList<>(articles);
        longest.sort(java.util.Comparator.comparingInt(SectionPages::length).reversed());
        orders.add(longest);
        List<Article> shortest = new ArrayList<>(longest);
        java.util.Collections.reverse(shortest);
        orders.add(shortest);
        List<Article> longestLast = new ArrayList<>(articles);
        remove(longestLast, longest.get(0));
        longestLast.add(longest.get(0));
        orders.add(longestLast);
        for (Article a : articles.subList(1, Math.min(articles.size(), 8))) {
            List<Article> first = new ArrayList<>(articles);
            remove(first, a);
            first.add(0, a);
            orders.add(first);
        }
        return orders;
    }

    /*
     * Orders and stories are told apart by identity: the stories of a section are distinct objects, and a record's
     * equals and hashCode would compare their whole text, and be linked at their first call (java.lang.runtime's
     * method handles, spun at the kiosk's start: bench startup).
     */
    private static List<List<Article>> distinct(List<List<Article>> orders) {
        List<List<Article>> kept = new ArrayList<>();
        for (List<Article> o : orders) {
            boolean seen = false;
            for (int k = 0; k < kept.size() && !seen; k++) seen = sameOrder(kept.get(k), o);
            if (!seen) kept.add(o);
        }
        return List.copyOf(kept);
    }

    private static boolean sameOrder(List<Article> a, List<Article> b) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) if (a.get(i) != b.get(i)) return false;
        return true;
    }

    private static void remove(List<Article> order, Article a) {
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i) == a) {
                order.remove(i);
                return;
            }
        }
    }

    /** Every order of rest after head, into out. */
    static void permutations(List<Article> head, List<Article> rest, List<List<Article>> out) {
        if (rest.isEmpty()) {
            out.add(List.copyOf(head));
            return;
        }
        for (int i = 0; i < rest.size(); i++) {
            head.add(rest.remove(i));
            permutations(head, rest, out);
            rest.add(i, head.remove(head.size() - 1));
        }
    }

    /** A story's length, roughly: its characters and a photo as much as a long paragraph. */
    static int length(Article a) {
        int n = a.headline().length() * 3;
        for (String p : a.paragraphs()) n += p.length();
        return n + a.photos().size() * 300;
    }

    /** How bad a section's pages are: stranded lines worst, then pages but the last under two thirds full; 0 for none. */
    private double badness(List<Page> pages) {
        double bad = 0;
        for (int i = 0; i < pages.size(); i++) {
            double filled = filled(pages.get(i));
            if (i + 1 < pages.size() && filled < 2 / 3.0) bad += 10 + 100 * (2 / 3.0 - filled);
            if (i + 1 == pages.size() && filled < STRANDED && stories(pages.get(i)) == 1 && i > 0) bad += 1000;
        }
        return bad;
    }

    /** How much of a page's columns its stories fill, from their top to the foot of the columns. */
    private double filled(Page p) {
        int top = Integer.MAX_VALUE;
        int[] reached = new int[t.columns()];
        for (Page.Op op : p.ops) {
            if (op instanceof Page.Text x && x.articleId() == null) continue;
            if (op instanceof Page.Rule) continue;
            top = Math.min(top, op.y());
            for (int c = 0; c < t.columns(); c++) {
                if (t.inColumn(op, c)) reached[c] = Math.max(reached[c], op.y() + op.height());
            }
        }
        if (top == Integer.MAX_VALUE) return 0;
        double used = 0;
        for (int c = 0; c < t.columns(); c++) used += Math.max(0, Math.min(f.bottom(), reached[c]) - top);
        return used / (t.columns() * (double) Math.max(1, f.bottom() - top));
    }

    private static long stories(Page p) {
        return p.ops.stream().filter(o -> o instanceof Page.Text x && x.articleId() != null).map(o -> ((Page.Text) o).articleId()).distinct().count();
    }

    /** Sets the section's pages with the stories in this order. */
    private void setPages(List<Stories.Rest> jumped, List<Article> articles) {
        List<Stories.Rest> carried = new ArrayList<>(jumped);
        List<Article> left = new ArrayList<>(articles);
        while (!carried.isEmpty() || !left.isEmpty()) {
            f.newPage(false);
            f.confine(t.columns() - 1, f.bottom());
            List<Stories.Rest> next = new ArrayList<>();
            for (Stories.Rest r : carried) {
                Stories.Rest more = f.overflow() ? r : continuation(r);
                if (more != null) next.add(more);
            }
            while (!f.overflow() && !left.isEmpty()) place(left, next);
            carried = next;
        }
        f.release();
    }

    /**
     * Places a whole story (the next, or one of the few after it), or starts one that jumps (its rest goes to
     * jumping), or finds that nothing more goes on this page; overflow is set when the page is done.
     */
    private void place(List<Article> left, List<Stories.Rest> jumping) {
        if (left.size() > 1 && jumpsNow(left, jumping)) return;
        for (int k = 0; k < Math.min(1 + LOOK_AHEAD, left.size()); k++) {
            Flow.Mark m = f.mark();
            if (stories.article(left.get(k)) == null) {
                left.remove(k);
                return;
            }
            f.reset(m);
        }
        Article a = left.get(0);
        Flow.Mark m = f.mark();
        double filled = f.filled();
        Stories.Rest r = withJumpRoom(() -> stories.article(a));
        if (!r.started()) {
            f.reset(m);
            if (f.column() == 0 && !f.started()) {
                // Not even its headline and three lines fit on an empty page (a tiny panel): it flows on as it can.
                f.release();
                stories.article(left.remove(0));
                f.confine(t.columns() - 1, f.bottom());
                return;
            }
            f.stop();
            return;
        }
        if (left.size() == 1 && filled >= FULL_ENOUGH && stranded(r)) {
            // The section's last story would leave a few lines alone on the next page: it starts there instead.
            f.reset(m);
            f.stop();
            return;
        }
        left.remove(0);
        jumping.add(r);
        f.stop();
    }

    /**
     * Starts the next story now, ahead of the shorter ones that would fill this page first, when it does not fit
     * whole and runs over a whole page more ending in a few lines: those lines then share their page with the
     * stories after it rather than stand alone on the section's last page.
     */
    private boolean jumpsNow(List<Article> left, List<Stories.Rest> jumping) {
        Flow.Mark m = f.mark();
        Article a = left.get(0);
        Stories.Rest r = withJumpRoom(() -> stories.article(a));
        if (r != null && r.started() && endsStranded(r)) {
            left.remove(0);
            jumping.add(r);
            f.stop();
            return true;
        }
        f.reset(m);
        return false;
    }

    /** Whether what is left of a story fills a page and more, the last of it only a few lines. */
    private boolean endsStranded(Stories.Rest r) {
        int lines = restLines(r);
        int page = t.columns() * ((f.bottom() - f.columnTop(0)) / t.lineHeight());
        return r.photos().isEmpty() && lines >= page && lines % page < page * STRANDED;
    }

    private int restLines(Stories.Rest r) {
        int lines = 0;
        List<String> paragraphs = r.article().paragraphs();
        for (int i = r.paragraph(); i < paragraphs.size(); i++) {
            lines += f.setter().set(Stories.paragraph(r.article(), i), t.body(), t.columnWidth(), 2, true).size() - (i == r.paragraph() ? r.line() : 0);
        }
        return lines;
    }

    /** Runs a placement that may stop at the page's end with room kept for the jump line under it. */
    private Stories.Rest withJumpRoom(java.util.function.Supplier<Stories.Rest> placing) {
        Flow.Mark m = f.mark();
        Stories.Rest r = placing.get();
        if (r == null || !r.started()) return r;
        f.reset(m);
        return f.keepingRoom(jumpHeight, placing);
    }

    /** Whether what is left of a story is only a few lines: less than a quarter of a page's columns. */
    private boolean stranded(Stories.Rest r) {
        int lines = 0;
        List<String> paragraphs = r.article().paragraphs();
        for (int i = r.paragraph(); i < paragraphs.size(); i++) {
            lines += f.setter().set(Stories.paragraph(r.article(), i), t.body(), t.columnWidth(), 2, true).size() - (i == r.paragraph() ? r.line() : 0);
        }
        int page = t.columns() * ((f.bottom() - f.columnTop(0)) / t.lineHeight());
        return r.photos().isEmpty() && lines < page * STRANDED;
    }

    /**
     * The rest of a jumped story at the head of a page, under its headline and "（上接第N版）"; the jump line
     * "（下转第N版）" is then added where it stopped. Returns what is left when it jumps again, else null.
     */
    private Stories.Rest continuation(Stories.Rest r) {
        Article a = r.article();
        Headlines.Set h = f.headlines().set(a.headline(), t.subhead(), t.subhead(), t.columnWidth(), Headlines.context(a));
        f.startStory(3 * t.lineHeight() + h.lines().size() * t.lineHeight(h.px()) + jumpHeight);
        if (f.overflow()) return r;
        int page = f.page().number;
        Stories.Rest more = withJumpRoom(() -> {
            f.headline(a, t.subhead(), t.subhead(), t.columnWidth());
            f.block(f.furniture().folio().continuedFrom(r.page().number), t.small(), t.columnWidth(), false, Page.GREY_TEXT, a.id(), "jump");
            f.space(t.small() / 3);
            return stories.body(a, r.photos(), r.paragraph(), r.line());
        });
        jumpLine(r, page);
        if (more != null) f.stop();
        return more;
    }

    /** "（下转第N版）" where a story stopped, right-aligned in its column. */
    void jumpLine(Stories.Rest r, int toPage) {
        SetLine jump = f.setter().one(f.furniture().folio().continuedOn(toPage), t.small(), true);
        r.page().ops.add(Setter.text(r.jumpX() + t.columnWidth() - Math.round(jump.width()), r.jumpY(), jumpHeight, jump,
                t.small(), true, Page.INK, 0, r.article().id(), "jump", -1));
    }
}
