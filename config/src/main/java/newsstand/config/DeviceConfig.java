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
        int panelVcomMillivolts) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    public DeviceConfig {
        fontPaths = List.copyOf(fontPaths);
    }

    /** Reads and validates a configuration file (UTF-8). Relative paths in it are taken from the file's folder. */
    public static DeviceConfig load(Path file) throws ConfigException {
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
        return parse(text, source, base);
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
                problems.add(at(lines, name) + "unknown key '" + name + "'" + hint);
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
        Path storage = v.path(Key.STORAGE_PATH, base);
        if (storage != null && storage.getParent() != null && !Files.isDirectory(storage.getParent())) {
            problems.add(at(lines, Key.STORAGE_PATH.name) + Key.STORAGE_PATH.name + " = '" + values.get(Key.STORAGE_PATH)
                    + "': folder " + storage.getParent() + " does not exist (allowed: " + Key.STORAGE_PATH.allowed + ")");
        }
        List<Path> fonts = new ArrayList<>();
        String fontText = v.raw(Key.FONTS_PATH);
        if (fontText != null && !fontText.isBlank()) {
            for (String part : fontText.split(":")) {
                if (part.isBlank()) continue;
                Path p = base == null ? Path.of(part.trim()) : base.resolve(part.trim());
                if (!Files.isDirectory(p)) {
                    problems.add(at(lines, Key.FONTS_PATH.name) + Key.FONTS_PATH.name + ": '" + part.trim()
                            + "' is not an existing folder (allowed: " + Key.FONTS_PATH.allowed + ")");
                } else {
                    fonts.add(p);
                }
            }
        }
        if (!problems.isEmpty()) throw new ConfigException(source, problems);
        return new DeviceConfig(deviceId, fleet, model, driver, output, storage, fonts, vcom);
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

    private static String at(Map<String, Integer> lines, String key) {
        Integer line = lines.get(key);
        return line == null ? "" : "line " + line + ": ";
    }

    /** Reads typed values, collecting every problem instead of stopping at the first. */
    private record Values(Map<Key, String> values, Map<String, Integer> lines, List<String> problems) {
        String raw(Key key) {
            String value = values.get(key);
            if (value == null || (value.isEmpty() && key.defaultValue == null)) {
                if (key.defaultValue == null) {
                    problems.add("missing required key '" + key.name + "' (allowed: " + key.allowed + ")");
                }
                return key.defaultValue;
            }
            return value;
        }

        String name(Key key) {
            String value = raw(key);
            if (value != null && !NAME.matcher(value).matches()) {
                bad(key, value);
                return null;
            }
            return value;
        }

        <T> T parse(Key key, java.util.function.Function<String, T> parser) {
            String value = raw(key);
            if (value == null) return null;
            try {
                return parser.apply(value);
            } catch (IllegalArgumentException e) {
                bad(key, value);
                return null;
            }
        }

        Path path(Key key, Path base) {
            String value = raw(key);
            if (value == null) return null;
            if (value.isBlank()) {
                bad(key, value);
                return null;
            }
            try {
                Path p = Path.of(value);
                return base == null ? p : base.resolve(p);
            } catch (java.nio.file.InvalidPathException e) {
                bad(key, value);
                return null;
            }
        }

        private void bad(Key key, String value) {
            problems.add(at(lines, key.name) + key.name + " = '" + value + "' is not allowed (allowed: " + key.allowed + ")");
        }
    }
}
