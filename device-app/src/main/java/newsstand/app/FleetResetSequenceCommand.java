package newsstand.app;

import java.util.concurrent.Callable;
import newsstand.desk.Desk;
import newsstand.desk.Signer;
import newsstand.issue.HighWaterReset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "reset-sequence", mixinStandardHelpOptions = true,
        description = {"The way back for a fleet whose kiosks refuse new issues as replays (an issue was published with a "
                + "sequence far too high): publishes a signed reset, retained, and each kiosk sets the highest sequence it "
                + "took to --to once, when it next reads it. Then publish the issue again."})
final class FleetResetSequenceCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Options.BrokerOption broker;
    @Mixin Options.FleetOption fleet;

    @Mixin Options.KeyOption key;

    @Option(names = "--to", paramLabel = "N", required = true, description = "The highest sequence kiosks keep as taken (0 or more).")
    long to;

    @Option(names = "--publication", paramLabel = "ID", description = "Reset only this publication's sequence (default: every publication's).")
    String publication;

    @Override
    public Integer call() throws Exception {
        if (to < 0) throw new Newsstand.UserError("--to " + to + " is not allowed (allowed: 0 or more)");
        if (publication != null) Options.publication(publication, "");
        HighWaterReset r;
        Signer signer = key.signer();
        try (Desk desk = Desk.open(broker.broker(), fleet.fleet(), signer)) {
            r = desk.resetSequence(publication, to);
        }
        spec.commandLine().getOut().println("published a reset of fleet " + fleet.fleet() + "'s highest sequence"
                + (publication == null ? "" : " of " + publication) + " to " + r.sequence()
                + " (issued " + r.issued() + "); each kiosk applies it once");
        return 0;
    }
}
