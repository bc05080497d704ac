package newsstand.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import newsstand.config.DeviceConfig;
import newsstand.config.PanelDriver;
import newsstand.delivery.Broker;
import newsstand.delivery.DeviceSync;
import newsstand.display.Buttons;
import newsstand.display.Panel;
import newsstand.display.Panels;
import newsstand.display.SimulatedPanel;
import newsstand.issue.Keys;
import newsstand.store.IssueStore;
import org.tinylog.Logger;
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

    @Override
    public Integer call() throws Exception {
        DeviceConfig c = DeviceConfig.load(config);
        List<PublicKey> trusted = new ArrayList<>();
        for (Path p : c.trustKeys()) trusted.add(Keys.readPublic(p));
        Panel panel;
        if (c.panelDriver() == PanelDriver.SIMULATED) {
            Files.createDirectories(c.panelOutput());
            panel = new SimulatedPanel(c.panelModel(), c.panelOutput(), "page-%03d.png");
        } else {
            panel = Panels.pi4j(c.panelModel(), c.panelWiring(), c.panelVcomMillivolts());
        }
        IssueStore store = IssueStore.open(c.storagePath());
        Kiosk kiosk = new Kiosk(store, panel, c.fullRefreshEvery(), c.minRefreshIntervalMs());
        DeviceSync sync = null;
        if (c.mqtt() != null) {
            DeviceConfig.Mqtt m = c.mqtt();
            Broker broker = new Broker(m.url(), m.username(), m.password(), m.caFile());
            sync = DeviceSync.start(DeviceSync.Settings.of(broker, c.fleet(), c.deviceId(), trusted, c.storagePath(),
                    c.keepIssues(), c.quotaBytes()), id -> kiosk.events().add(new Kiosk.Activated(id)));
        } else {
            Logger.info("run: mqtt.url is not set; showing the stored issues only");
        }
        Buttons buttons = null;
        DeviceConfig.Buttons b = c.buttons();
        if (c.panelDriver() == PanelDriver.PI4J && (b.next() >= 0 || b.previous() >= 0 || b.home() >= 0)) {
            buttons = Panels.buttons(new int[] {b.next(), b.previous(), b.home()});
            buttons.start();
            Buttons source = buttons;
            Thread relay = new Thread(() -> {
                try {
                    while (true) kiosk.events().add(new Kiosk.Pressed(source.presses().take()));
                } catch (InterruptedException e) {
                    // stopping
                }
            }, "buttons-relay");
            relay.setDaemon(true);
            relay.start();
        }
        spec.commandLine().getOut().println("kiosk " + c.deviceId() + " of fleet " + c.fleet() + " running: " + c.panelModel().id()
                + " (" + c.panelDriver().name().toLowerCase() + "), store " + c.storagePath()
                + (c.mqtt() != null ? ", broker " + c.mqtt().url() : ", no broker"));
        DeviceSync running = sync;
        Buttons pressed = buttons;
        // On SIGTERM: stop the loop, then wait for the goodbye status and the store to close (main's System.exit
        // would block during shutdown, so the hook waits for the cleanup, not for main).
        java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
        Thread hook = new Thread(() -> {
            kiosk.events().add(new Kiosk.Stop());
            try {
                closed.await(15, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            kiosk.run();
        } finally {
            try {
                if (pressed != null) pressed.close();
                if (running != null) running.close();
                store.close();
                panel.close();
            } finally {
                closed.countDown();
            }
        }
        return 0;
    }
}
