package newsstand.app;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import newsstand.config.ConfigException;
import newsstand.config.DeviceConfig;
import newsstand.config.Name;
import newsstand.config.Typos;

/**
 * The console's settings: each declared once ({@link Key}: its key in the file, its command-line option, what it
 * allows), read from the command line, else from the configuration file (`newsstand console --config FILE`;
 * /etc/newsstand/console.properties in the package), else its default. Every bad value is named, all at once, with
 * where it was given (the option, or the file's line and key) and what is allowed.
 */
final class ConsoleConfig {
    /** The broker's password when neither the command line nor the file gives one. */
    static final String MQTT_PASSWORD_ENV = "NEWSSTAND_MQTT_PASSWORD";
    /** The keystore's password; it wins over the file's keystore.password. */
    static final String KEYSTORE_PASSWORD_ENV = "NEWSSTAND_CONSOLE_KEYSTORE_PASSWORD";

    enum Key {
        BROKER("broker", "--broker", "tcp://HOST:PORT or ssl://HOST:PORT, several brokers of a cluster separated by ',' (tried in that order)"),
        USERNAME("username", "--username", "the console's user name on the broker (empty: none)"),
        PASSWORD("password", "--password", "its password on the broker (empty: none, or the environment variable " + MQTT_PASSWORD_ENV + ")"),
        CA("ca", "--ca", "empty (the system's CAs), or a PEM file of the CA that signed the broker's certificate (ssl:// only)"),
        FLEET("fleet", "--fleet", Name.RULE),
        KEY("key", "--key", "the operator's private key file (operator.key), its operator.pub beside it"),
        DATA("data", "--data", "the console's folder (its SQLite file and uploads; made when missing)"),
        LISTEN("listen", "--listen", "ADDRESS:PORT, such as 127.0.0.1:8080 or [::1]:8080, port 0 (any free one) to 65535"),
        BEHIND_PROXY("behind-proxy", "--behind-proxy", "true or false"),
        KEYSTORE("keystore", "--keystore", "empty (plain HTTP), or a PKCS12 keystore file with the console's certificate and key (HTTPS)"),
        KEYSTORE_PASSWORD("keystore.password", null, "the keystore's password (or the environment variable " + KEYSTORE_PASSWORD_ENV + ")"),
        SESSION_MINUTES("session.minutes", "--session-minutes", "1 to 1440 (minutes without a request before a session ends)");

        final String key;
        final String option;
        final String allowed;

        Key(String key, String option, String allowed) {
            this.key = key;
            this.option = option;
            this.allowed = allowed;
        }

        static Optional<Key> byKey(String key) {
            return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
        }
    }

    /** The console's settings, checked. */
    record Settings(String broker, String username, String password, Path ca, String fleet, Path key, Path data, InetSocketAddress listen,
                    boolean behindProxy, Path keystore, char[] keystorePassword, int sessionMinutes) {
        /** The host as given in listen, for the line saying where the page is. */
        String host() {
            return listen.getHostString().contains(":") ? "[" + listen.getHostString() + "]" : listen.getHostString();
        }
    }

    /** Where a value came from: the command line, the file (at a line) or the default. */
    private record Given(String value, String where, Path base) {}

    private final Map<Key, Given> given = new EnumMap<>(Key.class);
    private final List<String> problems = new ArrayList<>();

    /**
     * The settings from the command line's options (those given; null for the others) over the file's (none when
     * {@code file} is null), with their defaults; {@code env} is the process's environment.
     */
    static Settings read(Map<Key, String> commandLine, Path file, Map<String, String> env) throws ConfigException, IOException {
        ConsoleConfig c = new ConsoleConfig();
        if (file != null) c.file(file);
        for (Map.Entry<Key, String> e : commandLine.entrySet()) {
            if (e.getValue() != null) c.given.put(e.getKey(), new Given(e.getValue(), e.getKey().option, null));
        }
        Settings s = c.settings(env);
        if (!c.problems.isEmpty()) throw new ConfigException(file == null ? "console" : file.toString(), c.problems);
        return s;
    }

