package newsstand.app;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "fleet", mixinStandardHelpOptions = true, subcommands = {FleetStatusCommand.class, FleetIssuesCommand.class, FleetCommandCommand.class, FleetScreenshotCommand.class, FleetResetSequenceCommand.class},
        description = "The fleet's kiosks and issues, as the broker's retained statuses and manifests tell.")
final class FleetCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (status, issues, command, screenshot, reset-sequence)");
    }
}
