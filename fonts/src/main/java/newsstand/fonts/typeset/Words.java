package newsstand.fonts.typeset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A Chinese word list and the segmentation it gives: jieba's dictionary (MIT licence, {@code LICENSE-jieba.txt}
 * beside it), its 337,394 words of two to sixteen Han characters and 11,580 single characters with their
 * frequencies, and jieba's most probable path through a run of Han characters (the segmentation whose words'
 * frequencies multiply to the most). Used where a line may break between any two characters but a reader wants it
 * between words: headlines.
 *
 * <p>Packed by {@code WordsBuilder} (in the tests) into {@code words.bin}: per length, the words sorted and
 * front-coded, and each word's frequency as its natural logarithm in quarters (one byte). Held in the heap as one
 * {@code char[]} of fixed-width words per length, searched by bisection: about 2.4 MB, read from the jar (1.2 MB)
 * the first time a headline needs it, never before.
 */
public final class Words {
    /** ln of the frequency a text's own word is given. */
    private static final float OWN = 7f;
    /** Frequencies are stored as round(ln f * SCALE). */
    private static final float SCALE = 4f;

    /** Single characters, sorted, with their quantized frequencies. */
    private final char[] singles;
    private final byte[] singleQ;
    /** words[L]: the words of L characters, sorted, L chars each; q[L]: their quantized frequencies. */
    private final char[][] words;
    private final byte[][] q;
    private final float lnTotal;

    private Words(InputStream raw) throws IOException {
        Reader in = new Reader(raw);
        if (in.readInt() != 0x4E535744) throw new IOException("not a word list");
        lnTotal = (float) Math.log(((long) in.readInt() << 32) | (in.readInt() & 0xFFFFFFFFL));
        int n = in.readInt();
        singles = new char[n];
        singleQ = new byte[n];
        for (int i = 0; i < n; i++) singles[i] = in.readChar();
        in.readFully(singleQ);
        int longest = in.readInt();
        words = new char[longest + 1][];
        q = new byte[longest + 1][];
        for (int len = 2; len <= longest; len++) {
            int count = in.readInt();
            char[] w = new char[count * len];
            for (int i = 0, at = 0; i < count; i++, at += len) {
                int shared = in.readByte();
                if (shared > 0) System.arraycopy(w, at - len, w, at, shared);
                for (int c = shared; c < len; c++) w[at + c] = in.readChar();
            }
            words[len] = w;
            q[len] = new byte[count];
            in.readFully(q[len]);
        }
    }

    /**
     * Big-endian reads from a 64 KB window of the stream: a DataInputStream over a BufferedInputStream takes two
     * synchronized calls a character, which made the first load three times as long.
     */
    private static final class Reader {
        private final InputStream in;
        private final byte[] buf = new byte[1 << 16];
        private int at, end;

        Reader(InputStream in) {
            this.in = in;
        }

        int readByte() throws IOException {
            if (at == end) fill();
            return buf[at++] & 0xFF;
        }

        char readChar() throws IOException {
            if (end - at >= 2) {
                char c = (char) (((buf[at] & 0xFF) << 8) | (buf[at + 1] & 0xFF));
                at += 2;
                return c;
            }
            return (char) ((readByte() << 8) | readByte());
        }

        int readInt() throws IOException {
            return (readChar() << 16) | readChar();
        }

        void readFully(byte[] b) throws IOException {
            for (int i = 0; i < b.length; ) {
                if (at == end) fill();
                int k = Math.min(b.length - i, end - at);
                System.arraycopy(buf, at, b, i, k);
                at += k;
                i += k;
            }
        }

        private void fill() throws IOException {
            int k = in.readNBytes(buf, 0, buf.length);
            if (k <= 0) throw new java.io.EOFException("the word list ends early");
            at = 0;
            end = k;
        }
    }

    private static final class Holder {
        static final Words WORDS = load();

