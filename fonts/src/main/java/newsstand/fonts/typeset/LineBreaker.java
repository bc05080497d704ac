package newsstand.fonts.typeset;

import java.util.ArrayList;
import java.util.List;
import newsstand.fonts.Typeface;

/**
 * Sets Chinese paragraphs into lines of a fixed measure as W3C clreq (GB/T 15834) asks, in this order: punctuation
 * widths first (a full-width mark at a line's end set half-width, adjacent marks compressed to one and a half ems,
 * an opening bracket at a line's start losing its blank half), then the break (closing marks never start a line,
 * opening marks never end one, —— and …… never split; Latin words, numbers, times, dates, a number and its unit,
 * compounds and URLs kept whole, as UAX #14's number rules and a reader ask), squeezing a mark onto the line before
 * pushing a character down, and last the leftover space spread by priority: between Han characters and at Han-Latin
 * boundaries first, then evenly at every gap but inside a Latin token, never more than a quarter em. A line that
 * would need more takes its end mark full width, else pulls the next word back by compressing its punctuation,
 * else is set flush left.
 *
 * <p>Design: the paragraph becomes {@link Units} (a Han character, a mark, a Latin token, a space, a never-split
 * dash); each line is filled greedily to the widest legal break. Vertical setting runs the same rules along the column with
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

    private static final String STRICT_NO_START = "々〻ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿー";
    private static final String SOLIDUS = "／/";

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

    private boolean noStart(Units us, int u) {
        Units.Kind k = us.kind(u);
        if (level == Level.NONE) return false;
        if (k == Units.Kind.CLOSE || k == Units.Kind.NO_START) return true;
        if (level != Level.STRICT) return false;
        if (k == Units.Kind.DASH) return true;
        int cp = us.cps[us.ranges.get(u)[0]];
        return k == Units.Kind.HAN && STRICT_NO_START.indexOf(cp) >= 0;
    }

    private boolean noEnd(Units us, int u) {
        Units.Kind k = us.kind(u);
        if (level == Level.NONE) return false;
        if (k == Units.Kind.OPEN || k == Units.Kind.NO_END) return true;
        int cp = us.cps[us.ranges.get(u)[0]];
        return level != Level.BASIC && SOLIDUS.indexOf(cp) >= 0;
    }

    /** Whether a line may end after unit u - 1 and the next start at unit u. */
    private boolean canBreak(Units us, int u) {
        if (us.kind(u) == Units.Kind.GLUE || us.kind(u - 1) == Units.Kind.GLUE || us.held(u)) return false;
        if (us.kind(u) == Units.Kind.SPACE || us.kind(u - 1) == Units.Kind.SPACE) {
            // At a space; but a closing mark after it would still start the next line, an opening one before it end this.
            int next = u, before = u - 1;
            while (next < us.size() && us.kind(next) == Units.Kind.SPACE) next++;
            while (before > 0 && us.kind(before) == Units.Kind.SPACE) before--;
            boolean startsWell = next == us.size() || !noStart(us, next);
            boolean endsWell = us.kind(before) == Units.Kind.SPACE || !noEnd(us, before);
            return startsWell && endsWell;
        }
        // Inside a Latin token only where it was split: after a hyphen or slash between letters, in a URL.
        if (us.kind(u) == Units.Kind.LATIN && us.kind(u - 1) == Units.Kind.LATIN) return true;
        return !noStart(us, u) && !noEnd(us, u - 1);
    }

    /** Sets one paragraph (no line feeds) into lines. */
    public List<SetLine> set(String paragraph) {
        Units us = new Units(face, px, vertical, paragraph);
        // Each line as [first unit, end of its text, first unit of the next line].
        List<int[]> breaks = new ArrayList<>();
        int n = us.size();
        int i = 0;
        boolean first = true;
        while (i < n) {
            while (i < n && us.kind(i) == Units.Kind.SPACE) i++;
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
                    if (j > i + 1 && us.weak(j)) j = rather(us, i, j, first, avail);
                    if (!canBreak(us, j)) {
                        // No legal break on the whole line (one token longer than it): break where it fills, a
                        // closing mark after it hanging past the column's edge rather than starting the next line.
                        j = fit;
                        while (j < n && noStart(us, j) && j - fit < 2) j++;
                    }
                }
            }
            int end = j;
            while (end > i + 1 && (us.kind(end - 1) == Units.Kind.SPACE || us.kind(end - 1) == Units.Kind.GLUE)) end--;
            boolean last = j >= n || onlySpaces(us, j);
            if (justify && !last && loose(us, i, end, first, avail)) {
                // Too loose even with its end mark set full width: the next word or character is pulled back onto
                // the line when compressing the line's punctuation (and the gaps around Latin) makes room for it.
                int k = j;
                while (k < n && us.kind(k) == Units.Kind.SPACE) k++;
                for (k++; k < n && !canBreak(us, k); k++) {}
                int kEnd = k;
                while (kEnd > i + 1 && us.kind(kEnd - 1) == Units.Kind.SPACE) kEnd--;
                if (k - j <= 3 && natural(us, i, kEnd, first) - shrinkable(us, i, kEnd) - compressible(us, i, kEnd, first) <= avail + 0.01f) {
                    j = k;
                    end = kEnd;
                    last = j >= n || onlySpaces(us, j);
                }
            }
            breaks.add(new int[] {i, end, j});
            i = j;
            first = false;
        }
        if (justify) shortLast(us, breaks);
        List<SetLine> lines = new ArrayList<>(breaks.size());
        for (int l = 0; l < breaks.size(); l++) {
            int[] b = breaks.get(l);
            boolean last = l == breaks.size() - 1;
            lines.add(line(us, b[0], b[1], l == 0, l == 0 ? indent : 0, measure - (l == 0 ? indent : 0), justify && !last));
        }
        return lines;
    }

    /**
     * A break before the range's break at j (after 至 or the dash of "21℃至28℃"), keeping the range whole on the next
     * line, when the line still sets well without it (justified within a quarter em, ragged three quarters long); else j.
     */
    private int rather(Units us, int i, int j, boolean first, float avail) {
        for (int k = j - 1; k > i + 1; k--) {
            if (!canBreak(us, k) || us.weak(k)) continue;
            int end = k;
            while (end > i + 1 && (us.kind(end - 1) == Units.Kind.SPACE || us.kind(end - 1) == Units.Kind.GLUE)) end--;
            boolean fine = justify ? !loose(us, i, end, first, avail) : natural(us, i, end, first) >= 0.75f * avail;
            return fine ? k : j;
        }
        return j;
    }

    /**
     * A paragraph's last line holds at least two characters or words besides its marks, more on a wide measure (one
     * per 8 em): else the line before gives up its last characters, at a legal break, as long as it stays within the
     * quarter em of justification and the last line within the measure; else the last line is taken up onto the one
     * before when compressing its punctuation makes room, as a loose line pulls the next word back; else (a line of
     * a long URL or command that has no room to spread) the line before gives them up and is set flush left, if it
     * still fills three quarters of the measure. Measures under 10 em (not a newspaper column) have no room for it.
     */
    private void shortLast(Units us, List<int[]> breaks) {
        if (breaks.size() < 2 || measure < 10 * px) return;
        int least = Math.max(2, (int) (measure / px / 8));
        int[] before = breaks.get(breaks.size() - 2), last = breaks.get(breaks.size() - 1);
        int n = last[1];
        if (us.words(last[0], n) >= least) return;
        boolean firstLine = breaks.size() == 2;
        float avail = measure - (firstLine ? indent : 0);
        if (pushDown(us, before, last, least, firstLine, avail, false)) return;
        if (natural(us, before[0], n, firstLine) - shrinkable(us, before[0], n) - compressible(us, before[0], n, firstLine) <= avail + 0.01f) {
            before[1] = n;
            before[2] = last[2];
            breaks.remove(breaks.size() - 1);
            return;
        }
        pushDown(us, before, last, least, firstLine, avail, true);
    }

    /**
     * Moves the break between the last two lines back until the last line holds least characters; true when it could,
     * the line before staying justified within a quarter em (or, ragged, three quarters of the measure long).
     */
    private boolean pushDown(Units us, int[] before, int[] last, int least, boolean firstLine, float avail, boolean ragged) {
        int n = last[1];
        for (int b = last[0] - 1; b > before[0] + 1; b--) {
            if (!canBreak(us, b) || us.kind(b) == Units.Kind.SPACE) continue;
            int end = b;
            while (end > before[0] + 1 && us.kind(end - 1) == Units.Kind.SPACE) end--;
            if (natural(us, b, n, false) > measure + 0.01f) return false;
            if (ragged ? natural(us, before[0], end, firstLine) < 0.75f * avail : loose(us, before[0], end, firstLine, avail)) return false;
            if (us.words(b, n) >= least) {
                before[1] = end;
                before[2] = b;
                last[0] = b;
                return true;
            }
        }
        return false;
    }

    private static boolean onlySpaces(Units us, int from) {
        for (int u = from; u < us.size(); u++) if (us.kind(u) != Units.Kind.SPACE) return false;
        return true;
    }

    /** Width taken from the left (upper) side of unit u on a line [from, to). */
    private float trimLeft(Units us, int from, int u, boolean firstLine) {
        if (us.kind(u) != Units.Kind.OPEN) return 0;
        if (u == from) return firstLine ? 0 : us.half[u];
        // Two opening marks in a row: the second loses its blank half.
        return us.kind(u - 1) == Units.Kind.OPEN ? us.half[u] : 0;
    }

    /** Width taken from the right (lower) side of unit u on a line [from, to). */
    private static float trimRight(Units us, int u, int to) {
        if (us.kind(u) != Units.Kind.CLOSE) return 0;
        if (u == to - 1) return us.half[u];
        Units.Kind next = us.kind(u + 1);
        return next == Units.Kind.CLOSE || next == Units.Kind.OPEN ? us.half[u] : 0;
    }

    /** A quarter em between Han and Latin, nothing elsewhere. */
    private float gap(Units us, int u) {
        Units.Kind a = us.kind(u - 1), b = us.kind(u);
        return (a == Units.Kind.HAN && b == Units.Kind.LATIN) || (a == Units.Kind.LATIN && b == Units.Kind.HAN) ? px / 4 : 0;
    }

    /** The natural length of units [from, to) set as one line, trailing spaces not counted. */
    private float natural(Units us, int from, int to, boolean firstLine) {
        while (to > from + 1 && us.kind(to - 1) == Units.Kind.SPACE) to--;
        float sum = 0;
        for (int u = from; u < to; u++) {
            if (u > from) sum += gap(us, u);
            sum += us.w[u] - trimLeft(us, from, u, firstLine) - trimRight(us, u, to);
        }
        return sum;
    }

    /** The blank halves of the marks inside a line [from, to) that compressing may take (not already trimmed). */
    private float compressible(Units us, int from, int to, boolean firstLine) {
        float c = 0;
        for (int u = from; u < to; u++) c += compression(us, from, u, to, firstLine);
        return c;
    }

    /** What compressing unit u may take: a closing mark's blank right half before the next unit, an opening one's left. */
    private float compression(Units us, int from, int u, int to, boolean firstLine) {
        if (us.kind(u) == Units.Kind.CLOSE && u + 1 < to) return us.half[u] - trimRight(us, u, to);
        if (us.kind(u) == Units.Kind.OPEN && u > from) return us.half[u] - trimLeft(us, from, u, firstLine);
        return 0;
    }

    /** Whether spreading extra over a line's gaps would open more than a quarter em between two characters. */
    private boolean tooLoose(Units us, int from, int to, float extra) {
        int firsts = 0, all = 0;
        for (int u = from + 1; u < to; u++) {
            if (firstPriority(us, u)) firsts++;
            if (!us.sameToken(u)) all++;
        }
        float most = px / 4 + 0.01f;
        return !(firsts > 0 && extra / firsts <= most) && !(all > 0 && extra / all <= most);
    }

    /** Whether a justified line [from, to) is too loose, even with its end mark set full width. */
    private boolean loose(Units us, int from, int to, boolean firstLine, float avail) {
        float extra = avail - natural(us, from, to, firstLine);
        if (extra <= 0.01f || !tooLoose(us, from, to, extra)) return false;
        float h = us.kind(to - 1) == Units.Kind.CLOSE ? us.half[to - 1] : 0;
        return h == 0 || tooLoose(us, from, to, extra - h);
    }

    private float shrinkable(Units us, int from, int to) {
        float s = 0;
        for (int u = from + 1; u < to; u++) s += gap(us, u);
        return s;
    }

    /** Whether the gap before unit u takes extra space first: between Han, at Han-Latin boundaries, word spaces. */
    private static boolean firstPriority(Units us, int u) {
        Units.Kind a = us.kind(u - 1), b = us.kind(u);
        if (a == Units.Kind.SPACE || b == Units.Kind.SPACE) return true;
        boolean aText = a == Units.Kind.HAN || a == Units.Kind.DASH, bText = b == Units.Kind.HAN || b == Units.Kind.DASH;
        return (aText && bText) || (aText && b == Units.Kind.LATIN) || (a == Units.Kind.LATIN && bText);
    }

    private SetLine line(Units us, int from, int to, boolean firstLine, float start, float avail, boolean justify) {
        float natural = natural(us, from, to, firstLine);
        float extra = avail - natural;
        // Where the leftover (or, squeezed, missing) space goes: one amount per gap.
        float[] add = new float[to - from];
        boolean fullEnd = false;
        if (extra < -0.01f) {
            // Squeezed: the quarter-em gaps around Latin give first, then the blank halves of the marks inside.
            float gaps = shrinkable(us, from, to);
            float fromGaps = Math.max(extra, -gaps);
            for (int u = from + 1; u < to; u++) add[u - from] = gaps > 0 ? fromGaps * gap(us, u) / gaps : 0;
            float rest = extra - fromGaps, marks = compressible(us, from, to, firstLine);
            for (int u = from; u < to && rest < -0.01f && marks > 0; u++) {
                float c = compression(us, from, u, to, firstLine);
                if (c > 0) add[(us.kind(u) == Units.Kind.CLOSE ? u + 1 : u) - from] += rest * c / marks;
            }
        } else if (justify && to - from > 1) {
            // Punctuation first: a loose line's end mark is set full width rather than its characters spread.
            float h = us.kind(to - 1) == Units.Kind.CLOSE ? us.half[to - 1] : 0;
            if (h > 0 && tooLoose(us, from, to, extra) && !tooLoose(us, from, to, extra - h)) {
                fullEnd = true;
                extra -= h;
            }
            // At most a quarter em between two characters: first between Han and at Han-Latin boundaries, then
            // evenly at every gap but inside a Latin word, number or compound; a line that would need more is set
            // flush left rather than letter-spaced.
            int firsts = 0, all = 0;
            for (int u = from + 1; u < to; u++) {
                if (firstPriority(us, u)) firsts++;
                if (!us.sameToken(u)) all++;
            }
            float most = px / 4 + 0.01f;
            boolean first = firsts > 0 && extra / firsts <= most;
            if (first || (all > 0 && extra / all <= most)) {
                for (int u = from + 1; u < to; u++) {
                    if (first ? firstPriority(us, u) : !us.sameToken(u)) add[u - from] = extra / (first ? firsts : all);
                }
            } else {
                justify = false;
            }
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
            pen += us.w[u] - left - (fullEnd && u == to - 1 ? 0 : trimRight(us, u, to));
        }
        boolean justified = justify && to - from > 1;
        float most = 0;
        for (float a : add) most = Math.max(most, a);
        return new SetLine(new String(us.cps, firstCp, n), g, x, turned, pen, justified, most);
    }
}
