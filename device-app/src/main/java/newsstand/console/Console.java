package newsstand.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import newsstand.delivery.Broker;
import newsstand.desk.Desk;
import newsstand.desk.Signer;
import org.tinylog.Logger;

/**
 * The operator's console (`newsstand console`): a web server on the operator's machine that holds the signing key and
 * the broker connection (one {@link Desk}), serves the page (plain HTML, CSS and JavaScript modules from the jar) and
 * answers its JSON API, with live updates as server-sent events. Its users, audit log and uploads are in DIR's own
 * SQLite file. Parts: the accounts (login, users, audit), the fleet, the kiosks and the day's issue.
 */
public final class Console implements AutoCloseable {
    /**
     * How the console starts. {@code keystore} (PKCS12, with its password) makes it serve HTTPS; {@code behindProxy}
     * lets it listen in plain HTTP on another address than loopback, for a reverse proxy that does TLS.
     */
    public record Settings(Broker broker, String fleet, Signer signer, Path data, InetSocketAddress listen,
                           boolean behindProxy, Path keystore, char[] keystorePassword, Duration sessionIdle) {}

    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "svg", "image/svg+xml", "png", "image/png", "ico", "image/x-icon");

    final Settings settings;
    final ConsoleStore store;
    final Sessions sessions;
    final Live live = new Live();
    final Metrics metrics = new Metrics();
    final Desk desk;
    private final HttpServer server;
    private final ExecutorService workers;
    private final boolean tls;
    final Fleet fleet;
    final Issues issues;
    final Kiosks kiosks;

    private Console(Settings s, ConsoleStore store, HttpServer server, boolean tls) throws Exception {
        this.settings = s;
        this.store = store;
        this.server = server;
        this.tls = tls;
        this.sessions = new Sessions(s.sessionIdle(), Duration.ofHours(12), Clock.systemUTC());
        this.desk = Desk.open(s.broker(), s.fleet(), s.signer());
        Routes routes = new Routes(sessions, s.behindProxy());
        new Accounts(this).routes(routes);
        routes.get("/api/live", Role.VIEWER, live::follow);
        fleet = new Fleet(this);
        fleet.routes(routes);
        kiosks = new Kiosks(this);
        kiosks.routes(routes);
        issues = new Issues(this);
        issues.routes(routes);
        server.createContext("/api/", routes::dispatch);
        server.createContext("/metrics", routes::dispatch);
        server.createContext("/", this::page);
        workers = Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "console-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(workers);
    }

    /** Opens the store and the desk, binds the address and starts serving. */
    public static Console start(Settings s) throws Exception {
        // Headers and body go out in two writes: without TCP_NODELAY each answer waits for the client's delayed ACK.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        String host = s.listen().getAddress() == null ? s.listen().getHostString() : s.listen().getAddress().getHostAddress();
        boolean loopback = s.listen().getAddress() != null && s.listen().getAddress().isLoopbackAddress();
        if (!loopback && s.keystore() == null && !s.behindProxy()) {
            throw new IllegalArgumentException("--listen " + host + ":" + s.listen().getPort() + " is not a loopback address: serving it needs "
                    + "TLS (--keystore, or keystore in the file of --config) or --behind-proxy for a reverse proxy that does TLS (config/examples/console/)");
        }
        ConsoleStore store = ConsoleStore.open(s.data());
        HttpServer server;
        boolean tls = s.keystore() != null;
        if (tls) {
            HttpsServer https = HttpsServer.create(s.listen(), 64);
            https.setHttpsConfigurator(new HttpsConfigurator(sslContext(s.keystore(), s.keystorePassword())));
            server = https;
        } else {
            server = HttpServer.create(s.listen(), 64);
        }
        Console c = new Console(s, store, server, tls);
        server.start();
        c.fleet.start();
        c.kiosks.start();
        Logger.info("console: serving fleet {} at {}://{}:{}/", s.fleet(), tls ? "https" : "http", host, c.port());
        return c;
    }

    private static SSLContext sslContext(Path keystore, char[] password) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, password);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Whether the console serves HTTPS (its cookies are then Secure). */
    boolean tls() {
        return tls || settings.behindProxy();
    }

    /** Writes a line of the audit log. */
    void audit(Call call, String action, String targets, String detail, String result) {
        store.audit(call.user(), action, targets, detail, result);
    }

    /** The page: / and /index.html are the application, /static/NAME its files. */
    private void page(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        if (!x.getRequestMethod().equals("GET") && !x.getRequestMethod().equals("HEAD")) {
            Routes.error(x, 405, x.getRequestMethod() + " is not allowed on " + path);
            return;
        }
        String name = path.equals("/") || path.equals("/index.html") ? "index.html"
                : path.matches("/static/[a-z0-9-]+\\.(js|css|svg|png|ico)") ? path.substring("/static/".length()) : null;
        byte[] body = null;
        if (name != null) {
            try (InputStream in = Console.class.getResourceAsStream("web/" + name)) {
                if (in != null) body = in.readAllBytes();
            }
        }
        if (body == null) {
            Routes.error(x, 404, "no such page: " + path);
            return;
        }
        x.getResponseHeaders().set("Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; "
                + "script-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
        x.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        x.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
        Routes.send(x, 200, type, body);
    }

    @Override
    public void close() {
        server.stop(0);
        live.close();
        fleet.close();
        kiosks.close();
        issues.close();
        workers.shutdownNow();
        desk.close();
        try {
            store.close();
        } catch (Exception e) {
            Logger.warn("console: closing its store: {}", e.getMessage());
        }
    }
}
