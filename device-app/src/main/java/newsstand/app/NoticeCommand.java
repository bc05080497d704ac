package newsstand.app;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import newsstand.issue.Command;
import newsstand.issue.Notice;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@picocli.CommandLine.Command(name = "notice", mixinStandardHelpOptions = true,
        description = {"Posts a station notice to kiosks, signed with the operator's key, or (--cancel ID) takes one down, and prints "
                + "each kiosk's answer. info and warning show as a band across the top of every page and screen; urgent covers "
                + "the whole screen (a press shows the newspaper; the notice comes back after the idle time). A kiosk takes a "
                + "notice down at its --until by its own clock. Prints the notice's id, for --cancel. Exit 1 unless every kiosk "
                + "asked answered done in time.",
                "A kiosk offline gets the notice when it is back, until the notice ends (or --expires, when sooner); a cancel "
                + "waits for it 7 days unless --expires says otherwise."})
final class NoticeCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CommandOptions sending;

    @ArgGroup(exclusive = true)
    Targets targets;

    static final class Targets {
        @Option(names = "--device", paramLabel = "ID", split = ",", description = "A kiosk (device.id); repeat it or separate ids with ','.")
        List<String> devices;

        @Option(names = "--all", description = "Every kiosk of the fleet (the default).")
        boolean all;
    }

    @Option(names = "--text", paramLabel = "TEXT", description = "What the notice says (1 to " + Notice.TEXT_MAX + " characters, one line).")
    String text;

    @Option(names = "--title", paramLabel = "TITLE", description = "A title over it (up to " + Notice.TITLE_MAX + " characters).")
    String title;

    @Option(names = "--until", paramLabel = "TIME", description = "When it ends: a duration such as 45m, 2h or 3d, or an instant such as "
            + "2026-12-08T18:00:00Z or 2026-12-08T18:00+08:00; at most 7 days ahead.")
    String until;

    @Option(names = "--level", paramLabel = "LEVEL", defaultValue = "info", description = "info, warning or urgent (default: ${DEFAULT-VALUE}).")
    String level;

    @Option(names = "--cancel", paramLabel = "ID", description = "Take down the notice with this id (as posting it printed).")
    String cancel;

    @Override
    public Integer call() throws Exception {
        List<String> to = targets == null || targets.all ? List.of(Command.ALL) : targets.devices;
        boolean expiresGiven = spec.commandLine().getParseResult().hasMatchedOption("--expires");
        Command c;
        if (cancel != null) {
            for (String o : new String[] {"--text", "--title", "--until", "--level"}) {
                if (spec.commandLine().getParseResult().hasMatchedOption(o)) throw new Newsstand.UserError(o + " is not allowed with --cancel (allowed: --cancel ID with the targets, broker, fleet and key)");
            }
            if (!newsstand.config.Name.valid(cancel)) throw new Newsstand.UserError("--cancel '" + cancel + "' is not allowed (allowed: a notice's id as posting it printed: " + newsstand.config.Name.RULE + ")");
            c = sending.command(to, "cancel-notice", List.of(cancel), expiresGiven ? sending.duration() : Command.LONGEST);
        } else {
            if (text == null) throw new Newsstand.UserError("--text is required (allowed: 1 to " + Notice.TEXT_MAX + " characters), or --cancel ID");
            if (until == null) throw new Newsstand.UserError("--until is required (allowed: a duration such as 45m, 2h or 3d, or an instant such as 2026-12-08T18:00:00Z; at most 7 days ahead)");
            Notice.Level l = Notice.Level.of(level);
            if (l == null) throw new Newsstand.UserError("--level '" + level + "' is not allowed (allowed: info, warning, urgent)");
            Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            Instant end = until(until, now);
            String t = text.strip(), h = title == null ? "" : title.strip();
            int n = t.codePointCount(0, t.length());
            if (n < 1 || n > Notice.TEXT_MAX) throw new Newsstand.UserError("--text of " + n + " characters is not allowed (allowed: 1 to " + Notice.TEXT_MAX + ")");
            int hn = h.codePointCount(0, h.length());
            if (hn > Notice.TITLE_MAX) throw new Newsstand.UserError("--title of " + hn + " characters is not allowed (allowed: up to " + Notice.TITLE_MAX + ")");
            List<String> args = new ArrayList<>(List.of(l.word(), end.toString(), t));
            if (!h.isEmpty()) args.add(h);
            // The command waits for a kiosk offline until the notice ends (or --expires, when sooner): a notice never
            // comes after its time.
            Duration lives = Duration.between(now, end).plusSeconds(1);
            if (lives.compareTo(Command.LONGEST) > 0) lives = Command.LONGEST;
            if (expiresGiven && sending.duration().compareTo(lives) < 0) lives = sending.duration();
            try {
                c = sending.command(to, "notice", args, lives);
            } catch (Newsstand.UserError e) {
                throw new Newsstand.UserError(e.getMessage().replace("notice: text", "--text").replace("notice: title", "--title"));
            }
        }
        var out = spec.commandLine().getOut();
        if (cancel == null) {
            out.println("notice " + c.id() + " (" + c.args().get(0) + ", until " + c.args().get(1) + "); to take it down: newsstand notice --cancel " + c.id());
        }
        return sending.send(c, out).allDone() ? 0 : 1;
    }

    /** --until: a duration from now (45m, 2h, 3d, 90s) or an instant; after now and at most 7 days ahead. */
    static Instant until(String given, Instant now) throws Newsstand.UserError {
        String allowed = " (allowed: a duration such as 45m, 2h or 3d, or an instant such as 2026-12-08T18:00:00Z or 2026-12-08T18:00+08:00; "
                + "after now and at most " + Notice.LONGEST.toDays() + " days ahead)";
        Instant end;
        if (given.matches("[0-9]{1,7}[smhd]")) {
            long n = Long.parseLong(given.substring(0, given.length() - 1));
            end = now.plus(switch (given.charAt(given.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
        } else {
            try {
                end = Instant.parse(given);
            } catch (DateTimeParseException e) {
                try {
                    end = OffsetDateTime.parse(given).toInstant();
                } catch (DateTimeParseException e2) {
                    throw new Newsstand.UserError("--until '" + given + "' is not allowed" + allowed);
                }
            }
        }
        if (!end.isAfter(now)) throw new Newsstand.UserError("--until '" + given + "' (" + end + ") is not after now (" + now + ")" + allowed);
        if (Duration.between(now, end).compareTo(Notice.LONGEST) > 0) throw new Newsstand.UserError("--until '" + given + "' (" + end + ") is more than " + Notice.LONGEST.toDays() + " days ahead" + allowed);
        return end;
    }
}
