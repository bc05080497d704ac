package newsstand.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** `fleet status`'s table: columns that stay in place whatever a kiosk sends, and times a person reads. */
class FleetStatusTableTest {
    static final Instant NOW = Instant.parse("2025-09-10T04:00:12.345678901Z");
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    static FleetStatusCommand.Row row(String device, String status) {
        return FleetStatusCommand.row(device, JsonParser.parseString(status).getAsJsonObject());
    }

    @Test
    void longValuesAreCutWithAnEllipsisAndEveryColumnStartsWhereItsHeaderDoes() {
        List<FleetStatusCommand.Row> rows = new ArrayList<>();
        rows.add(row("kiosk-001", "{\"online\":true,\"activeIssue\":\"qingdao-daily-2025-09-10\",\"screen\":\"page\","
                + "\"issue\":\"qingdao-daily-2025-09-10-evening-edition-with-a-very-long-name\",\"page\":\"3\",\"pages\":\"12\","
                + "\"titles\":[{\"publication\":\"qingdao-daily\"},{\"publication\":\"haibin-daily\"},{\"publication\":\"a-publication-with-a-long-id\"}],"
                + "\"health\":{\"uptimeS\":93784,\"rssMb\":96.0,\"rssAnonMb\":43.1,\"cpuTempC\":51.5,\"freeStorageMb\":2048},"
                + "\"notices\":[{\"id\":\"n-1\",\"level\":\"urgent\",\"title\":\"停运\",\"text\":\"Line 2 suspended: take bus 5 or 12 to the centre\",\"until\":\"2025-09-10T10:00:00.5Z\"},"
                + "{\"id\":\"n-2\",\"level\":\"info\",\"title\":\"\",\"text\":\"电梯维修\",\"until\":\"2025-09-11T10:00:00Z\"}],"
                + "\"version\":\"0.1.0\",\"updated\":\"2025-09-10T04:00:00.123456789Z\"}"));
        rows.add(row("kiosk-with-a-rather-long-device-id", "{\"online\":false,\"screen\":\"waiting\",\"version\":\"0.1.0-SNAPSHOT-with-a-long-tail\","
                + "\"updated\":\"2025-09-09T10:00:00Z\",\"lastError\":{\"message\":\"青岛日报 manifest of x rejected\",\"time\":\"x\"}}"));
        rows.add(row("k", "{\"online\":true,\"screen\":\"fault\",\"fault\":\"F2\",\"updated\":\"not a time\"}"));
        StringWriter text = new StringWriter();
        FleetStatusCommand.table(new PrintWriter(text, true), rows, NOW, SHANGHAI);
        String[] lines = text.toString().split("\n");
        assertEquals(4, lines.length, text.toString());
        String header = lines[0];
        String[] names = {"STATE", "ACTIVE ISSUE", "SHOWS", "NOTICES", "SYNC", "UPTIME", "RSS", "ANON", "TEMP", "PANEL", "FREE", "TITLES", "VERSION", "LAST SEEN", "LAST ERROR"};
        for (int l = 1; l < lines.length; l++) {
            for (String name : names) {
                int at = header.indexOf(name);
                assertEquals(' ', lines[l].charAt(at - 1), "before " + name + " in\n" + text);
                assertTrue(lines[l].charAt(at) != ' ', name + " starts at its header in\n" + text);
            }
        }
        assertTrue(lines[1].contains(" page qingdao-daily-2025-09-10-… p3/12 "), lines[1]);
        assertTrue(lines[1].contains(" qingdao-daily,haibin-daily,a-publicatio… "), lines[1]);
        assertTrue(lines[1].contains(" urgent Line 2 suspended: take bus 5 … +1 "), lines[1]);
        assertEquals("[{\"id\":\"n-1\",\"level\":\"urgent\",\"text\":\"Line 2 suspended: take bus 5 or 12 to the centre\",\"until\":\"2025-09-10T10:00:00Z\"},"
                + "{\"id\":\"n-2\",\"level\":\"info\",\"text\":\"电梯维修\",\"until\":\"2025-09-11T10:00:00Z\"}]", rows.get(0).notices().toString());
        assertTrue(lines[1].contains(" 12:00:00 (12 s ago)"), lines[1]);
        assertTrue(lines[2].startsWith("kiosk-with-a-rather-lon… offline"), lines[2]);
        assertTrue(lines[2].contains(" 2025-09-09 18:00:00 (18 h ago) 青岛日报 manifest of x rejected"), lines[2]);
        assertTrue(lines[3].contains(" fault F2 ") && lines[3].contains(" not a time "), lines[3]);
        assertEquals(-1, text.toString().indexOf(".123"), "no fractions of a second");
    }

    @Test
    void timesAreToTheSecondAndAgesInWords() {
        assertEquals("2025-09-10T04:00:00Z", row("k", "{\"updated\":\"2025-09-10T04:00:00.999999999Z\"}").lastSeen());
        assertEquals("12 s ago", FleetStatusCommand.age(Duration.ofSeconds(12)));
        assertEquals("5 min ago", FleetStatusCommand.age(Duration.ofSeconds(330)));
        assertEquals("3 h ago", FleetStatusCommand.age(Duration.ofHours(3)));
        assertEquals("2 d ago", FleetStatusCommand.age(Duration.ofDays(2)));
        assertEquals("in 4 s", FleetStatusCommand.age(Duration.ofSeconds(-4)));
        assertEquals("12:00:00 (12 s ago)", FleetStatusCommand.seen("2025-09-10T04:00:00Z", NOW, SHANGHAI));
        assertEquals("04:00:00 (12 s ago)", FleetStatusCommand.seen("2025-09-10T04:00:00Z", NOW, ZoneId.of("UTC")));
    }

    @Test
    void cellsOfChineseTextCountTwice() {
        assertEquals(8, Table.cells("青岛日报"));
        assertEquals("青岛…", Table.cut("青岛日报", 6));
        assertEquals("abc", Table.cut("abc", 3));
    }
}
