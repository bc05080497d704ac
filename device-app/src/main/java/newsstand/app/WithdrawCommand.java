package newsstand.app;

import java.util.concurrent.Callable;
import newsstand.delivery.Publisher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "withdraw", mixinStandardHelpOptions = true,
        description = {"Removes an issue from the broker (its manifest and chunks), so no kiosk starts taking it. "
                + "Kiosks that already show it keep it."})
final class WithdrawCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Options.BrokerOption broker;
    @Mixin Options.FleetOption fleet;

    @Option(names = "--issue", paramLabel = "ID", required = true, description = "The issue's id.")
    String issue;

    @Override
    public Integer call() throws Exception {
        int chunks = Publisher.withdraw(broker.broker(), fleet.fleet(), issue);
        spec.commandLine().getOut().println("withdrew issue " + issue + " from fleet " + fleet.fleet() + " (manifest and " + chunks + " chunks)");
        return 0;
    }
}
