package newsstand.issue;

/**
 * What text an issue may hold: printable characters only. Control characters (C0, DEL, C1 such as U+0085), the
 * bidirectional embeddings, overrides and isolates that reorder what a reader sees, line and paragraph separators
 * and unpaired surrogates are refused, each named by its code point.
 */
final class TextRule {
    private TextRule() {}

    /** The first character not allowed, as "control character U+0085", or null when all are allowed. */
    static String problem(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) return "control character " + hex(c);
            if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) return "bidirectional control " + hex(c);
            if (c == 0x2028 || c == 0x2029) return "line or paragraph separator " + hex(c);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "unpaired surrogate " + hex(c);
            }
        }
        return null;
    }

    private static String hex(char c) {
        return String.format("U+%04X", (int) c);
    }
}
