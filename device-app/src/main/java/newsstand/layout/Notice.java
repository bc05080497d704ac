package newsstand.layout;

import java.util.List;
import newsstand.fonts.typeset.SetLine;

/**
 * A screen of the kiosk's own that is not a newspaper page (waiting for the first issue, a fault): a heading in the
 * headline size and lines of small text under it, centred on the panel, perhaps small print at its foot for the
 * technician, set by the same typesetter as the pages.
 */
final class Notice {
    private Notice() {}

    /**
     * A banner over a page's footer: a reversed strip the width of the page with one line of small text, so that
     * the newspaper above it stays readable, and the page of the total that the folio under it says, at its right.
     * The first of the texts (longest first) that fits beside it is taken.
     */
    static Page banner(Typography t, Setter setter, List<String> texts, Page under) {
        Page page = new Page(0, "");
        int small = t.small();
        int slh = t.lineHeight(small);
        int y = t.height() - t.margin() - slh - small / 3;
        page.ops.add(new Page.Rule(0, y - small / 3, t.width(), t.height() - y + small / 3, Page.INK));
        int room = t.contentWidth();
        if (!under.pageOfTotal.isEmpty()) {
            SetLine folio = setter.one(under.pageOfTotal, small, true);
            room -= Math.round(folio.width()) + 2 * small;
            page.ops.add(Setter.text(t.width() - t.margin() - Math.round(folio.width()), y, slh, folio, small, true, 255, "folio"));
        }
        SetLine line = null;
        for (String text : texts) {
            line = setter.one(text, small, true);
            if (line.width() <= room) break;
        }
        int x = under.pageOfTotal.isEmpty() ? (t.width() - Math.round(line.width())) / 2 : t.margin();
        page.ops.add(Setter.text(x, y, slh, line, small, true, 255, "screen"));
        return page;
    }

    /**
     * A heading and lines centred on the panel, and under them at the panel's foot the small print (or none): what
     * a technician needs, in the small grey type of a folio.
     */
    static Page compose(Typography t, Setter setter, String heading, List<String> lines, List<String> smallPrint) {
        return compose(t, setter, heading, lines, smallPrint, null, 0);
    }

    /** What the QR code is for, longest first. */
    private static final List<String> CAPTIONS = List.of("技术人员扫码查看处理步骤 · Technicians: scan for the next step",
            "技术人员扫码 · Technicians: scan", "技术人员扫码");

    /**
     * The same with a QR code (or null) at the right, m pixels a module (fewer only where the panel is not that
     * high), centred on the panel's height with a caption under it where there is the room; the heading, the lines
     * and the small print in the room left of its quiet zone.
     */
    static Page compose(Typography t, Setter setter, String heading, List<String> lines, List<String> smallPrint, HelpCode code, int m) {
        Page page = new Page(1, heading);
        int small = t.small(), slh = t.lineHeight(small);
        int left = t.margin();
        int width = t.contentWidth();
        if (code != null) {
            // The quiet zone may take the margins (they are white).
            m = Math.max(1, Math.min(m, Math.min(t.height(), t.width() * 3 / 5) / code.side(1)));
            int side = code.side(m);
            boolean captioned = side + slh <= t.height() - t.margin();
            int x = t.width() - side - Math.max(0, t.margin() - HelpCode.QUIET * m);
            int y = Math.max(0, (t.height() - side - (captioned ? slh : 0)) / 2);
            code.addTo(page, x, y, m);
            SetLine caption = null;
            for (String c : captioned ? CAPTIONS : List.<String>of()) {
                caption = setter.one(c, small, false);
                if (caption.width() <= side) break;
            }
            // The caption under the quiet zone: the code is the technician's (the first caption that fits its width).
            if (caption != null) page.ops.add(Setter.text(x + (side - Math.round(caption.width())) / 2, y + side, slh, caption, small, false, Page.GREY_TEXT, "footnote"));
            width = x - left;
        }
        final int w = width;
        List<List<SetLine>> foot = smallPrint.stream().map(l -> setter.set(l, small, w, 0, false)).toList();
        int fy = t.height() - t.margin() - foot.stream().mapToInt(List::size).sum() * slh;
        int room = foot.isEmpty() ? t.height() : fy - small / 3;
        List<SetLine> head = setter.balanced(heading, t.leadHeadline(), width, true);
        int hlh = t.lineHeight(t.leadHeadline());
        int lh = t.lineHeight();
        List<List<SetLine>> body = lines.stream().map(l -> setter.set(l, t.body(), w, 0, false)).toList();
        int height = head.size() * hlh + t.body() + body.stream().mapToInt(List::size).sum() * lh;
        int y = Math.max(t.margin(), (room - height) / 2);
        for (SetLine line : head) {
            page.ops.add(Setter.text(left + (width - Math.round(line.width())) / 2, y, hlh, line, t.leadHeadline(), true, Page.INK, "screen"));
            y += hlh;
        }
        page.ops.add(new Page.Rule(left + width / 4, y + t.body() / 3, width / 2, Math.max(2, t.body() / 8), Page.INK));
        y += t.body();
        for (List<SetLine> block : body) {
            for (SetLine line : block) {
                page.ops.add(Setter.text(left + (width - Math.round(line.width())) / 2, y, lh, line, t.body(), false, Page.GREY_TEXT, "screen"));
                y += lh;
            }
        }
        if (!foot.isEmpty()) page.ops.add(new Page.Rule(left, fy - small / 3, width, 1, Page.RULE_GREY));
        for (List<SetLine> block : foot) {
            for (SetLine line : block) {
                page.ops.add(Setter.text(left + (width - Math.round(line.width())) / 2, fy, slh, line, small, false, Page.GREY_TEXT, "footnote"));
                fy += slh;
            }
        }
        return page;
    }
}
