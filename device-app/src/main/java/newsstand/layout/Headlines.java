package newsstand.layout;

import java.util.ArrayList;
import java.util.List;
import newsstand.fonts.typeset.Numbers;
import newsstand.fonts.typeset.SetLine;
import newsstand.fonts.typeset.Words;

/**
 * Headlines set as a layout editor sets them: on one line when they fit; else on two lines of similar length (the
 * shorter at least 40% of the longer) broken where a reader pauses (after punctuation, at a space, before an opening
 * mark), else between a number or Latin word and the Han text beside it, else between two words, next to the few
 * particles and prepositions that edge Chinese words (的, 了, 将, 把, 被 ...) first; never a number split from its
 * numeral unit or measure word, a range only after its dash, never a single character alone on a line, never a
 * closing mark at a line's start or an opening one at its end. Only when no balanced break between words exists is a
 * headline set one step smaller, or on a third line.
 *
 * <p>The words are jieba's ({@link Words}: its dictionary's most probable segmentation of the headline). The story's
 * own text breaks ties: two words it uses together again and again (a phrase it repeats, 国家人工智能应用中试基地)
 * are broken between only when no other boundary balances as well. Before the word list, the story's bigrams stood
 * in for a dictionary and could not tell a word from a phrase the story repeats (首批交通领域国家人|工智能应用中试基地建设);
 * ICU4J 74.2's dictionary break iterator was measured and not taken: it cuts 深远海风电 as 深远|海风|电 and 马拉松 as
 * 马拉|松, adds 14 MB to the device jar, about 10 MB of heap at first use and 50 ms.
 */
final class Headlines {
    /** A headline's type size (stepped down, perhaps) and lines. */
    record Set(int px, List<SetLine> lines) {}

    private static final String CLOSE = "，。、；：！？”’）》」』】〕〉)]";
    private static final String OPEN = "“‘（《「『【〔〈([";
    /** Characters that end a Chinese word more often than not: a break after them rarely splits one. */
    private static final String ENDS = "的了着过们";
    /** Characters that start a phrase: conjunctions, prepositions, verbs of saying. */
    private static final String STARTS = "将把被向从";

    private final Setter setter;

    Headlines(Setter setter) {
        this.setter = setter;
    }

    /**
     * Sets a headline within width at px: one line; else two balanced lines broken where a reader pauses; else, when
     * the only two-line breaks fall inside a phrase, one step smaller (stepPx) on one line or with a better break;
     * else the cheaper two lines at either size, unless three to five lines one step smaller break only between words;
     * else those three to five lines.
     */
    Set set(String text, int px, int stepPx, int width, String context) {
        // A story's headline is measured before it is placed, and placed again on each trial of a page: set once.
        String key = text + "\u0000" + px + "\u0000" + stepPx + "\u0000" + width + "\u0000" + context.hashCode();
        return done.computeIfAbsent(key, k -> setAnew(text, px, stepPx, width, context));
    }

    private final java.util.Map<String, Set> done = new java.util.HashMap<>();

    /**
     * Sets a deck (the line or two under a headline, in the regular type) within width: on one line when it fits,
     * else broken as a headline is, between words, in as many lines as plain breaks need, or one more where that
     * keeps a phrase whole.
     */
    List<SetLine> deck(String text, int px, int width, String context) {
        String key = "deck\u0000" + text + "\u0000" + px + "\u0000" + width + "\u0000" + context.hashCode();
        return done.computeIfAbsent(key, k -> {
            List<SetLine> plain = setter.set(text, px, width, 0, false, false);
            if (plain.size() == 1) return new Set(px, plain);
            Lines words = lines(text, px, width, context, plain.size(), plain.size(), false);
            // A line more rather than a break inside a phrase.
            Lines more = words != null && words.cost() <= BETWEEN_WORDS ? null : lines(text, px, width, context, plain.size() + 1, plain.size() + 1, false);
            if (more != null && (words == null || more.cost() < words.cost())) words = more;
            return new Set(px, words != null ? words.lines() : setter.balanced(text, px, width, false));
        }).lines();
    }

