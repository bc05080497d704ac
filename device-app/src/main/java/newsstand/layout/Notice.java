package newsstand.layout;

import java.util.List;
import newsstand.fonts.typeset.SetLine;

/**
 * A screen of the kiosk's own that is not a newspaper page (waiting for the first issue, a fault): a heading in the
 * headline size and lines of small text under it, centred on the panel, set by the same typesetter as the pages.
 */
final class Notice {
    private Notice() {}

    /**
     * A banner over a page's footer: a reversed strip the width of the page with one line of small text, so that
     * the newspaper above it stays readable.
     */
    static Page banner(Typography t, Setter setter, String text) {
        Page page = new Page(0, "");
        int small = t.small();
        int slh = t.lineHeight(small);
        int y = t.height() - t.margin() - slh - small / 3;
        page.ops.add(new Page.Rule(0, y - small / 3, t.width(), t.height() - y + small / 3, Page.INK));
        SetLine line = setter.one(text, small, true);
        page.ops.add(Setter.text((t.width() - Math.round(line.width())) / 2, y, slh, line, small, true, 255, "screen"));
        return page;
    }

    static Page compose(Typography t, Setter setter, String heading, List<String> lines) {
        Page page = new Page(1, heading);
        int width = t.contentWidth();
        List<SetLine> head = setter.balanced(heading, t.leadHeadline(), width, true);
        int hlh = t.lineHeight(t.leadHeadline());
        int lh = t.lineHeight();
        List<List<SetLine>> body = lines.stream().map(l -> setter.set(l, t.body(), width, 0, false)).toList();
        int height = head.size() * hlh + t.body() + body.stream().mapToInt(List::size).sum() * lh;
        int y = Math.max(t.margin(), (t.height() - height) / 2);
        for (SetLine line : head) {
            page.ops.add(Setter.text((t.width() - Math.round(line.width())) / 2, y, hlh, line, t.leadHeadline(), true, Page.INK, "screen"));
            y += hlh;
        }
        page.ops.add(new Page.Rule(t.margin() + width / 4, y + t.body() / 3, width / 2, Math.max(2, t.body() / 8), Page.INK));
        y += t.body();
        for (List<SetLine> block : body) {
            for (SetLine line : block) {
                page.ops.add(Setter.text((t.width() - Math.round(line.width())) / 2, y, lh, line, t.body(), false, Page.GREY_TEXT, "screen"));
                y += lh;
            }
        }
        return page;
    }
}
