package newsstand.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import newsstand.delivery.Publisher;
import newsstand.issue.Manifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "publish", mixinStandardHelpOptions = true,
        description = {"Validates an issue package, signs its manifest and publishes it to a fleet: every chunk retained "
                + "on its own topic, then the manifest. Ends with a line naming the issue and the bytes sent."})
final class PublishCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Options.BrokerOption broker;
    @Mixin Options.FleetOption fleet;

    @Mixin Options.KeyOption key;

    @Option(names = "--issue", paramLabel = "PATH", required = true, description = "The issue package folder (with issue.json).")
    Path issue;

    @Option(names = "--sequence", paramLabel = "N", description = "The issue's sequence; it must grow from issue to issue (default: now, in ms since 1970).")
    Long sequence;

    @Option(names = "--expires", paramLabel = "WHEN", description = "When kiosks stop taking it: a date (YYYY-MM-DD, UTC midnight) or an instant (default: 7 days from now).")
    String expires;

    @Override
    public Integer call() throws Exception {
        Options.KeyOption.Signer signer = key.signer();
        Instant until = Instant.now().plus(Duration.ofDays(7));
        if (expires != null) {
            try {
                until = expires.length() == 10 ? LocalDate.parse(expires).atStartOfDay().toInstant(ZoneOffset.UTC) : Instant.parse(expires);
            } catch (DateTimeParseException e) {
                throw new Newsstand.UserError("--expires '" + expires + "' is not allowed (allowed: YYYY-MM-DD or an instant such as 2025-09-17T04:00:00Z)");
            }
        }
        long now = System.currentTimeMillis();
        long seq = sequence != null ? sequence : now;
        long highest = now + Manifest.SEQUENCE_LEAD_MS;
        if (seq < 1 || seq > highest) {
            throw new Newsstand.UserError("--sequence " + seq + " is not allowed (allowed: 1 to " + highest + ", this computer's clock in ms"
                    + " plus a day: kiosks refuse every issue below the highest sequence they took, so one far ahead would lock the fleet out)");
        }
        PrintWriter out = spec.commandLine().getOut();
        Publisher.Published p = Publisher.publish(broker.broker(), fleet.fleet(), signer.key(), signer.id(), issue, seq, until,
                line -> out.println("  " + line));
        out.println("published issue " + p.issue() + " (sequence " + p.sequence() + ") to fleet " + fleet.fleet() + ": "
                + p.bytes() + " bytes sent in " + p.chunks() + " chunks and a manifest");
        return 0;
    }
}
