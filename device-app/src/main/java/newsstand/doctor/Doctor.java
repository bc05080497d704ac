package newsstand.doctor;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import newsstand.config.ConfigException;
import newsstand.config.DeviceConfig;
import newsstand.config.Language;
import newsstand.config.PanelDriver;
import newsstand.config.Setting;
import newsstand.delivery.Broker;
import newsstand.delivery.Bundle;
import newsstand.delivery.DeliveryException;
import newsstand.display.Panel;
import newsstand.display.hardware.Panels;
import newsstand.fonts.FontException;
import newsstand.issue.Keys;
import newsstand.layout.IssueRenderer;
import newsstand.store.StoreException;
import newsstand.store.StoreHealth;

/**
 * `newsstand doctor`: every check a technician needs to know whether a kiosk can work, in one table, each OK, WARN,
 * FAIL or SKIP with what was found and what to do. It changes nothing (the store is opened read-only, the panel
 * only asked to identify itself) and each check that could wait on something outside (the broker, the panel) has
 * a time limit, so the whole runs in a few seconds.
 */
public final class Doctor {
    static final int BROKER_SECONDS = 5;
    static final int PANEL_SECONDS = 10;

    private Doctor() {}

    public static List<Check> examine(Path configFile) {
        List<Check> checks = new ArrayList<>();
        DeviceConfig c = null;
        try {
            c = DeviceConfig.load(configFile);
            checks.add(Check.ok("configuration", configFile + ": valid (device " + c.device().id() + ", fleet " + c.device().fleet() + ", "
                    + c.panel().model().id() + " " + c.panel().driver().name().toLowerCase() + ")"));
        } catch (ConfigException e) {
            List<String> p = e.problems();
            checks.add(Check.fail("configuration", configFile + ": " + p.size() + " problem" + (p.size() == 1 ? "" : "s") + ": " + String.join("; ", p),
                    "edit " + configFile + " (each line above names the key and what is allowed); the panel shows the same list"));
        }
        String service = Host.serviceState();
        checks.add(Host.service(service));
        boolean kioskRunning = "active".equals(service) || "activating".equals(service);
        // Each check runs on the part of the configuration it needs: one bad value skips only the checks that need it.
        Parts parts = c != null ? Parts.of(c) : Parts.of(configFile);
        Optional<DeviceConfig> wiring = parts.with("panel.", "button.");
        if (wiring.isPresent()) {
            hardware(wiring.get().panel(), wiring.get().buttons(), kioskRunning, checks);
        } else {
            for (String n : List.of("spi", "gpio", "panel")) checks.add(Parts.skipped(n, "the panel.* and button.* keys"));
        }
        DeviceConfig.Storage storage = parts.with("storage.").map(DeviceConfig::storage).orElse(null);
        checks.add(parts.with("fonts.").map(f -> fonts(storage, f.fontPaths())).orElseGet(() -> Parts.skipped("fonts", "fonts.path")));
        checks.add(storage != null ? store(storage) : Parts.skipped("store", "the storage.* keys"));
        checks.add(parts.with("trust.").map(t -> trustKeys(t.delivery())).orElseGet(() -> Parts.skipped("trust keys", "trust.keys")));
        checks.add(c != null ? broker(c.delivery().mqtt(), c.device().fleet(), c.device().id(), kioskRunning) : brokerAsWritten(configFile, kioskRunning));
        // The parser holds a kiosk with import.path to trust.keys: the two are read together.
        checks.add(parts.with("import.", "trust.").or(() -> parts.with("import.")).map(i -> importFolder(i.delivery()))
                .orElseGet(() -> Parts.skipped("import folder", "import.path and trust.keys")));
        checks.add(Host.clock());
        checks.add(Host.java());
        checks.add(Host.memory());
        checks.add(Host.logs());
        return checks;
    }

    private static void hardware(DeviceConfig.Panel c, DeviceConfig.Buttons buttons, boolean kioskRunning, List<Check> checks) {
        if (c.driver() == PanelDriver.SIMULATED) {
            String why = "simulated panel (panel.driver = simulated): it writes PNGs to " + c.output();
            checks.add(Check.skip("spi", why));
            checks.add(Check.skip("gpio", why));
            checks.add(Check.skip("panel", why));
            return;
        }
        Check spi = Wiring.spi(c.wiring()), gpio = Wiring.gpio(c.wiring(), buttons, kioskRunning);
        checks.add(spi);
        checks.add(gpio);
        if (spi.status() == Check.Status.FAIL || gpio.status() == Check.Status.FAIL) {
            checks.add(Check.skip("panel", "not asked: the SPI or GPIO check failed"));
        } else if (kioskRunning) {
            checks.add(Check.skip("panel", "not asked while the kiosk drives it; sudo systemctl stop newsstand, then run the doctor again"));
        } else {
            checks.add(timed("panel", PANEL_SECONDS, () -> {
                try (Panel panel = Panels.open(c, "doctor-%03d.png")) {
                    return Check.ok("panel", panel.probe());
                } catch (IOException e) {
                    return Check.fail("panel", e.getMessage(), "check the HAT is seated, its power and the panel's flexible cable, and panel.model");
                }
            }, "check the busy/HRDY wire (panel.pin.busy), the HAT's power and the cable"));
        }
    }

