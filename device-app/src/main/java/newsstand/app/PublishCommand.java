package newsstand.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import newsstand.desk.Desk;
import newsstand.desk.Release;
import newsstand.desk.Signer;
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
    @Mixin Options.Release release;

    @Option(names = "--issue", paramLabel = "PATH", required = true, description = "The issue package folder (with issue.json).")
    Path issue;

    @Override
    public Integer call() throws Exception {
        Signer signer = key.signer();
        Release r = release.release();
        PrintWriter out = spec.commandLine().getOut();
        Desk.Published p;
        try (Desk desk = Desk.open(broker.broker(), fleet.fleet(), signer)) {
            p = desk.publish(issue, r, line -> out.println("  " + line));
        }
        Instant embargo = r.activateAt();
        out.println("published issue " + p.issue() + " (sequence " + p.sequence() + ") to fleet " + fleet.fleet() + ": "
                + p.bytes() + " bytes sent in " + p.chunks() + " chunks and a manifest"
                + (embargo == null ? "" : "; kiosks show it from " + embargo));
        return 0;
    }
}