    private Set setAnew(String text, int px, int stepPx, int width, String context) {
        List<SetLine> one = setter.set(text, px, width, 0, false, true);
        if (one.size() == 1) return new Set(px, one);
        int smaller = Math.min(px - 1, stepPx);
        Lines big = lines(text, px, width, context, 2, 2, true);
        if (big != null && big.cost() <= BETWEEN_WORDS) return new Set(px, big.lines());
        List<SetLine> small = setter.set(text, smaller, width, 0, false, true);
        if (small.size() == 1) return new Set(smaller, small);
        Lines little = lines(text, smaller, width, context, 2, 2, true);
        Lines two = little != null && (big == null || little.cost() < big.cost()) ? little : big;
        int twoPx = two == little ? smaller : px;
        // Two lines broken inside a word are worse than three broken between words, one step smaller.
        Lines more = two != null && two.cost() < UNBALANCED ? null : lines(text, smaller, width, context, 2, 5, true);
        if (more != null && (two == null || more.cost() <= BETWEEN_WORDS)) return new Set(smaller, more.lines());
        if (two != null) return new Set(twoPx, two.lines());
        return new Set(smaller, more != null ? more.lines() : setter.balanced(text, smaller, width, true));
    }

    /** The shortest line at least about 40% of the longest (3/8: 储能电池 / “超级工厂”二期投产 passes). */
    static final float BALANCED_RATIO = 0.375f;
    /**
     * A line shorter than this much of the average is too short: for two lines, the shorter under BALANCED_RATIO of
     * the longer (r / (1 + r) of the whole, against a half).
     */
    private static final float BALANCED = 2 * BALANCED_RATIO / (1 + BALANCED_RATIO);
    /** The cost of lines the shortest of which is under about 40% of the longest. */
    private static final int UNBALANCED = 6;
    /** The dearest break that still reads between words. */
    private static final int BETWEEN_WORDS = 3;

    /** Lines and the dearest break among them (or UNBALANCED). */
    private record Lines(List<SetLine> lines, int cost) {}

    /**
     * The best way to set a headline in two to most lines that fit, or null: the cheapest breaks, then the most even
     * lines (the shortest at least 40% of the longest where that can be), no line of a single character.
     */
    private Lines lines(String text, int px, int width, String context, int least, int most, boolean bold) {
        int[] cps = text.codePoints().toArray();
        int n = cps.length;
        boolean[] starts = words(cps, context);
        // What a break before each code point costs, and how much the words on either side of it hold together.
        int[] costs = new int[n];
        double[] holds = new double[n];
        for (int j = 1; j < n; j++) {
            costs[j] = cost(cps, starts, j, context);
            holds[j] = costs[j] < 0 ? 0 : costs[j] * 100 + cohesion(cps, j, context) + (suffix(cps, starts, j) ? 100 : 0);
        }
        SetLine whole = setter.one(text, px, bold);
        float[] at = new float[n + 1];
        for (int i = 0; i < n; i++) at[i] = i < whole.x().length ? whole.x()[i] : whole.width();
        at[n] = whole.width();
        int lines = -1;
        double bestScore = Double.MAX_VALUE;
        int[] bestCuts = null;
        for (int k = Math.max(2, least); k <= most; k++) {
            // best[l][i]: the score of the first i code points in l lines, each line as long as a k-th of the whole
            // ideally; from[l][i]: where the last of those lines starts.
            float target = at[n] / k;
            double[][] best = new double[k + 1][n + 1];
            int[][] from = new int[k + 1][n + 1];
            for (double[] row : best) java.util.Arrays.fill(row, Double.MAX_VALUE);
            best[0][0] = 0;
            for (int l = 1; l <= k; l++) {
                for (int i = 2; i <= n; i++) {
                    for (int j = l == 1 ? 0 : 2; j <= i - 2; j++) {
                        if (best[l - 1][j] == Double.MAX_VALUE) continue;
                        int cost = costs[j];
                        float w = at[i] - at[j];
                        if (cost < 0 || w > width * 0.98f) continue;
                        double score = best[l - 1][j] + holds[j] + Math.abs(w - target) * 300.0 / width
                                + (w < BALANCED * target ? 1000 : 0);
                        if (score < best[l][i]) {
                            best[l][i] = score;
                            from[l][i] = j;
                        }
                    }
                }
            }
            if (best[k][n] == Double.MAX_VALUE) continue;
            double score = best[k][n] + k * 200;
            if (score < bestScore) {
                bestScore = score;
                lines = k;
                bestCuts = cuts(from, k, n);
            }
        }
        if (lines < 0) return null;
        int[] cuts = bestCuts;
        List<SetLine> set = new ArrayList<>();
        int dearest = 0;
        float shortest = Float.MAX_VALUE, longest = 0;
        for (int l = 0; l < lines; l++) {
            if (l > 0) dearest = Math.max(dearest, costs[cuts[l]]);
            SetLine line = setter.one(new String(cps, cuts[l], cuts[l + 1] - cuts[l]).strip(), px, bold);
            if (line.width() > width) return null;
            set.add(line);
            shortest = Math.min(shortest, line.width());
            longest = Math.max(longest, line.width());
        }
        // A lonely line (134个 / “一刻钟便民生活圈”建成) is as bad as a break inside a phrase.
        if (shortest < BALANCED_RATIO * longest) dearest = Math.max(dearest, UNBALANCED);
        return new Lines(set, dearest);
    }

