package newsstand.issue;

/**
 * What text an issue may hold: printable characters only. Control characters (C0, DEL, C1 such as U+0085), the
 * bidirectional embeddings, overrides and isolates that reorder what a reader sees, line and paragraph separators
 * and unpaired surrogates are refused, each named by its code point.
 */
public final class TextRule {
    private TextRule() {}

    /** The first character not allowed, as "control character U+0085", or null when all are allowed. */
    static String problem(String s) {
        for (int i = 0; i < s.length(); i++) {
            String kind = kind(s, i);
            if (kind != null) return kind + " " + String.format("U+%04X", (int) s.charAt(i));
        }
        return null;
    }

    /** Whether the character at i may be shown as it is (text from outside, shown to an operator, uses this too). */
    public static boolean printable(CharSequence s, int i) {
        return kind(s, i) == null;
    }

    /** What kind of character not allowed the one at i is, or null when it is allowed. */
    private static String kind(CharSequence s, int i) {
        char c = s.charAt(i);
        if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) return "control character";
        if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) return "bidirectional control";
        if (c == 0x2028 || c == 0x2029) return "line or paragraph separator";
        boolean paired = Character.isHighSurrogate(c) ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                : !Character.isLowSurrogate(c) || i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
        return paired ? null : "unpaired surrogate";
    }
}
