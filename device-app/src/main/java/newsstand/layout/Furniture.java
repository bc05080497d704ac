package newsstand.layout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newsstand.fonts.typeset.SetLine;
import newsstand.issue.Article;
import newsstand.issue.Issue;
import newsstand.issue.Section;

/**
 * What every page has besides its stories: the front page's masthead, the header strip of the other pages (the
 * paper, the section reversed, the date), the footer with the page of the total, and the front page's "本期导读" strip
 * pointing to the other sections.
 * The footer is the folio: the paper, the day, the section and the page of the total.
 */
final class Furniture {
    private final Flow f;
    private final Typography t;
    private final Issue issue;
    private final boolean vertical;
    /** Jump lines, folios and the date in the issue's language. */
    private final Folio folio;
    /** The height kept at the front page's foot for the strip pointing to the other sections. */
    private int stripHeight;
    /** Where the front page's edition line goes, right of the date, once the pages are counted (-1: no masthead). */
    private int editionY = -1;

    Furniture(Flow flow, Issue issue, boolean vertical) {
        this.f = flow;
        this.t = flow.typography();
        this.issue = issue;
        this.vertical = vertical;
        this.folio = Folio.of(issue.language());
    }

    Folio folio() {
        return folio;
    }

    void masthead() {
        int px = t.masthead();
        SetLine title = f.setter().one(issue.title(), px, true);
        int lh = t.lineHeight(px);
        f.add(Setter.text((t.width() - Math.round(title.width())) / 2, f.y(), lh, title, px, true, Page.INK, "masthead"));
        f.space(lh);
        int small = t.small();
        int slh = t.lineHeight(small);
        SetLine date = f.setter().one(dateText(), small, false);
        f.add(Setter.text(t.margin(), f.y(), slh, date, small, false, Page.INK, "dateline"));
        editionY = f.y();
        f.space(slh + small / 4);
        f.add(new Page.Rule(t.margin(), f.y(), t.contentWidth(), Math.max(2, t.body() / 8), Page.INK));
        f.space(Math.max(2, t.body() / 8) + Math.max(2, t.body() / 10));
        f.add(new Page.Rule(t.margin(), f.y(), t.contentWidth(), 1, Page.INK));
        f.space(t.body());
    }

    void headerStrip() {
        int small = t.small();
        int slh = t.lineHeight(small);
        SetLine title = f.setter().one(issue.title(), small, true);
        f.add(Setter.text(t.margin(), f.y(), slh, title, small, true, Page.INK, "header"));
        SetLine tag = f.setter().one(f.page().section, small, true);
        int pad = small / 2;
        int tagX = t.margin() + Math.round(title.width()) + small;
        f.add(new Page.Rule(tagX, f.y(), Math.round(tag.width()) + 2 * pad, slh, Page.INK));
        f.add(Setter.text(tagX + pad, f.y(), slh, tag, small, true, 255, "section"));
        SetLine date = f.setter().one(dateText(), small, false);
        f.add(Setter.text(t.width() - t.margin() - Math.round(date.width()), f.y(), slh, date, small, false, Page.INK, "header"));
        f.space(slh + small / 3);
        f.add(new Page.Rule(t.margin(), f.y(), t.contentWidth(), 2, Page.INK));
        f.space(t.body());
    }

    /**
     * The edition beside the masthead's date (第8126期); where the issue gives the print edition's page count
     * (今日12版), the kiosk's own count in its place (共5版), as every folio says it.
     */
    private void edition() {
        String text = ShelfTitle.editionOnly(issue.edition());
        if (ShelfTitle.countsPages(issue.edition())) text = (text + folio.space() + folio.pageCount(f.pages().size())).strip();
        if (text.isEmpty()) return;
        int small = t.small();
        SetLine edition = f.setter().one(text, small, false);
        f.pages().get(0).ops.add(Setter.text(t.width() - t.margin() - Math.round(edition.width()), editionY, t.lineHeight(small), edition, small, false, Page.INK, "edition"));
    }

    private String dateText() {
        return folio.date(issue.date());
    }

    /** A teaser on the front page: the story it points to, its column, and the height of its page line. */
    private record Teaser(Article article, int column, int y) {}

    private final List<Teaser> teasers = new ArrayList<>();

    /** A teaser's page line ("（详见第N版）"), right-aligned in its column at y, set once the pages are counted. */
    void teaser(Article a, int column, int y) {
        teasers.add(new Teaser(a, column, y));
    }

    /** How many teasers there are, for {@link #dropTeasers} when a trial front page is taken back. */
    int teasers() {
        return teasers.size();
    }

    void dropTeasers(int from) {
        teasers.subList(from, teasers.size()).clear();
    }

