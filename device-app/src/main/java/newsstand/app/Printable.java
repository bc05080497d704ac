package newsstand.app;

/**
 * Text from outside (another kiosk's status, a broker's topic) made safe for an operator's terminal: control
 * characters (C0 such as ESC, DEL, C1) and bidirectional controls become '?', and it is cut to a length.
 */
final class Printable {
    private Printable() {}

    static String of(String s, int max) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), max) + 1);
        for (int i = 0; i < s.length() && b.length() < max; i++) {
            char c = s.charAt(i);
            boolean control = c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
                    || c == 0x2028 || c == 0x2029 || (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) && !(Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1))));
            b.append(control ? '?' : c);
        }
        return b.length() < s.length() && b.length() >= max ? b + "…" : b.toString();
    }
}
