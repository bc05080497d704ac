package newsstand.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import newsstand.config.DeviceConfig;
import newsstand.config.PanelWiring;
import newsstand.config.Setting;

/** The panel's wires on a Pi: the SPI device and spidev's buffer, the GPIO chip and the configured lines. */
final class Wiring {
    static final String SERVICE_USER = "newsstand";
    private static final String ENABLE_SPI = "enable SPI: sudo raspi-config nonint do_spi 0 (or dtparam=spi=on in /boot/firmware/config.txt), then reboot";

    private Wiring() {}

    static Check spi(PanelWiring w) {
        Path dev = Path.of("/dev/spidev" + w.spiBus() + "." + w.chipSelect());
        if (!Files.exists(dev)) return Check.fail("spi", dev + " does not exist (panel.spi.bus " + w.spiBus() + ", chip-select " + w.chipSelect() + ")", ENABLE_SPI);
        String access = access(dev);
        if (access != null) return Check.fail("spi", dev + ": " + access, "add the user to the device's group (the package adds newsstand to spi), or run the doctor with sudo to see the service's view");
        int bufsiz = bufsiz();
        String detail = dev + " present and usable by " + SERVICE_USER + "; spidev buffer " + bufsiz + " bytes";
        if (bufsiz < 65536) {
            return Check.warn("spi", detail + " (frames go in pieces of " + bufsiz + " bytes)",
                    "add spidev.bufsiz=65536 to /boot/firmware/cmdline.txt and reboot: fewer, larger transfers make refreshes faster");
        }
        return Check.ok("spi", detail);
    }

    static int bufsiz() {
        try {
            return Integer.parseInt(Files.readString(Path.of("/sys/module/spidev/parameters/bufsiz")).strip());
        } catch (IOException | NumberFormatException e) {
            return 4096;
        }
    }

    /** The GPIO chip and the lines the configuration names: present, and not used by another program. */
    static Check gpio(PanelWiring w, DeviceConfig.Buttons b, boolean kioskRunning) {
        Path chip = Path.of("/dev/gpiochip0");
        if (!Files.exists(chip)) return Check.fail("gpio", chip + " does not exist", "this is not a Raspberry Pi, or its kernel lacks the GPIO character device");
        String access = access(chip);
        if (access != null) return Check.fail("gpio", chip + ": " + access, "add the user to the device's group (the package adds newsstand to gpio)");
        Map<Integer, String> lines = lines(w, b);
        List<String> info;
        try {
            Process p = new ProcessBuilder("gpioinfo", "gpiochip0").redirectErrorStream(true).start();
            info = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
            if (p.waitFor() != 0) throw new IOException(String.join(" ", info));
        } catch (IOException | InterruptedException e) {
            return Check.warn("gpio", chip + " present; lines " + lines.keySet() + " not checked: gpioinfo cannot run (" + e.getMessage() + ")",
                    "sudo apt-get install gpiod, then run the doctor again");
        }
        List<String> problems = problems(info, lines, kioskRunning);
        if (!problems.isEmpty()) return Check.fail("gpio", String.join("; ", problems), "free the line (another program or an overlay in /boot/firmware/config.txt holds it) or wire and configure another");
        return Check.ok("gpio", chip + ": lines " + lines + " present and free" + (kioskRunning ? " (or held by the kiosk)" : ""));
    }

    private static final java.util.regex.Pattern CHIP = java.util.regex.Pattern.compile("^\\S+ - (\\d+) lines:");
    private static final java.util.regex.Pattern LINE =
            java.util.regex.Pattern.compile("^\\s*line\\s+(\\d+):\\s+(\"[^\"]*\"|\\S+)\\s+(\"[^\"]*\"|\\S+)");

