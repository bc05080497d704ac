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

    /**
     * A station notice's band across the top of a page or screen: reversed (white on black) for a warning or an
     * urgent notice, outlined for information, its label bold; its text in two lines of the body size, else three of
     * the small size, else cut there with "…" (the urgent screen has the room for a long one). Over a screen of the
     * kiosk's own, one line in the body size, cut with "…" (see {@link #above}).
     */
    static Page band(Typography t, Setter setter, boolean reversed, String label, String text, boolean oneLine) {
        Page page = new Page(0, "");
        int width = t.contentWidth() - t.body();
        String full = label + "　" + text;
        int px = t.body();
        List<SetLine> lines = oneLine ? fitted(setter, label + "　", text, px, width, 1) : setter.set(full, px, width, 0, false, true);
        if (lines.size() > 2) {
            px = t.small();
            lines = fitted(setter, label + "　", text, px, width, 3);
        }
        int lh = t.lineHeight(px), pad = px / 2;
        int height = lines.size() * lh + 2 * pad;
        int ink = reversed ? 255 : Page.INK;
        page.ops.add(new Page.Rule(0, 0, t.width(), height, reversed ? Page.INK : 255));
        if (!reversed) {
            int edge = Math.max(3, px / 6);
            page.ops.add(new Page.Rule(0, height - edge, t.width(), edge, Page.INK));
            page.ops.add(new Page.Rule(0, 0, edge, height, Page.INK));
            page.ops.add(new Page.Rule(t.width() - edge, 0, edge, height, Page.INK));
            page.ops.add(new Page.Rule(0, 0, t.width(), edge, Page.INK));
        }
        int y = pad;
        for (SetLine line : lines) {
            page.ops.add(Setter.text(t.margin(), y, lh, line, px, true, ink, "notice"));
            y += lh;
        }
        return page;
    }

    /**
     * A screen of the kiosk's own under a one-line band: moved down by what the band takes beyond the top margin
     * (about a body size, less than the bottom margin, so that its foot stays on the panel), the band over it.
     */
    static Page above(Typography t, Page band, Page screen) {
        int dy = Math.max(0, band.ops.get(0).height() - t.margin());
        Page p = new Page(screen.number, screen.section);
        p.pageOfTotal = screen.pageOfTotal;
        for (Page.Op op : screen.ops) {
            if (op instanceof Page.Text x) {
                p.ops.add(new Page.Text(x.x(), x.y() + dy, x.width(), x.height(), x.vertical() ? x.baseline() : x.baseline() + dy, x.line(), x.px(),
                        x.bold(), x.ink(), x.boldPrefix(), x.articleId(), x.vertical(), x.kind(), x.paragraph()));
            } else if (op instanceof Page.Rule r) {
                p.ops.add(new Page.Rule(r.x(), r.y() + dy, r.width(), r.height(), r.grey()));
            } else if (op instanceof Page.Picture c) {
                p.ops.add(new Page.Picture(c.x(), c.y() + dy, c.width(), c.height(), c.photo()));
            }
        }
        p.ops.addAll(band.ops);
        return p;
    }

    /** The text set in at most {@code most} lines after its label, cut with "…" where it does not fit. */
    private static List<SetLine> fitted(Setter setter, String label, String text, int px, int width, int most) {
        List<SetLine> lines = setter.set(label + text, px, width, 0, false, true);
        if (lines.size() <= most) return lines;
        int lo = 0, hi = text.length();
        while (lo < hi) {
            int mid = (lo + hi + 1) / 2;
            if (setter.set(label + text.substring(0, mid) + "…", px, width, 0, false, true).size() <= most) lo = mid;
            else hi = mid - 1;
        }
        if (lo > 0 && Character.isHighSurrogate(text.charAt(lo - 1))) lo--;
        return setter.set(label + text.substring(0, lo) + "…", px, width, 0, false, true);
    }

    /**
     * An urgent notice over the whole screen: a reversed strip with its label, the title in the headline size, the
     * text at the largest sizes at which both fit (down to the small size; the notice's length is bounded so that it
     * fits there on every panel), and at the foot the lines that say how to reach the newspaper and until when.
     */
    static Page urgent(Typography t, Setter setter, String label, String title, String text, List<String> foot) {
        Page page = new Page(1, label);
        int width = t.contentWidth();
        int hpx = t.headline(), hlh = t.lineHeight(hpx);
        int strip = hlh + hpx;
        page.ops.add(new Page.Rule(0, 0, t.width(), strip, Page.INK));
        SetLine head = setter.one(label, hpx, true);
        page.ops.add(Setter.text((t.width() - Math.round(head.width())) / 2, hpx / 2, hlh, head, hpx, true, 255, "notice"));
        int small = t.small(), slh = t.lineHeight(small);
        List<List<SetLine>> feet = foot.stream().map(l -> setter.set(l, small, width, 0, false)).toList();
        int footTop = t.height() - t.margin() - feet.stream().mapToInt(List::size).sum() * slh;
        int y = strip + t.body();
        int room = footTop - t.body() - y;
        // The title and the text at the largest sizes at which both fit, the title always the larger.
        int[][] steps = {{t.masthead(), t.leadHeadline()}, {t.masthead(), t.headline()}, {t.leadHeadline(), t.subhead()},
                {t.leadHeadline(), t.body()}, {t.headline(), t.body()}, {t.subhead(), t.small()}};
        List<SetLine> titleLines = List.of(), body = List.of();
        int tpx = 0, tlh = 0, px = 0;
        for (int[] step : steps) {
            tpx = step[0];
            tlh = t.lineHeight(tpx);
            px = step[1];
            titleLines = title.isEmpty() ? List.of() : setter.balanced(title, tpx, width, true);
            body = setter.set(text, px, width, 0, false, px > t.body());
            if (titleLines.size() * tlh + body.size() * t.lineHeight(px) + (title.isEmpty() ? 0 : t.body()) <= room) break;
        }
        int height = titleLines.size() * tlh + (title.isEmpty() ? 0 : t.body()) + body.size() * t.lineHeight(px);
        y += Math.max(0, (room - height) / 3);
        for (SetLine line : titleLines) {
            page.ops.add(Setter.text((t.width() - Math.round(line.width())) / 2, y, tlh, line, tpx, true, Page.INK, "notice"));
            y += tlh;
        }
        if (!title.isEmpty()) {
            page.ops.add(new Page.Rule(t.margin() + width / 4, y + t.body() / 3, width / 2, Math.max(2, t.body() / 8), Page.INK));
            y += t.body();
        }
        int lh = t.lineHeight(px);
        boolean centred = body.size() == 1;
        for (SetLine line : body) {
            int x = centred ? (t.width() - Math.round(line.width())) / 2 : t.margin();
            page.ops.add(Setter.text(x, y, lh, line, px, px > t.body(), Page.INK, "notice"));
            y += lh;
        }
        page.ops.add(new Page.Rule(t.margin(), footTop - small / 2, width, Math.max(2, small / 8), Page.INK));
        int fy = footTop;
        boolean first = true;
        for (List<SetLine> block : feet) {
            for (SetLine line : block) {
                page.ops.add(Setter.text((t.width() - Math.round(line.width())) / 2, fy, slh, line, small, first, Page.INK, "notice"));
                fy += slh;
            }
            first = false;
        }
        return page;
    }
}