    /** Where each of k lines starts (and, last, the end), from the table of where each last line starts. */
    private static int[] cuts(int[][] from, int k, int n) {
        int[] cuts = new int[k + 1];
        cuts[k] = n;
        for (int l = k; l > 0; l--) cuts[l - 1] = from[l][cuts[l]];
        return cuts;
    }

    /** The text a story's headline is read against: its paragraphs (the first few thousand characters). */
    static String context(newsstand.issue.Article a) {
        StringBuilder s = new StringBuilder(a.headline());
        for (String p : a.paragraphs()) {
            if (s.length() > 6000) break;
            s.append('\n').append(p);
        }
        return s.toString();
    }

    /**
     * Where a headline's words start: jieba's segmentation, the story's own terms read as words of middling frequency (a word of two
     * characters its text uses four times or more, 风电 of 深远海风电).
     */
    static boolean[] words(int[] cps, String context) {
        return Words.get().starts(cps, i -> occurrences(context, new String(cps, i, 2), 4) >= 4);
    }

    /** A break inside a word of the dictionary: taken only when nothing else sets. */
    static final int INSIDE_WORD = 12;

    /**
     * What a break before code point at costs: 0 where a reader pauses, 1 between a number or Latin word and Han, 2
     * or 3 between two words (2 next to a particle or preposition; the story's text breaks the ties, see cohesion), 6
     * inside a short quoted name (as bad as unbalanced lines), 7 after a quoted character, 8 inside a range, 12 inside a word; -1 where
     * it may not be. starts: where the headline's words start ({@link Words#starts}).
     */
    static int cost(int[] cps, boolean[] starts, int at, String context) {
        int a = cps[at - 1], b = cps[at];
        if (CLOSE.indexOf(b) >= 0 || OPEN.indexOf(a) >= 0) return -1;
        if (latin(a) && latin(b)) return -1;
        if (Numbers.holds(cps, at)) return -1; // "134个", "465万件", "21℃|至28℃"
        // A word or two in quotes for emphasis is read with the character after it (“链”动): no pause there.
        if (quotedShort(cps, at) && !latin(b) && CLOSE.indexOf(b) < 0 && b != ' ') return 7;
        if (a == ' ' || b == ' ' || CLOSE.indexOf(a) >= 0 || OPEN.indexOf(b) >= 0) return 0;
        if (Numbers.weak(cps, at)) return 8;
        if (latin(a) != latin(b)) return 1;
        if (!han(a) || !han(b)) {
            // Kana or other letters the word list does not hold: a pair the story uses again and again is a word.
            int together = occurrences(context, new String(cps, at - 1, 2), 4);
            return together <= 1 ? 3 : 7 + together;
        }
        if (!starts[at]) return INSIDE_WORD;
        if (insideShortQuote(cps, at)) return 6;
        if (ENDS.indexOf(a) >= 0 || STARTS.indexOf(b) >= 0) return 2;
        return 3;
    }

