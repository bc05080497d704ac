package newsstand.app;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import newsstand.desk.CommandOutcome;
import newsstand.desk.Desk;
import newsstand.desk.Signer;
import newsstand.issue.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What `fleet command` and `fleet screenshot` share: the broker, the fleet, the operator's key, how long the command
 * lives and how long to wait for the kiosks' answers; the command signed, sent, and its answers printed.
 */
final class CommandOptions {
    @Mixin Options.BrokerOption broker;
    @Mixin Options.FleetOption fleet;
    @Mixin Options.KeyOption key;

    @Option(names = "--expires", paramLabel = "DURATION", defaultValue = "10m",
            description = "How long kiosks may carry the command out (a kiosk offline gets it when it is back): 30s, 10m, 2h or 7d at most (default: ${DEFAULT-VALUE}).")
    String expires;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "30", description = "How long to wait for the kiosks' answers (1 to 600; default: ${DEFAULT-VALUE}).")
    int waitSeconds;

    /** The command as it will be signed: a fresh id, issued now. */
    Command command(List<String> targets, String name, List<String> args) throws Newsstand.UserError {
        return command(targets, name, args, duration());
    }

    /** The same, living as long as given (--expires aside). */
    Command command(List<String> targets, String name, List<String> args, Duration lives) throws Newsstand.UserError {
        Command c = Desk.offline(fleet.fleet(), null).newCommand(targets, name, args, lives);
        List<String> problems = c.problems();
        if (!problems.isEmpty()) throw new Newsstand.UserError(String.join("; ", problems));
        if (waitSeconds < 1 || waitSeconds > 600) throw new Newsstand.UserError("--wait " + waitSeconds + " is not allowed (allowed: 1 to 600 seconds)");
        return c;
    }

    Duration duration() throws Newsstand.UserError {
        String allowed = " (allowed: a number and s, m, h or d, such as 30s, 10m, 2h, 7d; at most " + Command.LONGEST.toDays() + " days)";
        if (!expires.matches("[0-9]{1,6}[smhd]")) throw new Newsstand.UserError("--expires '" + expires + "' is not allowed" + allowed);
        long n = Long.parseLong(expires.substring(0, expires.length() - 1));
        Duration d = switch (expires.charAt(expires.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        if (d.isZero() || d.compareTo(Command.LONGEST) > 0) throw new Newsstand.UserError("--expires '" + expires + "' is not allowed" + allowed);
        return d;
    }

    /** Signs and sends the command, printing each answer as it comes and then who did not answer. */
    CommandOutcome send(Command c, PrintWriter out) throws Exception {
        Signer signer = key.signer();
        java.time.Instant until = c.expires().truncatedTo(java.time.temporal.ChronoUnit.SECONDS); // as said: to the second
        out.println("command " + c.id() + " (" + c.line() + ") to " + (c.forAll() ? "every kiosk of " + c.fleet() : String.join(", ", c.targets()))
                + ", valid until " + until + "; waiting up to " + waitSeconds + " s for the answers");
        out.flush();
        CommandOutcome o;
        try (Desk desk = Desk.open(broker.broker(), fleet.fleet(), signer)) {
            o = desk.command(c, Duration.ofSeconds(waitSeconds), a -> {
                out.printf("%-16s %-8s %s%n", Printable.of(a.device(), 64), Printable.of(a.result(), 16), Printable.of(a.message(), 400));
                out.flush();
            });
        }
        for (String d : o.silent()) {
            out.printf("%-16s %-8s %s%n", Printable.of(d, 64), "silent", "no answer in " + waitSeconds + " s"
                    + (o.offline().contains(d) ? " (its status says it is offline; it carries the command out if it is back before " + until + ")" : ""));
        }
        if (c.forAll() && !o.offline().isEmpty()) {
            out.println(o.offline().size() + " kiosk(s) offline, not waited for (they carry the command out if they are back before "
                    + until + "): " + String.join(", ", o.offline().stream().map(d -> Printable.of(d, 64)).toList()));
        }
        return o;
    }
}
