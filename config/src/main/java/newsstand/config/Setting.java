package newsstand.config;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every setting of a kiosk's configuration file, each declared once: its key, type, default, range and unit, what it
 * takes in words, and whether the operator may set it from afar. The parser, the remote allow-list, the values other
 * modules start from and the table of settings in config/README.md ({@link SettingsTable}) all read these.
 */
public enum Setting {
    DEVICE_ID("device.id", Type.NAME, null, Name.RULE),
    DEVICE_FLEET("device.fleet", Type.NAME, "default", Name.RULE),
    PANEL_MODEL("panel.model", Type.CHOICE, null, "one of " + PanelModel.allowed()),
    PANEL_DRIVER("panel.driver", Type.CHOICE, "simulated", "simulated or pi4j"),
    PANEL_OUTPUT("panel.output", Type.PATH, "out/panel", "a folder the simulated panel writes PNGs to"),
    PANEL_OUTPUT_KEEP("panel.output.keep", 50, 1, 100_000, "frames", "the simulated panel keeps in panel.output, the newest (the"
            + " oldest are deleted, and a start deletes those of the run before)"),
    PANEL_VCOM("panel.vcom", Type.VOLTS, "-2.00", "the VCOM printed on an IT8951 panel's cable, -0.20 to -5.00 (volts)"),
    PANEL_SPI_BUS("panel.spi.bus", 0, 6, "", "", Flag.HAT),
    PANEL_SPI_CHIP_SELECT("panel.spi.chip-select", 0, 2, "", "(0 is CE0)", Flag.HAT),
    PANEL_SPI_CLOCK("panel.spi.clock-hz", 100_000, 24_000_000, "Hz", "", Flag.HAT),
    PANEL_PIN_RESET("panel.pin.reset", Type.PIN, "for the panel's reset line", Flag.HAT),
    PANEL_PIN_DC("panel.pin.dc", Type.PIN_OR_NONE, "for the data/command line", Flag.HAT),
    PANEL_PIN_BUSY("panel.pin.busy", Type.PIN, "for the ready line (HRDY on IT8951 HATs)", Flag.HAT),
    PANEL_PIN_POWER("panel.pin.power", Type.PIN_OR_NONE, "for the panel's power switch", Flag.HAT),
    /** KOReader's default: a full refresh after six partial ones. */
    PANEL_FULL_EVERY("panel.full-refresh-every", 6, 1, 100, "partial refreshes", "before a full one", Flag.REMOTE),
    PANEL_MIN_INTERVAL("panel.min-refresh-interval-ms", 0, 0, 600_000, "milliseconds", "between refreshes"),
    PANEL_NIGHTLY_CLEAR("panel.nightly-clear", Type.TIME, "03:00", "a time of day HH:MM (in kiosk.timezone) for a full clear of the panel"
            + " against ghosting, or none"),
    BUTTON_NEXT("button.next", Type.PIN_OR_NONE, "(pressed when low)"),
    BUTTON_PREVIOUS("button.previous", Type.PIN_OR_NONE, "(pressed when low)"),
    BUTTON_HOME("button.home", Type.PIN_OR_NONE, "(pressed when low)"),
    KIOSK_HOURS("kiosk.hours", Type.HOURS, "", "empty (always open), or " + OpeningHours.FORMAT, Flag.REMOTE),
    KIOSK_TIMEZONE("kiosk.timezone", Type.ZONE, "", "empty (the system's), or a time zone such as Asia/Shanghai"),
    KIOSK_OFFLINE_BANNER("kiosk.offline-banner.minutes", 60, 0, 10_080, "minutes", "offline before a banner over the footer says so"),
    KIOSK_IDLE("kiosk.idle.seconds", 120, 5, 86_400, "seconds", "without a press before the kiosk goes back to the front page",
            Flag.ZERO_IS_NEVER, Flag.REMOTE),
    KIOSK_TITLES("kiosk.titles", Type.TITLES, "", "empty (titles in order of first arrival), or " + TitlePlan.FORMAT, Flag.REMOTE),
    KIOSK_ROTATE("kiosk.rotate.seconds", 0, 5, 86_400, "seconds", "each title's front page stays once the kiosk is idle",
            Flag.ZERO_IS_NEVER, Flag.REMOTE),
    KIOSK_HOLD("kiosk.hold.ms", 800, 200, 5000, "milliseconds", "a button is held for a long press"),
    KIOSK_HELP_URL("kiosk.help.url", Type.TEXT, "https://github.com/newsstand-kiosk/newsstand?device={device}#{code}", "the page the QR"
            + " code of a fault or setup screen leads to: an http:// or https:// URL of printable characters, at most 200, where {device} is"
            + " replaced by the device id and {code} by the screen's code (F2, S1, W1, ...); the default is the section of the README that"
            + " explains the code"),
    BUTTONS_INPUT("buttons.input", Type.PATH, "", "empty, or a file or named pipe the kiosk reads presses from, one a line: next, previous,"
            + " home, hold next, hold previous, hold home (for a simulated panel, tests and a technician's laptop)"),
    STORAGE_PATH("storage.path", Type.PATH, "newsstand.db", "the path of the SQLite file, in an existing folder"),
    STORAGE_KEEP("storage.keep-issues", 7, 2, 365, "issues", "kept (the active and the previous one always are)"),
    STORAGE_QUOTA("storage.quota-mb", 512, 16, 1_000_000, "megabytes", "the stored issues may take"),
    MQTT_URL("mqtt.url", Type.URL, "", "empty (no delivery), or the broker as tcp://HOST:PORT or ssl://HOST:PORT, PORT 1 to 65535;"
            + " several brokers of a cluster separated by ',' (tried in that order)"),
    MQTT_USERNAME("mqtt.username", Type.TEXT, "", "the kiosk's user name on the broker (empty: none)"),
    MQTT_PASSWORD("mqtt.password", Type.TEXT, "", "the kiosk's password on the broker (empty: none)"),
    MQTT_CA_FILE("mqtt.ca-file", Type.PATH, "", "a PEM file of the CA that signed the broker's certificate (empty: the system's CAs)"),
    TRUST_KEYS("trust.keys", Type.PATHS, "", "operator public key files (operator.pub) separated by ',', at least one when mqtt.url or"
            + " import.path is set"),
    IMPORT_PATH("import.path", Type.PATH, "", "empty (none), or a folder (a USB stick's mount point) the kiosk takes signed bundles (*.nsb)"
            + " from; only read"),
    FONTS_PATH("fonts.path", Type.PATHS, "", "extra font folders separated by ':', each an existing folder");