    /** Characters that stand as a word of their own before a phrase: prepositions, conjunctions, adverbs. */
    private static final String LEADS = "在与和及并为对于向从将把被让给由以就再又也都更还已";

    /**
     * Whether the word starting at a break is a single Han character that most likely ends the word before it (段 of
     * 北延段, 海 of 深远海, which the dictionary lacks): a break there rather not.
     */
    private static boolean suffix(int[] cps, boolean[] starts, int at) {
        return at + 1 < cps.length && starts[at + 1] && han(cps[at]) && han(cps[at - 1]) && starts[at]
                && LEADS.indexOf(cps[at]) < 0;
    }

    /**
     * How much two words hold together, by the story's own text (the headline is part of it: a pair seen once is
     * seen only there): 25 for each time the story uses the two characters on either side of a break together
     * again, up to 8 times. Breaks the tie between word boundaries: 一刻钟便民生活圈 / 全域 rather than 便民 / 生活圈
     * where the story repeats 民生 of 便民生活圈 ten times and 圈全 of 生活圈全域 three.
     */
    static int cohesion(int[] cps, int at, String context) {
        if (!han(cps[at - 1]) || !han(cps[at])) return 0;
        return 25 * Math.max(0, occurrences(context, new String(cps, at - 1, 2), 9) - 1);
    }

    /** Opening quotation marks and brackets, each with its closing one at the same place in PAIRED_CLOSE. */
    private static final String PAIRED_OPEN = "“‘《「『【〔（([";
    private static final String PAIRED_CLOSE = "”’》」』】〕）)]";

    /**
     * Whether at falls inside quotation marks or brackets around eight characters or fewer (“一刻钟便民生活圈”,
     * [中文版最新更新]): a name read whole.
     */
    private static boolean insideShortQuote(int[] cps, int at) {
        for (int i = at - 1; i >= Math.max(0, at - 8); i--) {
            if (PAIRED_CLOSE.indexOf(cps[i]) >= 0) return false;
            int k = PAIRED_OPEN.indexOf(cps[i]);
            if (k < 0) continue;
            for (int j = at; j < Math.min(cps.length, i + 10); j++) {
                if (cps[j] == PAIRED_CLOSE.charAt(k)) return true;
                if (PAIRED_OPEN.indexOf(cps[j]) >= 0) return false;
            }
            return false;
        }
        return false;
    }

    /** Whether the code point before at closes quotes around one or two characters (“链”). */
    private static boolean quotedShort(int[] cps, int at) {
        int close = cps[at - 1];
        if (close != '”' && close != '’') return false;
        int open = close == '”' ? '“' : '‘';
        for (int i = at - 2; i >= Math.max(0, at - 4); i--) if (cps[i] == open) return true;
        return false;
    }

    /** How often a pair occurs in a text, counted up to most. */
    private static int occurrences(String text, String pair, int most) {
        int n = 0;
        for (int i = text.indexOf(pair); i >= 0 && n < most; i = text.indexOf(pair, i + 1)) n++;
        return n;
    }

    private static boolean han(int c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }

    private static boolean latin(int c) {
        return c < 0x2E80 && c != ' ' && (Character.isLetterOrDigit(c) || ".,:%/-°".indexOf(c) >= 0);
    }
}
