package newsstand.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import newsstand.config.ConfigException;
import newsstand.config.DeviceConfig;
import newsstand.kiosk.Kiosk;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the kiosk: takes issues from the broker (mqtt.url), activates each complete, verified one, "
                + "and shows the active issue on the configured panel, turning pages on the buttons. A simulated panel "
                + "writes its pages as PNGs into panel.output. Stops on SIGTERM or Ctrl-C."})
final class RunCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", required = true, description = "The kiosk's configuration file.")
    Path config;

    @Option(names = "--exit-after-first-frame", hidden = true, description = "Stops once the first frame is on the panel (bench startup).")
    boolean firstFrameOnly;

    @Override
    public Integer call() throws Exception {
        DeviceConfig c;
        try {
            c = DeviceConfig.load(config);
        } catch (ConfigException e) {
            // Said on the panel too, when the configuration still names one: a technician at the kiosk sees it.
            DeviceConfig.forSetup(config).ifPresent(partial -> Kiosk.setup(partial, config, e.problems()));
            spec.commandLine().getErr().println("newsstand: " + e.getMessage());
            return Newsstand.CONFIGURATION;
        }
        Kiosk.run(c, spec.commandLine().getOut(), firstFrameOnly);
        return 0;
    }
}
