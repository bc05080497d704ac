package newsstand.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import newsstand.config.Name;
import newsstand.desk.Desk;
import newsstand.issue.Manifest;
import newsstand.desk.Release;
import newsstand.desk.Signer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "publish", mixinStandardHelpOptions = true,
        description = {"Validates an issue package, signs its manifest and publishes it to a fleet: every chunk retained "
                + "on its own topic, then the manifest. Ends with a line naming the issue and the bytes sent.",
                "With --device, a trial: only the kiosks named take the issue, the others pass it over (kiosks of an earlier "
                        + "version refuse it for its format); publishing it again without --device releases it to the fleet."})
final class PublishCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Options.BrokerOption broker;
    @Mixin Options.FleetOption fleet;

    @Mixin Options.KeyOption key;
    @Mixin Options.Release release;

    @Option(names = "--issue", paramLabel = "PATH", required = true, description = "The issue package folder (with issue.json).")
    Path issue;

    @Option(names = "--device", paramLabel = "ID", split = ",", description = "Only these kiosks (device.id) take the issue: a trial "
            + "before the whole fleet; repeat it or separate ids with ','.")
    List<String> devices = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        Signer signer = key.signer();
        Release r = release.release();
        PrintWriter out = spec.commandLine().getOut();
        Desk.Published p;
        try (Desk desk = Desk.open(broker.broker(), fleet.fleet(), signer)) {
            p = desk.publish(issue, r, targets(), line -> out.println("  " + line));
        }
        Instant embargo = r.activateAt();
        out.println("published issue " + p.issue() + " (sequence " + p.sequence() + ") to "
                + (devices.isEmpty() ? "" : String.join(",", targets()) + " of ") + "fleet " + fleet.fleet() + ": "
                + p.bytes() + " bytes sent in " + p.chunks() + " chunks and a manifest"
                + (embargo == null ? "" : "; kiosks show it from " + embargo));
        return 0;
    }

    /** The kiosks of a trial, each named once, checked; empty for the whole fleet. */
    private List<String> targets() throws Newsstand.UserError {
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(devices));
        for (String d : ids) {
            if (!Name.valid(d) || d.equals(newsstand.delivery.Topics.ALL)) {
                throw new Newsstand.UserError("--device '" + d + "' is not allowed (allowed: a kiosk's device.id, " + Name.RULE + ")");
            }
        }
        if (ids.size() > Manifest.MAX_TARGETS) {
            throw new Newsstand.UserError("--device names " + ids.size() + " kiosks (allowed: up to " + Manifest.MAX_TARGETS + "; publish to the fleet instead)");
        }
        return ids;
    }
}
