package newsstand.layout;

import newsstand.config.PanelModel;

/**
 * Type sizes, spacing and columns for a panel, derived from its pixel size and density (not written per panel):
 * body text is set at 10 pt on the panel's real dots per inch, and the page gets as many columns of about 17 em
 * as its width holds.
 */
record Typography(int body, int small, int subhead, int headline, int leadHeadline, int masthead,
                  int lineHeight, int margin, int gutter, int columns, int columnWidth, int width, int height) {

    static Typography of(PanelModel panel) {
        double dpi = panel.dpi();
        int body = Math.max(16, (int) Math.round(dpi * 10 / 72));
        int small = Math.max(14, Math.round(body * 0.8f));
        int margin = Math.round(body * 1.5f);
        int gutter = Math.round(body * 1.5f);
        int content = panel.width() - 2 * margin;
        int columns = Math.max(1, Math.round((content + gutter) / (17f * body + gutter)));
        int columnWidth = (content - (columns - 1) * gutter) / columns;
        // Display sizes grow with the body size but are held to the page's height, so a 6" front page still has
        // room for its lead story under the masthead.
        int h = panel.height();
        int headline = Math.max(body + 2, Math.min(Math.round(body * 1.7f), h / 20));
        int lead = Math.max(headline, Math.min(Math.round(body * 2.4f), h / 16));
        int masthead = Math.max(lead, Math.min(Math.round(body * 3.4f), h / 12));
        return new Typography(body, small, Math.round(body * 1.2f), headline, lead, masthead, Math.round(body * 1.5f),
                margin, gutter, columns, columnWidth, panel.width(), h);
    }

    int contentWidth() {
        return width - 2 * margin;
    }

    int columnX(int column) {
        return margin + column * (columnWidth + gutter);
    }

    /** Whether something drawn on a page reaches into a column (a rule or a line at least a pixel wide). */
    boolean inColumn(Page.Op op, int column) {
        int cx = columnX(column);
        return op.x() < cx + columnWidth && op.x() + Math.max(1, op.width()) > cx;
    }

    /** The line height for a type size: looser for body text, tighter for headlines. */
    int lineHeight(int px) {
        return px == body ? lineHeight : Math.round(px * (px > body ? 1.3f : 1.45f));
    }
}
