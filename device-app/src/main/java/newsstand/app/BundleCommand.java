package newsstand.app;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import newsstand.delivery.Bundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bundle", mixinStandardHelpOptions = true,
        description = {"Writes a signed bundle of an issue package for offline delivery (a USB stick): the manifest as "
                + "`publish` would sign it for the fleet, and its chunks, in one .nsb file. A kiosk takes it from its "
                + "import.path folder, or by `newsstand import`, with the same checks as over the broker."})
final class BundleCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Options.FleetOption fleet;
    @Mixin Options.KeyOption key;

    @Option(names = "--issue", paramLabel = "PATH", required = true, description = "The issue package folder (with issue.json).")
    Path issue;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The bundle to write, FILE" + Bundle.SUFFIX + ".")
    Path out;

    @Option(names = "--sequence", paramLabel = "N", description = "The issue's sequence; it must grow from issue to issue (default: now, in ms since 1970).")
    Long sequence;

    @Option(names = "--expires", paramLabel = "WHEN", description = "When kiosks stop taking it: a date (YYYY-MM-DD, UTC midnight) or an instant (default: 7 days from now).")
    String expires;

    @Option(names = "--activate-at", paramLabel = "WHEN", description = "An embargo: kiosks store the issue at once but show it "
            + "only from then on (default: at once).")
    String activateAt;

    @Override
    public Integer call() throws Exception {
        if (!out.getFileName().toString().endsWith(Bundle.SUFFIX)) {
            throw new Newsstand.UserError("--out " + out + ": the bundle's name must end in " + Bundle.SUFFIX + " (kiosks look for *" + Bundle.SUFFIX + ")");
        }
        Options.KeyOption.Signer signer = key.signer();
        Instant until = expires == null ? Instant.now().plus(Duration.ofDays(7)) : Options.instant("--expires", expires);
        Instant embargo = activateAt == null ? null : Options.instant("--activate-at", activateAt);
        Bundle.Written w = Bundle.write(fleet.fleet(), signer.key(), signer.id(), issue, Options.sequence(sequence), until, embargo, out);
        spec.commandLine().getOut().println("wrote " + out + ": issue " + w.issue() + " (sequence " + w.sequence() + ") for fleet "
                + fleet.fleet() + ", " + w.chunks() + " chunks, " + w.bytes() + " bytes" + (embargo == null ? "" : "; kiosks show it from " + embargo));
        return 0;
    }
}
