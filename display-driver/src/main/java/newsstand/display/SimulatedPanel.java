package newsstand.display;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import newsstand.config.PanelModel;
import org.tinylog.Logger;

/**
 * A panel that runs on any computer: it keeps what a real panel would show and writes it after every refresh as a
 * PNG in the panel's own pixel depth (4-bit grey for the 16-grey panels, 1-bit for black and white), and logs each
 * refresh's mode and region to {@code refresh.log} in the same folder.
 */
public final class SimulatedPanel implements Panel {
    private final PanelModel model;
    private final Path folder;
    private final String namePattern;
    private final byte[] shown;
    private int refreshes;

    /**
     * @param namePattern a String.format pattern for the file of the n-th refresh (1-based), e.g. "page-%03d.png"
     */
    public SimulatedPanel(PanelModel model, Path folder, String namePattern) throws IOException {
        this.model = model;
        this.folder = folder;
        this.namePattern = namePattern;
        Files.createDirectories(folder);
        this.shown = new byte[model.width() * model.height()];
        java.util.Arrays.fill(shown, (byte) (model.greyLevels() - 1));
    }

    @Override
    public PanelModel model() { return model; }

    /** The file the n-th refresh (1-based) was written to. */
    public Path file(int n) {
        return folder.resolve(String.format(namePattern, n));
    }

    @Override
    public void refresh(Framebuffer frame, Region region, RefreshMode mode) throws IOException {
        if (frame.width() != model.width() || frame.height() != model.height()) {
            throw new IllegalArgumentException("framebuffer is " + frame.width() + "x" + frame.height() + ", panel "
                    + model.id() + " is " + model.width() + "x" + model.height());
        }
        Region r = region.clip(model.width(), model.height());
        int levels = model.greyLevels();
        byte[] px = frame.pixels();
        for (int y = r.y(); y < r.y() + r.height(); y++) {
            for (int x = r.x(); x < r.x() + r.width(); x++) {
                int i = y * model.width() + x;
                int level = Framebuffer.quantize(px[i] & 0xFF, levels);
                // The fast mode shows black and white only, as A2 and DU waveforms do.
                if (mode == RefreshMode.FAST) level = level >= levels / 2 ? levels - 1 : 0;
                shown[i] = (byte) level;
            }
        }
        refreshes++;
        Path file = file(refreshes);
        int depth = levels == 2 ? 1 : levels == 4 ? 2 : levels == 16 ? 4 : 8;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024)) {
            PngWriter.write(out, model.width(), model.height(), depth, shown);
        }
        String line = String.format("%04d %s %s %s%n", refreshes, mode, r, file.getFileName());
        Files.writeString(folder.resolve("refresh.log"), line, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Logger.debug("simulated {} refresh {} {} -> {}", model.id(), mode, r, file);
    }

    @Override
    public void clear() throws IOException {
        Framebuffer white = new Framebuffer(model.width(), model.height(), model.greyLevels());
        white.fill(255);
        refresh(white, Region.of(white), RefreshMode.FULL);
    }

    /** A simulated panel draws no power: nothing to do. */
    @Override
    public void sleep() {
    }

    @Override
    public void close() {
    }
}
