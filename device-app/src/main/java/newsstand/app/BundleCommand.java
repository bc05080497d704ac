package newsstand.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import newsstand.delivery.Bundle;
import newsstand.desk.Desk;
import newsstand.desk.Release;
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
    @Mixin Options.Release release;

    @Option(names = "--issue", paramLabel = "PATH", required = true, description = "The issue package folder (with issue.json).")
    Path issue;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "The bundle to write, FILE" + Bundle.SUFFIX + ".")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!out.getFileName().toString().endsWith(Bundle.SUFFIX)) {
            throw new Newsstand.UserError("--out " + out + ": the bundle's name must end in " + Bundle.SUFFIX + " (kiosks look for *" + Bundle.SUFFIX + ")");
        }
        Desk desk = Desk.offline(fleet.fleet(), key.signer());
        Release r = release.release();
        Desk.Bundled w = desk.bundle(issue, r, out);
        java.time.Instant embargo = r.activateAt();
        spec.commandLine().getOut().println("wrote " + out + ": issue " + w.issue() + " (sequence " + w.sequence() + ") for fleet "
                + fleet.fleet() + ", " + w.chunks() + " chunks, " + w.bytes() + " bytes" + (embargo == null ? "" : "; kiosks show it from " + embargo));
        return 0;
    }
}
