package newsstand.issue;

import java.util.regex.Pattern;

/**
 * The one rule for the names of a package's files, used where a package is read (render, publish) and where a
 * manifest is (the kiosk): what one accepts, the other does.
 */
final class FileName {
    private FileName() {}

    static final String RULE = "letters a-z and A-Z, digits, '.', '_' and '-', each part starting with a letter, digit or '_' and "
            + "at most 128 characters, in at most 3 folders, such as images/a.jpg";

    private static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}(/[A-Za-z0-9_][A-Za-z0-9._-]{0,127}){0,3}");

    static boolean valid(String name) {
        return name != null && PATTERN.matcher(name).matches() && !name.contains("..");
    }
}
