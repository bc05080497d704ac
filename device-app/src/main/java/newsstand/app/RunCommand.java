package newsstand.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import newsstand.config.ConfigException;
import newsstand.config.DeviceConfig;
import newsstand.display.PanelException;
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
        return start(config, spec.commandLine().getOut(), spec.commandLine().getErr(), firstFrameOnly);
    }

    /**
     * Whether a command line is the kiosk's own start as newsstand.service (and `bench startup`) give it:
     * {@code run --config FILE [--exit-after-first-frame]}. It is run without building picocli's model of the
     * command, about 80 ms of the first page at power-on; any other form goes through picocli.
     */
    static boolean plain(String... args) {
        return (args.length == 3 || args.length == 4 && args[3].equals("--exit-after-first-frame"))
                && args[0].equals("run") && args[1].equals("--config") && !args[2].startsWith("-");
    }

    static int start(Path config, PrintWriter out, PrintWriter err, boolean firstFrameOnly) throws Exception {
        // sqlite-jdbc's native library and its date formats (locale data), and the logger, load on another core
        // while the configuration is read: about 60 ms of the first page (bench startup).
        Thread warm = new Thread(() -> {
            try {
                org.sqlite.SQLiteJDBCLoader.initialize();
                new org.sqlite.SQLiteConfig();
                org.tinylog.Logger.debug("run: sqlite-jdbc loaded");
            } catch (Exception e) {
                // the store's opening says what is wrong
            }
        }, "sqlite-loading");
        warm.setDaemon(true);
        warm.start();
        DeviceConfig c;
        try {
            c = DeviceConfig.load(config);
        } catch (ConfigException e) {
            // Said on the panel too, when the configuration still names one: a technician at the kiosk sees it.
            DeviceConfig.forSetup(config).ifPresent(partial -> Kiosk.setup(partial, config, e.problems()));
            err.println("newsstand: " + e.getMessage());
            return Newsstand.CONFIGURATION;
        }
        try {
            return Kiosk.run(c, config, out, firstFrameOnly);
        } catch (PanelException e) {
            // The panel's device cannot be opened (SPI off, a HAT not seated): the Pi's set-up, which no restart mends.
            // The panel keeps the picture it had: nothing can reach it.
            err.println("newsstand: " + e.getMessage() + "; the panel shows nothing new until then");
            warm.join(5000); // its log line starts the logger, which cannot start once the JVM is shutting down
            return Newsstand.CONFIGURATION;
        }
    }
}