    /** What a setting's value is, as the table of settings names it. */
    public enum Type {
        NAME("name"), CHOICE("choice"), PATH("path"), PATHS("paths"), VOLTS("volts"), NUMBER("whole number"), PIN("GPIO"),
        PIN_OR_NONE("GPIO or none"), TIME("time of day"), HOURS("hours"), ZONE("time zone"), TITLES("titles"), URL("URLs"), TEXT("text");

        private final String label;

        Type(String label) { this.label = label; }

        @Override
        public String toString() { return label; }
    }

    enum Flag {
        /** The operator may set it from afar (`newsstand fleet command ... set KEY=VALUE`). */
        REMOTE,
        /** 0 turns it off; other values are in the range. */
        ZERO_IS_NEVER,
        /** The default is the panel model's HAT's ({@link PanelController#hat}). */
        HAT
    }

    /** The highest BCM GPIO number of a Pi's header. */
    static final int GPIO_MAX = 27;

    private final String key;
    private final Type type;
    private final String defaultValue;
    private final int min;
    private final int max;
    private final String unit;
    private final String text;
    private final Set<Flag> flags;

    /** A setting described in words; {@code defaultValue} null for a required one, "" for one that may be empty. */
    Setting(String key, Type type, String defaultValue, String text, Flag... flags) {
        this(key, type, defaultValue, 0, type == Type.PIN || type == Type.PIN_OR_NONE ? GPIO_MAX : 0, "", text, flags);
    }

    /** A GPIO line (default: none, or the HAT's). */
    Setting(String key, Type type, String text, Flag... flags) {
        this(key, type, Arrays.asList(flags).contains(Flag.HAT) ? "" : "none", text, flags);
    }

    /** A whole number from min to max, in a unit. */
    Setting(String key, int defaultValue, int min, int max, String unit, String text, Flag... flags) {
        this(key, Type.NUMBER, Integer.toString(defaultValue), min, max, unit, text, flags);
    }

    /** A whole number whose default is the HAT's. */
    Setting(String key, int min, int max, String unit, String text, Flag... flags) {
        this(key, Type.NUMBER, "", min, max, unit, text, flags);
    }

    Setting(String key, Type type, String defaultValue, int min, int max, String unit, String text, Flag... flags) {
        this.key = key;
        this.type = type;
        this.defaultValue = defaultValue;
        this.min = min;
        this.max = max;
        this.unit = unit;
        this.text = text;
        this.flags = flags.length == 0 ? EnumSet.noneOf(Flag.class) : EnumSet.copyOf(Arrays.asList(flags));
    }

    /** The key as written in the file: "kiosk.idle.seconds". */
    public String key() { return key; }

    public Type type() { return type; }