        private static Words load() {
            try (InputStream in = Words.class.getResourceAsStream("words.bin")) {
                if (in == null) throw new IOException("words.bin is missing from the jar");
                return new Words(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The word list, read from the jar at the first call. */
    public static Words get() {
        return Holder.WORDS;
    }

    /** How many words of two characters or more the list holds. */
    public int size() {
        int n = 0;
        for (int len = 2; len < words.length; len++) n += q[len].length;
        return n;
    }

    /** Whether cps[from, to) is a word of the list (two characters or more). */
    public boolean contains(int[] cps, int from, int to) {
        return ln(cps, from, to - from) != Float.NEGATIVE_INFINITY;
    }

    /**
     * Where the words of a text start: starts[i] is true when a break before cps[i] falls between two words of the
     * most probable segmentation (always at the ends, and at both ends of a run of anything not a Han character).
     */
    public boolean[] starts(int[] cps) {
        return starts(cps, i -> false);
    }

    /**
     * Where the words of a text start, read with the text's own frequencies: a word of two characters at i for which
     * ownPair holds (one a story uses again and again: 风电 in 深远海风电, read 深远|海风|电 by the list's
     * frequencies alone) counts as a word of middling frequency (e^7, about 1,100 of 60 million: enough for
     * 深远|海|风电 over 深远|海风|电, not for 一|刻钟 over 一刻钟). Only words of the list: pairs that are not (钟便,
     * 活圈 of a repeated 一刻钟便民生活圈) would chain into a reading against its real words.
     */
    public boolean[] starts(int[] cps, java.util.function.IntPredicate ownPair) {
        int n = cps.length;
        boolean[] starts = new boolean[n + 1];
        starts[0] = true;
        starts[n] = true;
        double[] route = new double[n + 1];
        int[] next = new int[n + 1];
        int i = 0;
        while (i < n) {
            if (!han(cps[i])) {
                // A run of anything else (a number, a Latin word, marks) is left whole: its breaks are the setter's.
                starts[i] = true;
                while (i < n && !han(cps[i])) i++;
                starts[i] = true;
                continue;
            }
            int end = i;
            while (end < n && han(cps[end])) end++;
            // jieba's route: from the run's end back, each position's best word and what follows it.
            route[end] = 0;
            for (int s = end - 1; s >= i; s--) {
                route[s] = single(cps[s]) - lnTotal + route[s + 1];
                next[s] = s + 1;
                for (int len = 2; len < words.length && s + len <= end; len++) {
                    float ln = ln(cps, s, len);
                    if (ln == Float.NEGATIVE_INFINITY) continue;
                    if (len == 2 && ownPair.test(s)) ln = Math.max(ln, OWN);
                    double r = ln - lnTotal + route[s + len];
                    if (r > route[s]) {
                        route[s] = r;
                        next[s] = s + len;
                    }
                }
            }
            for (int s = i; s < end; s = next[s]) starts[s] = true;
            starts[end] = true;
            i = end;
        }
        return starts;
    }

    /** ln of a single character's frequency; 0 (a frequency of 1) for one the list does not know. */
    private float single(int c) {
        if (c > 0xFFFF) return 0;
        int k = java.util.Arrays.binarySearch(singles, (char) c);
        return k >= 0 ? (singleQ[k] & 0xFF) / SCALE : 0;
    }

    /** ln of the frequency of the word cps[from, from + len), or negative infinity when it is not one. */
    private float ln(int[] cps, int from, int len) {
        if (len < 2 || len >= words.length) return Float.NEGATIVE_INFINITY;
        char[] w = words[len];
        int lo = 0, hi = q[len].length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = compare(w, mid * len, cps, from, len);
            if (c == 0) return (q[len][mid] & 0xFF) / SCALE;
            if (c < 0) lo = mid + 1;
            else hi = mid - 1;
        }
        return Float.NEGATIVE_INFINITY;
    }

    private static int compare(char[] w, int at, int[] cps, int from, int len) {
        for (int k = 0; k < len; k++) {
            int d = w[at + k] - cps[from + k];
            if (d != 0) return d;
        }
        return 0;
    }

    static boolean han(int c) {
        return c >= 0x3400 && c <= 0xFFFF && Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }
}
