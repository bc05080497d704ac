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
 * refresh's mode and region to {@code refresh.log} in the same folder. A kiosk's panel keeps the newest frames only
 * (panel.output.keep), so that a kiosk running for months does not fill its disk; the log is then kept under
 * {@link #LOG_BYTES}, the lines before in {@code refresh.log.1}.
 */
public final class SimulatedPanel implements Panel {
    /** The refresh log's size beyond which a panel that keeps its newest frames starts it afresh. */
    static final long LOG_BYTES = 1 << 20;

    private final PanelModel model;
    private final Path folder;
    private final String namePattern;
    /** Frames kept, the newest; 0 for all. */
    private final int keep;
    private final byte[] shown;
    private int refreshes;

    /**
     * A panel that keeps every frame (the demo's and the renderer's pages).
     *
     * @param namePattern a String.format pattern for the file of the n-th refresh (1-based), e.g. "page-%03d.png"
     */
    public SimulatedPanel(PanelModel model, Path folder, String namePattern) throws IOException {
        this(model, folder, namePattern, 0);
    }

    /**
     * A panel that keeps the newest {@code keep} frames (0: all): the older ones are deleted, and so are those an
     * earlier run left under the same pattern (its numbering starts again at 1).
     */
    public SimulatedPanel(PanelModel model, Path folder, String namePattern, int keep) throws IOException {
        if (keep < 0) throw new IllegalArgumentException("frames kept must not be negative: " + keep);
        this.model = model;
        this.folder = folder;
        this.namePattern = namePattern;
        this.keep = namePattern.contains("%") ? keep : 0;
        Files.createDirectories(folder);
        this.shown = new byte[model.width() * model.height()];
        java.util.Arrays.fill(shown, (byte) (model.greyLevels() - 1));
        if (this.keep > 0) removeEarlierRun();
    }

    /** Deletes the frames an earlier run wrote under this panel's pattern. */
    private void removeEarlierRun() throws IOException {
        int at = namePattern.indexOf('%');
        String prefix = namePattern.substring(0, at), suffix = namePattern.substring(namePattern.indexOf('d', at) + 1);
        int removed = 0;
        try (var files = Files.newDirectoryStream(folder)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (name.length() > prefix.length() + suffix.length() && name.startsWith(prefix) && name.endsWith(suffix)
                        && name.substring(prefix.length(), name.length() - suffix.length()).chars().allMatch(Character::isDigit)) {
                    Files.deleteIfExists(f);
                    removed++;
                }
            }
        }
        if (removed > 0) Logger.info("simulated panel: {} frames of an earlier run removed from {}", removed, folder);
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
        if (keep > 0 && refreshes > keep) Files.deleteIfExists(file(refreshes - keep));
        String line = String.format("%04d %s %s %s%n", refreshes, mode, r, file.getFileName());
        Path log = folder.resolve("refresh.log");
        if (keep > 0 && Files.exists(log) && Files.size(log) > LOG_BYTES) {
            Files.move(log, folder.resolve("refresh.log.1"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(log, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
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
