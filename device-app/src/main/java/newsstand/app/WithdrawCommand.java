package newsstand.app;

import java.util.concurrent.Callable;
import newsstand.config.Name;
import newsstand.desk.Desk;
import newsstand.desk.Signer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "withdraw", mixinStandardHelpOptions = true,
        description = {"Takes an issue off the fleet's panels (a correction, a legal stop): a signed withdrawal replaces its "
                + "manifest on the broker and its chunks are cleared. Kiosks remove the issue and fall back to the one they "
                + "showed before; a correction published later (a higher sequence) is taken as usual."})
final class WithdrawCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Options.BrokerOption broker;
    @Mixin Options.FleetOption fleet;
    @Mixin Options.KeyOption key;

    @Option(names = "--issue", paramLabel = "ID", required = true, description = "The issue's id.")
    String issue;

    @Option(names = "--sequence", paramLabel = "N", description = "Withdraw what was published of the issue up to this sequence "
            + "(default: now, in ms since 1970: everything published so far).")
    Long sequence;

    @Override
    public Integer call() throws Exception {
        if (!Name.valid(issue)) throw new Newsstand.UserError("--issue '" + issue + "' is not allowed (allowed: " + Name.RULE + ")");
        Desk.Withdrawn w;
        Signer signer = key.signer();
        long asked = Options.sequence(sequence);
        try (Desk desk = Desk.open(broker.broker(), fleet.fleet(), signer)) {
            w = desk.withdraw(issue, asked);
        }
        long seq = w.sequence();
        int chunks = w.chunksCleared();
        spec.commandLine().getOut().println("withdrew issue " + issue + " from fleet " + fleet.fleet() + " up to sequence " + seq
                + ": a signed withdrawal in place of its manifest" + (chunks > 0 ? ", " + chunks + " chunks cleared" : " (the broker held no manifest of it)"));
        return 0;
    }
}
