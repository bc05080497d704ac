package newsstand.layout;

import java.util.List;
import newsstand.fonts.typeset.SetLine;
import newsstand.issue.Photo;

/**
 * Photos in columns: each as wide as its column (or a span of columns), at most 45% of the column's height, its
 * caption and credit under it; a photo that would leave the column too short floats to the next paragraph break.
 */
final class Photos {
    private final Flow f;
    private final Typography t;

    Photos(Flow flow) {
        this.f = flow;
        this.t = flow.typography();
    }

    /** A photo's caption with its credit ("　新华社记者 摄"), or "" for none. */
    static String caption(Photo p) {
        return (p.caption() == null ? "" : p.caption()) + credit(p);
    }

    private static String credit(Photo p) {
        if (p.credit() == null) return "";
        String c = p.credit();
        return "　" + (c.endsWith("摄") || c.contains("图片") ? c : c + " 摄");
    }

    /** Photos float: one that would leave the current column too short waits for the next paragraph break. */
    void placeWaiting(List<Photo> waiting, String articleId, boolean now) {
        while (!waiting.isEmpty()) {
            Photo p = waiting.get(0);
            String caption = caption(p);
            int captionHeight = caption.isBlank() ? 0 : f.setter().set(caption, t.small(), t.columnWidth(), 0, false).size() * t.lineHeight(t.small());
            if (!now && !fits(p, captionHeight)) return;
            if (!place(p, t.columnWidth(), articleId)) return;
            waiting.remove(0);
        }
    }

    /** Places a photo with its caption; false when a front-page story has no room left for it. */
    boolean place(Photo p, int width, String articleId) {
        String caption = caption(p);
        List<SetLine> lines = caption.isBlank() ? List.of() : f.setter().set(caption, t.small(), width, 0, false);
        int captionHeight = lines.size() * t.lineHeight(t.small());
        // A column photo moves on until a column has room for it; a page's fresh column always has.
        for (int moves = 0; width == t.columnWidth() && !fits(p, captionHeight) && moves <= t.columns(); moves++) {
            f.nextColumn();
            if (f.overflow()) return false;
        }
        int w = width;
        int h = Math.min(Math.max(1, Math.round((float) w * p.height() / p.width())), maxHeight());
        int room = f.bottom() - f.y() - captionHeight - t.small();
        if (h > room) h = Math.max(1, room);
        w = Math.min(width, Math.max(1, Math.round((float) h * p.width() / p.height())));
        f.add(new Page.Picture(f.x() + (width - w) / 2, f.y(), w, h, p));
        f.space(h + t.small() / 3);
        f.lines(lines, t.small(), false, Page.GREY_TEXT, articleId, "caption");
        f.space(t.small() / 2);
        return true;
    }

    /** Photos take at most 45% of a column's height. */
    private int maxHeight() {
        return (f.bottom() - f.columnTop(f.column())) * 45 / 100;
    }

    /** Whether a column-wide photo and its caption fit under the current position, leaving a sensible box. */
    private boolean fits(Photo p, int captionHeight) {
        int h = Math.min(Math.round((float) t.columnWidth() * p.height() / p.width()), maxHeight());
        int room = f.bottom() - f.y() - captionHeight - t.small();
        return h <= room && room >= 4 * t.lineHeight();
    }
}
