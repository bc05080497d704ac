package newsstand.layout;

import java.util.List;
import newsstand.fonts.typeset.SetLine;

/**
 * The kiosk's home screen: every title it carries, each with its name, its date and its front page's lead
 * headlines, the one under the cursor marked by a bar and an arrow; a heading on top and how to choose at the foot.
 * Titles share the height; when there are more than fit with their name and date, a window around the cursor is
 * shown, and each gets as many headlines as its share holds (up to five).
 */
final class Shelf {
    private Shelf() {}

    static Page compose(Typography t, Setter setter, String heading, List<ShelfTitle> titles, int cursor, String hint) {
        Page page = new Page(1, heading);
        int small = t.small(), slh = t.lineHeight(small);
        int hpx = t.headline(), hlh = t.lineHeight(hpx);
        int y = t.margin();
        SetLine head = setter.one(heading, hpx, true);
        page.ops.add(Setter.text(t.margin(), y, hlh, head, hpx, true, Page.INK, "screen"));
        y += hlh;
        page.ops.add(new Page.Rule(t.margin(), y, t.contentWidth(), Math.max(2, t.body() / 8), Page.INK));
        y += t.body() / 2;
        int foot = t.height() - t.margin() - slh;
        page.ops.add(new Page.Rule(t.margin(), foot - small / 3, t.contentWidth(), 1, Page.RULE_GREY));
        SetLine hintLine = setter.one(hint, small, false);
        page.ops.add(Setter.text((t.width() - Math.round(hintLine.width())) / 2, foot, slh, hintLine, small, false, Page.GREY_TEXT, "screen"));

        int area = foot - small / 2 - y;
        int npx = t.leadHeadline(), nlh = t.lineHeight(npx);
        int lh = t.lineHeight();
        int least = nlh + slh + small;
        int visible = Math.max(1, Math.min(titles.size(), area / least));
        if (visible < titles.size() && visible < 2) {
            npx = t.headline();
            nlh = t.lineHeight(npx);
            least = nlh + slh + small;
            visible = Math.max(1, Math.min(titles.size(), area / least));
        }
        int first = Math.max(0, Math.min(cursor - visible / 2, titles.size() - visible));
        int share = area / visible;
        if (share >= t.lineHeight(t.masthead()) + slh + small + 3 * lh) {
            npx = t.masthead(); // few titles on a tall panel: names as large as mastheads
            nlh = t.lineHeight(npx);
            least = nlh + slh + small;
        }
        int headlines = Math.max(0, Math.min(5, (share - least) / lh));
        int bar = Math.max(3, t.body() / 4);
        int indent = bar + t.body();
        int measure = t.contentWidth() - indent;
        for (int i = first; i < first + visible; i++) {
            ShelfTitle title = titles.get(i);
            int top = y + (i - first) * share + small / 2;
            boolean chosen = i == cursor;
            int shown = Math.min(headlines, title.headlines().size());
            if (chosen) page.ops.add(new Page.Rule(t.margin(), top, bar, nlh + slh + shown * lh, Page.INK));
            SetLine name = setter.one((chosen ? "▶ " : "") + title.name(), npx, true);
            page.ops.add(Setter.text(t.margin() + indent, top, nlh, name, npx, true, Page.INK, "screen"));
            int ty = top + nlh;
            SetLine date = setter.one(title.dateLine(), small, false);
            page.ops.add(Setter.text(t.margin() + indent, ty, slh, date, small, false, Page.GREY_TEXT, "screen"));
            ty += slh;
            for (String h : title.headlines().subList(0, shown)) {
                List<SetLine> lines = setter.set("■ " + h, t.body(), measure, 0, false);
                page.ops.add(Setter.text(t.margin() + indent, ty, lh, lines.get(0), t.body(), false, Page.INK, "screen"));
                ty += lh;
            }
            if (i + 1 < first + visible) {
                page.ops.add(new Page.Rule(t.margin() + indent, y + (i - first + 1) * share, measure, 1, Page.RULE_GREY));
            }
        }
        return page;
    }
}
