package newsstand.fonts.typeset;

import java.util.ArrayList;
import java.util.List;
import newsstand.fonts.Typeface;

/**
 * One paragraph as the units a line breaker works with: a Han character, a mark, a Latin token (a word, number,
 * time, date, compound or URL, split only where a line may break inside it), a space, a never-split dash; each with
 * its code point range, kind, glyphs, advances, width and the blank half a mark may give up. Shaped upright or for
 * vertical setting (the font's vertical glyphs and advances, Latin turned sideways).
 */
final class Units {
    /** GLUE: a space between a number and its unit ("27 °C", "5 km", "5 年"), never a break. */
    enum Kind { HAN, LATIN, SPACE, GLUE, CLOSE, OPEN, NO_START, NO_END, DASH }

    /** Closing marks whose full-width glyph leaves its right (in vertical, lower) half blank. */
    private static final String CLOSE = "、，。．：；！？”’）〕］｝〉》」』】〗〙";
    /** Opening marks whose full-width glyph leaves its left (upper) half blank. */
    private static final String OPEN = "“‘（〔［｛〈《「『【〖〘";
    private static final String OTHER_NO_START = "–—～·・／‰%,.;:!?)]}";
    private static final String OTHER_NO_END = "([{";
    /** Symbols set with the Latin letters and digits beside them: units and currencies ("27℃", "¥100", "5°"). */
    private static final String SYMBOLS = "°℃℉′″¥£€±µ";
    /** Units that stay on the line of the number before them, across a space (UAX #14's NU PO, and SI units). */
    private static final java.util.Set<String> UNITS = java.util.Set.of("km", "m", "cm", "mm", "nm", "kg", "g", "mg", "t", "l", "L",
            "ml", "mL", "s", "ms", "min", "h", "Hz", "kHz", "MHz", "GHz", "B", "KB", "kB", "MB", "GB", "TB", "KiB", "MiB", "GiB",
            "W", "kW", "MW", "GW", "kWh", "MWh", "V", "mV", "kV", "A", "mA", "Pa", "kPa", "hPa", "MPa", "dB", "K", "px", "pt",
            "dpi", "ppm", "mph", "km/h", "m/s", "MB/s", "GB/s", "Mbps", "Gbps", "bps", "bit", "°", "°C", "°F", "℃", "℉", "%", "‰",
            "mAh", "Wh", "cm²", "m²", "km²", "m³");

    private final Typeface face;
    private final float px;
    private final boolean vertical;
    final int[] cps;
    final int[] glyphs;
    final float[] adv;
    final boolean[] sideways;
    final List<int[]> ranges = new ArrayList<>();
    final List<Kind> kinds = new ArrayList<>();
    /** For each unit, the Latin token it is part of (its first code point), or -1: no space opens inside a token. */
    final List<Integer> tokens = new ArrayList<>();
    private int token = -1;
    float[] w;
    float[] half;

    Units(Typeface face, float px, boolean vertical, String paragraph) {
        this.face = face;
        this.px = px;
        this.vertical = vertical;
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
                shape(c, kinds.get(u) == Kind.LATIN || kinds.get(u) == Kind.SPACE || kinds.get(u) == Kind.GLUE);
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

    /**
     * The units of [from, to) that a reader counts as words: Han characters, Latin words and numbers, and a symbol
     * standing alone between spaces (a manual's "? , + , ( , )"), not the marks that close or open a phrase.
     */
    int words(int from, int to) {
        int c = 0;
        for (int u = from; u < to; u++) {
            Kind k = kind(u);
            int[] r = ranges.get(u);
            boolean alone = (u == from || kind(u - 1) == Kind.SPACE) && (u + 1 == to || kind(u + 1) == Kind.SPACE);
            if (k == Kind.HAN || (alone && cps[r[0]] < 0x2E80 && k != Kind.SPACE && k != Kind.GLUE)) {
                c++;
                continue;
            }
            for (int i = r[0]; i < r[1] && k == Kind.LATIN; i++) {
                if (Character.isLetterOrDigit(cps[i])) {
                    c++;
                    break;
                }
            }
        }
        return c;
    }

    Kind kind(int u) { return kinds.get(u); }

    /** Whether a line may not break before unit u: inside a number with its numeral units, measure word or range. */
    boolean held(int u) { return Numbers.holds(cps, ranges.get(u)[0]); }

    /** Whether a break before unit u is one a range allows (after 至 or the dash) but a reader would rather not see. */
    boolean weak(int u) { return Numbers.weak(cps, ranges.get(u)[0]); }

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
        tokens.add(token);
    }

