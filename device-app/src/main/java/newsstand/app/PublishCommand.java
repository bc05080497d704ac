package newsstand.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import newsstand.delivery.Publisher;
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

    @Option(names = "--activate-at", paramLabel = "WHEN", description = "An embargo: kiosks download the issue at once but show it "
            + "only from then on: a date (YYYY-MM-DD, UTC midnight) or an instant such as 2025-09-10T05:00:00Z (default: at once).")
    String activateAt;

    @Override
    public Integer call() throws Exception {
        Options.KeyOption.Signer signer = key.signer();
        Instant until = expires == null ? Instant.now().plus(Duration.ofDays(7)) : Options.instant("--expires", expires);
        Instant embargo = activateAt == null ? null : Options.instant("--activate-at", activateAt);
        long seq = Options.sequence(sequence);
        PrintWriter out = spec.commandLine().getOut();
        Publisher.Published p = Publisher.publish(broker.broker(), fleet.fleet(), signer.key(), signer.id(), issue, seq, until,
                embargo, line -> out.println("  " + line));
        out.println("published issue " + p.issue() + " (sequence " + p.sequence() + ") to fleet " + fleet.fleet() + ": "
                + p.bytes() + " bytes sent in " + p.chunks() + " chunks and a manifest"
                + (embargo == null ? "" : "; kiosks show it from " + embargo));
        return 0;
    }
}
