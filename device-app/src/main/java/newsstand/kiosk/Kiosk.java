package newsstand.kiosk;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import newsstand.config.DeviceConfig;
import newsstand.config.Language;
import newsstand.config.PanelDriver;
import newsstand.delivery.Broker;
import newsstand.delivery.DeviceSync;
import newsstand.delivery.SyncSettings;
import newsstand.display.ButtonInput;
import newsstand.display.Framebuffer;
import newsstand.display.Panel;
import newsstand.display.Refresh;
import newsstand.display.Refresher;
import newsstand.fonts.FontException;
import newsstand.layout.IssueRenderer;
import newsstand.layout.PageRenderer;
import newsstand.layout.PhotoDecoder;
import newsstand.display.hardware.Panels;
import newsstand.issue.Keys;
import newsstand.store.IssueStore;
import newsstand.store.StoreRecovery;
import org.tinylog.Logger;

/**
 * The kiosk as it runs at a station, wired from its configuration: the panel (simulated or on Pi4J), the store,
 * the sync with the fleet's broker, the buttons, and the {@link DisplayLoop} that shows the active issue. Runs until
 * the process is told to stop (SIGTERM, Ctrl-C), then says goodbye to the broker and closes the store.
 */
public final class Kiosk {
    private Kiosk() {}

    /**
     * The setup screen on the panel a configuration that failed its check still names (see
     * {@link DeviceConfig#forSetup}): what is wrong and where, so that a technician at the kiosk sees it without a
     * laptop. The panel keeps the picture after the process ends. Failures are logged, never thrown.
     */
    public static void setup(DeviceConfig partial, Path configFile, List<String> problems) {
        try (Panel panel = Panels.open(partial.panel(), "page-%03d.png")) {
            Framebuffer fb = new Framebuffer(panel.model().width(), panel.model().height(), panel.model().greyLevels());
            Refresher refresher = new Refresher(panel, partial.panel().fullRefreshEvery(), partial.panel().minRefreshIntervalMs());
            Help help = new Help(partial.kiosk().helpUrl(), partial.device().id());
            try {
                IssueRenderer r = IssueRenderer.open(Language.ZH_HANS, partial.fontPaths());
                PageRenderer pages = r.renderer(file -> new byte[0], panel.model());
                try {
                    pages.draw(Screens.setup(r, panel.model(), help, configFile.toString(), problems), fb);
                } finally {
                    pages.close();
                }
                refresher.show(fb, Refresh.FLASH);
            } catch (FontException e) {
                NoFont.show(panel, fb, refresher, "F1", help);
            }
            Logger.info("setup: the panel shows what is wrong with {}", configFile);
        } catch (Exception e) {
            Logger.error("setup: the setup screen cannot be shown: {}", e.toString());
        }
    }

    /**
     * The configuration with the values the operator set from afar (kept in the store) over the file's; the file's
     * alone when those no longer fit it (the file was changed since), said in the log.
     */
    private static DeviceConfig withValuesSetFromAfar(DeviceConfig c, Path configFile, IssueStore store) {
        try {
            java.util.Map<String, String> set = store.commands().settings();
            if (set.isEmpty() || configFile == null) return c;
            DeviceConfig over = DeviceConfig.load(configFile, set);
            Logger.info("run: values set from afar: {}", set);
            return over;
        } catch (newsstand.store.StoreException | newsstand.config.ConfigException e) {
            Logger.warn("run: the values set from afar are not used: {}", e.getMessage());
            return c;
        }
    }

    /** The trial every complete issue passes before it is activated: composed for this kiosk's panel. */
    public static newsstand.delivery.Trial trial(DeviceConfig c) {
        return new IssueTrial(c.panel().model(), c.fontPaths());
    }