    /** Whether units u - 1 and u are parts of one Latin token (a word, number, compound or URL). */
    boolean sameToken(int u) {
        return tokens.get(u) >= 0 && tokens.get(u).equals(tokens.get(u - 1));
    }

    private void split() {
        int i = 0;
        while (i < cps.length) {
            int c = cps[i];
            int j = i + 1;
            while (j < cps.length && Typeface.isVariationSelector(cps[j])) j++;
            if (c == ' ' || c == '\t' || c == '\u3000') {
                add(i, j, Numbers.holds(cps, i) ? Kind.GLUE : Kind.SPACE);
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

    /**
     * A run of Latin letters, digits, their punctuation and spaces: words, numbers, times, dates and URLs kept
     * whole (no hyphenation without a dictionary), broken at spaces, after a hyphen or slash between two words
     * of three letters or more ("NetworkManager-" "wait-online", not "Wi-Fi" or "MB/s"), and in a URL only after
     * '/' or '.'; a number keeps its unit across a space.
     */
    private void latinRun(int from, int to) {
        int i = from;
        int lastToken = -1;
        while (i < to) {
            int j = i;
            if (cps[i] == ' ') {
                while (j < to && cps[j] == ' ') j++;
                int next = j;
                while (next < to && cps[next] != ' ') next++;
                boolean glue = lastToken >= 0 && j < to && Character.isDigit(cps[i - 1]) && unit(j, next);
                add(i, j, glue ? Kind.GLUE : Kind.SPACE);
            } else {
                while (j < to && cps[j] != ' ') j++;
                token(i, j);
                lastToken = i;
            }
            i = j;
        }
    }

    /** How many letters come right before a position. */
    private int lettersBefore(int from, int at) {
        int n = 0;
        while (at - n - 1 >= from && Character.isLetter(cps[at - n - 1])) n++;
        return n;
    }

    /** How many letters follow from a position ("MB/s", "km/h": a unit, not two words). */
    private int letters(int from, int to) {
        int n = 0;
        while (from + n < to && Character.isLetter(cps[from + n])) n++;
        return n;
    }

    /** Whether cps[from, to) is a unit, trailing punctuation left out. */
    private boolean unit(int from, int to) {
        while (to > from && ".,;:!?)".indexOf(cps[to - 1]) >= 0) to--;
        return to > from && UNITS.contains(new String(cps, from, to - from));
    }

    /** A token (no spaces) as units split where a line may break inside it. */
    private void token(int from, int to) {
        token = from;
        String text = new String(cps, from, to - from);
        boolean url = text.contains("://") || text.startsWith("www.");
        int start = from;
        for (int c = from; c < to - 1; c++) {
            int cp = cps[c];
            boolean after = url ? (cp == '/' && cps[c + 1] != '/') || (cp == '.' && c > from)
                    : (cp == '-' || cp == '/') && lettersBefore(from, c) >= 3 && letters(c + 1, to) >= 3;
            if (after) {
                add(start, c + 1, punctuation(cps, start, c + 1));
                start = c + 1;
            }
        }
        add(start, to, punctuation(cps, start, to));
        token = -1;
    }

    /** A Latin segment of punctuation alone (a comma or bracket beside Han) keeps that punctuation's rule. */
    private static Kind punctuation(int[] cps, int from, int to) {
        for (int c = from; c < to; c++) if (Character.isLetterOrDigit(cps[c])) return Kind.LATIN;
        if (OTHER_NO_START.indexOf(cps[from]) >= 0) return Kind.NO_START;
        if (OTHER_NO_END.indexOf(cps[to - 1]) >= 0) return Kind.NO_END;
        return Kind.LATIN;
    }

    private static boolean latin(int c) {
        if (SYMBOLS.indexOf(c) >= 0) return true;
        if (c >= 0x2E80 || c <= ' ' || c == '—' || c == '…' || c == '⋯' || c == '·') return false;
        return CLOSE.indexOf(c) < 0 && OPEN.indexOf(c) < 0 && "–～‰".indexOf(c) < 0
                && (Character.isLetterOrDigit(c) || c < 0x80 || Character.getType(c) == Character.NON_SPACING_MARK);
    }
}
