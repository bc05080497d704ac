package newsstand.app;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's chromium, headless, driven over its DevTools protocol (a WebSocket the JDK speaks) for `bench console`: a
 * page opened with a cookie set, and scripts evaluated in it whose promises are awaited. No driver and no Selenium
 * in the jar; the figures are taken by the page's own clock (performance.now(), Date.now()).
 */
final class Chromium implements AutoCloseable {
    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonObject>> waiting = new ConcurrentHashMap<>();

    private Chromium(Process process, Path profile, WebSocket socket) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
    }

    /** Starts chromium headless with a profile of its own under dir, and connects to its one page. */
    static Chromium start(String binary, Path dir) throws Exception {
        if (!Files.isExecutable(Path.of(binary))) throw new Newsstand.UserError(binary + " is missing: sudo apt-get install chromium (or --chromium PATH)");
        Path profile = Files.createTempDirectory(dir, "chromium-");
        List<String> cmd = List.of(binary, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-quic",
                "--window-size=1400,1000", "--user-data-dir=" + profile, "--remote-debugging-port=0", "about:blank");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("chromium.log").toFile()).start();
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(portFile) || Files.readAllLines(portFile).isEmpty()) {
            if (!p.isAlive()) throw new IOException("chromium exited: " + Files.readString(dir.resolve("chromium.log")));
            if (System.nanoTime() > deadline) throw new IOException("chromium did not open its DevTools port in 30 s");
            Thread.sleep(50);
        }
        int port = Integer.parseInt(Files.readAllLines(portFile).get(0).strip());
        HttpClient http = HttpClient.newHttpClient();
        String ws = null;
        while (ws == null) {
            JsonArray targets = JsonParser.parseString(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).getAsJsonArray();
            for (JsonElement t : targets) {
                if (t.getAsJsonObject().get("type").getAsString().equals("page")) ws = t.getAsJsonObject().get("webSocketDebuggerUrl").getAsString();
            }
            if (ws == null) {
                if (System.nanoTime() > deadline) throw new IOException("chromium opened no page");
                Thread.sleep(50);
            }
        }
        Chromium[] self = new Chromium[1];
        StringBuilder partial = new StringBuilder();
        WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(ws), new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    JsonObject message = JsonParser.parseString(partial.toString()).getAsJsonObject();
                    partial.setLength(0);
                    if (message.has("id")) {
                        CompletableFuture<JsonObject> f = self[0].waiting.remove(message.get("id").getAsInt());
                        if (f != null) f.complete(message);
                    }
                }
                w.request(1);
                return null;
            }
        }).get(30, TimeUnit.SECONDS);
        self[0] = new Chromium(p, profile, socket);
        return self[0];
    }

    /** Sends a DevTools command; the answer's result (or an exception naming its error) when it comes. */
    CompletableFuture<JsonObject> send(String method, JsonObject params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonObject> f = new CompletableFuture<>();
        waiting.put(id, f);
        JsonObject m = new JsonObject();
        m.addProperty("id", id);
        m.addProperty("method", method);
        m.add("params", params == null ? new JsonObject() : params);
        synchronized (socket) {
            socket.sendText(m.toString(), true).join();
        }
        return f.thenApply(answer -> {
            if (answer.has("error")) throw new IllegalStateException(method + ": " + answer.get("error"));
            return answer.getAsJsonObject("result");
        });
    }

    JsonObject call(String method, JsonObject params, Duration wait) throws Exception {
        return send(method, params).get(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Evaluates a script in the page, awaiting the promise it gives; its value as JSON (a thrown error fails). */
    CompletableFuture<JsonElement> evaluate(String script) {
        JsonObject p = new JsonObject();
        p.addProperty("expression", script);
        p.addProperty("awaitPromise", true);
        p.addProperty("returnByValue", true);
        return send("Runtime.evaluate", p).thenApply(r -> {
            if (r.has("exceptionDetails")) throw new IllegalStateException("the page's script failed: " + r.get("exceptionDetails"));
            JsonObject value = r.getAsJsonObject("result");
            return value.has("value") ? value.get("value") : null;
        });
    }

    JsonElement evaluate(String script, Duration wait) throws Exception {
        return evaluate(script).get(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sets a cookie for the site, as a login would have. */
    void cookie(String url, String name, String value) throws Exception {
        JsonObject c = new JsonObject();
        c.addProperty("url", url);
        c.addProperty("name", name);
        c.addProperty("value", value);
        c.addProperty("httpOnly", true);
        c.addProperty("sameSite", "Strict");
        call("Network.enable", null, Duration.ofSeconds(10));
        call("Network.setCookie", c, Duration.ofSeconds(10));
    }

    /** Opens an address in the page. */
    void navigate(String url) throws Exception {
        JsonObject p = new JsonObject();
        p.addProperty("url", url);
        call("Page.enable", null, Duration.ofSeconds(10));
        call("Page.navigate", p, Duration.ofSeconds(30));
    }

    @Override
    public void close() throws Exception {
        try {
            socket.abort();
        } finally {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
            Outputs.deleteTree(profile);
        }
    }
}
