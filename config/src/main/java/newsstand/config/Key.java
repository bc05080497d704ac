package newsstand.config;

import java.util.Arrays;
import java.util.Optional;

/** Every configuration key the kiosk knows, with its default and a description of the values it takes. */
enum Key {
    DEVICE_ID("device.id", null, Name.RULE),
    DEVICE_FLEET("device.fleet", "default", Name.RULE),
    PANEL_MODEL("panel.model", null, "one of " + PanelModel.allowed()),
    PANEL_DRIVER("panel.driver", "simulated", "simulated or pi4j"),
    PANEL_OUTPUT("panel.output", "out/panel", "a folder the simulated panel writes PNGs to"),
    PANEL_VCOM("panel.vcom", "-2.00", "the VCOM printed on an IT8951 panel's cable, -0.20 to -5.00 (volts)"),
    PANEL_SPI_BUS("panel.spi.bus", "", "0 to 6 (default 0)"),
    PANEL_SPI_CHIP_SELECT("panel.spi.chip-select", "", "0 to 2 (default 0, CE0)"),
    PANEL_SPI_CLOCK("panel.spi.clock-hz", "", "100000 to 24000000 (default 4000000 on the 7.5\", 12000000 on IT8951 panels)"),
    PANEL_PIN_RESET("panel.pin.reset", "", "a BCM GPIO number 0 to 27 (default 17)"),
    PANEL_PIN_DC("panel.pin.dc", "", "a BCM GPIO number 0 to 27, or none (default 25 on the 7.5\", none on IT8951 HATs)"),
    PANEL_PIN_BUSY("panel.pin.busy", "", "a BCM GPIO number 0 to 27 (default 24; HRDY on IT8951 HATs)"),
    PANEL_PIN_POWER("panel.pin.power", "", "a BCM GPIO number 0 to 27, or none (default 18 on the 7.5\", none on IT8951 HATs)"),
    PANEL_FULL_EVERY("panel.full-refresh-every", "6", "1 to 100 partial refreshes before a full one"),
    PANEL_MIN_INTERVAL("panel.min-refresh-interval-ms", "0", "0 to 600000 milliseconds between refreshes"),
    PANEL_NIGHTLY_CLEAR("panel.nightly-clear", "03:00", "a time of day HH:MM (in kiosk.timezone) for a full clear of the panel"
            + " against ghosting, or none"),
    BUTTON_NEXT("button.next", "none", "a BCM GPIO number 0 to 27 (pressed when low), or none"),
    BUTTON_PREVIOUS("button.previous", "none", "a BCM GPIO number 0 to 27 (pressed when low), or none"),
    BUTTON_HOME("button.home", "none", "a BCM GPIO number 0 to 27 (pressed when low), or none"),
    KIOSK_HOURS("kiosk.hours", "", "empty (always open), or " + OpeningHours.FORMAT),
    KIOSK_TIMEZONE("kiosk.timezone", "", "empty (the system's), or a time zone such as Asia/Shanghai"),
    KIOSK_OFFLINE_BANNER("kiosk.offline-banner.minutes", "60", "0 to 10080 minutes offline before a banner over the footer says so"),
    KIOSK_IDLE("kiosk.idle.seconds", "120", "0 (never) or 5 to 86400 seconds without a press before the kiosk goes back to the front page"),
    KIOSK_TITLES("kiosk.titles", "", "empty (titles in order of first arrival), or publication ids separated by ',' ("
            + Name.RULE + "), shown first and in that order"),
    KIOSK_ROTATE("kiosk.rotate.seconds", "0", "0 (never) or 5 to 86400 seconds each title's front page stays once the kiosk is idle"),
    KIOSK_HOLD("kiosk.hold.ms", "800", "200 to 5000 milliseconds a button is held for a long press"),
    BUTTONS_INPUT("buttons.input", "", "empty, or a file or named pipe the kiosk reads presses from, one a line: next, previous, home,"
            + " hold next, hold previous, hold home (for a simulated panel, tests and a technician's laptop)"),
    STORAGE_PATH("storage.path", "newsstand.db", "the path of the SQLite file, in an existing folder"),
    STORAGE_KEEP("storage.keep-issues", "7", "2 to 365 issues kept (the active and the previous one always are)"),
    STORAGE_QUOTA("storage.quota-mb", "512", "16 to 1000000 megabytes the stored issues may take"),
    MQTT_URL("mqtt.url", "", "empty (no delivery), or the broker as tcp://HOST:PORT or ssl://HOST:PORT, PORT 1 to 65535;"
            + " several brokers of a cluster separated by ',' (tried in that order)"),
    MQTT_USERNAME("mqtt.username", "", "the kiosk's user name on the broker (empty: none)"),
    MQTT_PASSWORD("mqtt.password", "", "the kiosk's password on the broker (empty: none)"),
    MQTT_CA_FILE("mqtt.ca-file", "", "a PEM file of the CA that signed the broker's certificate (empty: the system's CAs)"),
    TRUST_KEYS("trust.keys", "", "operator public key files (operator.pub) separated by ',', at least one when mqtt.url or import.path is set"),
    IMPORT_PATH("import.path", "", "empty (none), or a folder (a USB stick's mount point) the kiosk takes signed bundles (*.nsb) from; only read"),
    FONTS_PATH("fonts.path", "", "extra font folders separated by ':', each an existing folder");

    final String name;
    /** The value used when the key is absent; null when the key is required. */
    final String defaultValue;
    final String allowed;

    Key(String name, String defaultValue, String allowed) {
        this.name = name;
        this.defaultValue = defaultValue;
        this.allowed = allowed;
    }

    static Optional<Key> byName(String name) {
        return Arrays.stream(values()).filter(k -> k.name.equals(name)).findFirst();
    }

    /** The known key closest to a mistyped one, if any is close enough to be a likely typo. */
    static Optional<Key> closest(String name) {
        Key best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Key k : values()) {
            int d = distance(k.name, name);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return bestDistance <= Math.max(2, name.length() / 4) ? Optional.ofNullable(best) : Optional.empty();
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
