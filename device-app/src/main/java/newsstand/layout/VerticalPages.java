package newsstand.layout;

import java.util.List;
import newsstand.fonts.typeset.SetLine;
import newsstand.issue.Article;
import newsstand.issue.Photo;

/**
 * Vertical pages (Traditional Chinese, Japanese): below the masthead or header the page is cut into tiers (段) of
 * about 16 em, each filled from right to left with lines that run top to bottom; a story goes on into the tier
 * below, then the next page: "（下轉第N版）" at the foot of its last line there, in room kept for it in the page's
 * last tier, and its headline with "（上接第N版）" at the head of the next (in the issue's language: {@link Folio}).
 */
final class VerticalPages {
    private final Flow f;
    private final Typography t;
    private int tiers;
    private int tierHeight;
    private int tierTop0;
    private int tier;
    /** The right edge of the next vertical line. */
    private int cx;
    /** The story whose text is being set, once its headline stands (null between stories): it jumps at a page's end. */
    private Article current;
    /** The page where the story set last started. */
    private Page lastStarted;

    VerticalPages(Flow flow) {
        this.f = flow;
        this.t = flow.typography();
    }

    /** Cuts a new page's space into tiers, from the flow's height down. */
    void start() {
        int gap = t.body();
        int avail = f.bottom() - f.y();
        tiers = Math.max(1, Math.round((avail + gap) / (16f * t.body() + gap)));
        tierHeight = (avail - (tiers - 1) * gap) / tiers;
        tierTop0 = f.y();
        tier = 0;
        cx = t.width() - t.margin();
    }

    private int tierTop() {
        return tierTop0 + tier * (tierHeight + t.body());
    }

    private void nextTier() {
        if (tier + 1 >= tiers) {
            Article a = current;
            Page from = f.page();
            if (a != null) {
                // The jump line at the foot of the room kept for it, left of the story's last line on this page.
                SetLine jump = f.setter().vertical(f.furniture().folio().continuedOn(from.number + 1), t.small(), tierHeight, 0, false, true).get(0);
                int slh = t.lineHeight(t.small());
                int length = (int) Math.ceil(jump.width());
                f.add(new Page.Text(cx - slh, tierTop() + tierHeight - length, slh, length, cx - slh / 2, jump, t.small(), true,
                        Page.INK, 0, a.id(), true, "jump", -1));
            }
            f.newPage(false);
            if (a != null) continuation(a, from.number);
            return;
        }
        tier++;
        cx = t.width() - t.margin();
        f.add(new Page.Rule(t.margin(), tierTop() - t.body() / 2, t.contentWidth(), 1, Page.RULE_GREY));
    }

    /** A jumped story at the head of a page: its headline a size smaller and "（上接第N版）". */
    private void continuation(Article a, int fromPage) {
        current = null;
        lines(set(a.headline(), t.subhead(), 0, false, true), t.subhead(), true, Page.INK, a.id(), "headline");
        lines(set(f.furniture().folio().continuedFrom(fromPage), t.small(), 0, false, false), t.small(), false, Page.GREY_TEXT, a.id(), "jump");
        cx -= t.small() / 2;
        current = a;
    }

    /** The left end of a tier's lines: in the page's last tier, room is kept there for a jump line. */
    private int left() {
        return t.margin() + (current != null && tier + 1 == tiers ? t.lineHeight(t.small()) : 0);
    }

    private boolean tierStart() {
        return cx == t.width() - t.margin();
    }

    /** A page at least this full may end before the section's last story, rather than strand a few of its lines. */
    private static final double FULL_ENOUGH = 0.65;
    /** Fewer lines than this share of a page, alone on the section's last page, are stranded. */
    private static final double STRANDED = 0.3;

    /**
     * A section's stories, the first of the front page as its lead. When the last story would leave a few of its
     * lines alone on a page of their own, the section's last stories are tried otherwise: the last starting on the
     * next page (when this one is full enough without it), or moved before one or two of the stories before it;
     * the first that strands nothing is kept, else the given order.
     */
    void section(List<Article> articles, boolean front) {
        int n = articles.size();
        int from = Math.max(front ? 1 : 0, n - 3);
        for (int i = 0; i < from; i++) article(articles.get(i), front && i == 0);
        State start = state();
        List<Article> given = articles.subList(from, n);
        tail(given, false, front && from == 0);
        if (!stranded()) return;
        restore(start);
        tail(given, true, front && from == 0);
        if (!stranded()) return;
        for (int k = given.size() - 2; k >= 0; k--) {
            List<Article> moved = new java.util.ArrayList<>(given);
            moved.add(k, moved.remove(moved.size() - 1));
            if (k == 0 && front && from == 0) break; // the lead stays first
            restore(start);
            tail(moved, false, false);
            if (!stranded()) return;
        }
        restore(start);
        tail(given, false, front && from == 0);
    }

    /** Sets a section's last stories; fresh: the very last on the next page, when this one is full enough. */
    private void tail(List<Article> stories, boolean fresh, boolean lead) {
        for (int i = 0; i < stories.size(); i++) {
            if (fresh && i + 1 == stories.size() && filled() >= FULL_ENOUGH) f.newPage(false);
            article(stories.get(i), lead && i == 0);
        }
    }

    /** Whether the story set last went on to this page and left only a few of its lines on it. */
    private boolean stranded() {
        return lastStarted != f.page() && filled() < STRANDED;
    }

