package newsstand.fonts.typeset;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import newsstand.fonts.Typeface;

/**
 * Sets Chinese paragraphs into lines of a fixed measure as W3C clreq (GB/T 15834) asks, in this order: punctuation
 * widths first (a full-width mark at a line's end set half-width, adjacent marks compressed to one and a half ems,
 * an opening bracket at a line's start losing its blank half), then the break (closing marks never start a line,
 * opening marks never end one, —— and …… never split, Latin words and numbers kept whole with UAX #14 break
 * opportunities inside Latin runs), squeezing a mark onto the line before pushing a character down, and last the
 * leftover space spread by priority: between Han characters and at Han-Latin boundaries first, next to punctuation
 * or inside Latin words never, and only when that would open gaps wider than half an em, evenly over every gap.
 *
 * <p>Design: the paragraph becomes units (a Han character, a mark, a Latin segment, a space, a never-split dash);
 * each line is filled greedily to the widest legal break. Vertical setting runs the same rules along the column with
 * the font's vertical glyphs and advances, Latin segments turned sideways. Immutable; the setters return copies.
 */
public final class LineBreaker {
    /** How strictly line-start and line-end prohibitions apply (clreq's levels). */
    public enum Level {
        /** No prohibitions: any break between units. */
        NONE,
        /** clreq's basic set: closing marks never start a line, opening marks never end one. */
        BASIC,
        /** Basic, and the solidus never ends a line either (GB/T 15834). */
        GB,
        /** GB, and —— and …… never start a line; small kana and the prolonged sound mark never start one. */
        STRICT
    }

    /** Closing marks whose full-width glyph leaves its right (in vertical, lower) half blank. */
    private static final String CLOSE = "、，。．：；！？”’）〕］｝〉》」』】〗〙";
    /** Opening marks whose full-width glyph leaves its left (upper) half blank. */
    private static final String OPEN = "“‘（〔［｛〈《「『【〖〘";
    private static final String OTHER_NO_START = "–—～·・／‰%,.;:!?)]}";
    private static final String OTHER_NO_END = "([{";
    private static final String STRICT_NO_START = "々〻ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿー";
    private static final String SOLIDUS = "／/";

    private enum Kind { HAN, LATIN, SPACE, CLOSE, OPEN, NO_START, NO_END, DASH }

    private final Typeface face;
    private final float px;
    private final float measure;
    private final float indent;
    private final boolean justify;
    private final Level level;
    private final boolean vertical;

    /** A breaker for justified body text at the basic level. */
    public LineBreaker(Typeface face, float px, float measure, float indentEm) {
        this(face, px, measure, indentEm, true);
    }

    /**
     * @param px       type size in pixels per em
     * @param measure  the column's length in pixels (its width; its height when vertical)
     * @param indentEm the first line's indent in ems (2 for Chinese body text, 0 for headlines)
     * @param justify  whether lines but the last fill the measure (body text) or stay ragged (headlines, captions)
     */
    public LineBreaker(Typeface face, float px, float measure, float indentEm, boolean justify) {
        this(face, px, measure, indentEm * px, justify, Level.BASIC, false);
    }

    private LineBreaker(Typeface face, float px, float measure, float indent, boolean justify, Level level, boolean vertical) {
        if (measure < px) throw new IllegalArgumentException("measure " + measure + " px is narrower than one em of " + px + " px");
        this.face = face;
        this.px = px;
        this.measure = measure;
        this.indent = indent;
        this.justify = justify;
        this.level = level;
        this.vertical = vertical;
    }

    /** This breaker with another prohibition level. */
    public LineBreaker level(Level level) {
        return new LineBreaker(face, px, measure, indent, justify, level, vertical);
    }

    /** This breaker setting columns top to bottom (upright Han, vertical punctuation forms, Latin turned). */
    public LineBreaker vertical(boolean vertical) {
        return new LineBreaker(face, px, measure, indent, justify, level, vertical);
    }

