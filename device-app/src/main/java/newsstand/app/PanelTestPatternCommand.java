package newsstand.app;

import java.util.concurrent.Callable;
import newsstand.config.PanelModel;
import newsstand.display.Framebuffer;
import newsstand.display.Panel;
import newsstand.display.RefreshMode;
import newsstand.display.Region;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "test-pattern", mixinStandardHelpOptions = true,
        description = {"Shows a test pattern with a full refresh: the panel's grey steps, a one-pixel grid, corner marks "
                + "and a checkerboard, so a technician sees that every part of the panel, every grey and the "
                + "orientation are right."})
final class PanelTestPatternCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @picocli.CommandLine.Mixin Options.PanelTarget target;

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
