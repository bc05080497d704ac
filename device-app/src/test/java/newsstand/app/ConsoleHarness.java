package newsstand.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import newsstand.console.Console;
import newsstand.console.ConsoleStore;
import newsstand.console.Role;
import newsstand.delivery.Broker;

/**
 * A real console for a test: a real Mosquitto, an operator's key made by `keygen`, the console started in this JVM on a
 * free loopback port with its own data folder, and three users (admin, editor, viewer; password {@link #PASSWORD}).
 * Kiosks are real processes (KioskProcess) on the same broker, fleet {@value #FLEET}.
 */
final class ConsoleHarness implements AutoCloseable {
    static final String FLEET = "qd";
    static final String PASSWORD = "correct horse battery";

    final Path dir;
    final Mosquitto broker;
    final Console console;
    final String base;

    ConsoleHarness(Path dir) throws Exception {
        this(dir, Duration.ofMinutes(30));
    }

    ConsoleHarness(Path dir, Duration sessionIdle) throws Exception {
        this.dir = dir;
        broker = new Mosquitto(dir.resolve("broker"));
        assertEquals(0, Cli.run("keygen", "--out", dir.resolve("keys").toString()).exit());
        Path data = dir.resolve("console");
        try (ConsoleStore store = ConsoleStore.open(data)) {
            for (Role r : Role.values()) store.putUser(r.name().toLowerCase(java.util.Locale.ROOT), r, PASSWORD.toCharArray());
        }
        Options.KeyOption key = new Options.KeyOption();
        key.key = dir.resolve("keys/operator.key");
        console = Console.start(new Console.Settings(new Broker(broker.url(), null, null, null), FLEET, key.signer(), data,
                new InetSocketAddress("127.0.0.1", 0), false, null, null, sessionIdle));
        base = "http://127.0.0.1:" + console.port();
    }

    /** A kiosk's configuration on this broker and fleet, with a simulated panel of the model given. */
    Path kioskConfig(String device, String model) throws Exception {
        Path config = dir.resolve(device + ".properties");
        Files.writeString(config, String.join("\n",
                "device.id = " + device,
                "device.fleet = " + FLEET,
                "panel.model = " + model,
                "panel.driver = simulated",
                "panel.output = " + dir.resolve(device + "-panel"),
                "storage.path = " + dir.resolve(device + ".db"),
                "mqtt.url = " + broker.url(),
                "trust.keys = " + dir.resolve("keys/operator.pub"),
                "kiosk.idle.seconds = 600") + "\n");
        return config;
    }

    /** A kiosk process of the fleet, started and waited for until it says it has no issue yet. */
    KioskProcess kiosk(String device, String model) throws Exception {
        KioskProcess k = new KioskProcess(dir, kioskConfig(device, model), device);
        k.await("^INFO: kiosk: no issue yet", 30);
        return k;
    }

    /** An API client with its own cookies, logged in as nobody yet. */
    Api api() {
        return new Api(base);
    }

    @Override
    public void close() throws Exception {
        console.close();
        broker.close();
    }

    /** The console's API as a browser's script uses it: cookies kept, the CSRF token sent once logged in. */
    static final class Api {
        final String base;
        final HttpClient http;
        String csrf;
        /** The session's cookie as the console set it (name=value), or null. */
        String cookie;

        Api(String base) {
            this.base = base;
            this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        }

        /** Logs in; fails the test unless it worked. */
        Api login(String name) throws Exception {
            Reply r = post("/api/login", "{\"name\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}");
            assertEquals(200, r.status(), r.body());
            csrf = r.json().get("csrf").getAsString();
            return this;
        }

        Reply get(String path) throws Exception {
            return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
        }

        Reply post(String path, String json) throws Exception {
            return send(with(HttpRequest.newBuilder(URI.create(base + path)), List.of("Content-Type", "application/json"))
                    .POST(HttpRequest.BodyPublishers.ofString(json)));
        }

        Reply post(String path, byte[] body, String type) throws Exception {
            return send(with(HttpRequest.newBuilder(URI.create(base + path)), List.of("Content-Type", type))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
        }

        Reply delete(String path) throws Exception {
            return send(with(HttpRequest.newBuilder(URI.create(base + path)), List.of()).DELETE());
        }

        private HttpRequest.Builder with(HttpRequest.Builder b, List<String> headers) {
            if (!headers.isEmpty()) b.headers(headers.toArray(String[]::new));
            if (csrf != null) b.header("X-CSRF-Token", csrf);
            return b;
        }

        Reply send(HttpRequest.Builder b) throws Exception {
            if (cookie != null) b.header("Cookie", cookie);
            HttpResponse<byte[]> r = http.send(b.timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofByteArray());
            for (String set : r.headers().allValues("Set-Cookie")) {
                String pair = set.split(";", 2)[0];
                cookie = pair.endsWith("=") ? null : pair;
            }
            return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), r.headers().allValues("Set-Cookie"));
        }
    }

    record Reply(int status, String type, byte[] bytes, List<String> cookies) {
        String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        JsonObject json() {
            return JsonParser.parseString(body()).getAsJsonObject();
        }

        /** The error message of a refusal. */
        String error() {
            return json().get("error").getAsString();
        }
    }
}