    /**
     * The types of every language the stored issues are in, and of Simplified Chinese (the kiosk's own screens);
     * storage null when its keys have a problem.
     */
    private static Check fonts(DeviceConfig.Storage storage, List<Path> fontPaths) {
        Set<String> languages = new LinkedHashSet<>(List.of(Language.ZH_HANS));
        try {
            if (storage != null) languages.addAll(StoreHealth.inspect(storage.path()).languages());
        } catch (StoreException e) {
            // no store yet: the kiosk's own screens are in Simplified Chinese
        }
        List<String> found = new ArrayList<>();
        for (String language : languages) {
            try {
                found.add(language + " (" + IssueRenderer.open(language, fontPaths).types() + ")");
            } catch (FontException e) {
                return Check.fail("fonts", language + ": " + e.getMessage(), "sudo apt-get install fonts-noto-cjk (or name a folder with the fonts in fonts.path)");
            }
        }
        return Check.ok("fonts", String.join("; ", found));
    }

    private static Check store(DeviceConfig.Storage storage) {
        Path file = storage.path();
        StoreHealth h;
        try {
            h = StoreHealth.inspect(file);
        } catch (StoreException e) {
            if (!Files.exists(file)) {
                Path folder = file.toAbsolutePath().getParent();
                if (folder == null || !Files.isDirectory(folder)) return Check.fail("store", e.getMessage() + "; folder " + folder + " does not exist", "create it, or fix storage.path");
                return Check.warn("store", file + " does not exist yet; the kiosk creates it at its first start", "start the kiosk: sudo systemctl start newsstand");
            }
            return Check.fail("store", e.getMessage(), "run the doctor with sudo (the store belongs to the service's user)");
        }
        long free = free(file);
        String detail = file + ": " + h.issues() + " issues, " + mb(h.bytes()) + " of the quota " + mb(storage.quotaBytes()) + ", "
                + mb(free) + " free on its disk, quick_check " + h.quickCheck()
                + (h.setFromAfar().isEmpty() ? "" : "; set from afar over the configuration file (fleet command set): " + h.setFromAfar());
        if (!"ok".equals(h.quickCheck())) {
            return Check.fail("store", detail, "the kiosk moves a damaged store aside at its next start and takes the issues again from the broker; a failing SD card is the usual cause (see README, recovery)");
        }
        String pending = pending(file);
        if (pending != null) {
            return Check.fail("store", detail + "; the store has been failing, the kiosk keeps and tries again: " + pending,
                    "make room on its disk, or end the other process holding the store's write lock; the kiosk applies them by itself");
        }
        if (free < 64L << 20) return Check.fail("store", detail, "free space on the SD card (the store needs room for the next issue)");
        if (h.bytes() > storage.quotaBytes() * 9 / 10) return Check.warn("store", detail, "near storage.quota-mb: older issues go first; raise the quota or lower storage.keep-issues");
        return Check.ok("store", detail);
    }

