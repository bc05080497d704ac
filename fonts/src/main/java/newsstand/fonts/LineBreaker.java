package newsstand.fonts;

import java.util.ArrayList;
import java.util.List;

/**
 * Sets Chinese paragraphs into lines of a fixed measure, following the basic level of W3C clreq (GB/T 15834):
 * closing marks never start a line and opening marks never end one, —— and …… are never split, Latin words and
 * numbers are never broken, a full-width mark at a line's end is set half-width so that it can squeeze onto the
 * line, a quarter em separates Han and Latin, and every line but a paragraph's last is justified.
 *
 * <p>Design: the paragraph becomes a list of units (one Han character, one Latin word or number, a space, a
 * never-split dash or ellipsis), lines are filled greedily, and a break that the rules forbid moves back one unit
 * at a time. Extra space is spread over the gaps between units, never inside a Latin word.
 */
public final class LineBreaker {
    private static final String NO_START = "、，。．：；！？”’）〕］｝〉》」』】〗〙–—～·・／‰%,.;:!?)]}";
    private static final String NO_END = "“‘（〔［｛〈《「『【〖〘([{";
    /** Full-width marks whose glyph fills only half the em: set half-width at a line's end. */
    private static final String HALF_AT_END = "、，。．：；！？”’）〕］｝〉》」』】〗〙";

    private enum Kind { HAN, LATIN, SPACE, NO_START, NO_END, DASH }

    private final Typeface face;
    private final float px;
    private final float measure;
    private final float indent;
    private final boolean justify;

    /** A breaker for justified body text. */
    public LineBreaker(Typeface face, float px, float measure, float indentEm) {
        this(face, px, measure, indentEm, true);
    }

    /**
     * @param px       type size in pixels per em
     * @param measure  the column width in pixels
     * @param indentEm the first line's indent in ems (2 for Chinese body text, 0 for headlines)
     * @param justify  whether lines but the last fill the measure (body text) or stay ragged (headlines, captions)
     */
    public LineBreaker(Typeface face, float px, float measure, float indentEm, boolean justify) {
        if (measure < px) throw new IllegalArgumentException("measure " + measure + " px is narrower than one em of " + px + " px");
        this.face = face;
        this.px = px;
        this.measure = measure;
        this.indent = indentEm * px;
        this.justify = justify;
    }

    /** Sets one paragraph (no line feeds) into lines. */
    public List<SetLine> set(String paragraph) {
        int[] cps = paragraph.codePoints().toArray();
        int[] glyphs = new int[cps.length];
        float[] adv = new float[cps.length];
        for (int i = 0; i < cps.length; i++) {
            if (i > 0 && Cmap.isSelector(cps[i])) {
                // A variation selector picks the glyph of the character before it and takes no room itself.
                glyphs[i - 1] = face.glyph(cps[i - 1], cps[i]);
                adv[i - 1] = face.advance(glyphs[i - 1], px);
                glyphs[i] = Typeface.NONE;
                adv[i] = 0;
                continue;
            }
            glyphs[i] = face.glyph(cps[i]);
            adv[i] = face.advance(glyphs[i], px);
        }
        List<int[]> units = units(cps, adv);
        List<SetLine> lines = new ArrayList<>();
        int i = 0;
        boolean first = true;
        while (i < units.size()) {
            while (i < units.size() && kind(units.get(i)) == Kind.SPACE) i++;
            if (i == units.size()) break;
            float avail = measure - (first ? indent : 0);
            int j = i;
            float used = 0;
            while (j < units.size()) {
                float w = gapBefore(units, i, j) + width(units.get(j), adv);
                if (used + w > avail + 0.01f) break;
                used += w;
                j++;
            }
            boolean last = j == units.size();
            if (!last) {
                int[] next = units.get(j);
                if (j == i) {
                    j = i + 1; // a unit wider than the measure gets a line of its own
                } else if (kind(next) == Kind.NO_START && halfAtEnd(next, cps)
                        && used + width(next, adv) / 2 <= avail + 0.01f) {
                    j++; // squeeze the mark onto this line, set half-width
                } else {
                    int k = j;
                    while (k > i + 1 && (kind(units.get(k)) == Kind.NO_START || kind(units.get(k - 1)) == Kind.NO_END)) k--;
                    if (k > i) j = k;
                }
                last = j == units.size();
            }
            int end = j;
            while (end > i && kind(units.get(end - 1)) == Kind.SPACE) end--;
            lines.add(line(cps, glyphs, adv, units, i, end, first ? indent : 0, avail, justify && !last));
            i = j;
            first = false;
        }
        return lines;
    }

