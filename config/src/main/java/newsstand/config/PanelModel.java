package newsstand.config;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The e-paper panels a kiosk can drive: pixel size, grey levels and physical size, as sold. */
public enum PanelModel {
    /** Waveshare 10.3" HAT panel on an IT8951 controller. */
    IT8951_10IN3("it8951-10in3", 1872, 1404, 16, 10.3),
    /** Waveshare 13.3" HAT panel on an IT8951 controller. */
    IT8951_13IN3("it8951-13in3", 1600, 1200, 16, 13.3),
    /** Waveshare 6" HAT panel on an IT8951 controller. */
    IT8951_6IN("it8951-6in", 800, 600, 16, 6.0),
    /** Waveshare 7.5" e-Paper V2, black and white, UC8179 controller. */
    WAVESHARE_7IN5_V2("waveshare-7in5-v2", 800, 480, 2, 7.5);

    private final String id;
    private final int width;
    private final int height;
    private final int greyLevels;
    private final double diagonalInches;

    PanelModel(String id, int width, int height, int greyLevels, double diagonalInches) {
        this.id = id;
        this.width = width;
        this.height = height;
        this.greyLevels = greyLevels;
        this.diagonalInches = diagonalInches;
    }

    public String id() { return id; }
    public int width() { return width; }
    public int height() { return height; }
    /** 16 for the grey panels, 2 for black and white. */
    public int greyLevels() { return greyLevels; }
    public double diagonalInches() { return diagonalInches; }

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
