package newsstand.config;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceConfigTest {
    @TempDir Path dir;

    private static final String GOOD = """
            device.id = kiosk-7
            device.fleet = qingdao
            panel.model = it8951-10in3
            panel.driver = simulated
            panel.output = panel
            storage.path = news.db
            """;

    private DeviceConfig parse(String text) throws ConfigException {
        return DeviceConfig.parse(text, "test.properties", dir);
    }

    private List<String> problems(String text) {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(text));
        assertTrue(e.getMessage().startsWith("test.properties: "), e.getMessage());
        return e.problems();
    }

    @Test
    void readsEveryKeyTyped() throws Exception {
        DeviceConfig c = parse(GOOD);
        assertEquals("kiosk-7", c.device().id());
        assertEquals("qingdao", c.device().fleet());
        assertEquals(PanelModel.IT8951_10IN3, c.panel().model());
        assertEquals(PanelDriver.SIMULATED, c.panel().driver());
        assertEquals(dir.resolve("panel"), c.panel().output());
        assertEquals(dir.resolve("news.db"), c.storage().path());
        assertEquals(List.of(), c.fontPaths());
    }

    @Test
    void appliesDefaultsForOptionalKeys() throws Exception {
        DeviceConfig c = parse("device.id = a\npanel.model = waveshare-7in5-v2\n");
        assertEquals("default", c.device().fleet());
        assertEquals(PanelDriver.SIMULATED, c.panel().driver());
        assertEquals(dir.resolve("newsstand.db"), c.storage().path());
    }

    @Test
    void readsEachTitlesWindowAndDuration() throws Exception {
        DeviceConfig c = parse(GOOD + "kiosk.timezone = Asia/Shanghai\nkiosk.rotate.seconds = 30\n"
                + "kiosk.titles = qingdao-daily, evening-news@16:00-00:00/60s, weekly@Sat-Sun, late@Fri@22:00-02:00/2m, mid@Mon-Wed+Fri\n");
        assertEquals(List.of("qingdao-daily", "evening-news", "weekly", "late", "mid"), c.kiosk().titles());
        List<TitlePlan> t = c.kiosk().plans();
        assertTrue(t.get(0).always());
        assertEquals(0, t.get(0).seconds());
        assertEquals(60, t.get(1).seconds());
        assertEquals(120, t.get(3).seconds());
        java.time.ZoneId sh = java.time.ZoneId.of("Asia/Shanghai");
        java.time.ZonedDateTime saturday9 = java.time.ZonedDateTime.of(2026, 12, 12, 9, 0, 0, 0, sh);
        assertTrue(t.get(0).inside(saturday9));
        assertFalse(t.get(1).inside(saturday9), "the evening paper at 09:00");
        assertTrue(t.get(1).inside(saturday9.withHour(16)));
        assertTrue(t.get(1).inside(saturday9.withHour(23).withMinute(59)));
        assertTrue(t.get(2).inside(saturday9));
        assertFalse(t.get(2).inside(saturday9.plusDays(2)), "the weekly on a Monday");
        assertTrue(t.get(3).inside(saturday9.withHour(1)), "Friday's late window past midnight, on Saturday 01:00");
        assertFalse(t.get(3).inside(saturday9.withHour(23)), "not Saturday's evening");
        assertTrue(t.get(3).inside(saturday9.minusDays(1).withHour(23)));
        assertFalse(t.get(4).inside(saturday9.minusDays(2)), "not Thursday");
        assertTrue(t.get(4).inside(saturday9.minusDays(3)));
        // The same instant judged in the kiosk's zone, not in the clock's.
        assertTrue(t.get(1).inside(saturday9.withHour(17).withZoneSameInstant(java.time.ZoneOffset.UTC)));
        assertEquals("16:00起 · from 16:00", t.get(1).when());
        assertEquals("周六至周日 · Sat-Sun", t.get(2).when());
        assertEquals("周一至周三、周五 · Mon-Wed+Fri", t.get(4).when());
        assertEquals("周五 22:00–02:00 · Fri 22:00–02:00", t.get(3).when());
        assertEquals("06:00–12:00", TitlePlan.parse("m@06:00-12:00", sh).when());
        assertEquals("late@Fri@22:00-02:00/120s", t.get(3).toString());
        // Today's plain list keeps its meaning.
        assertTrue(parse(GOOD + "kiosk.titles = a, b,\n").kiosk().plans().stream().allMatch(TitlePlan::always));
    }

    @Test
    void namesTheEntryAndWhatIsAllowedInATitlesProblem() {
        List<String> p = problems(GOOD + "kiosk.titles = ok, ev@16:00/60s, wk@Sat-Sn, x/3s, y/1h, z@10:00-10:00, w@Mon@Tue\n");
        assertTrue(p.stream().anyMatch(m -> m.startsWith("line 7: kiosk.titles: 'ev@16:00/60s': hours '16:00': not HH:MM-HH:MM")), p.toString());
        assertTrue(p.stream().anyMatch(m -> m.contains("kiosk.titles: 'wk@Sat-Sn': day 'Sn' in 'Sat-Sn' is not Mon, Tue")), p.toString());
        assertTrue(p.stream().anyMatch(m -> m.contains("kiosk.titles: 'x/3s': duration '3s' (allowed: 5s to 86400s, or 1m to 1440m)")), p.toString());
        assertTrue(p.stream().anyMatch(m -> m.contains("'y/1h': duration '1h'")), p.toString());
        assertTrue(p.stream().anyMatch(m -> m.contains("'z@10:00-10:00': hours '10:00-10:00': opens and closes at the same time (leave the hours out")), p.toString());
        assertTrue(p.stream().anyMatch(m -> m.contains("'w@Mon@Tue': days given twice")), p.toString());
        assertEquals(6, p.size(), p.toString());
        assertTrue(p.get(0).contains("(allowed: empty (titles in order of first arrival), or publication ids separated by ','"), p.get(0));
    }

    @Test
    void checksAValueSetFromAfarBeforeItIsSigned() {
        assertEquals(List.of(), Setting.KIOSK_TITLES.problems("qd, ev@16:00-23:59/60s, wk@Sat-Sun"));
        assertEquals(List.of(), Setting.KIOSK_TITLES.problems(""));
        List<String> p = Setting.KIOSK_TITLES.problems("qd, ev@16:00-25:00");
        assertEquals(1, p.size());
        assertTrue(p.get(0).startsWith("kiosk.titles: 'ev@16:00-25:00': hours '16:00-25:00': not HH:MM-HH:MM"), p.get(0));
        assertTrue(p.get(0).contains("(allowed: empty (titles in order"), p.get(0));
        assertEquals(1, Setting.KIOSK_HOURS.problems("9-5").size());
    }

    @Test
    void readsTheReadersSettings() throws Exception {
        DeviceConfig d = parse(GOOD);
        assertEquals(List.of(), d.kiosk().titles());
        assertEquals(0, d.kiosk().rotateSeconds());
        assertEquals(800, d.kiosk().holdMs());
        assertEquals(java.time.LocalTime.of(3, 0), d.panel().nightlyClear());
        DeviceConfig c = parse(GOOD + "kiosk.titles = qingdao-evening, qingdao-daily\nkiosk.rotate.seconds = 30\nkiosk.hold.ms = 600\n"
                + "panel.nightly-clear = 02:30\n");
        assertEquals(List.of("qingdao-evening", "qingdao-daily"), c.kiosk().titles());
        assertEquals(30, c.kiosk().rotateSeconds());
        assertEquals(600, c.kiosk().holdMs());
        assertEquals(java.time.LocalTime.of(2, 30), c.panel().nightlyClear());
        assertEquals(null, parse(GOOD + "panel.nightly-clear = none\n").panel().nightlyClear());
        List<String> p = problems(GOOD + "kiosk.titles = a, A b, a\nkiosk.rotate.seconds = 2\nkiosk.hold.ms = 50\npanel.nightly-clear = 3am\n");
        assertTrue(p.stream().anyMatch(m -> m.contains("kiosk.titles: 'A b' is not a publication id")), p.toString());
        assertTrue(p.stream().anyMatch(m -> m.contains("kiosk.titles: 'a' is given twice")), p.toString());
        assertTrue(p.stream().anyMatch(m -> m.contains("kiosk.rotate.seconds = 2 is not allowed")), p.toString());
        assertTrue(p.stream().anyMatch(m -> m.contains("kiosk.hold.ms = '50' is not allowed (allowed: 200 to 5000")), p.toString());
        assertTrue(p.stream().anyMatch(m -> m.contains("panel.nightly-clear = '3am' is not allowed (allowed: a time of day HH:MM")), p.toString());
    }

    @Test
    void theNightlyClearIsReadAsTheFormatterOfHhMmReadsIt() {
        java.time.format.DateTimeFormatter hhmm = java.time.format.DateTimeFormatter.ofPattern("HH:mm");
        for (String text : new String[] {"00:00", "03:00", "23:59", "24:00", "24:01", "24:30", "00:60", "99:00", "3:00", "03:0",
                "03:000", "03-00", "+3:00", "\u0663\u0663:\u0660\u0660", "03:00:00", ""}) {
            java.time.LocalTime expected;
            try {
                expected = java.time.LocalTime.parse(text, hhmm);
            } catch (java.time.format.DateTimeParseException e) {
                expected = null;
            }
            assertEquals(expected, ConfigParser.hourMinute(text), "'" + text + "'");
        }
    }

    @Test
    void aConfigurationThatFailsItsCheckStillNamesItsPanelForTheSetupScreen() throws Exception {
        java.nio.file.Path file = dir.resolve("bad.properties");
        java.nio.file.Files.writeString(file, "device.fleet = qd\npanel.model = waveshare-7in5-v2\npanel.pin.busy = 99\nmqtt.urll = x\n");
        DeviceConfig setup = DeviceConfig.forSetup(file).orElseThrow();
        assertEquals(PanelModel.byId("waveshare-7in5-v2"), setup.panel().model(), "the panel, though its wiring is wrong");
        assertEquals("unset", setup.device().id());
        assertEquals("qd", setup.device().fleet());
        java.nio.file.Files.writeString(file, "panel.model = nine-inch\n");
        assertTrue(DeviceConfig.forSetup(file).isEmpty(), "no panel to say it on");
        assertTrue(DeviceConfig.forSetup(dir.resolve("missing.properties")).isEmpty());
    }

    @Test
    void theHelpUrlIsATemplateOfAnHttpUrlWithTheDeviceAndTheCode() throws Exception {
        assertEquals("https://github.com/newsstand-kiosk/newsstand?device={device}#{code}", parse(GOOD).kiosk().helpUrl(), "the README's section");
        assertEquals("https://help.example/{code}?d={device}", parse(GOOD + "kiosk.help.url = https://help.example/{code}?d={device}\n").kiosk().helpUrl());
        assertEquals("https://help.example/kiosk%207/F2", DeviceConfig.helpUrl("https://help.example/{device}/{code}", "kiosk 7", "F2"));
        for (String bad : List.of("ftp://x/{code}", "https://x/{name}", "https://x/a b", "https://x/" + "a".repeat(200))) {
            List<String> p = problems(GOOD + "kiosk.help.url = " + bad + "\n");
            assertEquals(1, p.size(), bad + ": " + p);
            assertTrue(p.get(0).startsWith("line 7: kiosk.help.url = '" + bad + "': ") && p.get(0).contains("(allowed: the page the QR code"), p.get(0));
        }
        // A setup screen's QR code still leads where the file says when the rest of it fails its check.
        java.nio.file.Path file = dir.resolve("bad-help.properties");
        java.nio.file.Files.writeString(file, "panel.model = waveshare-7in5-v2\nkiosk.help.url = https://help.example/{code}\nmqtt.urll = x\n");
        assertEquals("https://help.example/{code}", DeviceConfig.forSetup(file).orElseThrow().kiosk().helpUrl());
    }

    @Test
    void readsTheVcomAsPrintedOnTheCable() throws Exception {
        assertEquals(2510, parse(GOOD + "panel.vcom = -2.51\n").panel().vcomMillivolts());
        assertEquals(1450, parse(GOOD + "panel.vcom = 1.45\n").panel().vcomMillivolts());
        assertEquals(2000, parse(GOOD).panel().vcomMillivolts());
        for (String bad : List.of("-9", "0", "two", "-0.1")) {
            assertEquals(List.of("line 7: panel.vcom = '" + bad + "' is not allowed (allowed: the VCOM printed on an IT8951 "
                    + "panel's cable, -0.20 to -5.00 (volts))"), problems(GOOD + "panel.vcom = " + bad + "\n"));
        }
    }

    @Test
    void wiringDefaultsToTheModelsHatAndCanBeChanged() throws Exception {
        DeviceConfig it = parse(GOOD);
        assertEquals(new PanelWiring(0, 0, 12_000_000, 17, -1, 24, -1), it.panel().wiring());
        assertEquals(6, it.panel().fullRefreshEvery());
        assertEquals(new DeviceConfig.Buttons(-1, -1, -1), it.buttons());
        DeviceConfig uc = parse(GOOD.replace("it8951-10in3", "waveshare-7in5-v2") + """
                panel.spi.clock-hz = 10000000
                panel.pin.power = none
                panel.full-refresh-every = 10
                button.next = 5
                button.previous = 6
                """);
        assertEquals(new PanelWiring(0, 0, 10_000_000, 17, 25, 24, -1), uc.panel().wiring());
        assertEquals(10, uc.panel().fullRefreshEvery());
        assertEquals(new DeviceConfig.Buttons(5, 6, -1), uc.buttons());
    }

    @Test
    void aGpioLineUsedTwiceOrOutOfRangeIsNamed() {
        assertEquals(List.of("line 8: button.home = 24: GPIO 24 is already used by panel.pin.busy (each line does one thing)"),
                problems(GOOD + "button.next = 5\nbutton.home = 24\n"));
        assertEquals(List.of("line 7: panel.pin.reset = 8: GPIO 8 is already used by SPI0 (each line does one thing)"),
                problems(GOOD + "panel.pin.reset = 8\n"));
        assertEquals(List.of("line 7: panel.pin.busy = '40' is not allowed (allowed: a BCM GPIO number 0 to 27 (default 24) for the ready line (HRDY on IT8951 HATs))"),
                problems(GOOD + "panel.pin.busy = 40\n"));
        assertEquals(List.of("line 7: panel.spi.clock-hz = 'fast' is not allowed (allowed: 100000 to 24000000 Hz (default 12000000 on IT8951 HATs, 4000000 on UC8179 HATs))"),
                problems(GOOD + "panel.spi.clock-hz = fast\n"));
    }

    @Test
    void namesTheMistypedKeyAndSuggestsTheRightOne() {
        List<String> p = problems(GOOD + "panel.modle = it8951-6in\n");
        assertEquals(List.of("line 7: unknown key 'panel.modle'; did you mean 'panel.model'?"), p);
    }

    @Test
    void namesTheBadValueAndTheAllowedOnes() {
        List<String> p = problems(GOOD.replace("it8951-10in3", "it8951-10in"));
        assertEquals(1, p.size());
        assertEquals("line 3: panel.model = 'it8951-10in' is not allowed (allowed: one of it8951-10in3, it8951-13in3, "
                + "it8951-6in, waveshare-7in5-v2)", p.get(0));
    }

    @Test
    void rejectsABadDriverAndABadDeviceIdTogether() {
        List<String> p = problems(GOOD.replace("simulated", "spi").replace("kiosk-7", "Kiosk 7/a"));
        assertEquals(2, p.size(), p.toString());
        assertTrue(p.get(0).contains("device.id = 'Kiosk 7/a' is not allowed"), p.get(0));
        assertTrue(p.get(1).contains("panel.driver = 'spi' is not allowed (allowed: simulated or pi4j)"), p.get(1));
    }

    @Test
    void reportsMissingRequiredKeys() {
        List<String> p = problems("device.fleet = x\n");
        assertEquals(List.of(
                "missing required key 'device.id' (allowed: 1 to 64 of a-z, 0-9 and '-', starting with a letter or digit)",
                "missing required key 'panel.model' (allowed: one of it8951-10in3, it8951-13in3, it8951-6in, waveshare-7in5-v2)"),
                p);
    }

    @Test
    void rejectsAKeySetTwice() {
        List<String> p = problems(GOOD + "device.id = other\n");
        assertEquals(List.of("line 7: key 'device.id' is already set on line 1 (each key may be set once)"), p);
    }

    @Test
    void rejectsStorageInAMissingFolderAndMissingFontFolders() throws Exception {
        Files.createDirectory(dir.resolve("fonts"));
        List<String> p = problems(GOOD.replace("news.db", "nope/news.db") + "fonts.path = fonts:missing\n");
        assertEquals(2, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("line 6: storage.path = 'nope/news.db': folder "), p.get(0));
        assertEquals("line 7: fonts.path: 'missing' is not an existing folder (allowed: extra font folders "
                + "separated by ':', each an existing folder)", p.get(1));
    }

    @Test
    void loadReportsAMissingFileAndBadUtf8ByName() throws Exception {
        Path missing = dir.resolve("none.properties");
        ConfigException e = assertThrows(ConfigException.class, () -> DeviceConfig.load(missing));
        assertTrue(e.getMessage().contains("none.properties") && e.getMessage().contains("file not found"));
        Path bad = dir.resolve("bad.properties");
        Files.write(bad, new byte[] {'d', '=', (byte) 0xC3, (byte) 0x28});
        e = assertThrows(ConfigException.class, () -> DeviceConfig.load(bad));
        assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
    }

    @Test
    void aFileSavedByNotepadWithAByteOrderMarkAndCrlfLinesLoads() throws Exception {
        Files.writeString(dir.resolve("operator.pub"), "key");
        String text = "\uFEFF" + (GOOD + "kiosk.hours = 06:00-22:00\ntrust.keys = operator.pub\nfonts.path = \\\n  .\n").replace("\n", "\r\n");
        Path file = dir.resolve("notepad.properties");
        Files.writeString(file, text);
        DeviceConfig c = DeviceConfig.load(file);
        assertEquals("kiosk-7", c.device().id());
        assertEquals(dir.resolve("news.db"), c.storage().path());
        assertEquals(List.of(dir.resolve(".")), c.fontPaths(), "a value continued on the next CRLF line");
        assertEquals(java.time.LocalTime.of(22, 0), c.kiosk().hours().close(), "the last value on its line, without the CR");
        DeviceConfig over = DeviceConfig.load(file, java.util.Map.of("kiosk.idle.seconds", "30"));
        assertEquals(30, over.kiosk().idleSeconds());
        assertEquals("kiosk-7", DeviceConfig.forSetup(file).orElseThrow().device().id(), "the setup screen reads it the same way");
        assertEquals("kiosk-7", DeviceConfig.asWritten(file).getProperty("device.id"));
    }

    @Test
    void aKnownKeyWithAnInvisibleCharacterIsNamedAsSuch() {
        List<String> p = problems(GOOD.replace("device.id", "device.\u200Bid") + "\u00A0kiosk.hours = 06:00-22:00\nstorage.keep-issues\uFEFF = 5\n");
        assertEquals(List.of(
                "line 1: key 'device.id' contains an invisible character U+200B at character 8 of the key (delete the key and type it again)",
                "line 7: key 'kiosk.hours' contains an invisible character U+00A0 at character 1 of the key (delete the key and type it again)",
                "line 8: key 'storage.keep-issues' contains an invisible character U+FEFF at character 20 of the key (delete the key and type it again)",
                "missing required key 'device.id' (allowed: 1 to 64 of a-z, 0-9 and '-', starting with a letter or digit)"),
                p.stream().sorted().toList());
        List<String> typo = problems(GOOD + "panel.modle\u200B = x\n");
        assertEquals(List.of("line 7: unknown key 'panel.modle<U+200B>'; did you mean 'panel.model'?"), typo);
    }

    @Test
    void everyExampleFileLoadsAndNamesItsModel() throws Exception {
        Path examples = Path.of("examples");
        for (PanelModel model : PanelModel.values()) {
            Path file = examples.resolve(model.id() + ".properties");
            assertTrue(Files.exists(file), "example for " + model.id());
            Files.writeString(dir.resolve("operator.pub"), "key");
            String text = Files.readString(file).replace("/var/lib/newsstand", dir.toString()).replace("/etc/newsstand", dir.toString());
            Path copy = dir.resolve(model.id() + ".properties");
            Files.writeString(copy, text);
            DeviceConfig c = DeviceConfig.load(copy);
            assertEquals(model, c.panel().model());
            assertEquals("ssl://broker.example.org:8883", c.delivery().mqtt().url());
            assertEquals(List.of(dir.resolve("operator.pub")), c.delivery().trustKeys());
        }
    }

    @Test
    void deliveryKeysAreCheckedTogether() throws Exception {
        String base = "device.id = k1\npanel.model = it8951-6in\nstorage.path = news.db\n";
        List<String> p = assertThrows(ConfigException.class, () -> DeviceConfig.parse(base + "mqtt.url = http://x\n", "t", dir)).problems();
        assertTrue(p.get(0).contains("mqtt.url = 'http://x' is not allowed (allowed: empty (no delivery), or the broker as tcp://HOST:PORT"), p.toString());
        p = assertThrows(ConfigException.class, () -> DeviceConfig.parse(base + "mqtt.url = tcp://b:1883\n", "t", dir)).problems();
        assertTrue(p.get(0).startsWith("missing key 'trust.keys'"), p.toString());
        p = assertThrows(ConfigException.class, () -> DeviceConfig.parse(base + "mqtt.url = tcp://b:1883\ntrust.keys = a.pub, b.pub\n", "t", dir)).problems();
        assertTrue(p.get(0).contains("trust.keys: 'a.pub' is not an existing file"), p.toString());
        p = assertThrows(ConfigException.class, () -> DeviceConfig.parse(base.replace("k1", "issues"), "t", dir)).problems();
        assertTrue(p.get(0).contains("device.id = 'issues' is reserved"), p.toString());
        Files.writeString(dir.resolve("a.pub"), "key");
        Files.writeString(dir.resolve("b.pub"), "key");
        DeviceConfig c = DeviceConfig.parse(base + "mqtt.url = tcp://b:1883\nmqtt.username = k1\ntrust.keys = a.pub, b.pub\n", "t", dir);
        assertEquals(new DeviceConfig.Mqtt("tcp://b:1883", "k1", null, null), c.delivery().mqtt());
        assertEquals(2, c.delivery().trustKeys().size());
        assertEquals(7, c.storage().keepIssues());
        assertEquals(512L << 20, c.storage().quotaBytes());
        assertEquals(null, DeviceConfig.parse(base, "t", dir).delivery().mqtt());
    }

    @Test
    void aPortOutOfRangeAndACaFileThatIsNoCertificateAreNamed() throws Exception {
        String base = "device.id = k1\npanel.model = it8951-6in\nstorage.path = news.db\ntrust.keys = a.pub\n";
        Files.writeString(dir.resolve("a.pub"), "key");
        List<String> p = assertThrows(ConfigException.class, () -> DeviceConfig.parse(base + "mqtt.url = tcp://b:99999\n", "t", dir)).problems();
        assertTrue(p.get(0).contains("mqtt.url = 'tcp://b:99999' is not allowed (allowed: empty (no delivery), or the broker as tcp://HOST:PORT"
                + " or ssl://HOST:PORT, PORT 1 to 65535; several brokers of a cluster separated by ',' (tried in that order))"), p.toString());
        assertFalse(DeviceConfig.Mqtt.validUrl("ssl://b:0"));
        assertTrue(DeviceConfig.Mqtt.validUrl("ssl://b:65535") && DeviceConfig.Mqtt.validUrl("tcp://b"));
        assertTrue(DeviceConfig.Mqtt.validUrl("ssl://b-1:8883, ssl://b-2:8883"), "the brokers of a cluster");
        assertFalse(DeviceConfig.Mqtt.validUrl("ssl://b-1:8883,"), "an empty one");
        assertFalse(DeviceConfig.Mqtt.validUrl("ssl://b-1:8883,ftp://b-2"), "each one checked");
        Files.writeString(dir.resolve("ca.pem"), "not a certificate\n");
        p = assertThrows(ConfigException.class, () -> DeviceConfig.parse(base + "mqtt.url = ssl://b:8883\nmqtt.ca-file = ca.pem\n", "t", dir)).problems();
        assertTrue(p.get(0).contains("mqtt.ca-file = 'ca.pem': not a certificate (allowed: "), p.toString());
        Files.createDirectories(dir.resolve("cas"));
        p = assertThrows(ConfigException.class, () -> DeviceConfig.parse(base + "mqtt.url = ssl://b:8883\nmqtt.ca-file = cas\n", "t", dir)).problems();
        assertTrue(p.get(0).contains("mqtt.ca-file = 'cas': a folder (allowed: "), p.toString());
    }

    @Test
    void panelDensityComesFromPixelsAndDiagonal() {
        assertEquals(227.2, PanelModel.IT8951_10IN3.dpi(), 0.1);
        assertEquals(124.4, PanelModel.WAVESHARE_7IN5_V2.dpi(), 0.1);
    }

    @Test
    void valuesSetFromAfarOverrideTheFilesByItsRules() throws Exception {
        Path file = dir.resolve("kiosk.properties");
        Files.writeString(file, GOOD + "kiosk.idle.seconds = 120\n");
        DeviceConfig over = DeviceConfig.load(file, java.util.Map.of("kiosk.idle.seconds", "30", "kiosk.hours", "06:00-22:00"));
        assertEquals(30, over.kiosk().idleSeconds());
        assertNotNull(over.kiosk().hours());
        assertEquals(120, DeviceConfig.load(file).kiosk().idleSeconds());
        ConfigException bad = assertThrows(ConfigException.class, () -> DeviceConfig.load(file, java.util.Map.of("kiosk.idle.seconds", "3")));
        assertTrue(bad.problems().toString().contains("kiosk.idle.seconds = 3 is not allowed (allowed: 0 (never) or 5 to 86400"), bad.problems().toString());
        ConfigException notSettable = assertThrows(ConfigException.class, () -> DeviceConfig.load(file, java.util.Map.of("storage.path", "/tmp/x")));
        assertTrue(notSettable.problems().get(0).contains("'storage.path' cannot be set from afar (allowed: [panel.full-refresh-every, kiosk.hours, kiosk.idle.seconds, kiosk.titles, kiosk.rotate.seconds])"), notSettable.problems().toString());
    }

    @Test
    void allIsNotADeviceId() {
        assertTrue(problems(GOOD.replace("kiosk-7", "all")).toString().contains("but not issues, chunks or all"));
    }
}
