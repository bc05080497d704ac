package newsstand.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `newsstand doctor` against real parts: a Mosquitto started here, a real store, the fonts installed, this machine's /dev. */
class DoctorTest {
    @TempDir Path dir;

    Path config(String mqttUrl, String... more) throws Exception {
        assertEquals(0, Cli.run("keygen", "--out", dir.resolve("keys").toString()).exit());
        Path c = dir.resolve("kiosk.properties");
        List<String> lines = new java.util.ArrayList<>(List.of("device.id = kiosk-d", "device.fleet = qd", "panel.model = it8951-10in3",
                "panel.driver = simulated", "panel.output = " + dir.resolve("panel"), "storage.path = " + dir.resolve("kiosk.db"),
                "mqtt.url = " + mqttUrl, "trust.keys = " + dir.resolve("keys/operator.pub"), "import.path = " + dir.resolve("stick")));
        lines.addAll(List.of(more));
        Files.writeString(c, String.join("\n", lines) + "\n");
        return c;
    }

    static String line(Cli doctor, String check) {
        return doctor.out().lines().filter(l -> l.matches("^(OK|WARN|FAIL|SKIP) +" + Pattern.quote(check) + " .*")).findFirst()
                .orElseThrow(() -> new AssertionError("no line for " + check + " in:\n" + doctor.out()));
    }

    @Test
    void aKioskWithItsBrokerUpPassesAndTheBrokersIssuesAreCounted() throws Exception {
        try (Mosquitto broker = new Mosquitto(dir.resolve("broker"))) {
            Path c = config(broker.url());
            assertEquals(0, Cli.run("publish", "--broker", broker.url(), "--fleet", "qd", "--key", dir.resolve("keys/operator.key").toString(),
                    "--issue", TestIssues.write(dir.resolve("pkg"), "qd-doc", 0).toString(), "--sequence", "5").exit());
            Cli doctor = Cli.run("doctor", "--config", c.toString());
            assertEquals(0, doctor.exit(), doctor.out());
            assertTrue(line(doctor, "configuration").startsWith("OK"), doctor.out());
            assertTrue(line(doctor, "broker").matches("OK +broker +tcp://.*: logged in as anonymous in \\d+ ms; 1 retained issue manifests of fleet qd readable"), doctor.out());
            assertTrue(line(doctor, "panel").startsWith("SKIP") && line(doctor, "panel").contains("simulated"), doctor.out());
            assertTrue(line(doctor, "fonts").matches("OK +fonts +zh-Hans \\(regular: .*Noto Sans CJK SC.*"), doctor.out());
            assertTrue(line(doctor, "store").startsWith("WARN") && line(doctor, "store").contains("does not exist yet"), doctor.out());
            assertTrue(line(doctor, "import folder").contains("no stick in"), doctor.out());
            assertTrue(line(doctor, "java").matches("OK +java +Java 17.*"), doctor.out());
        }
    }

    @Test
    void aBrokerThatIsNotThereIsAFailWithAHintAndNoWait() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Path c = config("tcp://127.0.0.1:" + closed);
        long start = System.nanoTime();
        Cli doctor = Cli.run("doctor", "--config", c.toString());
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(1, doctor.exit(), doctor.out());
        assertTrue(line(doctor, "broker").matches("FAIL +broker +.*127.0.0.1:" + closed + ".*"), doctor.out());
        assertTrue(doctor.out().contains("-> check mqtt.url"), doctor.out());
        assertTrue(doctor.out().strip().endsWith("WARN") || doctor.out().contains("1 FAIL"), doctor.out());
        assertTrue(ms < 10_000, "the doctor took " + ms + " ms");
    }

    @Test
    void aWrongConfigurationIsNamedAndTheBrokerIsStillTriedAsWritten() throws Exception {
        Path c = config("tcp://127.0.0.1:1", "panel.full-refresh-every = 0", "kiosk.idle.secnds = 5");
        Cli doctor = Cli.run("doctor", "--config", c.toString(), "--json");
        assertEquals(1, doctor.exit(), doctor.out());
        JsonObject o = JsonParser.parseString(doctor.out()).getAsJsonObject();
        assertEquals(false, o.get("ok").getAsBoolean());
        JsonObject config = o.getAsJsonArray("checks").get(0).getAsJsonObject();
        assertEquals("configuration", config.get("name").getAsString());
        assertEquals("FAIL", config.get("status").getAsString());
        assertTrue(config.get("detail").getAsString().contains("panel.full-refresh-every"), config.toString());
        assertTrue(config.get("detail").getAsString().contains("did you mean 'kiosk.idle.seconds'?"), config.toString());
        JsonObject broker = o.getAsJsonArray("checks").asList().stream().map(e -> e.getAsJsonObject())
                .filter(e -> e.get("name").getAsString().equals("broker")).findFirst().orElseThrow();
        assertEquals("FAIL", broker.get("status").getAsString(), broker.toString());
    }

    @Test
    void aConfigurationWithOneBadValueStillHasEveryCheckThatDoesNotNeedIt() throws Exception {
        Path c = config("tcp://127.0.0.1:1", "storage.keep-issues = 1");
        Cli doctor = Cli.run("doctor", "--config", c.toString());
        assertEquals(1, doctor.exit(), doctor.out());
        assertTrue(line(doctor, "configuration").startsWith("FAIL") && line(doctor, "configuration").contains("storage.keep-issues"), doctor.out());
        assertTrue(line(doctor, "store").matches("SKIP +store +needs the storage.\\* keys, which the configuration's problems above include"), doctor.out());
        assertTrue(line(doctor, "panel").startsWith("SKIP") && line(doctor, "panel").contains("simulated"), doctor.out());
        assertTrue(line(doctor, "fonts").matches("OK +fonts +zh-Hans \\(regular: .*"), doctor.out());
        assertTrue(line(doctor, "trust keys").matches("OK +trust keys +.*operator.pub \\(key id .*"), doctor.out());
        assertTrue(line(doctor, "import folder").contains("no stick in"), doctor.out());
        assertTrue(line(doctor, "broker").startsWith("FAIL"), doctor.out());

        // A bad panel value: the panel's checks wait for it, the store is looked at.
        Files.writeString(c, Files.readString(c).replace("storage.keep-issues = 1", "panel.model = it8951-10in"));
        Cli panel = Cli.run("doctor", "--config", c.toString());
        assertTrue(line(panel, "panel").matches("SKIP +panel +needs the panel.\\* and button.\\* keys, .*"), panel.out());
        assertTrue(line(panel, "store").startsWith("WARN") && line(panel, "store").contains("does not exist yet"), panel.out());
        assertTrue(line(panel, "import folder").contains("no stick in"), panel.out());
    }

    @Test
    void onAPi4jKioskTheSpiDeviceIsLookedFor() throws Exception {
        Path c = config("tcp://127.0.0.1:1");
        Files.writeString(c, Files.readString(c).replace("panel.driver = simulated", "panel.driver = pi4j"));
        Cli doctor = Cli.run("doctor", "--config", c.toString());
        String spi = line(doctor, "spi");
        if (Files.exists(Path.of("/dev/spidev0.0"))) {
            assertTrue(!spi.startsWith("SKIP"), doctor.out());
        } else {
            assertTrue(spi.matches("FAIL +spi +/dev/spidev0.0 does not exist .*"), doctor.out());
            assertTrue(doctor.out().contains("raspi-config nonint do_spi 0"), doctor.out());
            assertTrue(line(doctor, "panel").startsWith("SKIP"), doctor.out());
        }
    }
}
