package newsstand.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import newsstand.console.Console;
import newsstand.console.ConsoleStore;
import newsstand.console.Role;
import newsstand.delivery.Broker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console behind a real nginx (Debian's nginx-light) configured by config/examples/console/nginx.conf, its
 * certificate made by openssl: the page and the login pass through it over HTTPS, the cookie is Secure, a change
 * from another site is refused, and the live events stream through it at once.
 */
class ConsoleProxyTest {
    static final Path EXAMPLE = Path.of(System.getProperty("user.dir")).getParent().resolve("config/examples/console/nginx.conf");
    static final String NGINX = "/usr/sbin/nginx";

    @TempDir Path dir;

    @Test
    void theConsoleWorksBehindTheExampleNginx() throws Exception {
        if (!Files.isExecutable(Path.of(NGINX))) throw new AssertionError(NGINX + " is missing: the console's proxy test needs Debian's nginx-light (./newsstand setup installs it)");
        assertEquals(0, Cli.run("keygen", "--out", dir.resolve("keys").toString()).exit());
        ConsoleCommandTest.run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                "-keyout", dir.resolve("console.key").toString(), "-out", dir.resolve("console.crt").toString());
        try (ConsoleStore store = ConsoleStore.open(dir.resolve("data"))) {
            store.putUser("chief", Role.EDITOR, ConsoleHarness.PASSWORD.toCharArray());
        }
        Options.KeyOption key = new Options.KeyOption();
        key.key = dir.resolve("keys/operator.key");
        try (Mosquitto broker = new Mosquitto(dir.resolve("broker"));
             Console console = Console.start(new Console.Settings(new Broker(broker.url(), null, null, null), "qd", key.signer(), dir.resolve("data"),
                     new InetSocketAddress("127.0.0.1", 0), true, null, null, Duration.ofMinutes(5)))) {
            int https = Mosquitto.freePort();
            Process nginx = nginx(console.port(), https);
            try {
                String base = "https://127.0.0.1:" + https;
                HttpClient client = HttpClient.newBuilder().sslContext(ConsoleCommandTest.trusting(dir.resolve("console.crt")))
                        .connectTimeout(Duration.ofSeconds(10)).build();
                HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(base + "/")).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, page.statusCode());
                assertTrue(page.body().contains("<html"), page.body());
                // A browser's login from the console's own page: its Origin is the host nginx forwards.
                HttpResponse<String> login = client.send(login(base, base), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, login.statusCode(), login.body());
                String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
                assertTrue(cookie.contains("; Secure") && cookie.contains("HttpOnly"), cookie);
                HttpResponse<String> other = client.send(login(base, "https://evil.example.net"), HttpResponse.BodyHandlers.ofString());
                assertEquals(403, other.statusCode(), other.body());
                // The live events: the stream's first line comes through at once, the connection kept open.
                HttpResponse<InputStream> live = client.send(HttpRequest.newBuilder(URI.create(base + "/api/live"))
                        .header("Cookie", cookie.split(";", 2)[0]).build(), HttpResponse.BodyHandlers.ofInputStream());
                assertEquals(200, live.statusCode());
                assertTrue(live.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"), live.headers().toString());
                BufferedReader events = new BufferedReader(new InputStreamReader(live.body(), StandardCharsets.UTF_8));
                assertEquals("retry: 2000", CompletableFuture.supplyAsync(() -> {
                    try {
                        return events.readLine();
                    } catch (java.io.IOException e) {
                        return "failed: " + e;
                    }
                }).get(20, TimeUnit.SECONDS));
                live.body().close();
            } finally {
                nginx.destroy();
                nginx.waitFor(20, TimeUnit.SECONDS);
            }
        }
    }

    static HttpRequest login(String base, String origin) {
        return HttpRequest.newBuilder(URI.create(base + "/api/login")).header("Content-Type", "application/json").header("Origin", origin)
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"chief\",\"password\":\"" + ConsoleHarness.PASSWORD + "\"}")).build();
    }

    /** nginx in the foreground with the example's site: its ports, certificate and upstream made this test's. */
    private Process nginx(int consolePort, int https) throws Exception {
        String site = Files.readString(EXAMPLE);
        site = replace(site, "listen 443 ssl http2;", "listen 127.0.0.1:" + https + " ssl http2;");
        site = replace(site, "listen 80;", "listen 127.0.0.1:" + Mosquitto.freePort() + ";");
        site = site.replaceAll("\n *listen \\[::\\]:[^\n]*", "");
        site = replace(site, "/etc/ssl/certs/console.example.org.crt", dir.resolve("console.crt").toString());
        site = replace(site, "/etc/ssl/private/console.example.org.key", dir.resolve("console.key").toString());
        site = replace(site, "http://127.0.0.1:8080", "http://127.0.0.1:" + consolePort);
        Files.writeString(dir.resolve("site.conf"), site);
        Path temp = Files.createDirectories(dir.resolve("nginx-temp"));
        String main = String.join("\n",
                "root".equals(System.getProperty("user.name")) ? "user root root;" : "",
                "worker_processes 1;",
                "pid " + dir.resolve("nginx.pid") + ";",
                "error_log " + dir.resolve("nginx-error.log") + " warn;",
                "daemon off;",
                "events { worker_connections 64; }",
                "http {",
                "  access_log " + dir.resolve("nginx-access.log") + ";",
                "  client_body_temp_path " + temp.resolve("body") + ";",
                "  proxy_temp_path " + temp.resolve("proxy") + ";",
                "  fastcgi_temp_path " + temp.resolve("fastcgi") + ";",
                "  uwsgi_temp_path " + temp.resolve("uwsgi") + ";",
                "  scgi_temp_path " + temp.resolve("scgi") + ";",
                "  include " + dir.resolve("site.conf") + ";",
                "}") + "\n";
        Files.writeString(dir.resolve("nginx.conf"), main);
        Process p = new ProcessBuilder(NGINX, "-p", dir.toString(), "-e", dir.resolve("nginx-error.log").toString(), "-c", dir.resolve("nginx.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (Socket s = new Socket("127.0.0.1", https)) {
                return p;
            } catch (java.io.IOException e) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("nginx did not start: " + Files.readString(dir.resolve("nginx.out"))
                            + (Files.exists(dir.resolve("nginx-error.log")) ? Files.readString(dir.resolve("nginx-error.log")) : ""));
                }
                Thread.sleep(50);
            }
        }
    }

    /** The text with one part replaced; fails when the example no longer has it. */
    private static String replace(String text, String part, String by) {
        assertTrue(text.contains(part), "config/examples/console/nginx.conf should contain: " + part);
        return text.replace(part, by);
    }
}