    /**
     * The CPU time the process has used (all its threads, user and system), in ms at the kernel's 10 ms ticks; -1
     * where /proc does not say. For `bench startup`: on a shared machine the wall clock to the first frame varies
     * with the others' load, the CPU spent on it much less.
     */
    static long processCpuMs() {
        try {
            String stat = java.nio.file.Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10; // utime, stime in USER_HZ (100 on Linux)
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Runs the kiosk; returns when it stopped. Prints one line saying what runs to out, and one when the first frame
     * was handed to the panel (with the milliseconds since the launcher started the JVM, when it said). With
     * firstFrameOnly, stops right after the first frame and says the process's CPU time until then (`bench startup`).
     */
    public static int run(DeviceConfig c, Path configFile, PrintWriter out, boolean firstFrameOnly) throws Exception {
        Crash.install();
        // The start uses every core (`bench startup`): the types and the image readers load and the store opens and is
        // checked beside the panel and the first page's composition; the sync starts after the first frame.
        Background<IssueRenderer> fonts = Background.start("fonts-opening", () -> IssueRenderer.openUncollected(Language.ZH_HANS, c.fontPaths()));
        PhotoDecoder.warmUpInBackground();
        Background<StoreRecovery.Opened> storeOpening = Background.start("store-opening", () -> StoreRecovery.open(c.storage().path()));
        Panel panel = Panels.open(c.panel(), "page-%03d.png");
        StoreRecovery.Opened opened;
        try {
            opened = storeOpening.join();
        } catch (Exception e) {
            panel.close();
            throw e;
        }
        IssueStore store = opened.store();
        DisplayLoop display = new DisplayLoop(store, panel, c.fontPaths(), c.panel().fullRefreshEvery(), c.panel().minRefreshIntervalMs());
        Remote remote = new Remote(display, configFile);
        remote.store(store);
        display.view().opening(Language.ZH_HANS, fonts.future());
        StatusLink status = new StatusLink();
        display.onShown(status::shown);
        // The sync starts once the first frame is handed to the panel (or the first screen could not be drawn): the
        // operator's keys, the security providers, its own connection to the store and the broker's client are about
        // a fifth of a cold start's CPU, which the first frame does not wait for. A sync that cannot start says so on
        // the panel (fault F4) and ends the kiosk. Before it, on the same thread, the collection the fonts' opening
        // left out (the mappings of the font files not chosen).
        AtomicReference<Background<DeviceSync>> syncing = new AtomicReference<>();
        boolean syncs = c.delivery().mqtt() != null || c.delivery().importPath() != null;
        if (!syncs) Logger.info("run: neither mqtt.url nor import.path is set; showing the stored issues only");
        // The reader comes first: the delivery's threads run below the display's priority (one core on a small board).
        if (syncs) newsstand.delivery.ReaderFirst.display();
        long[] cpuAtFirstFrame = {-1};
        Runnable afterFirstFrame = () -> {
            if (syncing.get() != null) return; // display thread only
            if (firstFrameOnly) cpuAtFirstFrame[0] = processCpuMs();
            syncing.set(Background.start("sync-start", () -> {
                System.gc();
                if (!syncs) return null;
                boolean[] keysRead = {false};
                try {
                    List<PublicKey> trusted = new ArrayList<>();
                    for (Path p : c.delivery().trustKeys()) trusted.add(Keys.readPublic(p));
                    keysRead[0] = true;
                    DeviceConfig.Mqtt m = c.delivery().mqtt();
                    Broker broker = m == null ? null : new Broker(m.url(), m.username(), m.password(), m.caFile());
                    DeviceSync sync = DeviceSync.start(SyncSettings.of(broker, c.device().fleet(), c.device().id(), trusted, c.storage().path(),
                            c.storage().keepIssues(), c.storage().quotaBytes()), trial(c), id -> display.events().add(new Event.Activated(id)),
                            (command, reply) -> display.events().add(new Event.Ping(() -> remote.carryOut(command, reply))));
                    sync.panelHealth(display.view()::health);
                    if (opened.replaced() != null) sync.report(opened.replaced());
                    status.connect(sync);
                    sync.onConnection(online -> display.events().add(new Event.Connection(online)));
                    sync.onProgress((issue, percent) -> display.events().add(new Event.Progress(issue, percent)));
                    sync.onNoRoom(why -> display.events().add(new Event.NoRoom(why)));
                    if (c.delivery().importPath() != null) ImportFolder.start(c.delivery().importPath(), sync);
                    return sync;
                } catch (Exception | Error e) {
                    display.events().add(new Event.SyncFailed(keysRead[0] ? "F4" : "F5", e.getMessage() != null ? e.getMessage() : e.toString()));
                    throw e;
                }
            }));
        };
        display.view().afterFirstFrame(afterFirstFrame);
        display.afterStart(afterFirstFrame);
        display.help(new Help(c.kiosk().helpUrl(), c.device().id()));
        remote.apply(withValuesSetFromAfar(c, configFile, store));
        display.schedule().station(c.kiosk().timezone(), c.kiosk().offlineBannerMinutes() * 60_000L, c.panel().nightlyClear());
        List<ButtonInput> inputs = new ArrayList<>();
        if (c.kiosk().buttonsInput() != null) inputs.add(new PressInput(c.kiosk().buttonsInput()));
        DeviceConfig.Buttons b = c.buttons();
        if (c.panel().driver() == PanelDriver.PI4J && (b.next() >= 0 || b.previous() >= 0 || b.home() >= 0)) {
            inputs.add(Panels.buttons(new int[] {b.next(), b.previous(), b.home()}, c.kiosk().holdMs()));
        }
        for (ButtonInput input : inputs) input.start(p -> display.events().add(new Event.Pressed(p)));
        out.println("kiosk " + c.device().id() + " of fleet " + c.device().fleet() + " running: " + c.panel().model().id()
                + " (" + c.panel().driver().name().toLowerCase() + "), store " + c.storage().path()
                + (c.delivery().mqtt() != null ? ", broker " + c.delivery().mqtt().url() : ", no broker"));
        display.onFirstFrame(handed -> {
            Long launched = Long.getLong("newsstand.launched");
            out.println("first frame handed to the panel" + (launched == null ? "" : " " + (handed - launched) + " ms after launch")
                    + (cpuAtFirstFrame[0] >= 0 ? ", process CPU " + cpuAtFirstFrame[0] + " ms" : ""));
            if (firstFrameOnly) display.events().add(new Event.Stop());
        });
        // On SIGTERM: stop the loop, then wait for the goodbye status and the store to close (main's System.exit
        // would block during shutdown, so the hook waits for the cleanup, not for main).
        CountDownLatch closed = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            display.events().add(new Event.Stop());
            try {
                closed.await(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            display.run();
            Background<DeviceSync> sync = syncing.get();
            if (sync != null) sync.join(); // a sync that could not start ends the kiosk with its reason
            if (remote.restartAsked()) {
                out.println("the operator asked for a restart: ending with " + Remote.RESTART + "; newsstand.service starts the kiosk again");
                return Remote.RESTART;
            }
            return 0;
        } finally {
            try {
                for (ButtonInput input : inputs) input.close();
                Background<DeviceSync> sync = syncing.get();
                DeviceSync running = sync == null ? null : sync.joinQuietly();
                if (running != null) running.close();
                store.close();
                panel.close();
            } finally {
                closed.countDown();
            }
        }
    }
}
