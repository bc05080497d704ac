package newsstand.app;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import newsstand.console.Console;
import newsstand.console.ConsoleStore;
import newsstand.console.Role;
import newsstand.delivery.Broker;
import newsstand.desk.Desk;
import newsstand.desk.Release;
import newsstand.desk.Signer;
import newsstand.issue.Keys;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "console", mixinStandardHelpOptions = true,
        description = {"The operator's console with a large fleet: N simulated kiosks' retained statuses (as kiosks send them) on a "
                + "local Mosquitto (or --broker), an issue published, the console started in this process (a JVM of its own with "
                + "-Xmx256m) and its fleet page opened in Debian's headless chromium (driven over its DevTools protocol). Prints "
                + "the time until the page shows N kiosks (from the navigation's start, by the page's clock), the time from a "
                + "status change at the broker to the row changing in the browser (p50 and p99 of --changes changes, one at a "
                + "time), the time until a burst changing every kiosk at once is all on screen, and the console's memory (Java "
                + "heap in use after a GC, and the process's RSS). Goals: page under 1 s, change under 1 s, console under 256 MB."})
final class BenchConsoleCommand implements Callable<Integer> {
    static final String FLEET = "bench";

    @Spec CommandSpec spec;

    @Option(names = "--kiosks", paramLabel = "N", defaultValue = "1000", description = "Simulated kiosks (1 to 5000, default: ${DEFAULT-VALUE}).")
    int kiosks;

    @Option(names = "--changes", paramLabel = "C", defaultValue = "50", description = "Status changes timed one by one (1 to 1000, default: ${DEFAULT-VALUE}).")
    int changes;

    @Option(names = "--broker", paramLabel = "URL", description = "A broker to use instead of a local Mosquitto (anonymous; fleet \"bench\" on it is written to, and cleared at the end).")
    String broker;

    @Option(names = "--chromium", paramLabel = "PATH", defaultValue = "/usr/bin/chromium", description = "The browser (default: ${DEFAULT-VALUE}).")
    String chromium;

    @Option(names = "--in-this-jvm", hidden = true, description = "Runs here (the JVM started for it).")
    boolean here;

    @Override
    public Integer call() throws Exception {
        if (kiosks < 1 || kiosks > 5000) throw new Newsstand.UserError("--kiosks " + kiosks + " is not allowed (allowed: 1 to 5000)");
        if (changes < 1 || changes > 1000) throw new Newsstand.UserError("--changes " + changes + " is not allowed (allowed: 1 to 1000)");
        if (!here) return inItsOwnJvm();
        PrintWriter out = spec.commandLine().getOut();
        Path dir = Files.createTempDirectory("newsstand-bench-console");
        LocalBrokers local = null;
        try {
            String url = broker;
            if (url == null) {
                local = new LocalBrokers(dir, 1);
                url = local.url(0);
            }
            Broker b = new Broker(url, null, null, null);
            Keys.generate(dir);
            Options.KeyOption key = new Options.KeyOption();
            key.key = dir.resolve(Keys.PRIVATE_FILE);
            Signer signer = key.signer();

            // Today's issue on the broker; one kiosk in ten still shows yesterday's.
            Path pkg = dir.resolve("issue");
            SampleIssue.write(pkg, "bench-" + LocalDate.now(), LocalDate.now(), 0);
            String publication = JsonParser.parseString(Files.readString(pkg.resolve("issue.json"))).getAsJsonObject().get("publication").getAsString();
            String today = "bench-" + LocalDate.now();
            try (Desk desk = Desk.open(b, FLEET, signer)) {
                desk.publish(pkg, new Release(System.currentTimeMillis(), Instant.now().plus(Duration.ofDays(2)), null), line -> {});
            }

            MqttAsyncClient mqtt = b.client("newsstand-bench-console-" + ProcessHandle.current().pid());
            mqtt.connect(b.deskOptions(60)).waitForCompletion(30_000);
            long t0 = System.nanoTime();
            Semaphore window = new Semaphore(20);
            AtomicReference<Throwable> failed = new AtomicReference<>();
            for (int i = 0; i < kiosks; i++) {
                window.acquire();
                mqtt.publish(topic(i), status(i, publication, i % 10 == 9 ? "bench-yesterday" : today, "0.1.0"), 1, true, null, new MqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken t) {
                        window.release();
                    }

                    @Override
                    public void onFailure(IMqttToken t, Throwable e) {
                        failed.compareAndSet(null, e);
                        window.release();
                    }
                });
            }
            window.acquire(20);
            window.release(20);
            if (failed.get() != null) throw new Newsstand.UserError("publishing the statuses failed: " + failed.get().getMessage());
            out.printf(Locale.ROOT, "%d kiosk statuses retained on %s in %.1f s%n", kiosks, url, (System.nanoTime() - t0) / 1e9);

