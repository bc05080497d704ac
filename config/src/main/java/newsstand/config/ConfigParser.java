package newsstand.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Reads configuration text into a {@link DeviceConfig}, part by part, each value by its {@link Setting}'s type and
 * range, then the rules across keys (one use per GPIO line, trust keys with delivery); every problem is collected.
 */
final class ConfigParser {
    /** Device ids that would clash with the fleet's own topics (PROTOCOL.md). */
    private static final Set<String> RESERVED = Set.of("issues", "chunks", "all");
    /** The GPIO lines of SPI0 itself. */
    private static final int[] SPI0 = {7, 8, 9, 10, 11};

    private final Values v;

    private ConfigParser(Values v) {
        this.v = v;
    }

    static DeviceConfig parse(String file, String source, Path base) throws ConfigException {
        String text = withoutByteOrderMark(file);
        List<String> problems = new ArrayList<>();
        Map<String, Integer> lines = KeyLines.of(text, problems);
        Properties props = new Properties();
        try {
            props.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(source, List.of("not a properties file: " + e.getMessage()));
        }
        Map<Setting, String> values = new HashMap<>();
        for (String name : props.stringPropertyNames()) {
            var setting = Setting.byKey(name);
            if (setting.isEmpty()) {
                problems.add(Values.at(lines, name) + unknown(name));
            } else {
                values.put(setting.get(), props.getProperty(name).trim());
            }
        }
        ConfigParser p = new ConfigParser(new Values(values, lines, problems, base));
        DeviceConfig.Device device = p.device();
        DeviceConfig.Panel panel = p.panel();
        DeviceConfig.Buttons buttons = new DeviceConfig.Buttons(p.v.pin(Setting.BUTTON_NEXT), p.v.pin(Setting.BUTTON_PREVIOUS),
                p.v.pin(Setting.BUTTON_HOME));
        p.linesUsedOnce(panel.wiring(), buttons);
        DeviceConfig.Storage storage = p.storage();
        List<Path> fonts = p.folders(Setting.FONTS_PATH);
        if (device.id() != null && RESERVED.contains(device.id())) {
            problems.add(p.v.at(Setting.DEVICE_ID) + " = '" + device.id() + "' is reserved for the fleet's topics (allowed: "
                    + Setting.DEVICE_ID.allowed() + ", but not issues, chunks or all)");
        }
        DeviceConfig.Delivery delivery = p.delivery();
        DeviceConfig.Kiosk kiosk = p.kiosk(panel);
        if (!problems.isEmpty()) throw new ConfigException(source, problems);
        return new DeviceConfig(device, panel, buttons, kiosk, storage, delivery, fonts);
    }

    private DeviceConfig.Device device() {
        return new DeviceConfig.Device(v.name(Setting.DEVICE_ID), v.name(Setting.DEVICE_FLEET));
    }