    /** The value used when the key is absent, as written in the file; null when it is required, "" when empty or the HAT's. */
    public String defaultValue() { return defaultValue; }

    /** The default of a whole number. */
    public int defaultNumber() {
        if (type != Type.NUMBER || defaultValue.isEmpty()) throw new IllegalStateException(key + " has no numeric default");
        return Integer.parseInt(defaultValue);
    }

    /** The least and the greatest value of a whole number or a GPIO line (0 also allowed where it means never). */
    public int min() { return min; }

    public int max() { return max; }

    /** The unit of a number ("seconds"), or "". */
    public String unit() { return unit; }

    /** Whether the operator may set it from afar. */
    public boolean remote() { return flags.contains(Flag.REMOTE); }

    boolean zeroIsNever() { return flags.contains(Flag.ZERO_IS_NEVER); }

    boolean fromHat() { return flags.contains(Flag.HAT); }

    boolean required() { return defaultValue == null; }

    /** The range of a number in words: "1 to 100", "0 (never) or 5 to 86400"; "" for others. */
    String range() {
        return switch (type) {
            case NUMBER -> (zeroIsNever() ? "0 (never) or " : "") + min + " to " + max;
            case PIN, PIN_OR_NONE -> min + " to " + max;
            default -> "";
        };
    }

    /** What the setting takes in words, as messages say after "allowed: ". */
    public String allowed() {
        String what = switch (type) {
            case NUMBER -> range() + (unit.isEmpty() ? "" : " " + unit);
            case PIN -> "a BCM GPIO number " + range();
            case PIN_OR_NONE -> "a BCM GPIO number " + range() + ", or none";
            default -> text;
        };
        if (fromHat()) what += " (default " + hatDefault() + ")";
        return what.equals(text) || text.isEmpty() ? what : what + " " + text;
    }

    /** The value of a wiring setting on a HAT. */
    int onHat(PanelWiring hat) {
        return switch (this) {
            case PANEL_SPI_BUS -> hat.spiBus();
            case PANEL_SPI_CHIP_SELECT -> hat.chipSelect();
            case PANEL_SPI_CLOCK -> hat.clockHz();
            case PANEL_PIN_RESET -> hat.resetPin();
            case PANEL_PIN_DC -> hat.dcPin();
            case PANEL_PIN_BUSY -> hat.readyPin();
            case PANEL_PIN_POWER -> hat.powerPin();
            default -> throw new IllegalStateException(key + " is not a wiring setting");
        };
    }

    /** A wiring setting's default in words, from the HATs' data: "17", or "none on IT8951 HATs, 25 on UC8179 HATs". */
    String hatDefault() {
        List<String> each = Arrays.stream(PanelController.values()).map(c -> {
            int n = onHat(c.hat());
            return n < 0 ? "none" : Integer.toString(n);
        }).toList();
        if (each.stream().distinct().count() == 1) return each.get(0);
        List<String> on = new java.util.ArrayList<>();
        for (int i = 0; i < each.size(); i++) on.add(each.get(i) + " on " + PanelController.values()[i] + " HATs");
        return String.join(", ", on);
    }

    /** The words of the description without the range and unit, for the table of settings. */
    String description() {
        return text;
    }

    /**
     * What is wrong with the text of a value the operator sets from afar (the hours, the titles), found before it is
     * signed, each problem naming the key, the entry and what is allowed; empty when nothing is found. The kiosk checks
     * every value again with its file, by the file's rules (a number's range among them).
     */
    public List<String> problems(String value) {
        String v = value.strip();
        if (v.isEmpty()) return List.of();
        List<String> found = new java.util.ArrayList<>();
        switch (type) {
            case TITLES -> TitlePlan.parseAll(v, java.time.ZoneOffset.UTC, found);
            case HOURS -> {
                try {
                    OpeningHours.parse(v, java.time.ZoneOffset.UTC);
                } catch (IllegalArgumentException e) {
                    found.add("'" + v + "': " + e.getMessage());
                }
            }
            default -> { }
        }
        return found.stream().map(p -> key + ": " + p + " (allowed: " + allowed() + ")").toList();
    }

    /** The keys the operator may set from afar, in the order they are declared. */
    public static List<String> remotelySet() {
        return Arrays.stream(values()).filter(Setting::remote).map(Setting::key).toList();
    }

    /** The setting of a key as written in the file. */
    public static Optional<Setting> byKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
    }

    /** The known key closest to a mistyped one, if any is close enough to be a likely typo. */
    static Optional<Setting> closest(String key) {
        return Typos.closest(key, Arrays.stream(values()).map(Setting::key).toList()).flatMap(Setting::byKey);
    }
}
