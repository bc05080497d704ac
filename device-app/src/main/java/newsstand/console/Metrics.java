package newsstand.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The console's counters for {@code /metrics} (Prometheus text format 0.0.4): any part counts what it does with
 * {@link #count(String, String...)}, such as {@code count("newsstand_console_commands_total", "command", "show",
 * "result", "done")}; the fleet's gauges are written beside them.
 */
final class Metrics {
    private static final Map<String, String> HELP = Map.of(
            "newsstand_console_commands_total", "Commands sent from the console, by command and result (done, refused, failed, no answer).",
            "newsstand_console_command_answers_total", "Kiosks' answers to the console's commands, by command and outcome.",
            "newsstand_console_publications_total", "Issues published and withdrawn from the console, by action and result.");

    /** Counter name, then its labels in Prometheus' own form ({a="b",c="d"}, or empty), to its value. */
    private final Map<String, Map<String, AtomicLong>> counters = new ConcurrentHashMap<>();

    /**
     * Adds one to a counter; labels come in pairs (name, value). Names are Prometheus names ending in {@code _total};
     * a bad name is a programming error and throws.
     */
    void count(String name, String... labels) {
        if (!name.matches("[a-z_][a-z0-9_]*_total")) throw new IllegalArgumentException("metric name " + name + ": lower case, digits and _, ending in _total");
        if (labels.length % 2 != 0) throw new IllegalArgumentException("metric " + name + ": labels come in pairs (name, value)");
        Map<String, String> l = new TreeMap<>();
        for (int i = 0; i < labels.length; i += 2) l.put(labels[i], labels[i + 1] == null ? "" : labels[i + 1]);
        counters.computeIfAbsent(name, n -> new ConcurrentHashMap<>()).computeIfAbsent(labels(l), k -> new AtomicLong()).incrementAndGet();
    }

    /** A counter's value (0 when never counted). */
    long value(String name, String... labels) {
        Map<String, String> l = new TreeMap<>();
        for (int i = 0; i + 1 < labels.length; i += 2) l.put(labels[i], labels[i + 1]);
        Map<String, AtomicLong> values = counters.get(name);
        AtomicLong v = values == null ? null : values.get(labels(l));
        return v == null ? 0 : v.get();
    }

    /** Writes every counter, the commands' always (0 before the first, so that a rate is defined from the start). */
    void write(StringBuilder b) {
        Map<String, Map<String, AtomicLong>> all = new TreeMap<>(counters);
        all.putIfAbsent("newsstand_console_commands_total", Map.of());
        for (Map.Entry<String, Map<String, AtomicLong>> c : all.entrySet()) {
            b.append("# HELP ").append(c.getKey()).append(' ').append(HELP.getOrDefault(c.getKey(), "Counted by the console.")).append('\n');
            b.append("# TYPE ").append(c.getKey()).append(" counter\n");
            for (Map.Entry<String, AtomicLong> v : new TreeMap<>(c.getValue()).entrySet()) {
                b.append(c.getKey()).append(v.getKey()).append(' ').append(v.getValue().get()).append('\n');
            }
        }
    }

    static void gauge(StringBuilder b, String name, String help) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(" gauge\n");
    }

    static void sample(StringBuilder b, String name, Map<String, String> labels, long value) {
        b.append(name).append(labels(new TreeMap<>(labels))).append(' ').append(value).append('\n');
    }

    private static String labels(Map<String, String> labels) {
        if (labels.isEmpty()) return "";
        StringBuilder b = new StringBuilder("{");
        for (Map.Entry<String, String> l : labels.entrySet()) {
            if (b.length() > 1) b.append(',');
            b.append(l.getKey()).append("=\"").append(escape(l.getValue())).append('"');
        }
        return b.append('}').toString();
    }

    /** A label's value as the text format wants it: backslash, quote and newline escaped. */
    static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** This process's resident memory (Linux /proc/self/status VmRSS), or -1 where there is none. */
    static long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        } catch (Exception e) {
            // not Linux: no figure
        }
        return -1;
    }
}