    private DeviceConfig.Panel panel() {
        PanelModel model = v.parse(Setting.PANEL_MODEL, PanelModel::byId);
        PanelDriver driver = v.parse(Setting.PANEL_DRIVER, s -> switch (s) {
            case "simulated" -> PanelDriver.SIMULATED;
            case "pi4j" -> PanelDriver.PI4J;
            default -> throw new IllegalArgumentException();
        });
        Path output = v.path(Setting.PANEL_OUTPUT);
        Integer vcom = v.parse(Setting.PANEL_VCOM, ConfigParser::vcomMillivolts);
        // Defaults from the model; with no usable model, the 10.3" panel's, so that the other keys are still checked.
        PanelModel defaults = model == null ? PanelModel.IT8951_10IN3 : model;
        PanelWiring hat = defaults.hat();
        int bus = v.number(Setting.PANEL_SPI_BUS, hat.spiBus());
        int cs = v.number(Setting.PANEL_SPI_CHIP_SELECT, hat.chipSelect());
        int clock = v.number(Setting.PANEL_SPI_CLOCK, hat.clockHz());
        int reset = v.pin(Setting.PANEL_PIN_RESET, hat.resetPin());
        int dc = v.pin(Setting.PANEL_PIN_DC, hat.dcPin());
        PanelWiring wiring = new PanelWiring(bus, cs, clock, reset, dc, v.pin(Setting.PANEL_PIN_BUSY, hat.readyPin()),
                v.pin(Setting.PANEL_PIN_POWER, hat.powerPin()));
        if (model != null && model.controller().dataCommandLine() && dc < 0 && v.given(Setting.PANEL_PIN_DC)) {
            v.problems().add(v.at(Setting.PANEL_PIN_DC) + " = none: the " + model.id() + " panel's " + model.controller() + " needs its DC line");
        }
        int fullEvery = v.number(Setting.PANEL_FULL_EVERY);
        int minInterval = v.number(Setting.PANEL_MIN_INTERVAL);
        LocalTime nightly = null;
        String nightlyText = v.raw(Setting.PANEL_NIGHTLY_CLEAR);
        if (nightlyText == null || nightlyText.isBlank()) nightlyText = Setting.PANEL_NIGHTLY_CLEAR.defaultValue();
        if (!nightlyText.strip().equals("none")) {
            nightly = hourMinute(nightlyText.strip());
            if (nightly == null) v.bad(Setting.PANEL_NIGHTLY_CLEAR, nightlyText);
        }
        return new DeviceConfig.Panel(model, driver, output, v.number(Setting.PANEL_OUTPUT_KEEP), vcom == null ? 0 : vcom, wiring, fullEvery, minInterval, nightly);
    }

    /**
     * A time of day written HH:MM, as {@code DateTimeFormatter.ofPattern("HH:mm")} reads it (24:00 is midnight), or
     * null. Read by hand: the formatter's pattern and locale machinery cost the kiosk's start about 10 ms.
     */
    static LocalTime hourMinute(String text) {
        if (text.length() != 5 || text.charAt(2) != ':') return null;
        int h = twoDigits(text, 0), m = twoDigits(text, 3);
        if (h < 0 || m < 0 || m > 59 || h > 24 || h == 24 && m != 0) return null;
        return h == 24 ? LocalTime.MIDNIGHT : LocalTime.of(h, m);
    }

    private static int twoDigits(String text, int at) {
        char a = text.charAt(at), b = text.charAt(at + 1);
        return a >= '0' && a <= '9' && b >= '0' && b <= '9' ? (a - '0') * 10 + (b - '0') : -1;
    }

    /** One use per GPIO line: the panel's lines, the buttons and SPI0's own pins. */
    private void linesUsedOnce(PanelWiring w, DeviceConfig.Buttons buttons) {
        Map<Integer, String> used = new LinkedHashMap<>();
        for (int spi : SPI0) used.put(spi, "SPI0");
        Setting[] settings = {Setting.PANEL_PIN_RESET, Setting.PANEL_PIN_DC, Setting.PANEL_PIN_BUSY, Setting.PANEL_PIN_POWER,
                Setting.BUTTON_NEXT, Setting.BUTTON_PREVIOUS, Setting.BUTTON_HOME};
        int[] pins = {w.resetPin(), w.dcPin(), w.readyPin(), w.powerPin(), buttons.next(), buttons.previous(), buttons.home()};
        for (int i = 0; i < pins.length; i++) {
            if (pins[i] < 0) continue;
            String other = used.putIfAbsent(pins[i], settings[i].key());
            if (other != null) {
                v.problems().add(v.at(settings[i]) + " = " + pins[i] + ": GPIO " + pins[i] + " is already used by " + other + " (each line does one thing)");
            }
        }
    }

    private DeviceConfig.Storage storage() {
        Path storage = v.path(Setting.STORAGE_PATH);
        if (storage != null && storage.getParent() != null && !Files.isDirectory(storage.getParent())) {
            v.problem(Setting.STORAGE_PATH, " = '" + v.raw(Setting.STORAGE_PATH) + "': folder " + storage.getParent() + " does not exist");
        }
        return new DeviceConfig.Storage(storage, v.number(Setting.STORAGE_KEEP), v.number(Setting.STORAGE_QUOTA) * 1024L * 1024L);
    }