    /** Where the vertical layout stands, with the flow: what a trial placement goes back to. */
    private record State(Flow.Mark mark, int tiers, int tierHeight, int tierTop0, int tier, int cx, Article current) {}

    private State state() {
        return new State(f.mark(), tiers, tierHeight, tierTop0, tier, cx, current);
    }

    private void restore(State s) {
        f.reset(s.mark());
        tiers = s.tiers();
        tierHeight = s.tierHeight();
        tierTop0 = s.tierTop0();
        tier = s.tier();
        cx = s.cx();
        current = s.current();
    }

    /** How much of the page's tiers is set, 0 to 1. */
    private double filled() {
        return (tier + (t.width() - t.margin() - cx) / (double) t.contentWidth()) / tiers;
    }

    void article(Article a, boolean lead) {
        int lh = t.lineHeight();
        if (!tierStart()) {
            if (cx - 2 * lh < t.margin()) {
                nextTier();
            } else {
                f.add(new Page.Rule(cx - lh / 4, tierTop(), 1, tierHeight, Page.RULE_GREY));
                cx -= lh / 2;
            }
        }
        int headlinePx = lead ? t.leadHeadline() : t.headline();
        List<SetLine> headline = set(a.headline(), headlinePx, 0, false, true);
        List<SetLine> subhead = a.subhead() == null ? List.of() : set(a.subhead(), t.subhead(), 0, false, false);
        List<SetLine> byline = a.byline() == null ? List.of() : set(a.byline(), t.small(), 0, false, false);
        // Keep the headline block with the first three lines of text.
        int needed = headline.size() * t.lineHeight(headlinePx) + subhead.size() * t.lineHeight(t.subhead())
                + byline.size() * t.lineHeight(t.small()) + 3 * lh;
        if (cx - needed < t.margin() && !tierStart()) nextTier();
        if (a.kicker() != null) lines(set(a.kicker(), t.small(), 0, false, true), t.small(), true, Page.GREY_TEXT, a.id(), "kicker");
        lines(headline, headlinePx, true, Page.INK, a.id(), "headline");
        lines(subhead, t.subhead(), false, Page.INK, a.id(), "deck");
        lines(byline, t.small(), false, Page.GREY_TEXT, a.id(), "byline");
        cx -= t.small() / 2;
        current = a;
        lastStarted = f.page();
        // A photo whose image did not come with the text is left out with its caption.
        for (Photo p : a.photos()) if (p.hasImage()) photo(p, a.id());
        List<String> paragraphs = a.paragraphs();
        for (int i = 0; i < paragraphs.size(); i++) {
            int boldPrefix = Stories.boldPrefix(a, i);
            List<SetLine> lines = set(Stories.paragraph(a, i), t.body(), 2, true, false);
            for (int k = 0; k < lines.size(); k++) {
                // No widow or orphan: a paragraph never leaves one line alone at a tier's end or start.
                int room = (cx - left()) / lh;
                int rest = lines.size() - k;
                if ((k == 0 && room == 1 && rest > 1) || (rest == 2 && room == 1 && k > 0)) nextTier();
                line(lines.get(k), t.body(), lh, false, Page.INK, k == 0 ? boldPrefix : 0, a.id(), "body", i);
            }
        }
        current = null;
        cx -= lh / 3;
    }

    /** A photo in a tier, as tall as the tier less its caption, which runs across under it. */
    private void photo(Photo p, String articleId) {
        String caption = Photos.caption(p);
        int slh = t.lineHeight(t.small());
        int width = Math.min(t.contentWidth() * 2 / 5, Math.round((float) tierHeight * p.width() / p.height()));
        width = Math.max(width, 4 * t.small());
        if (cx - width < left() && !tierStart()) nextTier();
        if (cx - width < left()) width = cx - left();
        List<SetLine> lines = caption.isBlank() ? List.of() : f.setter().set(caption, t.small(), width, 0, false);
        int h = Math.max(1, tierHeight - lines.size() * slh - t.small() / 3);
        // The caption keeps the box's width; the photo keeps its shape, centred in the box.
        int w = Math.max(1, Math.min(width, Math.round((float) h * p.width() / p.height())));
        f.add(new Page.Picture(cx - width + (width - w) / 2, tierTop(), w, h, p));
        int cy = tierTop() + h + t.small() / 3;
        for (SetLine line : lines) {
            f.add(Setter.text(cx - width, cy, slh, line, t.small(), false, Page.GREY_TEXT, 0, articleId, "caption", -1));
            cy += slh;
        }
        cx -= width + t.small();
    }

    private void lines(List<SetLine> lines, int px, boolean bold, int ink, String articleId, String kind) {
        for (SetLine line : lines) line(line, px, t.lineHeight(px), bold, ink, 0, articleId, kind, -1);
    }

    private void line(SetLine line, int px, int lh, boolean bold, int ink, int boldPrefix, String articleId, String kind, int paragraph) {
        if (cx - lh < left()) nextTier();
        f.add(new Page.Text(cx - lh, tierTop(), lh, (int) Math.ceil(line.width()), cx - lh / 2, line, px, bold, ink,
                boldPrefix, articleId, true, kind, paragraph));
        cx -= lh;
    }

    private List<SetLine> set(String text, int px, float indentEm, boolean justify, boolean boldType) {
        return f.setter().vertical(text, px, tierHeight, indentEm, justify, boldType);
    }
}
