package newsstand.issue;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A station notice (PROTOCOL.md, "Notices"): the operator's message to the kiosks' readers, carried by the signed
 * command {@code notice LEVEL UNTIL TEXT [TITLE]} and taken back by {@code cancel-notice ID}. Its id is the command's;
 * {@code until} is when the kiosk takes it down by its own clock (the command's expiry only bounds how long it may
 * wait for a kiosk that is offline). info and warning show as a band across every page and screen; urgent takes the
 * whole screen.
 */
public record Notice(String id, Level level, String title, String text, Instant until, Instant issued) {
    /** The longest a notice may stay up. */
    public static final Duration LONGEST = Duration.ofDays(7);
    /** The longest text (characters): it fits on the smallest panel's urgent screen. */
    public static final int TEXT_MAX = 300;
    public static final int TITLE_MAX = 40;
    /** Urgent first, then warning, then info; in each the newest first. */
    public static final Comparator<Notice> ORDER = Comparator.comparing(Notice::level).thenComparing(Notice::issued, Comparator.reverseOrder())
            .thenComparing(Notice::id);

    /** How a notice shows, most pressing first. */
    public enum Level {
        URGENT, WARNING, INFO;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The level by its word, or null. */
        public static Level of(String word) {
            for (Level l : values()) if (l.word().equals(word)) return l;
            return null;
        }
    }

    /** What the command's args must be, for messages. */
    static final String ARGS = "LEVEL UNTIL TEXT [TITLE]: LEVEL info, warning or urgent; UNTIL an instant such as 2026-12-08T18:00:00Z, after the command "
            + "was issued and at most " + LONGEST.toDays() + " days after; TEXT 1 to " + TEXT_MAX + " characters; TITLE up to " + TITLE_MAX + " characters";

    /** The notice a command {@code notice} carries (checked by {@link Command#problems()} before). */
    public static Notice of(Command c) {
        List<String> a = c.args();
        return new Notice(c.id(), Level.of(a.get(0)), a.size() > 3 ? a.get(3).strip() : "", a.get(2).strip(), Instant.parse(a.get(1)), c.issued());
    }

    /** What is wrong with a notice's args, issued at a time; empty when nothing is. */
    static List<String> problems(List<String> args, Instant issued) {
        List<String> p = new ArrayList<>();
        if (args.size() < 3 || args.size() > 4) {
            p.add("notice takes " + ARGS);
            return p;
        }
        if (Level.of(args.get(0)) == null) p.add("notice: level '" + args.get(0) + "' (allowed: info, warning, urgent)");
        try {
            Instant until = Instant.parse(args.get(1));
            if (!until.isAfter(issued)) p.add("notice: until " + until + " is not after the time it was issued, " + issued);
            else if (Duration.between(issued, until).compareTo(LONGEST) > 0) {
                p.add("notice: until " + until + " is more than " + LONGEST.toDays() + " days after " + issued + " (allowed: up to " + LONGEST.toDays() + " days)");
            }
        } catch (DateTimeParseException e) {
            p.add("notice: until '" + args.get(1) + "' (allowed: an instant such as 2026-12-08T18:00:00Z)");
        }
        text(p, "text", args.get(2), 1, TEXT_MAX);
        if (args.size() == 4) text(p, "title", args.get(3), 0, TITLE_MAX);
        return p;
    }

    private static void text(List<String> p, String field, String value, int min, int max) {
        int n = value.strip().codePointCount(0, value.strip().length());
        if (n < min || n > max) p.add("notice: " + field + " of " + n + " characters (allowed: " + min + " to " + max + ")");
        if (value.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT && c != 0x200D)) {
            p.add("notice: " + field + " holds control characters (allowed: printable text on one line)");
        }
    }
}
