package newsstand.app;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "fleet", mixinStandardHelpOptions = true, subcommands = {FleetStatusCommand.class, FleetCommandCommand.class, FleetScreenshotCommand.class, FleetResetSequenceCommand.class},
        description = "The fleet's kiosks, as their retained statuses on the broker tell.")
final class FleetCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (status, command, screenshot, reset-sequence)");
    }
}
