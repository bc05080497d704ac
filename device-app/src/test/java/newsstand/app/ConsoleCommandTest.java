package newsstand.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import newsstand.console.Console;
import newsstand.console.ConsoleStore;
import newsstand.console.Role;
import newsstand.delivery.Broker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `newsstand console` as an operator starts it: its settings from a file (--config) with the command line over them,
 * each bad value named with where it was given and what is allowed; HTTPS from a PKCS12 keystore made by keytool,
 * with Secure cookies; a non-loopback address refused without TLS or a proxy; behind a proxy, the browser's origin
 * is the host the proxy forwards.
 */
class ConsoleCommandTest {
    static final String STORE_PASSWORD = "keystore-secret";

    @TempDir Path dir;

    @Test
    void eachBadValueOfTheFileIsNamedWithItsLineAndWhatIsAllowed() throws Exception {
        Files.writeString(dir.resolve("notes.txt"), "not a folder\n");
        Path file = write("console.properties",
                "brokr = tcp://127.0.0.1:1883",
                "broker = http://broker.example.org",
                "fleet = Qingdao Stations",
                "key = nowhere/operator.key",
                "data = notes.txt",
                "listen = 127.0.0.1:99999",
                "behind-proxy = yes",
                "keystore = console.p12",
                "session.minutes = 0",
                "ca = ca.crt",
                "username = operator",
                "username = desk");
        Cli c = Cli.run("console", "--config", file.toString());
        assertEquals(1, c.exit(), c.out() + c.err());
        for (String says : List.of(
                file + ": 11 problems",
                "line 12: key 'username' is already set on line 11 (each key may be set once)",
                "line 1: unknown key 'brokr'; did you mean 'broker'?",
                "line 2: broker = 'http://broker.example.org' is not allowed (allowed: tcp://HOST:PORT or ssl://HOST:PORT, several brokers of a cluster",
                "line 3: fleet = 'Qingdao Stations' is not allowed (allowed: 1 to 64 of a-z, 0-9 and '-'",
                "line 4: key = 'nowhere/operator.key': no such file (allowed: the operator's private key file (operator.key), its operator.pub beside it)",
                "line 5: data = 'notes.txt': not a folder (allowed: the console's folder",
                "line 6: listen = '127.0.0.1:99999': port 99999 is out of range (allowed: ADDRESS:PORT, such as 127.0.0.1:8080",
                "line 7: behind-proxy = 'yes' is not allowed (allowed: true or false)",
                "line 8: keystore = 'console.p12': no such file (allowed: empty (plain HTTP), or a PKCS12 keystore file",
                "line 9: session.minutes = '0' is not allowed (allowed: 1 to 1440",
                "line 10: ca = 'ca.crt': no such file (allowed: empty (the system's CAs), or a PEM file")) {
            assertTrue(c.err().contains(says), "should say: " + says + "\n" + c.err());
        }
        assertTrue(!c.err().contains("Exception") && !c.err().contains("\tat "), c.err());
    }

    @Test
    void valuesTheFileCannotGiveAndTheCommandLineOverridingItAreNamedToo() throws Exception {
        keys();
        Files.writeString(dir.resolve("ca.crt"), "not checked here\n");
        keystore();
        Path file = write("console.properties",
                "broker = tcp://127.0.0.1:1883",
                "ca = ca.crt",
                "fleet = qd",
                "key = keys/operator.key",
                "data = data",
                "listen = everywhere",
                "keystore = console.p12",
                "session.minutes = ten");
        Cli c = Cli.run("console", "--config", file.toString());
        assertEquals(1, c.exit());
        for (String says : List.of(
                "line 2: ca = 'ca.crt': the broker is tcp:// (use ssl:// for TLS)",
                "line 6: listen = 'everywhere' is not allowed (allowed: ADDRESS:PORT",
                "line 7: keystore = 'console.p12': its password is missing: set keystore.password in the configuration or the environment variable "
                        + "NEWSSTAND_CONSOLE_KEYSTORE_PASSWORD",
                "line 8: session.minutes = 'ten': not a whole number (allowed: 1 to 1440")) {
            assertTrue(c.err().contains(says), "should say: " + says + "\n" + c.err());
        }
        // An option given is the one checked, and named as an option.
        Cli override = Cli.run("console", "--config", write("good.properties", "broker = tcp://127.0.0.1:1883", "fleet = qd", "key = keys/operator.key",
                "data = data", "session.minutes = 5").toString(), "--session-minutes", "2000", "--fleet", "QD");
        assertEquals(1, override.exit());
        assertTrue(override.err().contains("--session-minutes '2000' is not allowed (allowed: 1 to 1440"), override.err());
        assertTrue(override.err().contains("--fleet 'QD' is not allowed (allowed: 1 to 64 of a-z"), override.err());
        // Without a file, what is required is named as an option.
        Cli missing = Cli.run("console", "--broker", "tcp://127.0.0.1:1883", "--data", dir.resolve("data").toString());
        assertTrue(missing.err().contains("--fleet is required (or fleet in the file of --config"), missing.err());
        assertTrue(missing.err().contains("--key is required"), missing.err());
        Cli unreadable = Cli.run("console", "--config", dir.resolve("nowhere.properties").toString());
        assertEquals(1, unreadable.exit());
        assertTrue(unreadable.err().contains("nowhere.properties: no such file"), unreadable.err());
    }