    /** The units of one paragraph: code point ranges, kinds, widths and compressible halves. */
    private final class Units {
        final int[] cps;
        final int[] glyphs;
        final float[] adv;
        final boolean[] sideways;
        final List<int[]> ranges = new ArrayList<>();
        final List<Kind> kinds = new ArrayList<>();
        float[] w;
        float[] half;

        Units(String paragraph) {
            cps = paragraph.codePoints().toArray();
            glyphs = new int[cps.length];
            adv = new float[cps.length];
            sideways = new boolean[cps.length];
            split();
            w = new float[kinds.size()];
            half = new float[kinds.size()];
            for (int u = 0; u < kinds.size(); u++) {
                int[] r = ranges.get(u);
                for (int c = r[0]; c < r[1]; c++) {
                    shape(c, kinds.get(u) == Kind.LATIN || kinds.get(u) == Kind.SPACE);
                    w[u] += adv[c];
                }
                Kind k = kinds.get(u);
                // Only a full-width mark whose ink keeps to one half has room to give; a proportional or centred
                // one (Traditional Chinese commas) has none.
                if ((k == Kind.CLOSE || k == Kind.OPEN) && w[u] >= 0.9f * px
                        && face.blankHalf(glyphs[r[0]], vertical) == (k == Kind.CLOSE ? 1 : -1)) {
                    half[u] = w[u] / 2;
                }
            }
        }

        int size() { return kinds.size(); }

        Kind kind(int u) { return kinds.get(u); }

        /** Glyph and advance of one code point: upright or turned in vertical setting. */
        private void shape(int c, boolean latin) {
            int cp = cps[c];
            if (Typeface.isVariationSelector(cp)) {
                glyphs[c] = Typeface.NONE;
                return;
            }
            int g = face.textGlyph(cp, c + 1 < cps.length ? cps[c + 1] : 0);
            if (vertical && !latin) {
                g = face.verticalGlyph(cp, g);
                glyphs[c] = g;
                adv[c] = face.verticalAdvance(g, px);
            } else {
                glyphs[c] = g;
                adv[c] = face.advance(g, px);
                sideways[c] = vertical;
            }
        }

        private void add(int from, int to, Kind kind) {
            ranges.add(new int[] {from, to});
            kinds.add(kind);
        }

        private void split() {
            int i = 0;
            while (i < cps.length) {
                int c = cps[i];
                int j = i + 1;
                while (j < cps.length && Typeface.isVariationSelector(cps[j])) j++;
                if (c == ' ' || c == '\t' || c == '\u3000') {
                    add(i, j, Kind.SPACE);
                } else if (latin(c)) {
                    while (j < cps.length && (latin(cps[j]) || (cps[j] == ' ' && j + 1 < cps.length && latin(cps[j + 1])))) j++;
                    latinRun(i, j);
                } else if ((c == '—' || c == '…' || c == '⋯') && j < cps.length && cps[j] == c) {
                    while (j < cps.length && cps[j] == c) j++;
                    add(i, j, Kind.DASH);
                } else if (CLOSE.indexOf(c) >= 0) {
                    add(i, j, Kind.CLOSE);
                } else if (OPEN.indexOf(c) >= 0) {
                    add(i, j, Kind.OPEN);
                } else if (OTHER_NO_START.indexOf(c) >= 0) {
                    add(i, j, Kind.NO_START);
                } else if (OTHER_NO_END.indexOf(c) >= 0) {
                    add(i, j, Kind.NO_END);
                } else {
                    add(i, j, Kind.HAN);
                }
                i = j;
            }
        }

        /** A run of Latin letters, digits, their punctuation and spaces, cut at UAX #14 break opportunities. */
        private void latinRun(int from, int to) {
            String run = new String(cps, from, to - from);
            BreakIterator breaks = BreakIterator.getLineInstance(Locale.ROOT);
            breaks.setText(run);
            int start = breaks.first();
            for (int end = breaks.next(); end != BreakIterator.DONE; start = end, end = breaks.next()) {
                int a = from + run.codePointCount(0, start), b = from + run.codePointCount(0, end);
                int words = b;
                while (words > a && cps[words - 1] == ' ') words--;
                if (words > a) add(a, words, punctuation(cps, a, words));
                if (b > words) add(words, b, Kind.SPACE);
            }
        }
    }