    /**
     * What is wrong with the configured lines, from gpioinfo's listing of the chip (libgpiod 1.x, Debian 12:
     * {@code line  17:  "GPIO17"  unused  input  active-high}, or the consumer in quotes for a line in use): a line the
     * chip does not have (its header gives the count: {@code gpiochip0 - 58 lines:}), or one another program holds. While the kiosk runs its own lines are held by it, and only
     * their presence is checked.
     */
    static List<String> problems(List<String> gpioinfo, Map<Integer, String> lines, boolean kioskRunning) {
        List<String> problems = new ArrayList<>();
        int count = 0;
        for (String l : gpioinfo) {
            java.util.regex.Matcher header = CHIP.matcher(l);
            if (header.find()) count = Integer.parseInt(header.group(1));
            java.util.regex.Matcher m = LINE.matcher(l);
            if (!m.find()) continue;
            int line = Integer.parseInt(m.group(1));
            String user = m.group(3).replace("\"", "");
            if (lines.containsKey(line) && !user.equals("unused") && !kioskRunning) {
                problems.add(lines.get(line) + " (GPIO " + line + ") is used by '" + user + "'");
            }
        }
        for (Map.Entry<Integer, String> e : lines.entrySet()) {
            if (e.getKey() >= count) problems.add(e.getValue() + " (GPIO " + e.getKey() + ") is not a line of gpiochip0 (" + count + " lines)");
        }
        return problems;
    }

    private static Map<Integer, String> lines(PanelWiring w, DeviceConfig.Buttons b) {
        Map<Integer, String> lines = new LinkedHashMap<>();
        put(lines, w.resetPin(), Setting.PANEL_PIN_RESET);
        put(lines, w.readyPin(), Setting.PANEL_PIN_BUSY);
        put(lines, w.dcPin(), Setting.PANEL_PIN_DC);
        put(lines, w.powerPin(), Setting.PANEL_PIN_POWER);
        put(lines, b.next(), Setting.BUTTON_NEXT);
        put(lines, b.previous(), Setting.BUTTON_PREVIOUS);
        put(lines, b.home(), Setting.BUTTON_HOME);
        return lines;
    }

    private static void put(Map<Integer, String> lines, int pin, Setting s) {
        if (pin >= 0) lines.put(pin, s.key());
    }

    /** Null when the service's user may read and write the device; else what stops it. */
    static String access(Path dev) {
        try {
            PosixFileAttributes a = Files.readAttributes(dev, PosixFileAttributes.class);
            Set<PosixFilePermission> p = a.permissions();
            if (p.contains(PosixFilePermission.OTHERS_READ) && p.contains(PosixFilePermission.OTHERS_WRITE)) return null;
            String group = a.group().getName();
            boolean groupRw = p.contains(PosixFilePermission.GROUP_READ) && p.contains(PosixFilePermission.GROUP_WRITE);
            if (groupRw && groupsOf(SERVICE_USER).contains(group)) return null;
            return "owned by " + a.owner().getName() + ":" + group + " " + java.nio.file.attribute.PosixFilePermissions.toString(p)
                    + "; " + SERVICE_USER + " is not in group " + group;
        } catch (IOException e) {
            return "cannot be inspected (" + e.getMessage() + ")";
        }
    }

    /** Null when the service's user may read the file (its owner, group or everyone); else who may. */
    static String unreadable(Path file) {
        try {
            PosixFileAttributes a = Files.readAttributes(file, PosixFileAttributes.class);
            Set<PosixFilePermission> p = a.permissions();
            if (p.contains(PosixFilePermission.OTHERS_READ)) return null;
            if (p.contains(PosixFilePermission.OWNER_READ) && a.owner().getName().equals(SERVICE_USER)) return null;
            if (p.contains(PosixFilePermission.GROUP_READ) && groupsOf(SERVICE_USER).contains(a.group().getName())) return null;
            return "owned by " + a.owner().getName() + ":" + a.group().getName() + " " + java.nio.file.attribute.PosixFilePermissions.toString(p)
                    + ": the service's user " + SERVICE_USER + " cannot read it";
        } catch (IOException e) {
            return "cannot be inspected (" + e.getMessage() + ")";
        }
    }

    /** The groups a user belongs to, from /etc/group (its own group and the supplementary ones). */
    static List<String> groupsOf(String user) {
        List<String> groups = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/etc/group"))) {
                String[] f = line.split(":", -1);
                if (f.length < 4) continue;
                if (f[0].equals(user) || List.of(f[3].split(",")).contains(user)) groups.add(f[0]);
            }
        } catch (IOException e) {
            // none known
        }
        return groups;
    }
}