    private DeviceConfig.Delivery delivery() {
        DeviceConfig.Mqtt mqtt = mqtt();
        List<Path> trust = files(Setting.TRUST_KEYS);
        Path importPath = v.optionalPath(Setting.IMPORT_PATH);
        if ((mqtt != null || importPath != null) && trust.isEmpty() && v.problems().stream().noneMatch(pr -> pr.contains(Setting.TRUST_KEYS.key()))) {
            v.problems().add("missing key '" + Setting.TRUST_KEYS.key() + "': a kiosk with mqtt.url or import.path set needs the operator's public key"
                    + " (allowed: " + Setting.TRUST_KEYS.allowed() + ")");
        }
        return new DeviceConfig.Delivery(mqtt, trust, importPath);
    }

    /** The broker settings, or null when mqtt.url is empty. */
    private DeviceConfig.Mqtt mqtt() {
        String url = v.raw(Setting.MQTT_URL);
        if (url == null || url.isBlank()) return null;
        if (!DeviceConfig.Mqtt.validUrl(url)) {
            v.bad(Setting.MQTT_URL, url);
            return null;
        }
        String user = v.raw(Setting.MQTT_USERNAME);
        String password = v.raw(Setting.MQTT_PASSWORD);
        Path ca = null;
        String caText = v.raw(Setting.MQTT_CA_FILE);
        if (caText != null && !caText.isBlank()) {
            ca = v.resolve(caText);
            if (!Files.isRegularFile(ca)) {
                v.problem(Setting.MQTT_CA_FILE, " = '" + caText + "': " + (Files.isDirectory(ca) ? "a folder" : "no such file"));
            } else if (!certificate(ca)) {
                v.problem(Setting.MQTT_CA_FILE, " = '" + caText + "': not a certificate");
            }
            if (!url.contains("ssl:")) {
                v.problems().add(v.at(Setting.MQTT_CA_FILE) + " is set but mqtt.url is tcp:// (use ssl:// for TLS)");
            }
        }
        return new DeviceConfig.Mqtt(url, user == null || user.isEmpty() ? null : user, password == null || password.isEmpty() ? null : password, ca);
    }

    private DeviceConfig.Kiosk kiosk(DeviceConfig.Panel panel) {
        // The system's zone only where kiosk.timezone is not set: reading it opens the JDK's older zone database too.
        ZoneId zone = null;
        String zoneText = v.raw(Setting.KIOSK_TIMEZONE);
        if (zoneText != null && !zoneText.isBlank()) {
            try {
                zone = ZoneId.of(zoneText.strip());
            } catch (DateTimeException e) {
                v.bad(Setting.KIOSK_TIMEZONE, zoneText);
            }
        }
        if (zone == null) zone = ZoneId.systemDefault();
        OpeningHours hours = null;
        String hoursText = v.raw(Setting.KIOSK_HOURS);
        if (hoursText != null && !hoursText.isBlank()) {
            try {
                hours = OpeningHours.parse(hoursText, zone);
            } catch (IllegalArgumentException e) {
                v.problems().add(v.at(Setting.KIOSK_HOURS) + " = '" + hoursText + "': " + e.getMessage());
            }
        }
        int offlineBanner = v.number(Setting.KIOSK_OFFLINE_BANNER);
        int idle = v.number(Setting.KIOSK_IDLE);
        int rotate = v.number(Setting.KIOSK_ROTATE);
        int hold = v.number(Setting.KIOSK_HOLD);
        List<String> wrong = new ArrayList<>();
        List<TitlePlan> titles = TitlePlan.parseAll(v.raw(Setting.KIOSK_TITLES), zone, wrong);
        for (String w : wrong) v.problem(Setting.KIOSK_TITLES, ": " + w);
        String inputText = v.raw(Setting.BUTTONS_INPUT);
        Path buttonsInput = v.optionalPath(Setting.BUTTONS_INPUT);
        if (buttonsInput != null && buttonsInput.toAbsolutePath().getParent() != null && !Files.isDirectory(buttonsInput.toAbsolutePath().getParent())) {
            v.problem(Setting.BUTTONS_INPUT, " = '" + inputText + "': folder " + buttonsInput.toAbsolutePath().getParent() + " does not exist");
        }
        String help = v.raw(Setting.KIOSK_HELP_URL);
        help = help == null || help.isBlank() ? Setting.KIOSK_HELP_URL.defaultValue() : help.strip();
        String helpProblem = DeviceConfig.helpUrlProblem(help);
        if (helpProblem != null) v.problem(Setting.KIOSK_HELP_URL, " = '" + help + "': " + helpProblem);
        return new DeviceConfig.Kiosk(titles, hours, zone, idle, rotate, hold, offlineBanner, buttonsInput, help);
    }

