package newsstand.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import newsstand.delivery.Broker;
import newsstand.desk.Desk;
import newsstand.desk.Inventory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An operator's day as the README tells it, on a real Mosquitto with kiosk processes: a page of print imported,
 * published and shown by its publication id; a trial on one kiosk before the fleet; and `fleet issues`, what the
 * broker and each kiosk hold.
 */
class FleetIssuesTest {
    @TempDir Path dir;
    Mosquitto broker;
    TestMqtt observer;
    final List<KioskProcess> kiosks = new ArrayList<>();
    final Map<String, JsonObject> statuses = new ConcurrentHashMap<>();
    final List<JsonObject> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        for (KioskProcess k : kiosks) k.kill();
        if (observer != null) DeliveryTest.closer(observer).close();
        if (broker != null) broker.close();
    }

    /** The broker, the operator's keys, and an observer of the fleet's statuses and events. */
    void start(String fleet) throws Exception {
        broker = new Mosquitto(dir.resolve("broker"));
        assertEquals(0, Cli.run("keygen", "--out", dir.resolve("newsstand-keys").toString()).exit());
        observer = DeliveryTest.client(broker.url());
        observer.subscribe("newsstand/" + fleet + "/+/status", 1, (t, m) -> {
            if (m.getPayload().length > 0) statuses.put(t.split("/")[2], RemoteCommandTest.json(m.getPayload()));
        });
        observer.subscribe("newsstand/" + fleet + "/+/events", 1, (t, m) -> events.add(RemoteCommandTest.json(m.getPayload())));
    }

    KioskProcess kiosk(String fleet, String device) throws Exception {
        Path config = dir.resolve(device + ".properties");
        Files.writeString(config, String.join("\n",
                "device.id = " + device,
                "device.fleet = " + fleet,
                "panel.model = it8951-6in",
                "panel.driver = simulated",
                "panel.output = " + dir.resolve(device + "-panel"),
                "storage.path = " + dir.resolve(device + ".db"),
                "mqtt.url = " + broker.url(),
                "trust.keys = " + dir.resolve("newsstand-keys/operator.pub"),
                "kiosk.idle.seconds = 600") + "\n");
        KioskProcess k = new KioskProcess(dir, config, device);
        kiosks.add(k);
        return k;
    }

    String field(String device, String name) {
        JsonObject s = statuses.get(device);
        return s == null || !s.has(name) || s.get(name).isJsonNull() ? null : s.get(name).getAsString();
    }

    String key() {
        return dir.resolve("newsstand-keys/operator.key").toString();
    }

    Cli publish(String fleet, Path issue, String... more) {
        List<String> args = new ArrayList<>(List.of("publish", "--broker", broker.url(), "--fleet", fleet, "--key", key(), "--issue", issue.toString()));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void theReadmesOperatorExampleRunsAsWritten() throws Exception {
        start("qingdao-stations");
        KioskProcess k = kiosk("qingdao-stations", "kiosk-001");
        // 4. A page of print given as plain text becomes an issue; its publication id is printed.
        Path page = Files.copy(CommandsTest.FIXTURE, dir.resolve("qingdao-daily-2025-09-10.txt"));
        Path today = dir.resolve("today");
        Cli imported = Cli.run("import-text", page.toString(), "--out", today.toString());
        assertEquals(0, imported.exit(), imported.err());
        assertTrue(imported.lastLine().startsWith("wrote issue qingdao-daily-2025-09-10 of publication qingdao-daily (青岛日报, "), imported.out());
        k.await("^INFO: kiosk: no issue yet", 30);
        Cli published = publish("qingdao-stations", today);
        assertEquals(0, published.exit(), published.out() + published.err());
        k.await("^INFO: kiosk: showing qingdao-daily-2025-09-10 \\(\\d+ pages\\)", 60);
        DeliveryTest.await("the front page in the status", 30, () -> "page".equals(field("kiosk-001", "screen")));
        int pages = Integer.parseInt(field("kiosk-001", "pages"));
        assertTrue(pages >= 3, "pages: " + pages);
        // 5. fleet status names the publication the kiosk shows: the id `show` takes.
        Cli status = Cli.run("fleet", "status", "--broker", broker.url(), "--fleet", "qingdao-stations");
        assertEquals(0, status.exit(), status.err());
        assertTrue(status.out().matches("(?s).*\\nkiosk-001 +online +qingdao-daily-2025-09-10 +page qingdao-daily-2025-09-10 p1/\\d+ .* qingdao-daily .*"), status.out());
        // 6. The README's command, as written.
        Cli shown = Cli.run("fleet", "command", "--broker", broker.url(), "--fleet", "qingdao-stations", "--key", key(),
                "--device", "kiosk-001", "show", "qingdao-daily", "3");
        assertEquals(0, shown.exit(), shown.out() + shown.err());
        assertTrue(shown.out().contains("\nkiosk-001        done     shows qingdao-daily qingdao-daily-2025-09-10 page 3 of " + pages + "\n"), shown.out());
        DeliveryTest.await("page 3 in the status", 10, () -> "3".equals(field("kiosk-001", "page")));
    }

    @Test
    void aTrialGoesOnlyToItsKioskAndFleetIssuesListsWhatTheBrokerAndEachKioskHold() throws Exception {
        start("qd");
        KioskProcess a = kiosk("qd", "kiosk-a");
        KioskProcess b = kiosk("qd", "kiosk-b");
        a.await("^INFO: kiosk: no issue yet", 30);
        b.await("^INFO: kiosk: no issue yet", 30);
        assertEquals(0, publish("qd", TestIssues.write(dir.resolve("one"), "qd-1", 0), "--sequence", "100").exit());
        a.await("^INFO: kiosk: showing qd-1 ", 60);
        b.await("^INFO: kiosk: showing qd-1 ", 60);

        // The trial: kiosk-a takes qd-2; kiosk-b passes it over, refusing nothing.
        Path two = TestIssues.write(dir.resolve("two"), "qd-2", 0);
        Cli trial = publish("qd", two, "--sequence", "200", "--device", "kiosk-a");
        assertEquals(0, trial.exit(), trial.out() + trial.err());
        assertTrue(trial.lastLine().startsWith("published issue qd-2 (sequence 200) to kiosk-a of fleet qd: "), trial.out());
        a.await("^INFO: kiosk: showing qd-2 ", 60);
        b.await("qd-2 \\(sequence 200\\) is a trial on kiosk-a; not taken here", 30);
        DeliveryTest.await("kiosk-a's status lists qd-2 stored", 20, () -> statuses.get("kiosk-a").has("stored")
                && statuses.get("kiosk-a").getAsJsonArray("stored").toString().contains("\"issue\":\"qd-2\""));
        assertEquals("qd-1", field("kiosk-b", "activeIssue"));
        assertNull(field("kiosk-b", "lastError"));
        assertFalse(events.stream().anyMatch(e -> "kiosk-b".equals(e.get("device").getAsString()) && e.toString().contains("qd-2")), events.toString());

        // The desk's inventory: records of what the broker retains and what each kiosk stores and shows.
        Inventory inv;
        try (Desk desk = Desk.open(new Broker(broker.url(), null, null, null), "qd", null)) {
            inv = desk.inventory(Duration.ofMillis(1000));
        }
        assertEquals(List.of("qd-2", "qd-1"), inv.broker().stream().map(Inventory.Held::issue).toList());
        Inventory.Held held = inv.broker().get(0);
        assertEquals(List.of("kiosk-a"), held.targets());
        assertEquals(200, held.sequence());
        assertTrue(held.bytes() > Files.size(two.resolve("issue.json")), "the issue and its photos: " + held.bytes());
        assertEquals((held.bytes() + 65535) / 65536, held.chunks());
        assertEquals(List.of(), inv.broker().get(1).targets());
        Inventory.Kiosk ka = inv.kiosks().get(0), kb = inv.kiosks().get(1);
        assertEquals("kiosk-a", ka.device());
        assertEquals(List.of(new Inventory.Stored("qd-1", ka.titles().get(0), java.time.LocalDate.now(), false, true),
                new Inventory.Stored("qd-2", ka.titles().get(0), java.time.LocalDate.now(), true, false)),
                ka.stored().stream().sorted(java.util.Comparator.comparing(Inventory.Stored::issue)).toList());
        assertEquals(List.of("qd-1"), kb.stored().stream().map(Inventory.Stored::issue).toList());

        // The same printed by `fleet issues`.
        Cli listed = Cli.run("fleet", "issues", "--broker", broker.url(), "--fleet", "qd");
        assertEquals(0, listed.exit(), listed.err());
        String pub = ka.titles().get(0);
        assertTrue(listed.out().matches("(?s)On the broker:\nPUBLICATION +ISSUE +SEQUENCE +DATE +EMBARGO +SIZE +CHUNKS +FOR\n"
                + pub + " +qd-2 +200 +\\S+ +- +[0-9.]+ kB +\\d+ +trial: kiosk-a\n" + pub + " +qd-1 +100 .* every kiosk\n.*"), listed.out());
        assertTrue(listed.out().matches("(?s).*\nkiosk-a +online +" + pub + " +qd-2 \\(shown\\), qd-1 \\(previous\\)\n"
                + "kiosk-b +online +" + pub + " +qd-1 \\(shown\\)\n2 issues on the broker, 2 kiosks in fleet qd .*"), listed.out());

        // Released to the fleet: the same issue again, with a higher sequence, for every kiosk.
        assertEquals(0, publish("qd", two, "--sequence", "300").exit());
        b.await("^INFO: kiosk: showing qd-2 ", 60);
        Cli after = Cli.run("fleet", "issues", "--broker", broker.url(), "--fleet", "qd");
        assertTrue(after.out().matches("(?s).* +qd-2 +300 .* every kiosk\n.*"), after.out());
    }
}
