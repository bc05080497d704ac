package newsstand.config;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The e-paper panels a kiosk can drive, as data: pixel size, grey levels and physical size as sold, the controller
 * and how its image is loaded, the wiring of the vendor's HAT, and how often a full, flashing refresh clears the
 * ghosting of partial ones.
 */
public enum PanelModel {
    /** Waveshare 10.3" HAT panel on an IT8951 controller; mounted mirrored, its image flipped left to right. */
    IT8951_10IN3("it8951-10in3", 1872, 1404, 16, 10.3, PanelController.IT8951, true, "M841_TFAB512"),
    /** Waveshare 13.3" HAT panel on an IT8951 controller. */
    IT8951_13IN3("it8951-13in3", 1600, 1200, 16, 13.3, PanelController.IT8951, false, "M841_TFAB512"),
    /** Waveshare 6" HAT panel on an IT8951 controller (its M641 firmware numbers A2 differently). */
    IT8951_6IN("it8951-6in", 800, 600, 16, 6.0, PanelController.IT8951, false, "M641_TFA2812"),
    /** Waveshare 7.5" e-Paper V2, black and white, UC8179 controller. */
    WAVESHARE_7IN5_V2("waveshare-7in5-v2", 800, 480, 2, 7.5, PanelController.UC8179, false, null);

    private final String id;
    private final int width;
    private final int height;
    private final int greyLevels;
    private final double diagonalInches;
    private final PanelController controller;
    private final boolean mirrored;
    private final String lut;

    PanelModel(String id, int width, int height, int greyLevels, double diagonalInches, PanelController controller,
               boolean mirrored, String lut) {
        this.id = id;
        this.width = width;
        this.height = height;
        this.greyLevels = greyLevels;
        this.diagonalInches = diagonalInches;
        this.controller = controller;
        this.mirrored = mirrored;
        this.lut = lut;
    }

    public String id() { return id; }
    public int width() { return width; }
    public int height() { return height; }
    /** 16 for the grey panels, 2 for black and white. */
    public int greyLevels() { return greyLevels; }
    public double diagonalInches() { return diagonalInches; }
    public PanelController controller() { return controller; }

    /** Bits per pixel of the panel's own image (and of glyphs kept for it): 4 for 16 greys, 1 for black and white. */
    public int bitsPerPixel() {
        return greyLevels == 2 ? 1 : 4;
    }

    /** Whether the panel is mounted mirrored: its image is flipped left to right before loading. */
    public boolean mirrored() { return mirrored; }

    /** The waveform table (LUT) an IT8951 reports for this panel; null for other controllers. */
    public String lut() { return lut; }

    /** Partial refreshes before a full, flashing one clears their ghosting (panel.full-refresh-every's default). */
    public int fullRefreshEvery() { return Setting.PANEL_FULL_EVERY.defaultNumber(); }

    /** Waveshare's HAT for the panel's controller. */
    public PanelWiring hat() {
        return controller.hat();
    }

    /** Pixels per inch, from the pixel size and the diagonal. */
    public double dpi() {
        return Math.hypot(width, height) / diagonalInches;
    }

    /** The ids every command and configuration file accepts, comma separated. */
    public static String allowed() {
        return Arrays.stream(values()).map(PanelModel::id).collect(Collectors.joining(", "));
    }

    /** The model with this id; the message names the bad value and the allowed ones. */
    public static PanelModel byId(String id) {
        for (PanelModel m : values()) {
            if (m.id.equals(id)) return m;
        }
        throw new IllegalArgumentException("unknown panel model '" + id + "' (allowed: " + allowed() + ")");
    }

    @Override
    public String toString() { return id; }
}
