package newsstand.config;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SettingsTableTest {
    private static final String START = "<!-- settings: made by SettingsTable -->\n";
    private static final String END = "<!-- /settings -->";

    @Test
    void theReadmesTableIsTheDeclarations() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int from = readme.indexOf(START), to = readme.indexOf(END);
        assertTrue(from >= 0 && to > from, "config/README.md has no table of settings between " + START.strip() + " and " + END);
        String written = readme.substring(from + START.length(), to);
        assertEquals(SettingsTable.markdown(), written, "config/README.md's table of settings differs from Setting; replace it with the"
                + " output of: java -cp config/target/classes newsstand.config.SettingsTable");
    }

    @Test
    void everySettingHasOneRowAndTheRemoteOnesSaySo() {
        String table = SettingsTable.markdown();
        for (Setting s : Setting.values()) {
            String row = table.lines().filter(l -> l.startsWith("| `" + s.key() + "` |")).findFirst().orElseThrow();
            assertEquals(s.remote(), row.contains("| yes |"), row);
        }
        assertEquals(Setting.values().length + 2, table.lines().count());
    }

    @Test
    void theOperatorMaySetTheKiosksTimesTitlesAndRefreshesOnly() {
        assertEquals(java.util.List.of("panel.full-refresh-every", "kiosk.hours", "kiosk.idle.seconds", "kiosk.titles", "kiosk.rotate.seconds"),
                Setting.remotelySet());
    }

    @Test
    void numbersSayTheirRangeAndUnit() {
        assertEquals("0 (never) or 5 to 86400 seconds without a press before the kiosk goes back to the front page",
                Setting.KIOSK_IDLE.allowed());
        assertEquals(800, Setting.KIOSK_HOLD.defaultNumber());
        assertEquals("a BCM GPIO number 0 to 27, or none (default none on IT8951 HATs, 25 on UC8179 HATs) for the data/command line",
                Setting.PANEL_PIN_DC.allowed());
    }
}
