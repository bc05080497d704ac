package newsstand.app;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Technicians' and driver developers' tools for the panel. */
@Command(name = "panel", mixinStandardHelpOptions = true, description = "Tools for the panel: trace a driver, show a test pattern, clear.",
        subcommands = {PanelTraceCommand.class, PanelTestPatternCommand.class, PanelClearCommand.class})
final class PanelCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a panel command is required (trace, test-pattern, clear)");
    }
}
