package newsstand.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import newsstand.config.DeviceConfig;
import newsstand.config.PanelDriver;
import newsstand.config.PanelModel;
import newsstand.display.Framebuffer;
import newsstand.display.Panel;
import newsstand.display.Panels;
import newsstand.display.RefreshMode;
import newsstand.display.Region;
import newsstand.display.SimulatedPanel;
import newsstand.layout.PhotoDecoder;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Technicians' and driver developers' tools for the panel. */
@Command(name = "panel", mixinStandardHelpOptions = true, description = "Tools for the panel: trace a driver, show a test pattern, clear.",
        subcommands = {PanelCommand.Trace.class, PanelCommand.TestPattern.class, PanelCommand.Clear.class})
final class PanelCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a panel command is required (trace, test-pattern, clear)");
    }

    @Command(name = "trace", mixinStandardHelpOptions = true,
            description = {"Runs the real driver for a panel model against recording wires with a simulated controller "
                    + "(an IT8951 answers device info for the model) and writes the traffic, one event a line: RESET, "
                    + "WAIT BUSY|HRDY, DELAY MS; UC8179: CMD 0xNN, DATA N first=HEX, PIXELS N sha256=HEX; IT8951: "
                    + "CMD 0xNNNN, WRITE W1 W2 ..., PIXELS N sha256=HEX, READ N. The first refresh includes the "
                    + "driver's start-up; the panel is put to sleep at the end."})
    static final class Trace implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(names = "--panel", paramLabel = "MODEL", required = true,
                description = "Panel model: it8951-10in3, it8951-13in3, it8951-6in or waveshare-7in5-v2.")
        PanelModel model;

        @Option(names = "--image", paramLabel = "PNG", required = true, description = "The image shown (scaled to the panel).")
        Path image;

        @Option(names = "--refresh", paramLabel = "MODE", required = true,
                description = "full, fast or partial; on IT8951 panels also the waveforms gc16, du or a2.")
        String refresh;

        @Option(names = "--region", paramLabel = "X,Y,W,H", description = "The region refreshed (default: the whole panel).")
        String region;

        @Option(names = "--buffer", paramLabel = "BYTES", defaultValue = "4096",
                description = "spidev's buffer size, the largest SPI frame (default: ${DEFAULT-VALUE}).")
        int buffer;

        @Option(names = "--out", paramLabel = "FILE", required = true, description = "The trace file.")
        Path out;

        @Override
        public Integer call() throws Exception {
            if (!Panels.REFRESHES.contains(refresh)) {
                throw new Newsstand.UserError("--refresh '" + refresh + "' is not allowed (allowed: " + String.join(", ", Panels.REFRESHES) + ")");
            }
            if (buffer < 64 || buffer > 1 << 20) throw new Newsstand.UserError("--buffer " + buffer + " is not allowed (allowed: 64 to 1048576)");
            Framebuffer fb = new Framebuffer(model.width(), model.height(), model.greyLevels());
            fb.fill(255);
            fb.drawPicture(PhotoDecoder.decode(Files.readAllBytes(image), model.width(), model.height()), 0, 0);
            Region r = region == null ? Region.of(fb) : region(region, model);
            List<String> events;
            try {
                events = Panels.trace(model, fb, r, refresh, buffer);
            } catch (IllegalArgumentException e) {
                throw new Newsstand.UserError("--refresh: " + e.getMessage());
            }
            Files.writeString(out, String.join("\n", events) + "\n", StandardCharsets.UTF_8);
            spec.commandLine().getOut().println("wrote " + events.size() + " events of a " + refresh + " refresh of "
                    + r + " on " + model.id() + " to " + out);
            return 0;
        }

        private static Region region(String text, PanelModel model) throws Newsstand.UserError {
            String[] parts = text.split(",");
            String allowed = " (allowed: X,Y,W,H inside the panel's " + model.width() + "x" + model.height() + ")";
            if (parts.length != 4) throw new Newsstand.UserError("--region '" + text + "' is not X,Y,W,H" + allowed);
            int[] v = new int[4];
            try {
                for (int i = 0; i < 4; i++) v[i] = Integer.parseInt(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new Newsstand.UserError("--region '" + text + "' is not four whole numbers" + allowed);
            }
            if (v[0] < 0 || v[1] < 0 || v[2] < 1 || v[3] < 1 || v[0] + v[2] > model.width() || v[1] + v[3] > model.height()) {
                throw new Newsstand.UserError("--region '" + text + "' is outside the panel" + allowed);
            }
            return new Region(v[0], v[1], v[2], v[3]);
        }
    }

    /** Where test-pattern and clear show: the configured panel, or a simulated one writing PNGs. */
    static final class Target {
        @ArgGroup(exclusive = true, multiplicity = "1")
        Choice choice;

        static final class Choice {
            @Option(names = "--config", paramLabel = "FILE", description = "The kiosk's configuration: its panel and driver.")
            Path config;

            @Option(names = "--panel", paramLabel = "MODEL", description = "A simulated panel of this model (PNGs into --out).")
            PanelModel model;
        }

        @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/panel", description = "Folder for a simulated panel's PNGs (default: ${DEFAULT-VALUE}).")
        Path out;

        Panel open() throws Exception {
            if (choice.model != null) {
                Files.createDirectories(out);
                return new SimulatedPanel(choice.model, out, "panel-%03d.png");
            }
            DeviceConfig c = DeviceConfig.load(choice.config);
            if (c.panelDriver() == PanelDriver.SIMULATED) {
                Files.createDirectories(c.panelOutput());
                return new SimulatedPanel(c.panelModel(), c.panelOutput(), "panel-%03d.png");
            }
            return Panels.pi4j(c.panelModel(), c.panelWiring(), c.panelVcomMillivolts());
        }
    }

    @Command(name = "test-pattern", mixinStandardHelpOptions = true,
            description = {"Shows a test pattern with a full refresh: the panel's grey steps, a one-pixel grid, corner marks "
                    + "and a checkerboard, so a technician sees that every part of the panel, every grey and the "
                    + "orientation are right."})
    static final class TestPattern implements Callable<Integer> {
        @Spec CommandSpec spec;

        @picocli.CommandLine.Mixin Target target;

        @Override
        public Integer call() throws Exception {
            try (Panel panel = target.open()) {
                Framebuffer fb = pattern(panel.model());
                panel.refresh(fb, Region.of(fb), RefreshMode.FULL);
                panel.sleep();
                spec.commandLine().getOut().println("showed the test pattern on " + panel.model().id() + " ("
                        + panel.model().greyLevels() + " grey steps, grid every " + grid(panel.model()) + " px)");
            }
            return 0;
        }

        static int grid(PanelModel m) {
            return Math.max(16, m.width() / 16);
        }

        /**
         * Grey steps across the top half (black left to white right), a grid of one-pixel lines, a checkerboard of
         * single pixels in the bottom-right quarter, and a solid square in the top-left corner (orientation).
         */
        static Framebuffer pattern(PanelModel m) {
            int w = m.width(), h = m.height();
            Framebuffer fb = new Framebuffer(w, h, m.greyLevels());
            fb.fill(255);
            int levels = m.greyLevels();
            for (int i = 0; i < levels; i++) {
                int x0 = i * w / levels, x1 = (i + 1) * w / levels;
                fb.fillRect(x0, h / 8, x1 - x0, h * 3 / 8, i * 255 / (levels - 1));
            }
            int g = grid(m);
            for (int x = 0; x < w; x += g) fb.fillRect(x, h / 2, 1, h / 2, 0);
            for (int y = h / 2; y < h; y += g) fb.fillRect(0, y, w, 1, 0);
            for (int y = h * 3 / 4; y < h; y++) {
                for (int x = w / 2 + (y & 1); x < w; x += 2) fb.fillRect(x, y, 1, 1, 0);
            }
            fb.fillRect(0, 0, h / 10, h / 10, 0);
            fb.fillRect(0, 0, w, 1, 0);
            fb.fillRect(0, h - 1, w, 1, 0);
            fb.fillRect(0, 0, 1, h, 0);
            fb.fillRect(w - 1, 0, 1, h, 0);
            return fb;
        }
    }

    @Command(name = "clear", mixinStandardHelpOptions = true,
            description = "Clears the panel to white with a full, flashing refresh (after ghosting, before storage).")
    static final class Clear implements Callable<Integer> {
        @Spec CommandSpec spec;

        @picocli.CommandLine.Mixin Target target;

        @Override
        public Integer call() throws IOException, Exception {
            try (Panel panel = target.open()) {
                panel.clear();
                panel.sleep();
                spec.commandLine().getOut().println("cleared " + panel.model().id());
            }
            return 0;
        }
    }
}
