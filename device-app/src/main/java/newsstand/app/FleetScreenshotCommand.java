package newsstand.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import newsstand.desk.CommandOutcome;
import newsstand.issue.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@picocli.CommandLine.Command(name = "screenshot", mixinStandardHelpOptions = true,
        description = "Asks one kiosk for what its panel shows, at the panel's own depth, and writes it as a PNG.")
final class FleetScreenshotCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin CommandOptions sending;

    @Option(names = "--device", paramLabel = "ID", required = true, description = "The kiosk (device.id).")
    String device;

    @Option(names = "--out", paramLabel = "FILE.png", required = true, description = "Where to write the PNG.")
    Path out;

    @Override
    public Integer call() throws Exception {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) throw new Newsstand.UserError("--out " + out + ": folder " + parent + " does not exist");
        Command c = sending.command(List.of(device), "screenshot", List.of());
        CommandOutcome o = sending.send(c, spec.commandLine().getOut());
        if (o.screenshot() == null) return 1;
        Files.write(out, o.screenshot());
        spec.commandLine().getOut().println("written " + out + " (" + o.screenshot().length + " bytes)");
        return 0;
    }
}
