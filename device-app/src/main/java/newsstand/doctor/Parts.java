package newsstand.doctor;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Properties;
import newsstand.config.ConfigException;
import newsstand.config.DeviceConfig;
import newsstand.config.PanelModel;
import newsstand.config.Setting;

/**
 * The parts of a kiosk's configuration each check of the doctor needs: the whole when it is valid; when it is not,
 * the keys of one part as written with defaults for the rest, so that one bad value skips only the checks that need
 * it and every other check still runs.
 */
final class Parts {
    private final DeviceConfig whole;
    private final Path file;
    private final Properties written;

    private Parts(DeviceConfig whole, Path file, Properties written) {
        this.whole = whole;
        this.file = file;
        this.written = written;
    }

    /** A valid configuration: every part is there. */
    static Parts of(DeviceConfig valid) {
        return new Parts(valid, null, null);
    }

    /** A configuration that failed its check: the parts of it that are sound alone (none, when it cannot be read). */
    static Parts of(Path file) {
        Properties p;
        try {
            p = DeviceConfig.asWritten(file);
        } catch (IOException | IllegalArgumentException e) {
            p = null;
        }
        return new Parts(null, file, p);
    }

    /**
     * The configuration with only the keys that start with one of the prefixes taken from the file (and the
     * required ones given placeholders when not among them); empty when those keys have a problem of their own.
     */
    Optional<DeviceConfig> with(String... prefixes) {
        if (whole != null) return Optional.of(whole);
        if (written == null) return Optional.empty();
        Properties part = new Properties();
        for (String key : written.stringPropertyNames()) {
            if (Arrays.stream(prefixes).anyMatch(key::startsWith)) part.setProperty(key, written.getProperty(key));
        }
        part.putIfAbsent(Setting.DEVICE_ID.key(), "doctor");
        if (!part.containsKey(Setting.PANEL_MODEL.key()) && Arrays.stream(prefixes).noneMatch(Setting.PANEL_MODEL.key()::startsWith)) {
            part.setProperty(Setting.PANEL_MODEL.key(), PanelModel.values()[0].id());
        }
        StringWriter text = new StringWriter();
        try {
            part.store(text, null);
            return Optional.of(DeviceConfig.parse(text.toString(), file.toString(), file.toAbsolutePath().getParent()));
        } catch (IOException | ConfigException e) {
            return Optional.empty();
        }
    }

    /** The check skipped because the keys it needs have a problem. */
    static Check skipped(String name, String keys) {
        return Check.skip(name, "needs " + keys + ", which the configuration's problems above include");
    }
}