    /** A Latin segment of punctuation alone (a comma or bracket beside Han) keeps that punctuation's rule. */
    private static Kind punctuation(int[] cps, int from, int to) {
        for (int c = from; c < to; c++) if (Character.isLetterOrDigit(cps[c])) return Kind.LATIN;
        if (OTHER_NO_START.indexOf(cps[from]) >= 0) return Kind.NO_START;
        if (OTHER_NO_END.indexOf(cps[to - 1]) >= 0) return Kind.NO_END;
        return Kind.LATIN;
    }

    private static boolean latin(int c) {
        if (c >= 0x2E80 || c <= ' ' || c == '—' || c == '…' || c == '⋯' || c == '·') return false;
        return CLOSE.indexOf(c) < 0 && OPEN.indexOf(c) < 0 && "–～‰".indexOf(c) < 0
                && (Character.isLetterOrDigit(c) || c < 0x80 || Character.getType(c) == Character.NON_SPACING_MARK);
    }

    private boolean noStart(Units us, int u) {
        Kind k = us.kind(u);
        if (level == Level.NONE) return false;
        if (k == Kind.CLOSE || k == Kind.NO_START) return true;
        if (level != Level.STRICT) return false;
        if (k == Kind.DASH) return true;
        int cp = us.cps[us.ranges.get(u)[0]];
        return k == Kind.HAN && STRICT_NO_START.indexOf(cp) >= 0;
    }

    private boolean noEnd(Units us, int u) {
        Kind k = us.kind(u);
        if (level == Level.NONE) return false;
        if (k == Kind.OPEN || k == Kind.NO_END) return true;
        int cp = us.cps[us.ranges.get(u)[0]];
        return level != Level.BASIC && SOLIDUS.indexOf(cp) >= 0;
    }

    /** Whether a line may end after unit u - 1 and the next start at unit u. */
    private boolean canBreak(Units us, int u) {
        if (us.kind(u) == Kind.SPACE || us.kind(u - 1) == Kind.SPACE) return true;
        return !noStart(us, u) && !noEnd(us, u - 1);
    }

    /** Sets one paragraph (no line feeds) into lines. */
    public List<SetLine> set(String paragraph) {
        Units us = new Units(paragraph);
        List<SetLine> lines = new ArrayList<>();
        int n = us.size();
        int i = 0;
        boolean first = true;
        while (i < n) {
            while (i < n && us.kind(i) == Kind.SPACE) i++;
            if (i == n) break;
            float start = first ? indent : 0;
            float avail = measure - start;
            int fit = i + 1;
            while (fit < n && natural(us, i, fit + 1, first) <= avail + 0.01f) fit++;
            int j = fit;
            if (fit < n) {
                // Squeezing: the next unit fits if the quarter-em gaps around Latin shrink; take it when it may
                // not start a line, rather than pushing a character down.
                if (!canBreak(us, fit) && (fit + 1 == n || canBreak(us, fit + 1))
                        && natural(us, i, fit + 1, first) - shrinkable(us, i, fit + 1) <= avail + 0.01f) {
                    j = fit + 1;
                } else {
                    while (j > i + 1 && !canBreak(us, j)) j--;
                    if (!canBreak(us, j)) j = fit; // no legal break on the whole line: break where it fills
                }
            }
            int end = j;
            while (end > i + 1 && us.kind(end - 1) == Kind.SPACE) end--;
            boolean last = j >= n || onlySpaces(us, j);
            lines.add(line(us, i, end, first, start, avail, justify && !last));
            i = j;
            first = false;
        }
        return lines;
    }

    private static boolean onlySpaces(Units us, int from) {
        for (int u = from; u < us.size(); u++) if (us.kind(u) != Kind.SPACE) return false;
        return true;
    }