    /** What the running kiosk could not apply to its store yet (its note beside the store), or null. */
    private static String pending(Path store) {
        try {
            Path note = newsstand.delivery.Retries.pendingNote(store);
            return Files.exists(note) ? String.join("; ", Files.readAllLines(note)) : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static Check trustKeys(DeviceConfig.Delivery delivery) {
        if (delivery.trustKeys().isEmpty()) return Check.skip("trust keys", "none configured (trust.keys): no broker and no import folder");
        List<String> ids = new ArrayList<>();
        for (Path p : delivery.trustKeys()) {
            try {
                ids.add(p + " (key id " + Keys.id(Keys.readPublic(p)) + ")");
                String unreadable = Wiring.unreadable(p);
                if (unreadable != null && !Wiring.groupsOf(Wiring.SERVICE_USER).isEmpty()) {
                    return Check.fail("trust keys", p + ": " + unreadable, "sudo chmod 644 " + p + " (a public key is no secret)");
                }
            } catch (IOException e) {
                return Check.fail("trust keys", p + ": " + e.getMessage(), "copy the operator's operator.pub there again (README, replacing a kiosk's trust keys)");
            }
        }
        return Check.ok("trust keys", String.join(", ", ids));
    }

    /**
     * The broker as the configuration file names it, when the file as a whole is not valid: a technician fixing it
     * still learns whether the broker answers.
     */
    private static Check brokerAsWritten(Path configFile, boolean kioskRunning) {
        java.util.Properties p;
        try {
            p = DeviceConfig.asWritten(configFile);
        } catch (IOException | IllegalArgumentException e) {
            return Check.skip("broker", "needs a readable configuration");
        }
        String url = p.getProperty(Setting.MQTT_URL.key(), "").strip();
        if (!DeviceConfig.Mqtt.validUrl(url)) return Check.skip("broker", url.isEmpty() ? "mqtt.url is empty" : "mqtt.url is not valid (see configuration)");
        String ca = p.getProperty(Setting.MQTT_CA_FILE.key(), "").strip();
        Path caFile = ca.isEmpty() ? null : configFile.toAbsolutePath().getParent().resolve(ca);
        if (caFile != null && !Files.isRegularFile(caFile)) caFile = null;
        DeviceConfig.Mqtt m = new DeviceConfig.Mqtt(url, blankToNull(p.getProperty(Setting.MQTT_USERNAME.key())),
                blankToNull(p.getProperty(Setting.MQTT_PASSWORD.key())), caFile);
        return broker(m, p.getProperty(Setting.DEVICE_FLEET.key(), Setting.DEVICE_FLEET.defaultValue()).strip(),
                p.getProperty(Setting.DEVICE_ID.key(), "unset").strip(), kioskRunning);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static Check broker(DeviceConfig.Mqtt m, String fleet, String device, boolean kioskRunning) {
        if (m == null) return Check.skip("broker", "mqtt.url is empty: no broker (issues come only from bundles)");
        Broker broker = new Broker(m.url(), m.username(), m.password(), m.caFile());
        String hint = "check mqtt.url, that the broker runs and that this network reaches it (firewall, DNS); then mqtt.username, mqtt.password and mqtt.ca-file";
        if (kioskRunning) {
            String problem = broker.tcpProblem(BROKER_SECONDS * 1000);
            if (problem != null) return Check.fail("broker", m.url() + " cannot be reached: " + problem, hint);
            return Check.ok("broker", m.url() + " reachable (TCP); the login is not tried while the kiosk runs (it would take over its session): its status shows the connection");
        }
        return timed("broker", BROKER_SECONDS + 3, () -> {
            try {
                Broker.Reached r = broker.probe(fleet, device, BROKER_SECONDS);
                String who = m.username() == null ? "anonymous" : m.username();
                String detail = m.url() + ": logged in as " + who + " in " + r.connectMs() + " ms; " + r.manifests()
                        + " retained issue manifests of fleet " + fleet + " readable";
                if (r.manifests() == 0) {
                    return Check.warn("broker", detail, "none published to fleet " + fleet + " yet, or the broker's ACL does not let " + who
                            + " read newsstand/" + fleet + "/# (device.fleet, and the fleet's name in the ACL)");
                }
                return Check.ok("broker", detail);
            } catch (DeliveryException e) {
                return Check.fail("broker", e.getMessage(), hint);
            }
        }, hint);
    }

    private static Check importFolder(DeviceConfig.Delivery delivery) {
        Path folder = delivery.importPath();
        if (folder == null) return Check.skip("import folder", "import.path is empty: bundles only by `newsstand import`");
        if (!Files.isDirectory(folder)) return Check.ok("import folder", folder + ": no stick in (bundles are taken within seconds of one being mounted there)");
        int bundles = 0;
        try (DirectoryStream<Path> s = Files.newDirectoryStream(folder, "*" + Bundle.SUFFIX)) {
            for (Path ignored : s) bundles++;
        } catch (IOException e) {
            return Check.warn("import folder", folder + " cannot be read (" + e.getMessage() + ")", "mount the stick readable by the newsstand user (e.g. uid=newsstand in its mount options)");
        }
        return Check.ok("import folder", folder + ": " + bundles + " bundle" + (bundles == 1 ? "" : "s") + " (*" + Bundle.SUFFIX + ") there");
    }

    /** A check that could wait on something outside, given up (FAIL) after seconds; its thread is left to end alone. */
    private static Check timed(String name, int seconds, Callable<Check> check, String hint) {
        FutureTask<Check> task = new FutureTask<>(check);
        Thread t = new Thread(task, "doctor-" + name);
        t.setDaemon(true);
        t.start();
        try {
            return task.get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return Check.fail(name, "no answer in " + seconds + " s", hint);
        } catch (ExecutionException e) {
            return Check.fail(name, String.valueOf(e.getCause()), hint);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Check.fail(name, "interrupted", hint);
        }
    }

    private static long free(Path file) {
        try {
            Path folder = file.toAbsolutePath().getParent();
            return Files.getFileStore(folder).getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }

    private static String mb(long bytes) {
        return bytes < 0 ? "?" : String.format("%.1f MB", bytes / 1048576.0);
    }
}
