package newsstand.app;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import newsstand.config.PanelModel;
import newsstand.display.Framebuffer;
import newsstand.display.Panel;
import newsstand.display.Region;
import newsstand.display.hardware.Panels;
import newsstand.layout.PhotoDecoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "trace", mixinStandardHelpOptions = true,
        description = {"Runs the real driver for a panel model against recording wires with a simulated controller "
                + "(an IT8951 answers device info for the model) and writes the traffic, one event a line: RESET, "
                + "WAIT BUSY|HRDY, DELAY MS; UC8179: CMD 0xNN, DATA N first=HEX, PIXELS N sha256=HEX; IT8951: "
                + "CMD 0xNNNN, WRITE W1 W2 ..., PIXELS N sha256=HEX, READ N. The first refresh includes the "
                + "driver's start-up; the panel is put to sleep at the end."})
final class PanelTraceCommand implements Callable<Integer> {
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
        List<String> refreshes = model.controller().refreshes();
        if (!refreshes.contains(refresh)) {
            throw new Newsstand.UserError("--refresh '" + refresh + "' is not allowed on " + model.id() + "'s " + model.controller()
                    + " (allowed: " + String.join(", ", refreshes) + ")");
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
