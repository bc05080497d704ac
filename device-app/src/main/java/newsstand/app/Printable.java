package newsstand.app;

import newsstand.issue.TextRule;

/**
 * Text from outside (another kiosk's status, a broker's topic) made safe for an operator's terminal: what the
 * package format refuses in text ({@link TextRule}: control and bidirectional characters, separators, unpaired
 * surrogates) becomes '?', and it is cut to a length.
 */
final class Printable {
    private Printable() {}

    static String of(String s, int max) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), max) + 1);
        for (int i = 0; i < s.length() && b.length() < max; i++) {
            b.append(TextRule.printable(s, i) ? s.charAt(i) : '?');
        }
        return b.length() < s.length() && b.length() >= max ? b + "…" : b.toString();
    }
}
