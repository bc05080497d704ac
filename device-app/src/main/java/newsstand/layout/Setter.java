package newsstand.layout;

import java.util.List;
import newsstand.fonts.Typeface;
import newsstand.fonts.typeset.LineBreaker;
import newsstand.fonts.typeset.SetLine;

/** Text set for a layout: the regular and bold types at the page's sizes, broken into lines by clreq's rules. */
final class Setter {
    private final Typeface regular;
    private final Typeface bold;

    Setter(Typeface regular, Typeface bold) {
        this.regular = regular;
        this.bold = bold;
    }

    List<SetLine> set(String text, int px, int measure, float indentEm, boolean justify) {
        return set(text, px, measure, indentEm, justify, false);
    }

    List<SetLine> set(String text, int px, int measure, float indentEm, boolean justify, boolean boldType) {
        // A layout tries placements and takes some back (SectionPages): each text is broken into lines once.
        Key key = new Key(text, px, measure, indentEm, justify, boldType);
        List<SetLine> lines = cache.get(key);
        if (lines == null) {
            lines = new LineBreaker(boldType ? bold : regular, px, Math.max(measure, px), indentEm, justify).set(text);
            cache.put(key, lines);
        }
        return lines;
    }

    /* equals and hashCode written out: a record's own are linked at their first call through java.lang.runtime's method
       handles, spun at the kiosk's start (bench startup). */
    private record Key(String text, int px, int measure, float indentEm, boolean justify, boolean bold) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Objects.equals(text, k.text) && px == k.px && measure == k.measure
                    && Float.compare(indentEm, k.indentEm) == 0 && justify == k.justify && bold == k.bold;
        }

        @Override
        public int hashCode() {
            int h = java.util.Objects.hashCode(text);
            h = 31 * h + px;
            h = 31 * h + measure;
            h = 31 * h + Float.hashCode(indentEm);
            return 31 * (31 * h + (justify ? 1 : 0)) + (bold ? 1 : 0);
        }
    }

    /** The lines of each text set in this layout; a Setter lives for one layout. */
    private final java.util.Map<Key, List<SetLine>> cache = new java.util.HashMap<>();

    /** Lines that run top to bottom, measure long. */
    List<SetLine> vertical(String text, int px, int measure, float indentEm, boolean justify, boolean boldType) {
        return new LineBreaker(boldType ? bold : regular, px, Math.max(measure, px), indentEm, justify).vertical(true).set(text);
    }

    /** A text on one line, however long (an ideographic space for none). */
    SetLine one(String text, int px, boolean boldType) {
        List<SetLine> lines = set(text, px, Integer.MAX_VALUE / 4, 0, false, boldType);
        return lines.isEmpty() ? set("\u3000", px, px * 2, 0, false).get(0) : lines.get(0);
    }

    /**
     * A ragged block set in as many lines as the width needs, but no wider than it must be for that, so that a
     * headline's last line never holds a character or two alone.
     */
    List<SetLine> balanced(String text, int px, int width, boolean boldType) {
        List<SetLine> lines = set(text, px, width, 0, false, boldType);
        if (lines.size() < 2) return lines;
        int lo = px, hi = width;
        while (hi - lo > px / 4) {
            int mid = (lo + hi) >>> 1;
            if (set(text, px, mid, 0, false, boldType).size() == lines.size()) hi = mid;
            else lo = mid;
        }
        return set(text, px, hi, 0, false, boldType);
    }

    /** A horizontal line's text op: its box from top, lh high, the baseline where the type's em box centres in it. */
    static Page.Text text(int x, int top, int lh, SetLine line, int px, boolean bold, int ink, int boldPrefix, String articleId,
                          String kind, int paragraph) {
        int baseline = top + (lh - px) / 2 + Math.round(px * 0.88f);
        return new Page.Text(x, top, (int) Math.ceil(line.width()), lh, baseline, line, px, bold, ink, boldPrefix, articleId, false, kind, paragraph);
    }

    /** A line of the page's furniture or a screen: no article, no paragraph. */
    static Page.Text text(int x, int top, int lh, SetLine line, int px, boolean bold, int ink, String kind) {
        return text(x, top, lh, line, px, bold, ink, 0, null, kind, -1);
    }
}
