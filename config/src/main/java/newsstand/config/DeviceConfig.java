package newsstand.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The typed configuration of one kiosk, read from a properties file and validated as a whole: a kiosk never starts
 * half-configured, and every problem names the key, the bad value and what is allowed.
 */
public record DeviceConfig(
        String deviceId,
        String fleet,
        PanelModel panelModel,
        PanelDriver panelDriver,
        Path panelOutput,
        Path storagePath,
        List<Path> fontPaths,
        int panelVcomMillivolts,
        PanelWiring panelWiring,
        int fullRefreshEvery,
        int minRefreshIntervalMs,
        java.time.LocalTime nightlyClear,
        Buttons buttons,
        Path buttonsInput,
        int idleSeconds,
        OpeningHours hours,
        java.time.ZoneId timezone,
        int offlineBannerMinutes,
        List<String> titles,
        int rotateSeconds,
        int holdMs,
        Mqtt mqtt,
        List<Path> trustKeys,
        Path importPath,
        int keepIssues,
        long quotaBytes) {

    /** BCM pins of the next, previous and home buttons, -1 where none is fitted. */
    public record Buttons(int next, int previous, int home) {}

    /** The broker a kiosk takes its issues from; caFile is null for the system's CAs, user and password may be null. */
    public record Mqtt(String url, String username, String password, Path caFile) {
        private static final Pattern URL = Pattern.compile("(tcp|ssl)://[A-Za-z0-9.\\-]+(:[0-9]{1,5})?");

        /**
         * Whether a broker URL is one the kiosk and the operator's tools take: tcp://HOST[:PORT] or ssl://HOST[:PORT],
         * or several of them separated by ',' (the brokers of a cluster, tried in that order).
         */
        public static boolean validUrl(String url) {
            if (url == null || url.isBlank()) return false;
            for (String one : url.split(",", -1)) {
                String u = one.strip();
                if (!URL.matcher(u).matches()) return false;
                int colon = u.lastIndexOf(':');
                if (colon > u.indexOf("://") && !(Integer.parseInt(u.substring(colon + 1)) >= 1 && Integer.parseInt(u.substring(colon + 1)) <= 65535)) return false;
            }
            return true;
        }
    }

    /** Device ids that would clash with the fleet's own topics (PROTOCOL.md). */
    private static final java.util.Set<String> RESERVED = java.util.Set.of("issues", "chunks", "all");

    /**
     * The keys an operator may set from afar (`newsstand fleet command set KEY=VALUE`); the kiosk keeps them in its
     * store, over the configuration file's values, until set back with an empty value.
     */
    public static final List<String> REMOTELY_SET = List.of("kiosk.idle.seconds", "kiosk.rotate.seconds", "kiosk.hours", "panel.full-refresh-every");

    public DeviceConfig {
        fontPaths = List.copyOf(fontPaths);
        titles = List.copyOf(titles);
        trustKeys = List.copyOf(trustKeys);
    }

    /** Reads and validates a configuration file (UTF-8). Relative paths in it are taken from the file's folder. */
    public static DeviceConfig load(Path file) throws ConfigException {
        return load(file, Map.of());
    }

    /**
     * As {@link #load(Path)}, with values set from afar ({@link #REMOTELY_SET} keys only) over the file's, each checked
     * by the file's own rules; a problem with one names the key and what is allowed.
     */
    public static DeviceConfig load(Path file, Map<String, String> overrides) throws ConfigException {
        String source = file.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(source, List.of("file not found"));
        } catch (IOException e) {
            throw new ConfigException(source, List.of("cannot read: " + e.getMessage()));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(source, List.of("not valid UTF-8 text"));
        }
        Path base = file.toAbsolutePath().getParent();
        if (overrides.isEmpty()) return parse(text, source, base);
        // The file's line of each key set from afar (and its continuation lines) becomes a comment: a key may be set once.
        String[] lines = text.split("\n", -1);
        boolean dropping = false;
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            boolean drop = dropping;
            if (!drop && !l.startsWith("#") && !l.startsWith("!")) {
                for (String key : overrides.keySet()) {
                    if (l.startsWith(key) && (l.length() == key.length() || "=: \t".indexOf(l.charAt(key.length())) >= 0)) drop = true;
                }
            }
            dropping = drop && l.endsWith("\\");
            if (drop) lines[i] = "# " + lines[i];
        }
        StringBuilder over = new StringBuilder(String.join("\n", lines)).append("\n");
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            if (!REMOTELY_SET.contains(e.getKey())) throw new ConfigException(source, List.of("'" + e.getKey() + "' cannot be set from afar (allowed: " + REMOTELY_SET + ")"));
            Properties one = new Properties();
            one.setProperty(e.getKey(), e.getValue());
            java.io.StringWriter w = new java.io.StringWriter();
            try {
                one.store(w, null);
            } catch (IOException ex) {
                throw new IllegalStateException(ex);
            }
            w.toString().lines().filter(l -> !l.startsWith("#")).forEach(l -> over.append(l).append('\n'));
        }
        return parse(over.toString(), source + " with the values set from afar " + overrides, base);
    }

    /**
     * What can be taken from a configuration that failed its check, to say so on the panel (the setup screen): its
     * panel keys, device id and fleet where they are valid, defaults for everything else. Empty when not even the
     * panel can be known (no file, no valid panel.model).
     */
    public static java.util.Optional<DeviceConfig> forSetup(Path file) {
        Properties props = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
        Path base = file.toAbsolutePath().getParent();
        String id = props.getProperty(Key.DEVICE_ID.name, "").strip();
        String fleet = props.getProperty(Key.DEVICE_FLEET.name, "").strip();
        StringBuilder head = new StringBuilder();
        head.append(Key.DEVICE_ID.name).append(" = ").append(Name.valid(id) ? id : "unset").append('\n');
        if (Name.valid(fleet)) head.append(Key.DEVICE_FLEET.name).append(" = ").append(fleet).append('\n');
        StringBuilder panel = new StringBuilder();
        for (String name : props.stringPropertyNames()) {
            if (name.startsWith("panel.")) panel.append(name).append(" = ").append(props.getProperty(name).strip()).append('\n');
        }
        for (String text : new String[] {head.toString() + panel, head + Key.PANEL_MODEL.name + " = " + props.getProperty(Key.PANEL_MODEL.name, "").strip()
                + "\n" + Key.PANEL_DRIVER.name + " = " + props.getProperty(Key.PANEL_DRIVER.name, "simulated").strip() + "\n"}) {
            try {
                return java.util.Optional.of(parse(text, file.toString(), base));
            } catch (ConfigException e) {
                // try with less of it
            }
        }
        return java.util.Optional.empty();
    }

    /** Validates configuration text; {@code source} names it in messages, {@code base} resolves relative paths. */
    public static DeviceConfig parse(String text, String source, Path base) throws ConfigException {
        List<String> problems = new ArrayList<>();
        Map<String, Integer> lines = keyLines(text, problems);
        Properties props = new Properties();
        try {
            props.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException(source, List.of("not a properties file: " + e.getMessage()));
        }
        Map<Key, String> values = new HashMap<>();
        for (String name : props.stringPropertyNames()) {
            var key = Key.byName(name);
            if (key.isEmpty()) {
                String hint = Key.closest(name).map(k -> "; did you mean '" + k.name + "'?").orElse("");
                problems.add(Values.at(lines, name) + "unknown key '" + name + "'" + hint);
            } else {
                values.put(key.get(), props.getProperty(name).trim());
            }
        }
        var v = new Values(values, lines, problems);
        String deviceId = v.name(Key.DEVICE_ID);
        String fleet = v.name(Key.DEVICE_FLEET);
        PanelModel model = v.parse(Key.PANEL_MODEL, PanelModel::byId);
        PanelDriver driver = v.parse(Key.PANEL_DRIVER, s -> switch (s) {
            case "simulated" -> PanelDriver.SIMULATED;
            case "pi4j" -> PanelDriver.PI4J;
            default -> throw new IllegalArgumentException();
        });
        Path output = v.path(Key.PANEL_OUTPUT, base);
        Integer vcom = v.parse(Key.PANEL_VCOM, DeviceConfig::vcomMillivolts);
        // Defaults from the model; with no usable model, the 10.3" panel's, so that the other keys are still checked.
        PanelModel defaults = model == null ? PanelModel.IT8951_10IN3 : model;
        PanelWiring hat = defaults.hat();
        int bus = v.number(Key.PANEL_SPI_BUS, hat.spiBus(), 0, 6);
        int cs = v.number(Key.PANEL_SPI_CHIP_SELECT, hat.chipSelect(), 0, 2);
        int clock = v.number(Key.PANEL_SPI_CLOCK, hat.clockHz(), 100_000, 24_000_000);
        int reset = v.pin(Key.PANEL_PIN_RESET, hat.resetPin(), false);
        int dc = v.pin(Key.PANEL_PIN_DC, hat.dcPin(), true);
        int busy = v.pin(Key.PANEL_PIN_BUSY, hat.readyPin(), false);
        int power = v.pin(Key.PANEL_PIN_POWER, hat.powerPin(), true);
        if (model != null && model.controller().dataCommandLine() && dc < 0 && values.containsKey(Key.PANEL_PIN_DC)) {
            problems.add(Values.at(lines, Key.PANEL_PIN_DC.name) + Key.PANEL_PIN_DC.name + " = none: the " + model.id() + " panel's "
                    + model.controller() + " needs its DC line");
        }
        int fullEvery = v.number(Key.PANEL_FULL_EVERY, defaults.fullRefreshEvery(), 1, 100);
        int minInterval = v.number(Key.PANEL_MIN_INTERVAL, 0, 0, 600_000);
        Buttons buttons = new Buttons(v.pin(Key.BUTTON_NEXT, -1, true), v.pin(Key.BUTTON_PREVIOUS, -1, true),
                v.pin(Key.BUTTON_HOME, -1, true));
        // One use per GPIO line: the panel's lines, the buttons and SPI0's own pins.
        Map<Integer, String> used = new LinkedHashMap<>();
        for (int spi : new int[] {7, 8, 9, 10, 11}) used.put(spi, "SPI0");
        Key[] pinKeys = {Key.PANEL_PIN_RESET, Key.PANEL_PIN_DC, Key.PANEL_PIN_BUSY, Key.PANEL_PIN_POWER, Key.BUTTON_NEXT,
                Key.BUTTON_PREVIOUS, Key.BUTTON_HOME};
        int[] pins = {reset, dc, busy, power, buttons.next(), buttons.previous(), buttons.home()};
        for (int i = 0; i < pins.length; i++) {
            if (pins[i] < 0) continue;
            String other = used.putIfAbsent(pins[i], pinKeys[i].name);
            if (other != null) {
                problems.add(Values.at(lines, pinKeys[i].name) + pinKeys[i].name + " = " + pins[i] + ": GPIO " + pins[i]
                        + " is already used by " + other + " (each line does one thing)");
            }
        }
        Path storage = v.path(Key.STORAGE_PATH, base);
        if (storage != null && storage.getParent() != null && !Files.isDirectory(storage.getParent())) {
            problems.add(Values.at(lines, Key.STORAGE_PATH.name) + Key.STORAGE_PATH.name + " = '" + values.get(Key.STORAGE_PATH)
                    + "': folder " + storage.getParent() + " does not exist (allowed: " + Key.STORAGE_PATH.allowed + ")");
        }
        List<Path> fonts = new ArrayList<>();
        String fontText = v.raw(Key.FONTS_PATH);
        if (fontText != null && !fontText.isBlank()) {
            for (String part : fontText.split(":")) {
                if (part.isBlank()) continue;
                Path p = base == null ? Path.of(part.trim()) : base.resolve(part.trim());
                if (!Files.isDirectory(p)) {
                    problems.add(Values.at(lines, Key.FONTS_PATH.name) + Key.FONTS_PATH.name + ": '" + part.trim()
                            + "' is not an existing folder (allowed: " + Key.FONTS_PATH.allowed + ")");
                } else {
                    fonts.add(p);
                }
            }
        }
        if (deviceId != null && RESERVED.contains(deviceId)) {
            problems.add(Values.at(lines, Key.DEVICE_ID.name) + Key.DEVICE_ID.name + " = '" + deviceId
                    + "' is reserved for the fleet's topics (allowed: " + Key.DEVICE_ID.allowed + ", but not issues, chunks or all)");
        }
        int keep = v.number(Key.STORAGE_KEEP, 7, 2, 365);
        int quotaMb = v.number(Key.STORAGE_QUOTA, 512, 16, 1_000_000);
        Mqtt mqtt = mqtt(v, base, lines, problems);
        List<Path> trust = new ArrayList<>();
        String trustText = v.raw(Key.TRUST_KEYS);
        for (String part : trustText == null ? new String[0] : trustText.split(",")) {
            if (part.isBlank()) continue;
            Path p = base == null ? Path.of(part.trim()) : base.resolve(part.trim());
            if (!Files.isRegularFile(p)) {
                problems.add(Values.at(lines, Key.TRUST_KEYS.name) + Key.TRUST_KEYS.name + ": '" + part.trim()
                        + "' is not an existing file (allowed: " + Key.TRUST_KEYS.allowed + ")");
            } else {
                trust.add(p);
            }
        }
        Path importPath = v.optionalPath(Key.IMPORT_PATH, base);
        if ((mqtt != null || importPath != null) && trust.isEmpty() && problems.stream().noneMatch(pr -> pr.contains(Key.TRUST_KEYS.name))) {
            problems.add("missing key '" + Key.TRUST_KEYS.name + "': a kiosk with mqtt.url or import.path set needs the operator's public key"
                    + " (allowed: " + Key.TRUST_KEYS.allowed + ")");
        }
        java.time.ZoneId zone = java.time.ZoneId.systemDefault();
        String zoneText = v.raw(Key.KIOSK_TIMEZONE);
        if (zoneText != null && !zoneText.isBlank()) {
            try {
                zone = java.time.ZoneId.of(zoneText.strip());
            } catch (java.time.DateTimeException e) {
                v.bad(Key.KIOSK_TIMEZONE, zoneText);
            }
        }
        OpeningHours hours = null;
        String hoursText = v.raw(Key.KIOSK_HOURS);
        if (hoursText != null && !hoursText.isBlank()) {
            try {
                hours = OpeningHours.parse(hoursText, zone);
            } catch (IllegalArgumentException e) {
                problems.add(Values.at(lines, Key.KIOSK_HOURS.name) + Key.KIOSK_HOURS.name + " = '" + hoursText + "': " + e.getMessage());
            }
        }
        int offlineBanner = v.number(Key.KIOSK_OFFLINE_BANNER, 60, 0, 10_080);
        int idle = v.number(Key.KIOSK_IDLE, 120, 0, 86_400);
        if (idle > 0 && idle < 5) {
            problems.add(Values.at(lines, Key.KIOSK_IDLE.name) + Key.KIOSK_IDLE.name + " = " + idle + " is not allowed (allowed: " + Key.KIOSK_IDLE.allowed + ")");
        }
        java.time.LocalTime nightly = null;
        String nightlyText = v.raw(Key.PANEL_NIGHTLY_CLEAR);
        if (nightlyText == null || nightlyText.isBlank()) nightlyText = Key.PANEL_NIGHTLY_CLEAR.defaultValue;
        if (!nightlyText.strip().equals("none")) {
            try {
                nightly = java.time.LocalTime.parse(nightlyText.strip(), java.time.format.DateTimeFormatter.ofPattern("HH:mm"));
            } catch (java.time.format.DateTimeParseException e) {
                v.bad(Key.PANEL_NIGHTLY_CLEAR, nightlyText);
            }
        }
        int rotate = v.number(Key.KIOSK_ROTATE, 0, 0, 86_400);
        if (rotate > 0 && rotate < 5) {
            problems.add(Values.at(lines, Key.KIOSK_ROTATE.name) + Key.KIOSK_ROTATE.name + " = " + rotate + " is not allowed (allowed: " + Key.KIOSK_ROTATE.allowed + ")");
        }
        int hold = v.number(Key.KIOSK_HOLD, 800, 200, 5000);
        List<String> titles = new java.util.ArrayList<>();
        String titlesText = v.raw(Key.KIOSK_TITLES);
        if (titlesText != null && !titlesText.isBlank()) {
            for (String part : titlesText.split(",")) {
                String id = part.strip();
                if (!Name.valid(id) || titles.contains(id)) {
                    problems.add(Values.at(lines, Key.KIOSK_TITLES.name) + Key.KIOSK_TITLES.name + ": '" + id + "' is "
                            + (titles.contains(id) ? "given twice" : "not a publication id") + " (allowed: " + Key.KIOSK_TITLES.allowed + ")");
                } else {
                    titles.add(id);
                }
            }
        }
        String inputText = v.raw(Key.BUTTONS_INPUT);
        Path buttonsInput = v.optionalPath(Key.BUTTONS_INPUT, base);
        if (buttonsInput != null && buttonsInput.toAbsolutePath().getParent() != null && !Files.isDirectory(buttonsInput.toAbsolutePath().getParent())) {
            problems.add(Values.at(lines, Key.BUTTONS_INPUT.name) + Key.BUTTONS_INPUT.name + " = '" + inputText + "': folder "
                    + buttonsInput.toAbsolutePath().getParent() + " does not exist (allowed: " + Key.BUTTONS_INPUT.allowed + ")");
        }
        if (!problems.isEmpty()) throw new ConfigException(source, problems);
        return new DeviceConfig(deviceId, fleet, model, driver, output, storage, fonts, vcom,
                new PanelWiring(bus, cs, clock, reset, dc, busy, power), fullEvery, minInterval, nightly, buttons, buttonsInput, idle, hours, zone, offlineBanner,
                titles, rotate, hold, mqtt, trust, importPath, keep, quotaMb * 1024L * 1024L);
    }

    /** The broker settings, or null when mqtt.url is empty. */
    private static Mqtt mqtt(Values v, Path base, Map<String, Integer> lines, List<String> problems) {
        String url = v.raw(Key.MQTT_URL);
        if (url == null || url.isBlank()) return null;
        if (!Mqtt.validUrl(url)) {
            v.bad(Key.MQTT_URL, url);
            return null;
        }
        String user = v.raw(Key.MQTT_USERNAME);
        String password = v.raw(Key.MQTT_PASSWORD);
        Path ca = null;
        String caText = v.raw(Key.MQTT_CA_FILE);
        if (caText != null && !caText.isBlank()) {
            ca = base == null ? Path.of(caText) : base.resolve(caText);
            if (!Files.isRegularFile(ca)) {
                problems.add(Values.at(lines, Key.MQTT_CA_FILE.name) + Key.MQTT_CA_FILE.name + " = '" + caText
                        + "': " + (Files.isDirectory(ca) ? "a folder" : "no such file") + " (allowed: " + Key.MQTT_CA_FILE.allowed + ")");
            } else if (!certificate(ca)) {
                problems.add(Values.at(lines, Key.MQTT_CA_FILE.name) + Key.MQTT_CA_FILE.name + " = '" + caText
                        + "': not a certificate (allowed: " + Key.MQTT_CA_FILE.allowed + ")");
            }
            if (!url.contains("ssl:")) {
                problems.add(Values.at(lines, Key.MQTT_CA_FILE.name) + Key.MQTT_CA_FILE.name + " is set but mqtt.url is tcp:// (use ssl:// for TLS)");
            }
        }
        return new Mqtt(url, user == null || user.isEmpty() ? null : user, password == null || password.isEmpty() ? null : password, ca);
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

    /** Key name to the 1-based line it is first set on; a key set twice is a problem (the last would silently win). */
    private static Map<String, Integer> keyLines(String text, List<String> problems) {
        Map<String, Integer> lines = new LinkedHashMap<>();
        String[] all = text.split("\n", -1);
        boolean continued = false;
        for (int i = 0; i < all.length; i++) {
            String line = all[i].strip();
            boolean wasContinued = continued;
            continued = line.endsWith("\\");
            if (wasContinued || line.isEmpty() || line.startsWith("#") || line.startsWith("!")) continue;
            int end = 0;
            while (end < line.length() && "=: \t".indexOf(line.charAt(end)) < 0) end++;
            String key = line.substring(0, end);
            Integer previous = lines.putIfAbsent(key, i + 1);
            if (previous != null) {
                problems.add("line " + (i + 1) + ": key '" + key + "' is already set on line " + previous
                        + " (each key may be set once)");
            }
        }
        return lines;
    }
}
