package newsstand.app;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import newsstand.issue.Command;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@picocli.CommandLine.Command(name = "command", mixinStandardHelpOptions = true,
        description = {"Sends kiosks a command signed with the operator's key and prints each kiosk's answer: done, failed "
                + "(with the reason) or refused (unsigned, expired, replayed, misaddressed). Exit 1 unless every kiosk asked "
                + "answered done in time.",
                "Commands: show PUBLICATION [PAGE], refresh, resync, screenshot (see `fleet screenshot`), set KEY=VALUE, restart, clear."})
final class FleetCommandCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CommandOptions sending;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Targets targets;

    static final class Targets {
        @Option(names = "--device", paramLabel = "ID", split = ",", description = "A kiosk (device.id); repeat it or separate ids with ','.")
        List<String> devices;

        @Option(names = "--all", description = "Every kiosk of the fleet (those online answer now).")
        boolean all;
    }

    @Parameters(index = "0", paramLabel = "COMMAND", description = "show, refresh, resync, screenshot, set, restart or clear.")
    String command;

    @Parameters(index = "1..*", paramLabel = "ARG", description = "show: PUBLICATION [PAGE]; set: KEY=VALUE.")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        List<String> to = targets.all ? List.of(Command.ALL) : targets.devices;
        Command c = sending.command(to, command, args);
        return sending.send(c, spec.commandLine().getOut()).allDone() ? 0 : 1;
    }
}