    /** Width taken from the left (upper) side of unit u on a line [from, to). */
    private float trimLeft(Units us, int from, int u, boolean firstLine) {
        if (us.kind(u) != Kind.OPEN) return 0;
        if (u == from) return firstLine ? 0 : us.half[u];
        // Two opening marks in a row: the second loses its blank half.
        return us.kind(u - 1) == Kind.OPEN ? us.half[u] : 0;
    }

    /** Width taken from the right (lower) side of unit u on a line [from, to). */
    private static float trimRight(Units us, int u, int to) {
        if (us.kind(u) != Kind.CLOSE) return 0;
        if (u == to - 1) return us.half[u];
        Kind next = us.kind(u + 1);
        return next == Kind.CLOSE || next == Kind.OPEN ? us.half[u] : 0;
    }

    /** A quarter em between Han and Latin, nothing elsewhere. */
    private float gap(Units us, int u) {
        Kind a = us.kind(u - 1), b = us.kind(u);
        return (a == Kind.HAN && b == Kind.LATIN) || (a == Kind.LATIN && b == Kind.HAN) ? px / 4 : 0;
    }

    /** The natural length of units [from, to) set as one line, trailing spaces not counted. */
    private float natural(Units us, int from, int to, boolean firstLine) {
        while (to > from + 1 && us.kind(to - 1) == Kind.SPACE) to--;
        float sum = 0;
        for (int u = from; u < to; u++) {
            if (u > from) sum += gap(us, u);
            sum += us.w[u] - trimLeft(us, from, u, firstLine) - trimRight(us, u, to);
        }
        return sum;
    }

    private float shrinkable(Units us, int from, int to) {
        float s = 0;
        for (int u = from + 1; u < to; u++) s += gap(us, u);
        return s;
    }

    /** Whether the gap before unit u takes extra space first: between Han, at Han-Latin boundaries, word spaces. */
    private static boolean firstPriority(Units us, int u) {
        Kind a = us.kind(u - 1), b = us.kind(u);
        if (a == Kind.SPACE || b == Kind.SPACE) return true;
        boolean aText = a == Kind.HAN || a == Kind.DASH, bText = b == Kind.HAN || b == Kind.DASH;
        return (aText && bText) || (aText && b == Kind.LATIN) || (a == Kind.LATIN && bText);
    }

    private SetLine line(Units us, int from, int to, boolean firstLine, float start, float avail, boolean justify) {
        float natural = natural(us, from, to, firstLine);
        float extra = avail - natural;
        // Where the leftover (or, squeezed, missing) space goes: one amount per gap.
        float[] add = new float[to - from];
        if (extra < -0.01f) {
            float gaps = shrinkable(us, from, to);
            for (int u = from + 1; u < to; u++) add[u - from] = gaps > 0 ? extra * gap(us, u) / gaps : 0;
        } else if (justify && to - from > 1) {
            int firsts = 0;
            for (int u = from + 1; u < to; u++) if (firstPriority(us, u)) firsts++;
            boolean even = firsts == 0 || extra / firsts > px / 2;
            int count = even ? to - from - 1 : firsts;
            for (int u = from + 1; u < to; u++) if (even || firstPriority(us, u)) add[u - from] = extra / count;
        }
        int firstCp = us.ranges.get(from)[0], endCp = us.ranges.get(to - 1)[1];
        int n = endCp - firstCp;
        int[] g = new int[n];
        float[] x = new float[n];
        boolean[] turned = new boolean[n];
        float pen = start;
        int k = 0;
        for (int u = from; u < to; u++) {
            if (u > from) pen += gap(us, u) + add[u - from];
            float left = trimLeft(us, from, u, firstLine);
            float p = pen - left;
            int[] r = us.ranges.get(u);
            for (int c = r[0]; c < r[1]; c++) {
                g[k] = us.glyphs[c];
                x[k] = p;
                turned[k] = us.sideways[c];
                p += us.adv[c];
                k++;
            }
            pen += us.w[u] - left - trimRight(us, u, to);
        }
        boolean justified = justify && to - from > 1;
        float most = 0;
        for (float a : add) most = Math.max(most, a);
        return new SetLine(new String(us.cps, firstCp, n), g, x, turned, pen, justified, most);
    }
}
