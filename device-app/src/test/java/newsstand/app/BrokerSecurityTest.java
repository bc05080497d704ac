package newsstand.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import newsstand.delivery.Broker;
import newsstand.delivery.DeliveryException;
import newsstand.delivery.DeviceSync;
import newsstand.delivery.SyncSettings;
import newsstand.delivery.Topics;
import newsstand.issue.Keys;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker set up as config/examples/mosquitto says: passwords, the example ACL file as it is, TLS with a CA
 * made by openssl. Kiosks and the operator's tools work through it; a kiosk cannot do what the ACLs forbid.
 */
class BrokerSecurityTest {
    static final Path EXAMPLES = Path.of(System.getProperty("user.dir")).getParent().resolve("config/examples/mosquitto");
    static final String FLEET = "qingdao-stations"; // the fleet the example ACLs name

    @TempDir Path dir;
    PublicKey operator;
    Path passwords;
    final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        assertEquals(0, Cli.run("keygen", "--out", dir.resolve("keys").toString()).exit());
        operator = Keys.readPublic(dir.resolve("keys/operator.pub"));
        passwords = dir.resolve("newsstand.passwd");
        exec("mosquitto_passwd", "-b", "-c", passwords.toString(), "operator", "op-secret");
        exec("mosquitto_passwd", "-b", passwords.toString(), "kiosk-1", "k1-secret");
        exec("mosquitto_passwd", "-b", passwords.toString(), "kiosk-2", "k2-secret");
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) closing.get(i).close();
    }

    void exec(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", cmd) + ": " + out);
    }

    /** The example configuration's settings, with this test's files in place of /etc/mosquitto's. */
    String exampleConfig(boolean tls) throws IOException {
        StringBuilder conf = new StringBuilder();
        for (String line : Files.readAllLines(EXAMPLES.resolve("mosquitto.conf"))) {
            String key = line.split(" ")[0];
            switch (key) {
                case "certfile", "keyfile", "cafile" -> {
                    if (tls) conf.append(key).append(' ').append(dir.resolve(Path.of(line.split(" ")[1]).getFileName())).append('\n');
                }
                case "password_file" -> conf.append("password_file ").append(passwords).append('\n');
                case "acl_file" -> conf.append("acl_file ").append(acl()).append('\n');
                case "allow_anonymous", "max_packet_size" -> conf.append(line).append('\n');
                default -> { } // listener, persistence: the test broker's own
            }
        }
        assertTrue(conf.toString().contains("acl_file"), conf.toString());
        return conf.toString();
    }

    /**
     * The example ACL file as the README says to fill it in: its kiosk block copied once per kiosk, the user name
     * the kiosk's device.id; everything else as it is.
     */
    Path acl() throws IOException {
        String example = Files.readString(EXAMPLES.resolve("newsstand.acl"));
        int at = example.indexOf("user kiosk-001\n");
        int end = example.indexOf("\n\n", at) + 2;
        assertTrue(at > 0 && end > at, example);
        String block = example.substring(at, end);
        StringBuilder blocks = new StringBuilder();
        for (String kiosk : List.of("kiosk-1", "kiosk-2", "kiosk-3")) blocks.append(block.replace("kiosk-001", kiosk));
        Path acl = dir.resolve("newsstand.acl");
        Files.writeString(acl, example.substring(0, at) + blocks + example.substring(end));
        return acl;
    }

    /** What Mosquitto logged at its start of the ACL file: nothing, when the example is followed. */
    static void assertNoAclWarning(Mosquitto broker) throws IOException {
        String log = Files.readString(broker.dir.resolve("mosquitto.log"));
        assertTrue(log.contains("mosquitto version"), log);
        assertFalse(log.lines().anyMatch(l -> l.contains("ACL") || l.contains("acl") || l.contains("Warning")), log);
    }

    /**
     * The README's recipe for the broker's certificate (its block of openssl commands, run as written), for a broker
     * whose host name is localhost.
     */
    void certificatesByTheReadmesRecipe() throws IOException, InterruptedException {
        String readme = Files.readString(EXAMPLES.getParent().getParent().getParent().resolve("README.md"));
        int at = readme.indexOf("```sh\nbroker=");
        assertTrue(at >= 0, "the README's recipe for the broker's certificate");
        String recipe = readme.substring(at + "```sh\n".length(), readme.indexOf("```", at + 5));
        assertTrue(recipe.startsWith("broker=broker.example.org\n"), recipe);
        exec("bash", "-euo", "pipefail", "-c", recipe.replaceFirst("^broker=broker.example.org", "broker=localhost"));
    }

    DeviceSync kiosk(Broker broker, String device, BlockingQueue<String> activated) throws Exception {
        DeviceSync sync = DeviceSync.start(new SyncSettings(broker, FLEET, device, List.of(operator), dir.resolve(device + ".db"),
                7, 512L << 20, Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(5), 5), activated::add);
        closing.add(sync);
        return sync;
    }

    static TestMqtt client(String url, String user, String password) throws MqttException {
        return TestMqtt.connect(url, user, password);
    }

    @Test
    void theExampleAclsLetAKioskDoItsWorkAndNothingElse() throws Exception {
        Mosquitto broker = new Mosquitto(dir.resolve("broker"), exampleConfig(false));
        closing.add(broker);
        assertNoAclWarning(broker);
        BlockingQueue<String> activated = new LinkedBlockingQueue<>();
        DeviceSync sync = kiosk(new Broker(broker.url(), "kiosk-1", "k1-secret", null), "kiosk-1", activated);
        Cli p = Cli.run("publish", "--broker", broker.url(), "--fleet", FLEET, "--key", dir.resolve("keys/operator.key").toString(),
                "--issue", TestIssues.write(dir.resolve("pkg"), "qd-acl", 200_000).toString(), "--username", "operator", "--password", "op-secret");
        assertEquals(0, p.exit(), p.err());
        assertEquals("qd-acl", activated.poll(30, TimeUnit.SECONDS));

        // What the operator sees of everything, retained or live.
        TestMqtt op = client(broker.url(), "operator", "op-secret");
        closing.add(DeliveryTest.closer(op));
        Map<String, String> seen = new ConcurrentHashMap<>();
        op.subscribe("newsstand/#", 1, (t, m) -> seen.put(t, new String(m.getPayload(), StandardCharsets.UTF_8)));
        DeliveryTest.await("kiosk-1's status", 10, () -> seen.containsKey(Topics.status(FLEET, "kiosk-1")));

        // kiosk-2 tries to publish an issue, a chunk, kiosk-1's status; it may publish its own status.
        TestMqtt rogue = client(broker.url(), "kiosk-2", "k2-secret");
        closing.add(DeliveryTest.closer(rogue));
        rogue.publish(Topics.manifest(FLEET, "qd-evil"), "{}".getBytes(), 1, true);
        rogue.publish(Topics.chunk(FLEET, "qd-acl", 1, 0), "x".getBytes(), 1, true);
        rogue.publish(Topics.status(FLEET, "kiosk-1"), "{\"online\":false,\"forged\":true}".getBytes(), 1, true);
        rogue.publish(Topics.status(FLEET, "kiosk-2"), "{\"online\":true}".getBytes(), 1, false);
        DeliveryTest.await("kiosk-2's own status", 10, () -> seen.containsKey(Topics.status(FLEET, "kiosk-2")));
        Mosquitto.sleep(500);
        assertFalse(seen.containsKey(Topics.manifest(FLEET, "qd-evil")), seen.keySet().toString());
        assertFalse(seen.containsKey(Topics.chunk(FLEET, "qd-acl", 1, 0)), seen.keySet().toString());
        assertFalse(seen.get(Topics.status(FLEET, "kiosk-1")).contains("forged"), seen.get(Topics.status(FLEET, "kiosk-1")));

        // kiosk-2 cannot read kiosk-1's status (refused, or nothing delivered).
        BlockingQueue<String> read = new LinkedBlockingQueue<>();
        try {
            rogue.subscribe(Topics.status(FLEET, "kiosk-1"), 1, (t, m) -> read.add(t));
        } catch (MqttException refused) {
            // Mosquitto may answer the SUBSCRIBE with a failure code
        }
        assertEquals(null, read.poll(1, TimeUnit.SECONDS));

        Cli fleet = Cli.run("fleet", "status", "--broker", broker.url(), "--fleet", FLEET, "--username", "operator", "--password", "op-secret");
        assertEquals(0, fleet.exit(), fleet.err());
        assertTrue(fleet.out().matches("(?s).*kiosk-1 +online +qd-acl .*"), fleet.out());
        JsonObject s = JsonParser.parseString(sync.status()).getAsJsonObject();
        assertTrue(s.get("lastError").isJsonNull(), s.toString()); // the ACLs never got in the kiosk's way

        // The operator's signed command reaches kiosk-1 and its answer comes back; kiosk-2 cannot send one.
        Cli command = Cli.run("fleet", "command", "--broker", broker.url(), "--fleet", FLEET, "--key", dir.resolve("keys/operator.key").toString(),
                "--username", "operator", "--password", "op-secret", "--device", "kiosk-1", "resync");
        assertEquals(0, command.exit(), command.out() + command.err());
        assertTrue(command.out().contains("kiosk-1          done     asked the broker again for qd-acl"), command.out());
        rogue.publish(Topics.commands(FLEET, "kiosk-1"), "{\"rogue\":true}".getBytes(), 1, false);
        rogue.publish(Topics.commands(FLEET, Topics.ALL), "{\"rogue\":true}".getBytes(), 1, false);
        Mosquitto.sleep(500);
        assertFalse(seen.values().stream().anyMatch(v -> v.contains("rogue")), seen.toString());
    }

    @Test
    void kiosksAndOperatorsSpeakTlsToABrokerTheirCaSigned() throws Exception {
        certificatesByTheReadmesRecipe();
        String ec = "ec -pkeyopt ec_paramgen_curve:prime256v1";
        exec(("openssl req -x509 -newkey " + ec + " -nodes -keyout other.key -out other.crt -days 2 -subj /CN=someone-else").split(" "));
        Mosquitto broker = new Mosquitto(dir.resolve("broker"), exampleConfig(true));
        closing.add(broker);
        assertNoAclWarning(broker);
        String url = "ssl://localhost:" + broker.port;
        Path ca = dir.resolve("ca.crt");

        BlockingQueue<String> activated = new LinkedBlockingQueue<>();
        kiosk(new Broker(url, "kiosk-1", "k1-secret", ca), "kiosk-1", activated);
        Cli p = Cli.run("publish", "--broker", url, "--fleet", FLEET, "--key", dir.resolve("keys/operator.key").toString(),
                "--issue", TestIssues.write(dir.resolve("pkg"), "qd-tls", 200_000).toString(), "--username", "operator", "--password", "op-secret",
                "--ca", ca.toString());
        assertEquals(0, p.exit(), p.err());
        assertEquals("qd-tls", activated.poll(30, TimeUnit.SECONDS));
        Cli fleet = Cli.run("fleet", "status", "--broker", url, "--fleet", FLEET, "--username", "operator", "--password", "op-secret", "--ca", ca.toString());
        assertEquals(0, fleet.exit(), fleet.err());
        assertTrue(fleet.out().matches("(?s).*kiosk-1 +online +qd-tls .*"), fleet.out());

        // A kiosk trusting another CA does not talk to this broker, and says why; so does the operator's tool.
        DeviceSync wrong = kiosk(new Broker(url, "kiosk-2", "k2-secret", dir.resolve("other.crt")), "kiosk-2", new LinkedBlockingQueue<>());
        DeliveryTest.await("two failed TLS connects", 30,
                () -> JsonParser.parseString(wrong.status()).getAsJsonObject().get("failedConnects").getAsInt() >= 2);
        JsonObject s = JsonParser.parseString(wrong.status()).getAsJsonObject();
        assertFalse(s.get("online").getAsBoolean());
        assertTrue(s.getAsJsonObject("lastError").get("message").getAsString().contains("TLS failed: the broker's certificate is not signed by a CA "
                + "this kiosk trusts: set mqtt.ca-file to the CA that signed it"), s.toString());
        Cli op = Cli.run("fleet", "status", "--broker", url, "--fleet", FLEET, "--username", "operator", "--password", "op-secret",
                "--ca", dir.resolve("other.crt").toString());
        assertEquals(1, op.exit());
        assertTrue(op.err().contains("TLS failed: the broker's certificate is not signed by a CA this tool trusts: give --ca FILE (the CA that signed it)"),
                op.err());
        // The README's example without --ca: the system's CAs do not know this one, and the tool says what to give.
        Cli noCa = Cli.run("fleet", "status", "--broker", url, "--fleet", FLEET, "--username", "operator", "--password", "op-secret");
        assertEquals(1, noCa.exit());
        assertTrue(noCa.err().contains("the broker's certificate is not signed by a CA this tool trusts: give --ca FILE (the CA that signed it)"),
                noCa.err());
        // A wrong password is said as such, not blamed on the user name.
        Cli wrongPassword = Cli.run("fleet", "status", "--broker", url, "--fleet", FLEET, "--username", "operator", "--password", "nope",
                "--ca", ca.toString());
        assertEquals(1, wrongPassword.exit());
        assertTrue(wrongPassword.err().contains("the broker refused the user name or password of user 'operator'"), wrongPassword.err());
        assertTrue(wrongPassword.err().contains("check --password"), wrongPassword.err());

        // tcp:// to the TLS port: said in words a technician can act on.
        DeviceSync plain = kiosk(new Broker("tcp://127.0.0.1:" + broker.port, "kiosk-3", "k3-secret", null), "kiosk-3", new LinkedBlockingQueue<>());
        DeliveryTest.await("the mismatch said", 30, () -> JsonParser.parseString(plain.status()).getAsJsonObject().toString()
                .contains("closed the connection while connecting (if it speaks TLS on this port, use ssl://)"));
    }

    @Test
    void theDoctorsProbeLogsInAsTheKioskAndNamesWhatTheAclOrThePasswordRefuses() throws Exception {
        Mosquitto broker = new Mosquitto(dir.resolve("broker"), exampleConfig(false));
        closing.add(broker);
        for (String fleet : List.of(FLEET, "other-fleet")) {
            assertEquals(0, Cli.run("publish", "--broker", broker.url(), "--fleet", fleet, "--key", dir.resolve("keys/operator.key").toString(),
                    "--issue", TestIssues.write(dir.resolve("pkg-" + fleet), "qd-probe", 0).toString(), "--username", "operator",
                    "--password", "op-secret").exit());
        }
        assertEquals(1, new Broker(broker.url(), "kiosk-1", "k1-secret", null).probe(FLEET, "kiosk-1", 5).manifests());
        // Mosquitto (2.0, MQTT 5 as MQTT 3.1.1) grants a subscription its ACL denies and then delivers nothing: no issue readable.
        assertEquals(0, new Broker(broker.url(), "kiosk-1", "k1-secret", null).probe("other-fleet", "kiosk-1", 5).manifests());
        DeliveryException wrong = assertThrows(DeliveryException.class,
                () -> new Broker(broker.url(), "kiosk-1", "wrong", null).probe(FLEET, "kiosk-1", 5));
        assertTrue(wrong.getMessage().contains("kiosk-1"), wrong.getMessage());
    }
}