    private void file(Path file) throws IOException, ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (MalformedInputException e) {
            throw new ConfigException(file.toString(), List.of("not UTF-8 text (allowed: a properties file in UTF-8)"));
        }
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        Properties props = new Properties();
        try {
            props.load(new StringReader(text));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file.toString(), List.of("not a properties file: " + e.getMessage()));
        }
        Map<String, Integer> lines = newsstand.config.KeyLines.of(text, problems);
        Path base = file.toAbsolutePath().getParent();
        for (String name : props.stringPropertyNames()) {
            String at = lines.containsKey(name) ? "line " + lines.get(name) + ": " : "";
            Optional<Key> key = Key.byKey(name);
            if (key.isEmpty()) {
                problems.add(at + "unknown key '" + name + "'" + Typos.closest(name, Arrays.stream(Key.values()).map(k -> k.key).toList())
                        .map(k -> "; did you mean '" + k + "'?").orElse(" (allowed: " + String.join(", ", Arrays.stream(Key.values()).map(k -> k.key).toList()) + ")"));
                continue;
            }
            String value = props.getProperty(name).strip();
            if (!value.isEmpty()) given.put(key.get(), new Given(value, at + name, base));
        }
    }

    private Settings settings(Map<String, String> env) {
        String broker = text(Key.BROKER, true);
        if (broker != null && !DeviceConfig.Mqtt.validUrl(broker)) bad(Key.BROKER, null);
        String username = text(Key.USERNAME, false);
        // The command line's, else the environment's, else the file's.
        String password = text(Key.PASSWORD, false);
        if (env.get(MQTT_PASSWORD_ENV) != null && (password == null || !given.get(Key.PASSWORD).where().equals(Key.PASSWORD.option))) {
            password = env.get(MQTT_PASSWORD_ENV);
        }
        Path ca = file(Key.CA, false);
        if (ca != null && broker != null && !broker.contains("ssl:")) bad(Key.CA, "the broker is tcp:// (use ssl:// for TLS)");
        String fleet = text(Key.FLEET, true);
        if (fleet != null && !Name.valid(fleet)) bad(Key.FLEET, null);
        Path key = file(Key.KEY, true);
        if (key != null && !Files.isRegularFile(key.resolveSibling(newsstand.issue.Keys.PUBLIC_FILE))) {
            bad(Key.KEY, key.resolveSibling(newsstand.issue.Keys.PUBLIC_FILE) + " is missing (keygen writes both; the key id comes from it)");
        }
        Path data = path(Key.DATA, true);
        if (data != null && Files.exists(data) && !Files.isDirectory(data)) bad(Key.DATA, "not a folder");
        InetSocketAddress listen = listen();
        boolean behindProxy = false;
        String proxy = text(Key.BEHIND_PROXY, false);
        if (proxy != null) {
            if (proxy.equals("true")) behindProxy = true;
            else if (!proxy.equals("false")) bad(Key.BEHIND_PROXY, null);
        }
        Path keystore = file(Key.KEYSTORE, false);
        char[] keystorePassword = null;
        if (keystore != null) {
            String pw = env.get(KEYSTORE_PASSWORD_ENV);
            if (pw == null) pw = text(Key.KEYSTORE_PASSWORD, false);
            if (pw == null) {
                problems.add(where(Key.KEYSTORE) + ": its password is missing: set keystore.password in the configuration or the environment variable "
                        + KEYSTORE_PASSWORD_ENV + " (allowed: " + Key.KEYSTORE_PASSWORD.allowed + ")");
            } else {
                keystorePassword = pw.toCharArray();
            }
        }
        int minutes = 30;
        String m = text(Key.SESSION_MINUTES, false);
        if (m != null) {
            try {
                minutes = Integer.parseInt(m);
                if (minutes < 1 || minutes > 1440) bad(Key.SESSION_MINUTES, null);
            } catch (NumberFormatException e) {
                bad(Key.SESSION_MINUTES, "not a whole number");
            }
        }
        return new Settings(broker, username, password, ca, fleet, key, data, listen, behindProxy, keystore, keystorePassword, minutes);
    }

    private InetSocketAddress listen() {
        String text = text(Key.LISTEN, false);
        if (text == null) return new InetSocketAddress(InetAddress.getLoopbackAddress(), 8080);
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            bad(Key.LISTEN, null);
            return null;
        }
        String host = text.substring(0, colon).replaceAll("^\\[(.*)\\]$", "$1");
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            bad(Key.LISTEN, "the port is not a number");
            return null;
        }
        if (port < 0 || port > 65535) {
            bad(Key.LISTEN, "port " + port + " is out of range");
            return null;
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            bad(Key.LISTEN, "no such address " + host);
            return null;
        }
    }

    /** The value given, or null; a required one missing is a problem. */
    private String text(Key k, boolean required) {
        Given g = given.get(k);
        if (g != null) return g.value();
        if (required) {
            problems.add(k.option + " is required (or " + k.key + " in the file of --config; allowed: " + k.allowed + ")");
        }
        return null;
    }

    /** A path, relative ones from the configuration file's folder (from the working folder on the command line). */
    private Path path(Key k, boolean required) {
        String text = text(k, required);
        if (text == null) return null;
        try {
            Path p = Path.of(text);
            Path base = given.get(k).base();
            return base == null ? p : base.resolve(p);
        } catch (InvalidPathException e) {
            bad(k, "not a path");
            return null;
        }
    }

    /** A path to an existing file. */
    private Path file(Key k, boolean required) {
        Path p = path(k, required);
        if (p == null) return null;
        if (!Files.isRegularFile(p)) {
            bad(k, Files.isDirectory(p) ? "a folder" : "no such file");
            return null;
        }
        return p;
    }

    private String where(Key k) {
        Given g = given.get(k);
        return g.where().equals(k.option) ? k.option + " '" + g.value() + "'" : g.where() + " = '" + g.value() + "'";
    }

    private void bad(Key k, String why) {
        problems.add(where(k) + (why == null ? " is not allowed" : ": " + why) + " (allowed: " + k.allowed + ")");
    }
}
