package newsstand.config;

import java.util.regex.Pattern;

/** The one rule for the names that travel between desk and kiosk: device ids, fleets, issue ids. */
public final class Name {
    private Name() {}

    /** The rule in words, for messages: "(allowed: " + RULE + ")". */
    public static final String RULE = "1 to 64 of a-z, 0-9 and '-', starting with a letter or digit";

    private static final Pattern PATTERN = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    public static boolean valid(String name) {
        return name != null && PATTERN.matcher(name).matches();
    }
}
