package newsstand.config;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The typed configuration of one kiosk, read from a properties file and validated as a whole: a kiosk never starts
 * half-configured, and every problem names the key, the bad value and what is allowed. It comes in parts, one for
 * each thing that uses it ({@link Setting} declares every key).
 *
 * @param fontPaths extra font folders (fonts.path)
 */
public record DeviceConfig(Device device, Panel panel, Buttons buttons, Kiosk kiosk, Storage storage, Delivery delivery,
                           List<Path> fontPaths) {

    /** Who the kiosk is: its device id and fleet (device.*). */
    public record Device(String id, String fleet) {}

    /**
     * The panel and how it refreshes (panel.*): output and outputKeep are the simulated panel's folder and how many
     * frames it keeps there, vcomMillivolts is an IT8951 panel's |VCOM|, nightlyClear null for none.
     */
    public record Panel(PanelModel model, PanelDriver driver, Path output, int outputKeep, int vcomMillivolts, PanelWiring wiring,
                        int fullRefreshEvery, int minRefreshIntervalMs, LocalTime nightlyClear) {}

    /** BCM pins of the next, previous and home buttons, -1 where none is fitted (button.*). */
    public record Buttons(int next, int previous, int home) {}

    /**
     * What the kiosk shows when (kiosk.*): the titles named first, each with its days, hours and duration; hours null
     * for always open, idle and rotation 0 for never, buttonsInput null for none; helpUrl the template of the fault
     * screens' QR codes (kiosk.help.url).
     */
    public record Kiosk(List<TitlePlan> plans, OpeningHours hours, ZoneId timezone, int idleSeconds, int rotateSeconds,
                        int holdMs, int offlineBannerMinutes, Path buttonsInput, String helpUrl) {
        public Kiosk {
            plans = List.copyOf(plans);
        }

        /** The publications named in kiosk.titles, in that order. */
        public List<String> titles() {
            return plans.stream().map(TitlePlan::publication).toList();
        }
    }

    /** Where issues are kept and how many (storage.*). */
    public record Storage(Path path, int keepIssues, long quotaBytes) {}

    /** Where issues come from: the broker (null for none), the operators' keys, a folder of bundles (null for none). */
    public record Delivery(Mqtt mqtt, List<Path> trustKeys, Path importPath) {
        public Delivery {
            trustKeys = List.copyOf(trustKeys);
        }
    }

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

    public DeviceConfig {
        fontPaths = List.copyOf(fontPaths);
    }

    /**
     * Reads and validates a configuration file (UTF-8, with or without a byte-order mark; lines may end in CRLF).
     * Relative paths in it are taken from the file's folder.
     */
    public static DeviceConfig load(Path file) throws ConfigException {
        return load(file, Map.of());
    }

    /**
     * As {@link #load(Path)}, with values set from afar ({@link Setting#remote} keys only) over the file's, each checked
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
            text = ConfigParser.withoutByteOrderMark(text);
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
            if (!Setting.byKey(e.getKey()).map(Setting::remote).orElse(false)) {
                throw new ConfigException(source, List.of("'" + e.getKey() + "' cannot be set from afar (allowed: " + Setting.remotelySet() + ")"));
            }
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
     * What is wrong with a kiosk.help.url template, or null: an http:// or https:// URL of at most 200 printable
     * ASCII characters (no space), whose only braces are {device} and {code}.
     */
    static String helpUrlProblem(String template) {
        if (template.length() > 200) return "longer than 200 characters";
        if (!template.startsWith("https://") && !template.startsWith("http://")) return "not an http:// or https:// URL";
        for (char c : template.toCharArray()) if (c <= ' ' || c >= 127) return "holds a space or a character that is not printable ASCII";
        String rest = template.replace("{device}", "").replace("{code}", "");
        if (rest.indexOf('{') >= 0 || rest.indexOf('}') >= 0) return "has braces other than {device} and {code}";
        return null;
    }

    /** A kiosk.help.url template filled in: {device} and {code} replaced, each percent-encoded. */
    public static String helpUrl(String template, String device, String code) {
        return template.replace("{device}", encoded(device)).replace("{code}", encoded(code));
    }

    private static String encoded(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * What can be taken from a configuration that failed its check, to say so on the panel (the setup screen): its
     * panel keys, device id and fleet where they are valid, defaults for everything else. Empty when not even the
     * panel can be known (no file, no valid panel.model).
     */
    public static java.util.Optional<DeviceConfig> forSetup(Path file) {
        Properties props;
        try {
            props = asWritten(file);
        } catch (IOException | IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
        Path base = file.toAbsolutePath().getParent();
        String id = props.getProperty(Setting.DEVICE_ID.key(), "").strip();
        String fleet = props.getProperty(Setting.DEVICE_FLEET.key(), "").strip();
        StringBuilder head = new StringBuilder();
        head.append(Setting.DEVICE_ID.key()).append(" = ").append(Name.valid(id) ? id : "unset").append('\n');
        if (Name.valid(fleet)) head.append(Setting.DEVICE_FLEET.key()).append(" = ").append(fleet).append('\n');
        String help = props.getProperty(Setting.KIOSK_HELP_URL.key(), "").strip();
        if (!help.isEmpty() && helpUrlProblem(help) == null) head.append(Setting.KIOSK_HELP_URL.key()).append(" = ").append(help).append('\n');
        StringBuilder panel = new StringBuilder();
        for (String name : props.stringPropertyNames()) {
            if (name.startsWith("panel.")) panel.append(name).append(" = ").append(props.getProperty(name).strip()).append('\n');
        }
        for (String text : new String[] {head.toString() + panel, head + Setting.PANEL_MODEL.key() + " = " + props.getProperty(Setting.PANEL_MODEL.key(), "").strip()
                + "\n" + Setting.PANEL_DRIVER.key() + " = " + props.getProperty(Setting.PANEL_DRIVER.key(), Setting.PANEL_DRIVER.defaultValue()).strip() + "\n"}) {
            try {
                return java.util.Optional.of(parse(text, file.toString(), base));
            } catch (ConfigException e) {
                // try with less of it
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * A configuration file's keys and values as written, unchecked (the doctor's broker check on a file that fails its
     * check); read as {@link #load} reads it. Throws IllegalArgumentException on a malformed unicode escape.
     */
    public static Properties asWritten(Path file) throws IOException {
        Properties props = new Properties();
        props.load(new java.io.StringReader(ConfigParser.withoutByteOrderMark(Files.readString(file))));
        return props;
    }

    /** Validates configuration text; {@code source} names it in messages, {@code base} resolves relative paths. */
    public static DeviceConfig parse(String text, String source, Path base) throws ConfigException {
        return ConfigParser.parse(text, source, base);
    }
}