            Path data = dir.resolve("console");
            String password = Long.toHexString(Double.doubleToLongBits(Math.random())) + Long.toHexString(System.nanoTime());
            try (ConsoleStore store = ConsoleStore.open(data)) {
                store.putUser("bench", Role.VIEWER, password.toCharArray());
            }
            try (Console console = Console.start(new Console.Settings(b, FLEET, signer, data, new InetSocketAddress("127.0.0.1", 0), false,
                    null, null, Duration.ofHours(1)))) {
                String base = "http://127.0.0.1:" + console.port();
                HttpClient http = HttpClient.newHttpClient();
                HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/api/login")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bench\",\"password\":\"" + password + "\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (login.statusCode() != 200) throw new Newsstand.UserError("the console refused the bench's login: " + login.body());
                String[] cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0].split("=", 2);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (fleetSize(http, base, cookie) < kiosks) {
                    if (System.nanoTime() > deadline) throw new Newsstand.UserError("the console did not see " + kiosks + " kiosks in 60 s");
                    Thread.sleep(100);
                }

                try (Chromium browser = Chromium.start(chromium, dir)) {
                    browser.cookie(base, cookie[0], cookie[1]);
                    // Watched from the document's start (a script the browser runs before the page's own), frame by frame:
                    // the first frame with every row drawn, by the page's clock from the navigation's start.
                    JsonObject watcher = new JsonObject();
                    watcher.addProperty("source", "(() => { const frame = () => document.querySelectorAll('#fleet-table tbody tr').length >= " + kiosks
                            + " ? setTimeout(() => { window.benchShown = performance.now(); }) : requestAnimationFrame(frame); requestAnimationFrame(frame); })()");
                    browser.call("Page.enable", null, Duration.ofSeconds(10));
                    browser.call("Page.addScriptToEvaluateOnNewDocument", watcher, Duration.ofSeconds(10));
                    // Once to warm the browser's cache of the page's modules (an operator's browser has them), then timed.
                    double[] rounds = new double[2];
                    for (int round = 0; round < 2; round++) {
                        browser.navigate(base + "/?visit=" + round + "#/"); // another address: a new document, not a jump within it
                        rounds[round] = browser.evaluate("new Promise(done => { const check = () => window.benchShown ? done(window.benchShown) : setTimeout(check, 20); check(); })",
                                Duration.ofSeconds(60)).getAsDouble();
                    }
                    double pageMs = rounds[1];
                    out.printf(Locale.ROOT, "fleet page: %d kiosks on screen %.0f ms after the navigation started (first visit, modules not "
                            + "cached yet: %.0f ms)%n", kiosks, pageMs, rounds[0]);

                    long[] latencies = new long[changes];
                    for (int c = 0; c < changes; c++) {
                        int k = (c * 7919) % kiosks;
                        String version = "0.2." + c;
                        browser.evaluate(watch(c, device(k), version), Duration.ofSeconds(10));
                        long sent = System.currentTimeMillis();
                        mqtt.publish(topic(k), status(k, publication, today, version), 1, true).waitForCompletion(10_000);
                        long seen = browser.evaluate("window.benchSeen[" + c + "]", Duration.ofSeconds(30)).getAsLong();
                        latencies[c] = seen - sent;
                    }
                    Arrays.sort(latencies);
                    out.printf(Locale.ROOT, "a status change at the broker to its row on screen: p50 %d ms, p99 %d ms, max %d ms (%d changes)%n",
                            at(latencies, 0.5), at(latencies, 0.99), latencies[changes - 1], changes);

                    // Every kiosk changes at once (a new version rolled out): the console sends them coalesced.
                    CompletableFuture<com.google.gson.JsonElement> all = browser.evaluate("new Promise(done => { const check = () => { "
                            + "const n = [...document.querySelectorAll('#fleet-table td.c-version')].filter(td => td.textContent === '0.3.0').length; "
                            + "n >= " + kiosks + " ? requestAnimationFrame(() => setTimeout(() => done(Date.now()))) : setTimeout(check, 10); }; check(); })");
                    long burst = System.currentTimeMillis();
                    for (int i = 0; i < kiosks; i++) {
                        window.acquire();
                        mqtt.publish(topic(i), status(i, publication, today, "0.3.0"), 1, true, null, new MqttActionListener() {
                            @Override
                            public void onSuccess(IMqttToken t) {
                                window.release();
                            }

                            @Override
                            public void onFailure(IMqttToken t, Throwable e) {
                                window.release();
                            }
                        });
                    }
                    long burstSent = System.currentTimeMillis();
                    long burstSeen = all.get(60, TimeUnit.SECONDS).getAsLong();
                    out.printf(Locale.ROOT, "a burst of %d changes (sent in %d ms): all on screen %d ms after the first was sent%n", kiosks,
                            burstSent - burst, burstSeen - burst);

                    long heap = BenchCommand.usedHeap();
                    long rss = rss();
                    long max = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
                    out.printf(Locale.ROOT, "console: %.0f MB of Java heap in use after a GC (max %d MB), %.0f MB resident (the whole process: "
                            + "console, broker client of the bench, DevTools client)%n", heap / 1e6, max >> 20, rss / 1e6);
                    boolean good = pageMs < 1000 && at(latencies, 0.99) < 1000 && rss < 256L << 20;
                    out.printf(Locale.ROOT, "console_kiosks=%d page_ms=%.0f change_p50_ms=%d change_p99_ms=%d burst_ms=%d heap_mb=%.0f rss_mb=%.0f goals=%s%n",
                            kiosks, pageMs, at(latencies, 0.5), at(latencies, 0.99), burstSeen - burst, heap / 1e6, rss / 1e6, good ? "met" : "missed");
                    if (broker != null) {
                        // Another's broker: what the bench retained there is cleared (statuses, the issue's chunks, its manifest).
                        for (int i = 0; i < kiosks; i++) mqtt.publish(topic(i), new byte[0], 1, true).waitForCompletion(10_000);
                        try (Desk desk = Desk.open(b, FLEET, signer)) {
                            desk.withdraw(today, Long.MAX_VALUE);
                        }
                        mqtt.publish(newsstand.delivery.Topics.manifest(FLEET, today), new byte[0], 1, true).waitForCompletion(10_000);
                    }
                    mqtt.disconnect().waitForCompletion(5000);
                    mqtt.close();
                    return good ? 0 : 1;
                }
            }
        } finally {
            if (local != null) local.close();
            Outputs.deleteTree(dir);
        }
    }

    /** A script that starts watching a row's version and keeps the time (Date.now()) it is drawn changed in window.benchSeen[c]. */
    private static String watch(int c, String device, String version) {
        return "(() => { window.benchSeen = window.benchSeen || []; const cell = document.querySelector('#fleet-table tr[data-device=\"" + device
                + "\"] td.c-version'); window.benchSeen[" + c + "] = new Promise(done => { const o = new MutationObserver(() => { if (cell.textContent === '"
                + version + "') { o.disconnect(); requestAnimationFrame(() => setTimeout(() => done(Date.now()))); } }); "
                + "o.observe(cell, { childList: true, characterData: true, subtree: true }); }); return true; })()";
    }

    private static int fleetSize(HttpClient http, String base, String[] cookie) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/fleet")).header("Cookie", cookie[0] + "=" + cookie[1]).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? JsonParser.parseString(r.body()).getAsJsonObject().getAsJsonArray("kiosks").size() : 0;
    }

    private static String device(int i) {
        return String.format(Locale.ROOT, "kiosk-%04d", i + 1);
    }

    private static String topic(int i) {
        return "newsstand/" + FLEET + "/" + device(i) + "/status";
    }

    /** A status as a kiosk sends it (PROTOCOL.md, "Status"), on a page of the issue given. */
    static byte[] status(int i, String publication, String issue, String version) {
        String[] models = {"it8951-10in3", "it8951-13in3", "it8951-6in", "waveshare-7in5-v2"};
        Instant now = Instant.now();
        JsonObject s = new JsonObject();
        s.addProperty("device", device(i));
        s.addProperty("fleet", FLEET);
        s.addProperty("online", i % 50 != 7);
        s.addProperty("activeIssue", issue);
        JsonArray titles = new JsonArray();
        JsonObject t = new JsonObject();
        t.addProperty("publication", publication);
        t.addProperty("issue", issue);
        t.addProperty("previous", "bench-yesterday");
        titles.add(t);
        s.add("titles", titles);
        JsonArray stored = new JsonArray();
        for (String id : new String[] {issue, "bench-yesterday"}) {
            JsonObject o = new JsonObject();
            o.addProperty("issue", id);
            o.addProperty("publication", publication);
            o.addProperty("date", LocalDate.now().toString());
            stored.add(o);
        }
        s.add("stored", stored);
        s.addProperty("screen", "page");
        s.addProperty("publication", publication);
        s.addProperty("title", "青岛日报");
        s.addProperty("issue", issue);
        s.addProperty("page", 1 + i % 8);
        s.addProperty("pages", 8);
        s.add("banner", null);
        s.add("syncing", null);
        if (i % 97 == 3) {
            JsonObject e = new JsonObject();
            e.addProperty("message", "connection to tcp://broker:1883 lost: Connection lost");
            e.addProperty("time", now.minusSeconds(600).toString());
            s.add("lastError", e);
        } else {
            s.add("lastError", null);
        }
        s.add("pending", new JsonArray());
        s.addProperty("duplicateChunks", 0);
        s.addProperty("failedConnects", 0);
        s.addProperty("version", version);
        s.addProperty("updated", now.toString());
        JsonObject health = new JsonObject();
        health.addProperty("uptimeS", 3600 + i * 37);
        health.addProperty("heapMb", 12 + i % 9);
        health.addProperty("rssMb", 70 + i % 23);
        health.addProperty("cpuTempC", 40 + i % 17);
        health.addProperty("freeStorageMb", 2000 + i * 13 % 5000);
        JsonObject panel = new JsonObject();
        panel.addProperty("model", models[i % models.length]);
        panel.addProperty("refreshes", 100 + i);
        panel.addProperty("fullRefreshes", 10 + i % 10);
        panel.addProperty("failures", i % 200 == 11 ? 3 : 0);
        panel.addProperty("failing", i % 200 == 11);
        panel.add("lastFailure", null);
        panel.addProperty("lastRefreshMs", 420 + i % 300);
        health.add("panel", panel);
        s.add("health", health);
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static long at(long[] sorted, double fraction) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(fraction * sorted.length) - 1)];
    }

    private static long rss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        } catch (Exception e) {
            // not Linux
        }
        return -1;
    }

    /** The same command in a JVM limited as the goal says (256 MB of heap), so that the console's memory is its own. */
    private int inItsOwnJvm() throws Exception {
        Path jar = Newsstand.codeSource();
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m", "-Xlog:disable",
                "-Xlog:all=error:stderr"));
        String cache = System.getProperty("newsstand.cache");
        if (cache != null) cmd.add("-Dnewsstand.cache=" + cache);
        cmd.addAll(List.of("-cp", jar.toString(), Newsstand.class.getName(), "bench", "console", "--kiosks", String.valueOf(kiosks),
                "--changes", String.valueOf(changes), "--chromium", chromium, "--in-this-jvm"));
        if (broker != null) cmd.addAll(List.of("--broker", broker));
        return new ProcessBuilder(cmd).inheritIO().start().waitFor();
    }
}
