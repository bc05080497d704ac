package newsstand.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpeningHoursTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    static ZonedDateTime at(String time) {
        return ZonedDateTime.parse("2025-09-10T" + time + ":00+08:00[Asia/Shanghai]");
    }

    @Test
    void hoursWithinADayAndPastMidnight() {
        OpeningHours day = OpeningHours.parse("06:00-23:30", SHANGHAI);
        assertTrue(day.isOpen(at("06:00")) && day.isOpen(at("23:29")));
        assertFalse(day.isOpen(at("05:59")) || day.isOpen(at("23:30")));
        OpeningHours night = OpeningHours.parse("22:00-02:00", SHANGHAI);
        assertTrue(night.isOpen(at("23:00")) && night.isOpen(at("01:59")));
        assertFalse(night.isOpen(at("02:00")) || night.isOpen(at("12:00")));
        assertTrue(day.isOpen(at("07:00").withZoneSameInstant(ZoneId.of("UTC"))), "judged in the kiosk's time zone");
    }

    @Test
    void theKiosksTimeZoneIsConfiguredOrTheSystems(@TempDir Path dir) throws Exception {
        String base = "device.id = k1\npanel.model = it8951-6in\nstorage.path = news.db\n";
        assertEquals(SHANGHAI, DeviceConfig.parse(base + "kiosk.timezone = Asia/Shanghai\n", "t", dir).kiosk().timezone());
        assertEquals(ZoneId.systemDefault(), DeviceConfig.parse(base, "t", dir).kiosk().timezone());
        assertEquals(SHANGHAI, DeviceConfig.parse(base + "kiosk.timezone = Asia/Shanghai\nkiosk.hours = 06:00-23:30\n", "t", dir).kiosk().hours().zone());
    }

    @Test
    void badHoursAndZonesAreNamed(@TempDir Path dir) {
        String base = "device.id = k1\npanel.model = it8951-6in\nstorage.path = news.db\n";
        var p = assertThrows(ConfigException.class, () -> DeviceConfig.parse(base + "kiosk.hours = 6-23\n", "t", dir)).problems();
        assertEquals("line 4: kiosk.hours = '6-23': not " + OpeningHours.FORMAT, p.get(0));
        p = assertThrows(ConfigException.class, () -> DeviceConfig.parse(base + "kiosk.timezone = Mars/Olympus\n", "t", dir)).problems();
        assertTrue(p.get(0).contains("kiosk.timezone = 'Mars/Olympus' is not allowed (allowed: empty (the system's), or a time zone"), p.toString());
    }
}