    @Test
    void anAddressOtherThanLoopbackNeedsTlsOrAProxy() throws Exception {
        keys();
        Cli open = Cli.run("console", "--broker", "tcp://127.0.0.1:1", "--fleet", "qd", "--key", dir.resolve("keys/operator.key").toString(),
                "--data", dir.resolve("data").toString(), "--listen", "0.0.0.0:0");
        assertEquals(1, open.exit());
        assertEquals("newsstand: --listen 0.0.0.0:0 is not a loopback address: serving it needs TLS (--keystore, or keystore in the file of "
                + "--config) or --behind-proxy for a reverse proxy that does TLS (config/examples/console/)", open.err().strip());
    }

    /** The packaged way: a file, a keystore, an address on every interface; the command line overrides the file's fleet. */
    @Test
    void theConsoleStartsFromItsFileAndServesHttpsWithSecureCookies() throws Exception {
        keys();
        keystore();
        try (Mosquitto broker = new Mosquitto(dir.resolve("broker"))) {
            try (ConsoleStore store = ConsoleStore.open(dir.resolve("data"))) {
                store.putUser("chief", Role.ADMIN, ConsoleHarness.PASSWORD.toCharArray());
            }
            Path file = write("console.properties",
                    "broker = " + broker.url(),
                    "fleet = other-fleet",
                    "key = keys/operator.key",
                    "data = data",
                    "listen = 0.0.0.0:0",
                    "keystore = console.p12",
                    "keystore.password = " + STORE_PASSWORD,
                    "session.minutes = 5");
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), Newsstand.class.getName(), "console", "--config", file.toString(), "--fleet", "qd")
                    .redirectErrorStream(true).start();
            try {
                String line = awaitLine(p.getInputStream(), Pattern.compile("console of fleet qd at https://0\\.0\\.0\\.0:(\\d+)/"), 60);
                Matcher m = Pattern.compile("https://0\\.0\\.0\\.0:(\\d+)/").matcher(line);
                assertTrue(m.find(), line);
                String base = "https://127.0.0.1:" + m.group(1);
                HttpClient https = HttpClient.newBuilder().sslContext(trusting(dir.resolve("console.crt"))).connectTimeout(Duration.ofSeconds(10)).build();
                HttpResponse<String> page = https.send(HttpRequest.newBuilder(URI.create(base + "/")).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, page.statusCode());
                assertTrue(page.body().contains("<html"), page.body());
                HttpResponse<String> login = https.send(HttpRequest.newBuilder(URI.create(base + "/api/login"))
                        .header("Content-Type", "application/json").header("Origin", base)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"chief\",\"password\":\"" + ConsoleHarness.PASSWORD + "\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, login.statusCode(), login.body());
                String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
                assertTrue(cookie.contains("; Secure") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
                // Plain HTTP on that port is not served; a client that does not trust the certificate is refused.
                HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
                assertThrows(java.io.IOException.class, () -> plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + m.group(1) + "/"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()));
                assertThrows(javax.net.ssl.SSLHandshakeException.class, () -> plain.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                        HttpResponse.BodyHandlers.ofString()));
            } finally {
                p.destroy();
                p.waitFor(20, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void behindAProxyTheForwardedHostIsTheOriginAndCookiesAreSecure() throws Exception {
        keys();
        try (Mosquitto broker = new Mosquitto(dir.resolve("broker"))) {
            try (ConsoleStore store = ConsoleStore.open(dir.resolve("data"))) {
                store.putUser("chief", Role.ADMIN, ConsoleHarness.PASSWORD.toCharArray());
            }
            for (boolean behindProxy : new boolean[] {true, false}) {
                try (Console console = start(broker, behindProxy, null)) {
                    String base = "http://127.0.0.1:" + console.port();
                    HttpClient http = HttpClient.newHttpClient();
                    // As nginx forwards the browser's request to https://console.example.org/ (config/examples/console/nginx.conf).
                    HttpResponse<String> login = http.send(loginRequest(base, "https://console.example.org", "console.example.org"),
                            HttpResponse.BodyHandlers.ofString());
                    if (behindProxy) {
                        assertEquals(200, login.statusCode(), login.body());
                        assertTrue(login.headers().firstValue("Set-Cookie").orElseThrow().contains("; Secure"), login.headers().toString());
                    } else {
                        // Without --behind-proxy nobody's X-Forwarded-Host is believed.
                        assertEquals(403, login.statusCode(), login.body());
                    }
                    HttpResponse<String> other = http.send(loginRequest(base, "https://evil.example.net", "console.example.org"),
                            HttpResponse.BodyHandlers.ofString());
                    assertEquals(403, other.statusCode(), other.body());
                    assertTrue(other.body().contains("the request comes from another site (Origin https://evil.example.net)"), other.body());
                }
            }
        }
    }

    static HttpRequest loginRequest(String base, String origin, String forwardedHost) {
        return HttpRequest.newBuilder(URI.create(base + "/api/login")).header("Content-Type", "application/json").header("Origin", origin)
                .header("X-Forwarded-Host", forwardedHost).header("X-Forwarded-Proto", "https")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"chief\",\"password\":\"" + ConsoleHarness.PASSWORD + "\"}")).build();
    }

