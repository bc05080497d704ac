package newsstand.issue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import newsstand.config.Name;

/** Reads the fields of issue.json, collecting every problem with the field's path and what is allowed. */
final class Fields {
    final String file;
    final List<String> problems = new ArrayList<>();
    /** Characters of text read so far, and photos: the issue's totals are limited too. */
    long chars;
    int photos;

    Fields(String file) {
        this.file = file;
    }

    void problem(String field, String what) {
        if (problems.size() < 100) problems.add(file + ": " + (field.isEmpty() ? "" : field + " ") + what);
    }

    static String path(String at, String name) {
        return at.isEmpty() ? name : at + "." + name;
    }

    void known(JsonObject o, String at, Set<String> allowed) {
        for (String key : o.keySet()) {
            if (!allowed.contains(key)) {
                problem(path(at, key), "is not a known field (allowed: " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
        }
    }

    JsonObject object(JsonElement e, String at) {
        if (e == null || !e.isJsonObject()) {
            problem(at, "is " + e + " (allowed: an object)");
            return null;
        }
        return e.getAsJsonObject();
    }

    /** A list, as array(), of at most max entries; what is over is named with the limit. */
    JsonArray array(JsonObject o, String at, String name, boolean required, int max, String what) {
        JsonArray a = array(o, at, name, required);
        if (a != null && a.size() > max) {
            problem(path(at, name), "has " + a.size() + " entries (allowed: at most " + max + " " + what + ")");
            return null;
        }
        return a;
    }

    JsonArray array(JsonObject o, String at, String name, boolean required) {
        JsonElement e = o.get(name);
        if (e == null || e.isJsonNull()) {
            if (required) problem(path(at, name), "is missing (allowed: a non-empty list)");
            return null;
        }
        if (!e.isJsonArray() || (required && e.getAsJsonArray().isEmpty())) {
            problem(path(at, name), "is " + abbreviate(e) + " (allowed: a" + (required ? " non-empty" : "") + " list)");
            return null;
        }
        return e.getAsJsonArray();
    }

    String text(JsonObject o, String at, String name, boolean required, int maxLength) {
        JsonElement e = o.get(name);
        if (e == null || e.isJsonNull()) {
            if (required) problem(path(at, name), "is missing (allowed: a non-empty string of at most " + maxLength + " characters)");
            return null;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString() || e.getAsString().isBlank()
                || e.getAsString().codePointCount(0, e.getAsString().length()) > maxLength) {
            problem(path(at, name), "is " + abbreviate(e) + " (allowed: a non-empty string of at most " + maxLength + " characters)");
            return null;
        }
        String s = e.getAsString().strip();
        String bad = TextRule.problem(s);
        if (bad != null) {
            problem(path(at, name), "contains " + bad + " (allowed: printable text)");
            return null;
        }
        chars += s.codePointCount(0, s.length());
        return s;
    }

    String id(JsonObject o, String at, String name) {
        String s = text(o, at, name, true, 64);
        if (s != null && !Name.valid(s)) {
            problem(path(at, name), "is '" + s + "' (allowed: " + Name.RULE + ")");
            return null;
        }
        return s;
    }

    static String abbreviate(JsonElement e) {
        String s = e.toString();
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
