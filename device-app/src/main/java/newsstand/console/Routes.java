package newsstand.console;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tinylog.Logger;

/**
 * The API's routes: a method, a path pattern, the role it needs (null: open to anyone) and its handler. Every
 * state-changing request (not GET or HEAD) of a session carries the session's CSRF token in {@code X-CSRF-Token}, and
 * one with an Origin header comes from the console's own origin. A handler's answer is JSON (a {@link JsonElement}),
 * a {@link Reply}, or {@link #STREAMED} when it took the exchange over (server-sent events). A refusal is
 * {@code {"error": "..."}} with its status; an unexpected failure is logged and answered 500 without its trace.
 */
final class Routes {
    /** A handler's answer when it keeps the exchange open itself. */
    static final Object STREAMED = new Object();

    interface Handler {
        Object handle(Call call) throws Exception;
    }

    /** A raw answer: a status, a content type and the bytes. */
    record Reply(int status, String type, byte[] body) {
        static Reply png(byte[] png) {
            return new Reply(200, "image/png", png);
        }
    }

    private record Route(String method, Pattern path, Role role, Handler handler) {}

    private final List<Route> routes = new ArrayList<>();
    private final Sessions sessions;
    /** Behind a reverse proxy (--behind-proxy): the host the browser asked for is its X-Forwarded-Host. */
    private final boolean behindProxy;

    Routes(Sessions sessions, boolean behindProxy) {
        this.sessions = sessions;
        this.behindProxy = behindProxy;
    }

    void get(String path, Role role, Handler h) {
        routes.add(new Route("GET", Pattern.compile(path), role, h));
    }

    void post(String path, Role role, Handler h) {
        routes.add(new Route("POST", Pattern.compile(path), role, h));
    }

    void delete(String path, Role role, Handler h) {
        routes.add(new Route("DELETE", Pattern.compile(path), role, h));
    }

    /** Answers a request under /api/ or /metrics. */
    void dispatch(HttpExchange x) throws IOException {
        String method = x.getRequestMethod();
        String path = x.getRequestURI().getPath();
        try {
            Route found = null;
            Matcher m = null;
            boolean pathKnown = false;
            for (Route r : routes) {
                Matcher candidate = r.path().matcher(path);
                if (!candidate.matches()) continue;
                pathKnown = true;
                if (r.method().equals(method) || (method.equals("HEAD") && r.method().equals("GET"))) {
                    found = r;
                    m = candidate;
                    break;
                }
            }
            if (found == null) throw pathKnown ? new ApiError(405, method + " is not allowed on " + path) : ApiError.notFound("no such address: " + path);
            Sessions.Session s = null;
            boolean changes = !method.equals("GET") && !method.equals("HEAD");
            if (changes && !sameOrigin(x, behindProxy)) throw new ApiError(403, "the request comes from another site (Origin " + x.getRequestHeaders().getFirst("Origin") + ")");
            if (found.role() != null) {
                s = sessions.find(cookie(x, Sessions.COOKIE));
                if (s == null) throw new ApiError(401, "not logged in, or the session expired: log in again");
                if (changes && !s.csrf().equals(x.getRequestHeaders().getFirst("X-CSRF-Token"))) {
                    throw new ApiError(403, "the request lacks this session's CSRF token (X-CSRF-Token): reload the page");
                }
                if (!s.role().allows(found.role())) {
                    throw new ApiError(403, "user " + s.user() + " is a " + s.role().id() + "; this needs a " + found.role().id() + " or above");
                }
            }
            Object answer = found.handler().handle(new Call(x, s, m));
            if (answer == STREAMED) return;
            if (answer instanceof Reply r) send(x, r.status(), r.type(), r.body());
            else send(x, 200, "application/json; charset=utf-8", String.valueOf(answer == null ? new JsonObject() : answer).getBytes(StandardCharsets.UTF_8));
        } catch (ApiError e) {
            error(x, e.status, e.getMessage());
        } catch (Exception | StackOverflowError e) {
            if (e instanceof IOException && x.getResponseCode() != -1) {
                // The browser left while its answer was written (a page unloading): nobody to answer or to tell.
                Logger.debug("console: {} {}: the browser left ({})", method, path, e.getMessage());
                x.close();
                return;
            }
            Logger.error(e, "console: {} {} failed", method, path);
            error(x, 500, "internal error: " + e.getClass().getSimpleName() + " (the console's log has the details)");
        }
    }

    static void error(HttpExchange x, int status, String message) throws IOException {
        JsonObject o = new JsonObject();
        o.addProperty("error", message);
        send(x, status, "application/json; charset=utf-8", o.toString().getBytes(StandardCharsets.UTF_8));
    }

    static void send(HttpExchange x, int status, String type, byte[] body) throws IOException {
        x.getResponseHeaders().set("Content-Type", type);
        x.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = x.getRequestMethod().equals("HEAD");
        x.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        if (!head) {
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
        }
        x.close();
    }

    /** A cookie's value, or null. */
    static String cookie(HttpExchange x, String name) {
        for (String header : x.getRequestHeaders().getOrDefault("Cookie", List.of())) {
            for (String part : header.split(";")) {
                String p = part.strip();
                if (p.startsWith(name + "=")) return p.substring(name.length() + 1);
            }
        }
        return null;
    }

    /**
     * A request without Origin (not from a browser's script), or from this console's own host: the Host header, or
     * behind a proxy the first X-Forwarded-Host (which only the proxy sets; without --behind-proxy it is not believed).
     */
    private static boolean sameOrigin(HttpExchange x, boolean behindProxy) {
        String origin = x.getRequestHeaders().getFirst("Origin");
        if (origin == null) return true;
        String host = behindProxy ? x.getRequestHeaders().getFirst("X-Forwarded-Host") : null;
        if (host != null) host = host.split(",")[0].strip();
        if (host == null) host = x.getRequestHeaders().getFirst("Host");
        try {
            URI o = URI.create(origin);
            String authority = o.getPort() < 0 ? o.getHost() : o.getHost() + ":" + o.getPort();
            return host != null && (host.equalsIgnoreCase(authority) || host.equalsIgnoreCase(o.getHost()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