    private Console start(Mosquitto broker, boolean behindProxy, Path keystore) throws Exception {
        Options.KeyOption key = new Options.KeyOption();
        key.key = dir.resolve("keys/operator.key");
        return Console.start(new Console.Settings(new Broker(broker.url(), null, null, null), "qd", key.signer(), dir.resolve("data"),
                new InetSocketAddress("127.0.0.1", 0), behindProxy, keystore, keystore == null ? null : STORE_PASSWORD.toCharArray(), Duration.ofMinutes(5)));
    }

    private void keys() {
        assertEquals(0, Cli.run("keygen", "--out", dir.resolve("keys").toString()).exit());
    }

    /** A self-signed certificate for 127.0.0.1 and localhost in console.p12, and the certificate alone in console.crt. */
    private void keystore() throws Exception {
        run("keytool", "-genkeypair", "-alias", "console", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-keystore", dir.resolve("console.p12").toString(),
                "-storetype", "PKCS12", "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD);
        run("keytool", "-exportcert", "-rfc", "-alias", "console", "-keystore", dir.resolve("console.p12").toString(), "-storepass", STORE_PASSWORD,
                "-file", dir.resolve("console.crt").toString());
    }

    static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", command));
        assertEquals(0, p.exitValue(), String.join(" ", command) + ":\n" + out);
    }

    /** A TLS context trusting that certificate alone. */
    static SSLContext trusting(Path certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            trust.setCertificateEntry("console", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    /** The first line of a process's output matching, waited for; fails with what it printed. */
    static String awaitLine(InputStream out, Pattern wanted, int seconds) throws Exception {
        BlockingQueue<String> lines = new ArrayBlockingQueue<>(10_000);
        StringBuilder all = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(out, StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) lines.offer(l);
            } catch (java.io.IOException e) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            String l = lines.poll(200, TimeUnit.MILLISECONDS);
            if (l == null) continue;
            all.append(l).append('\n');
            if (wanted.matcher(l).find()) return l;
        }
        throw new AssertionError("no line matching " + wanted + " in " + seconds + " s; it printed:\n" + all);
    }

    private Path write(String name, String... lines) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, String.join("\n", lines) + "\n");
        return f;
    }
}