    /** Existing folders separated by ':'. */
    private List<Path> folders(Setting s) {
        List<Path> found = new ArrayList<>();
        String text = v.raw(s);
        if (text == null || text.isBlank()) return found;
        for (String part : text.split(":")) {
            if (part.isBlank()) continue;
            Path p = v.resolve(part.trim());
            if (!Files.isDirectory(p)) v.problem(s, ": '" + part.trim() + "' is not an existing folder");
            else found.add(p);
        }
        return found;
    }

    /** Existing files separated by ','. */
    private List<Path> files(Setting s) {
        List<Path> found = new ArrayList<>();
        String text = v.raw(s);
        for (String part : text == null ? new String[0] : text.split(",")) {
            if (part.isBlank()) continue;
            Path p = v.resolve(part.trim());
            if (!Files.isRegularFile(p)) v.problem(s, ": '" + part.trim() + "' is not an existing file");
            else found.add(p);
        }
        return found;
    }

    /** Whether a file holds at least one X.509 certificate (PEM or DER). */
    private static boolean certificate(Path file) {
        try (var in = Files.newInputStream(file)) {
            return !java.security.cert.CertificateFactory.getInstance("X.509").generateCertificates(in).isEmpty();
        } catch (IOException | java.security.cert.CertificateException e) {
            return false;
        }
    }

    /** "-2.51" (volts, as printed on the panel's cable; the sign may be left out) as 2510 mV. */
    private static int vcomMillivolts(String volts) {
        double v = Math.abs(Double.parseDouble(volts));
        if (!(v >= 0.2 && v <= 5.0)) throw new IllegalArgumentException(volts);
        return (int) Math.round(v * 1000);
    }

    /** The text without the byte-order mark an editor may put at its start (Windows Notepad does). */
    static String withoutByteOrderMark(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /**
     * What is wrong with a key no setting has: a known key with an invisible character in it (a zero-width space, a
     * no-break space, a byte-order mark inside the file), named with the character and where it is; else the closest
     * known key, when one is close enough to be a typo.
     */
    private static String unknown(String key) {
        StringBuilder visible = new StringBuilder();
        int first = -1, at = -1;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (invisible(c)) {
                if (first < 0) {
                    first = c;
                    at = i + 1;
                }
            } else {
                visible.append(c);
            }
        }
        if (first >= 0 && Setting.byKey(visible.toString()).isPresent()) {
            return String.format(java.util.Locale.ROOT, "key '%s' contains an invisible character U+%04X at character %d of the key"
                    + " (delete the key and type it again)", visible, first, at);
        }
        return "unknown key '" + printable(key) + "'" + Setting.closest(key).map(s -> "; did you mean '" + s.key() + "'?").orElse("");
    }

    /** Characters that show as nothing or as a space: format (U+200B, U+FEFF...), control and space separators (U+00A0...). */
    private static boolean invisible(char c) {
        int type = Character.getType(c);
        return type == Character.FORMAT || type == Character.CONTROL || type == Character.SPACE_SEPARATOR;
    }

    /** A key for a message, its invisible characters as U+XXXX. */
    private static String printable(String key) {
        StringBuilder b = new StringBuilder();
        for (char c : key.toCharArray()) b.append(invisible(c) ? String.format(java.util.Locale.ROOT, "<U+%04X>", (int) c) : String.valueOf(c));
        return b.toString();
    }

}
