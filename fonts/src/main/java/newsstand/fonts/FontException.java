package newsstand.fonts;

/** A font file that cannot be used: the message names the file, the table or field, and what was wrong. */
public final class FontException extends Exception {
    public FontException(String message) {
        super(message);
    }

    public FontException(String message, Throwable cause) {
        super(message, cause);
    }
}