    private void teaserPages() {
        int small = t.small();
        for (Teaser teaser : teasers) {
            int number = 0;
            for (Page p : f.pages()) {
                if (number == 0 && p.number > 1 && p.ops.stream().anyMatch(o -> o instanceof Page.Text x && teaser.article().id().equals(x.articleId()))) number = p.number;
            }
            if (number == 0) continue;
            SetLine line = f.setter().one(folio.seePage(number), small, false);
            int x = t.columnX(teaser.column()) + t.columnWidth() - Math.round(line.width());
            f.pages().get(0).ops.add(Setter.text(x, teaser.y(), t.lineHeight(small), line, small, false, Page.GREY_TEXT, "teaser"));
        }
    }

    /** Keeps room at the front page's foot for the strip (none without other sections); returns its height. */
    int reserveStrip(int otherSections) {
        stripHeight = otherSections == 0 ? 0 : stripLines(otherSections) * t.lineHeight(t.small()) + t.small() * 2;
        return stripHeight;
    }

    /** The footers of every page, and the front page's strip where room was kept for it. */
    void finish() {
        footers();
        teaserPages();
        if (editionY >= 0) edition();
        if (stripHeight > 0) strip();
    }

    private void footers() {
        int small = t.small();
        int slh = t.lineHeight(small);
        Map<String, Integer> firstPages = new LinkedHashMap<>();
        for (Page p : f.pages()) firstPages.putIfAbsent(p.section, p.number);
        for (Page p : f.pages()) {
            int fy = t.height() - t.margin() - slh;
            p.ops.add(new Page.Rule(t.margin(), fy - small / 3, t.contentWidth(), 1, Page.RULE_GREY));
            // The folio: what a reader who lands on any page needs, paper, day, section and page of the total; on a
            // narrow page what fits of it, the page and section always.
            p.pageOfTotal = folio.pageOfTotal(p.number, f.pages().size());
            String sp = folio.space();
            String page = p.section + sp + p.pageOfTotal;
            StringBuilder guide = new StringBuilder();
            if (p.number == 1 && vertical && firstPages.size() > 1) {
                guide.append(sp).append(sp).append(folio.index()).append(folio.latin() ? ": " : "：");
                firstPages.forEach((name, number) -> {
                    if (number > 1) guide.append(name).append(" ").append(folio.page(number)).append(sp);
                });
            }
            String paper = issue.title() + sp + dateText() + sp;
            SetLine line = null;
            for (String text : new String[] {paper + page + guide, page + guide, paper + page, page}) {
                line = f.setter().one(text.strip(), small, false);
                if (line.width() <= t.contentWidth()) break;
            }
            p.ops.add(Setter.text((t.width() - Math.round(line.width())) / 2, fy, slh, line, small, false, Page.GREY_TEXT, "folio"));
        }
    }

    /** Whether a story of another section stands whole on the front page (taken there when its own ran out). */
    private boolean onFrontOnly(Article a) {
        boolean front = false;
        for (Page p : f.pages()) {
            for (Page.Op op : p.ops) {
                if (op instanceof Page.Text x && a.id().equals(x.articleId())) {
                    if (p.number != 1) return false;
                    front = true;
                }
            }
        }
        return front;
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
        Page front = f.pages().get(0);
        int small = t.small();
        int slh = t.lineHeight(small);
        int top = f.bottom() - stripHeight + small / 2;
        front.ops.add(new Page.Rule(t.margin(), top, t.contentWidth(), 2, Page.INK));
        int y = top + small / 2 + 2;
        SetLine label = f.setter().one(folio.index(), small, true);
        int pad = small / 2;
        front.ops.add(new Page.Rule(t.margin(), y, Math.round(label.width()) + 2 * pad, slh, Page.INK));
        front.ops.add(Setter.text(t.margin() + pad, y, slh, label, small, true, 255, "strip"));
        int x = t.margin() + Math.round(label.width()) + 2 * pad + small;
        int width = t.width() - t.margin() - x;
        List<String> entries = new ArrayList<>();
        for (Section s : issue.sections().subList(1, issue.sections().size())) {
            int first = f.pages().stream().filter(p -> p.section.equals(s.title())).findFirst().orElseThrow().number;
            StringBuilder e = new StringBuilder(s.title() + " " + folio.page(first));
            if (issue.sections().size() - 1 <= 3 && tallPage()) {
                // The section's first headlines, but those the front page has in full already.
                s.articles().stream().filter(a -> !onFrontOnly(a)).limit(3).forEach(a -> e.append(folio.space()).append(a.headline()));
            }
            entries.add(e.toString());
        }
        List<SetLine> lines = new ArrayList<>();
        if (entries.size() <= 3 && tallPage()) {
            for (String e : entries) lines.add(f.setter().set(e, small, width, 0, false).get(0));
        } else {
            List<SetLine> all = f.setter().set(String.join(folio.space(), entries), small, width, 0, false);
            lines.addAll(all.subList(0, Math.min(stripLines(entries.size()), all.size())));
        }
        for (SetLine line : lines) {
            front.ops.add(Setter.text(x, y, slh, line, small, false, Page.INK, "strip"));
            y += slh;
        }
    }
}
