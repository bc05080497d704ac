package newsstand.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Reads typed values by their settings' declarations, collecting every problem instead of stopping at the first. */
record Values(Map<Setting, String> values, Map<String, Integer> lines, List<String> problems, Path base) {
    /** "line N: " for a key read from line N of the file, "" for a key not in it. */
    static String at(Map<String, Integer> lines, String key) {
        Integer line = lines.get(key);
        return line == null ? "" : "line " + line + ": ";
    }

    /** "line N: key" for messages about a setting's value. */
    String at(Setting s) {
        return at(lines, s.key()) + s.key();
    }

    /** Whether the file sets the key. */
    boolean given(Setting s) {
        return values.containsKey(s);
    }

    String raw(Setting s) {
        String value = values.get(s);
        if (value == null || (value.isEmpty() && s.required())) {
            if (s.required()) problems.add("missing required key '" + s.key() + "' (allowed: " + s.allowed() + ")");
            return s.defaultValue();
        }
        return value;
    }

    String name(Setting s) {
        String value = raw(s);
        if (value != null && !Name.valid(value)) {
            bad(s, value);
            return null;
        }
        return value;
    }

    <T> T parse(Setting s, java.util.function.Function<String, T> parser) {
        String value = raw(s);
        if (value == null) return null;
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            bad(s, value);
            return null;
        }
    }

    /** A whole number in its setting's range; absent or empty gives the default. */
    int number(Setting s) {
        return number(s, s.defaultNumber());
    }

    /** A whole number in its setting's range; absent or empty gives the fallback (the HAT's value). */
    int number(Setting s, int fallback) {
        String value = raw(s);
        if (value == null || value.isEmpty()) return fallback;
        try {
            int n = Integer.parseInt(value);
            if (n >= s.min() && n <= s.max() || n == 0 && s.zeroIsNever()) return n;
            if (n > 0 && n < s.min() && s.zeroIsNever()) {
                problems.add(at(s) + " = " + n + " is not allowed (allowed: " + s.allowed() + ")");
                return fallback;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        bad(s, value);
        return fallback;
    }

    /** A BCM GPIO number, or "none" (-1) where its setting allows; absent or empty gives the fallback. */
    int pin(Setting s, int fallback) {
        String value = raw(s);
        if (value == null || value.isEmpty()) return fallback;
        if (value.equals("none") && s.type() == Setting.Type.PIN_OR_NONE) return -1;
        try {
            int n = Integer.parseInt(value);
            if (n >= s.min() && n <= s.max()) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        bad(s, value);
        return fallback;
    }

    /** A GPIO line whose default is none. */
    int pin(Setting s) {
        return pin(s, -1);
    }

    /** A path, or null when the key is empty. */
    Path optionalPath(Setting s) {
        String value = raw(s);
        return value == null || value.isBlank() ? null : path(s);
    }

    /** A path, relative ones from the file's folder. */
    Path path(Setting s) {
        String value = raw(s);
        if (value == null) return null;
        if (value.isBlank()) {
            bad(s, value);
            return null;
        }
        try {
            return resolve(value);
        } catch (java.nio.file.InvalidPathException e) {
            bad(s, value);
            return null;
        }
    }

    Path resolve(String path) {
        Path p = Path.of(path);
        return base == null ? p : base.resolve(p);
    }

    void bad(Setting s, String value) {
        problems.add(at(s) + " = '" + value + "' is not allowed (allowed: " + s.allowed() + ")");
    }

    /** A problem with a setting's value in words of its own, followed by what is allowed. */
    void problem(Setting s, String what) {
        problems.add(at(s) + what + " (allowed: " + s.allowed() + ")");
    }
}