    private SetLine line(int[] cps, int[] glyphs, float[] adv, List<int[]> units, int from, int to,
                         float start, float avail, boolean justify) {
        int firstCp = units.get(from)[0];
        int endCp = units.get(to - 1)[1];
        int n = endCp - firstCp;
        int[] g = new int[n];
        float[] x = new float[n];
        float natural = 0;
        for (int u = from; u < to; u++) {
            natural += gapBefore(units, from, u) + width(units.get(u), adv);
        }
        int[] lastUnit = units.get(to - 1);
        float trim = kind(lastUnit) == Kind.NO_START && halfAtEnd(lastUnit, cps) ? width(lastUnit, adv) / 2 : 0;
        natural -= trim;
        int gaps = to - from - 1;
        float extra = justify && gaps > 0 ? Math.max(0, avail - natural) / gaps : 0;
        float pen = start;
        int k = 0;
        for (int u = from; u < to; u++) {
            if (u > from) pen += gapBefore(units, from, u) + extra;
            int[] unit = units.get(u);
            for (int c = unit[0]; c < unit[1]; c++) {
                g[k] = glyphs[c];
                x[k] = pen;
                pen += adv[c];
                k++;
            }
        }
        String text = new String(cps, firstCp, n);
        return new SetLine(text, g, x, justify && gaps > 0 ? start + avail : start + natural, justify && gaps > 0);
    }

    /** A quarter em between Han and Latin, nothing elsewhere. */
    private float gapBefore(List<int[]> units, int lineStart, int u) {
        if (u == lineStart) return 0;
        Kind a = kind(units.get(u - 1));
        Kind b = kind(units.get(u));
        if ((a == Kind.HAN && b == Kind.LATIN) || (a == Kind.LATIN && b == Kind.HAN)) return px / 4;
        return 0;
    }

    private static float width(int[] unit, float[] adv) {
        float w = 0;
        for (int c = unit[0]; c < unit[1]; c++) w += adv[c];
        return w;
    }

    private static Kind kind(int[] unit) {
        return Kind.values()[unit[2]];
    }

    private static boolean halfAtEnd(int[] unit, int[] cps) {
        return unit[1] - unit[0] == 1 && HALF_AT_END.indexOf(cps[unit[0]]) >= 0;
    }

    /** Splits the code points into units {start, end, kind}. */
    private List<int[]> units(int[] cps, float[] adv) {
        List<int[]> units = new ArrayList<>();
        int i = 0;
        while (i < cps.length) {
            int c = cps[i];
            int j = i + 1;
            if (Cmap.isSelector(c) && !units.isEmpty()) {
                units.get(units.size() - 1)[1] = j;
                i = j;
                continue;
            }
            Kind kind;
            if (c == ' ' || c == '\t') {
                kind = Kind.SPACE;
            } else if (isLatin(c)) {
                while (j < cps.length && (isLatin(cps[j]) || (".,%-+/:'&_@#°".indexOf(cps[j]) >= 0
                        && j + 1 < cps.length && isLatin(cps[j + 1])) || cps[j] == '%')) j++;
                kind = Kind.LATIN;
                // A word wider than the whole measure is broken between letters rather than overflow.
                float w = 0;
                for (int k = i; k < j; k++) w += adv[k];
                if (w > measure - indent) {
                    for (int k = i; k < j; k++) units.add(new int[] {k, k + 1, Kind.LATIN.ordinal()});
                    i = j;
                    continue;
                }
            } else if ((c == '—' || c == '…' || c == '⋯') && i + 1 < cps.length && cps[i + 1] == c) {
                while (j < cps.length && cps[j] == c) j++;
                kind = Kind.DASH;
            } else if (NO_START.indexOf(c) >= 0) {
                kind = Kind.NO_START;
            } else if (NO_END.indexOf(c) >= 0) {
                kind = Kind.NO_END;
            } else {
                kind = Kind.HAN;
            }
            units.add(new int[] {i, j, kind.ordinal()});
            i = j;
        }
        return units;
    }

    private static boolean isLatin(int c) {
        return c < 0x2E80 && Character.isLetterOrDigit(c);
    }
}
