package newsstand.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Reads typed values, collecting every problem instead of stopping at the first. */
record Values(Map<Key, String> values, Map<String, Integer> lines, List<String> problems) {
    /** "line N: " for a key read from line N of the file, "" for a key not in it. */
    static String at(Map<String, Integer> lines, String key) {
        Integer line = lines.get(key);
        return line == null ? "" : "line " + line + ": ";
    }

    String raw(Key key) {
        String value = values.get(key);
        if (value == null || (value.isEmpty() && key.defaultValue == null)) {
            if (key.defaultValue == null) {
                problems.add("missing required key '" + key.name + "' (allowed: " + key.allowed + ")");
            }
            return key.defaultValue;
        }
        return value;
    }

    String name(Key key) {
        String value = raw(key);
        if (value != null && !Name.valid(value)) {
            bad(key, value);
            return null;
        }
        return value;
    }

    <T> T parse(Key key, java.util.function.Function<String, T> parser) {
        String value = raw(key);
        if (value == null) return null;
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            bad(key, value);
            return null;
        }
    }

    /** A whole number in a range; absent or empty gives the fallback (the HAT's value). */
    int number(Key key, int fallback, int min, int max) {
        String value = raw(key);
        if (value == null || value.isEmpty()) return fallback;
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        bad(key, value);
        return fallback;
    }

    /** A BCM GPIO number 0 to 27, or "none" (-1) where allowed; absent or empty gives the fallback. */
    int pin(Key key, int fallback, boolean noneAllowed) {
        String value = raw(key);
        if (value == null || value.isEmpty()) return fallback;
        if (noneAllowed && value.equals("none")) return -1;
        return number(key, fallback, 0, 27);
    }

    /** A path, or null when the key is empty. */
    Path optionalPath(Key key, Path base) {
        String value = raw(key);
        return value == null || value.isBlank() ? null : path(key, base);
    }

    Path path(Key key, Path base) {
        String value = raw(key);
        if (value == null) return null;
        if (value.isBlank()) {
            bad(key, value);
            return null;
        }
        try {
            Path p = Path.of(value);
            return base == null ? p : base.resolve(p);
        } catch (java.nio.file.InvalidPathException e) {
            bad(key, value);
            return null;
        }
    }

    void bad(Key key, String value) {
        problems.add(at(lines, key.name) + key.name + " = '" + value + "' is not allowed (allowed: " + key.allowed + ")");
    }
}
