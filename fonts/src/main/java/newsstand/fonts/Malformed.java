package newsstand.fonts;

/** Thrown inside the parser when a font's bytes break a rule; callers turn it into a FontException or a missing glyph. */
final class Malformed extends RuntimeException {
    Malformed(String message) {
        super(message, null, false, false);
    }
}
