package newsstand.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Where each key of a properties file is set, for messages that name the line (the kiosk's and the console's files). */
public final class KeyLines {
    private KeyLines() {}

    /**
     * Key name to the 1-based line it is first set on in a properties file's text; a key set twice is a problem (the
     * last would silently win). The kiosk's configuration and the console's read their files with it.
     */
    public static Map<String, Integer> of(String text, List<String> problems) {
        Map<String, Integer> lines = new LinkedHashMap<>();
        String[] all = text.split("\n", -1);
        boolean continued = false;
        for (int i = 0; i < all.length; i++) {
            String line = all[i].strip();
            boolean wasContinued = continued;
            continued = line.endsWith("\\");
            if (wasContinued || line.isEmpty() || line.startsWith("#") || line.startsWith("!")) continue;
            int end = 0;
            while (end < line.length() && "=: \t".indexOf(line.charAt(end)) < 0) end++;
            String key = line.substring(0, end);
            Integer previous = lines.putIfAbsent(key, i + 1);
            if (previous != null) {
                problems.add("line " + (i + 1) + ": key '" + key + "' is already set on line " + previous
                        + " (each key may be set once)");
            }
        }
        return lines;
    }
}
