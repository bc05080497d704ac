package newsstand.app;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import newsstand.delivery.Topics;

/**
 * The 5 MB issue delivered over loopback from a real Mosquitto to the kiosk as it runs on a Pi: the device jar in
 * its own JVM with the launcher's options (src/launcher/jvm.options: {@code -Xmx32m}, serial GC, C1 only), a fresh store each round. Reports
 * the delivery time (from the manifest taken to the issue active: every chunk asked for (a window of 8 at a time), verified, committed
 * and acknowledged, then the package written, checked and installed), the throughput, and the process's
 * peak heap in use (the largest heap before any collection, from the JVM's GC log, over the whole run: delivery,
 * activation and the front page drawn). Two peers in the same run, each a bare Paho client taking the same retained
 * chunks all at once with one wildcard subscription, keeping nothing: the warm one in this benchmark's JVM (C2, warm
 * after the first round: the ceiling that broker and client allow), and the cold one ({@link ColdPeer}) in a fresh
 * process with the kiosk's JVM options, as the kiosk is on its first delivery: the fair yardstick for that delivery.
 * With {@code -Ddelivery.link=2,8}, the first delivery again over links of those rates (MB/s), the kiosk and the cold
 * peer each through a paced relay ({@link CutProxy}). Then the daily case: a kiosk that already shows an issue when
 * the next is published.
 *
 * <p>Run from the repository: {@code mvn -q -B -DskipTests install && mvn -q -pl device-app exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=newsstand.app.DeliveryBenchmark}
 */
public final class DeliveryBenchmark {
    static final int ROUNDS = Integer.getInteger("delivery.rounds", 3);
    /** Rounds of the daily case ({@code -Ddelivery.daily=0} leaves it out). */
    static final int DAILY_ROUNDS = Integer.getInteger("delivery.daily", ROUNDS);
    /** Options added to the kiosk's JVM's (a profiler: {@code -Ddelivery.jvm="-XX:StartFlightRecording=filename=k.jfr"}), space-separated. */
    static final String EXTRA_JVM = System.getProperty("delivery.jvm", "").strip();
    /** The cores the kiosk is pinned to ({@code taskset -c}), as on a board whose cores the kiosk shares: e.g. "0"; none by default. */
    static final String CPUS = System.getProperty("delivery.cpus", "").strip();
    /**
     * Link rates (MB/s toward the kiosk, comma-separated: {@code -Ddelivery.link=2,8}) at which the first delivery is
     * also timed, the kiosk and the cold peer each through a paced relay; none by default. Loopback's figure stays.
     */
    static final List<String> LINKS = System.getProperty("delivery.link", "").isBlank() ? List.of()
            : List.of(System.getProperty("delivery.link").strip().split("\\s*,\\s*"));

    public static void main(String[] args) throws Exception {
        // -Ddelivery.jar: another build's device jar (in its checkout, beside its src/launcher), to compare builds.
        Path jar = Path.of(System.getProperty("delivery.jar", "device-app/target/newsstand.jar"));
        if (!Files.exists(jar)) jar = Path.of("target/newsstand.jar");
        if (!Files.exists(jar)) throw new IllegalStateException("device-app/target/newsstand.jar is missing: run mvn -DskipTests install first");
        Path work = Files.createTempDirectory("delivery-bench");
        try (Mosquitto broker = new Mosquitto(work.resolve("broker"))) {
            Cli keys = Cli.run("keygen", "--out", work.resolve("keys").toString());
            if (keys.exit() != 0) throw new IllegalStateException(keys.err());
            Path issue = TestIssues.write(work.resolve("pkg"), "qd-bench", DeliveryTest.BIG);
            long t = System.nanoTime();
            Cli p = Cli.run("publish", "--broker", broker.url(), "--fleet", "qd", "--key", work.resolve("keys/operator.key").toString(),
                    "--issue", issue.toString());
            double publishMs = (System.nanoTime() - t) / 1e6;
            if (p.exit() != 0) throw new IllegalStateException(p.err());
            Matcher m = Pattern.compile("\\(sequence (\\d+)\\).*: (\\d+) bytes sent in (\\d+) chunks").matcher(p.lastLine());
            if (!m.find()) throw new IllegalStateException(p.lastLine());
            long sequence = Long.parseLong(m.group(1));
            long bytes = Long.parseLong(m.group(2));
            int chunks = Integer.parseInt(m.group(3));
            System.out.printf(Locale.ROOT, "issue qd-bench: %.2f MB in %d chunks; published in %.0f ms (%.1f MB/s); %s, %d cores%n",
                    bytes / 1e6, chunks, publishMs, bytes / 1e3 / publishMs, System.getProperty("java.vm.version"),
                    Runtime.getRuntime().availableProcessors());
            System.out.println("round   kiosk: downloaded   MB/s   installed   MB/s   peak heap   live   |   bare Paho: all chunks   MB/s   | download/bare"
                    + "   |   cold peer: all chunks   MB/s   | download/cold");
            List<double[]> results = new ArrayList<>();
            for (int round = 1; round <= ROUNDS; round++) {
                double[] ours = kiosk(jar, work.resolve("round-" + round), broker.url());
                double bare = bare(broker.url(), sequence, chunks);
                double cold = cold(broker.url(), sequence, chunks);
                results.add(new double[] {ours[0], ours[1], ours[2], bare, ours[3], cold, ours[4]});
                System.out.printf(Locale.ROOT, "%5d %17.0f ms %6.1f %8.0f ms %6.1f %9.1f MB %4.0f MB   | %19.0f ms %6.1f   | %8.2f      | %19.0f ms %6.1f   | %8.2f%n",
                        round, ours[0], bytes / 1e3 / ours[0], ours[1], bytes / 1e3 / ours[1], ours[2], ours[3], bare, bytes / 1e3 / bare, bare / ours[0],
                        cold, bytes / 1e3 / cold, cold / ours[0]);
            }
            // The first delivery over a link of a kiosk's rate (Wi-Fi, 4G): the kiosk and the cold peer each through a
            // paced relay of its own toward them (CutProxy), the broker's side and the round trip still loopback's.
            Map<String, List<Double>> linkRatios = new LinkedHashMap<>();
            if (!LINKS.isEmpty()) System.out.println("first delivery over a link of a given rate toward the kiosk (and toward the cold peer)");
            for (String rate : LINKS) {
                double mbPerS = Double.parseDouble(rate);
                long bytesPerS = (long) (mbPerS * 1e6);
                for (int round = 1; round <= ROUNDS; round++) {
                    double[] ours;
                    try (CutProxy link = new CutProxy(broker.port, bytesPerS)) {
                        ours = kiosk(jar, work.resolve("link-" + rate + "-" + round), link.url());
                    }
                    double cold;
                    try (CutProxy link = new CutProxy(broker.port, bytesPerS)) {
                        cold = cold(link.url(), sequence, chunks);
                    }
                    System.out.printf(Locale.ROOT, "link %4.1f MB/s (the chunks alone: %.0f ms) round %d: kiosk %.0f ms (%.2f MB/s), cold peer %.0f ms (%.2f MB/s): %.2f%n",
                            mbPerS, bytes / 1e3 / mbPerS, round, ours[0], bytes / 1e3 / ours[0], cold, bytes / 1e3 / cold, cold / ours[0]);
                    linkRatios.computeIfAbsent(rate, r -> new ArrayList<>()).add(cold / ours[0]);
                }
            }
            // The daily case: a kiosk that already shows an issue draws nothing while the next one comes.
            if (DAILY_ROUNDS > 0) System.out.println("daily: the kiosk already shows an issue when the next is published");
            for (int round = 1; round <= DAILY_ROUNDS; round++) {
                double[] daily = daily(jar, work.resolve("daily-" + round), broker.url(), work, round);
                double bare = bare(broker.url(), sequence, chunks);
                System.out.printf(Locale.ROOT, "%5d %17.0f ms %6.1f %8.0f ms %6.1f %25s | %19.0f ms %6.1f   | %8.2f%n", round, daily[0],
                        bytes / 1e3 / daily[0], daily[1], bytes / 1e3 / daily[1], "", bare, bytes / 1e3 / bare, bare / daily[0]);
            }
            if (TURNS && !TURN_MS.isEmpty()) {
                printTurns("page turns while the daily issue came" + (CPUS.isEmpty() ? "" : " (kiosk on cores " + CPUS + ")"), TURN_MS);
                if (!TURN_MS_DOWNLOADING.isEmpty()) printTurns("  of which from the manifest taken to the issue active", TURN_MS_DOWNLOADING);
            }
            double[] firstFrame = results.stream().mapToDouble(r -> r[6]).sorted().toArray();
            System.out.printf(Locale.ROOT, "first frame (from the kiosk's process started, the first deliveries' rounds): %.0f to %.0f ms (median %.0f)%n",
                    firstFrame[0], firstFrame[firstFrame.length - 1], firstFrame[firstFrame.length / 2]);
            double[] vsBare = results.stream().mapToDouble(r -> r[3] / r[0]).sorted().toArray();
            double[] vsCold = results.stream().mapToDouble(r -> r[5] / r[0]).sorted().toArray();
            System.out.printf(Locale.ROOT, "first delivery's download against the warm bare peer %.2f to %.2f (median %.2f), against the cold peer %.2f to %.2f (median %.2f)%n",
                    vsBare[0], vsBare[vsBare.length - 1], vsBare[vsBare.length / 2], vsCold[0], vsCold[vsCold.length - 1], vsCold[vsCold.length / 2]);
            linkRatios.forEach((rate, ratios) -> {
                double[] r = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
                System.out.printf(Locale.ROOT, "first delivery over a %s MB/s link against the cold peer through the same: %.2f to %.2f (median %.2f)%n",
                        rate, r[0], r[r.length - 1], r[r.length / 2]);
            });
            results.sort((a, b) -> Double.compare(a[1], b[1]));
            double[] median = results.get(results.size() / 2);
            double peak = results.stream().mapToDouble(r -> r[2]).max().orElseThrow();
            double live = results.stream().mapToDouble(r -> r[4]).max().orElseThrow();
            System.out.printf(Locale.ROOT, "delivery_ms=%.0f delivery_mb_per_s=%.1f bare_paho_mb_per_s=%.1f heap_peak_mb=%.1f heap_live_mb=%.1f%n",
                    median[1], bytes / 1e3 / median[1], bytes / 1e3 / median[3], peak, live);
        }
    }

    /**
     * One kiosk, fresh store: {downloaded ms, installed ms, peak heap MB, peak live MB, first frame ms}; times from the
     * manifest taken, the first frame's from the kiosk's process started (its JVM's start included).
     */
    static double[] kiosk(Path jar, Path dir, String url) throws Exception {
        Files.createDirectories(dir);
        Path config = dir.resolve("kiosk.properties");
        Files.writeString(config, String.join("\n", "device.id = kiosk-bench", "device.fleet = qd", "panel.model = it8951-10in3",
                "panel.driver = simulated", "panel.output = " + dir.resolve("panel"), "storage.path = " + dir.resolve("kiosk.db"),
                "mqtt.url = " + url, "trust.keys = " + dir.getParent().resolve("keys/operator.pub")) + "\n");
        Path log = dir.resolve("kiosk.log");
        Path gc = dir.resolve("gc.log");
        List<String> command = java(jar);
        command.addAll(List.of("-Xlog:gc:file=" + gc, "-jar", jar.toString(), "run", "--config", config.toString()));
        long started = System.nanoTime();
        Process kiosk = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Map<String, Long> seen = watch(log, kiosk, "first frame handed to the panel", "sync: downloading qd-bench", "sync: qd-bench complete", "is now the shown issue",
                    "kiosk: showing qd-bench");
            Path refreshes = dir.resolve("panel/refresh.log");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.exists(refreshes) && System.nanoTime() < deadline) Thread.sleep(5);
            long start = seen.get("sync: downloading qd-bench");
            double[] heap = heapMb(kiosk, gc);
            return new double[] {(seen.get("sync: qd-bench complete") - start) / 1e6, (seen.get("is now the shown issue") - start) / 1e6,
                    heap[0], heap[1], (seen.get("first frame handed to the panel") - started) / 1e6};
        } finally {
            kiosk.destroyForcibly().waitFor();
        }
    }

    /** The kiosk's java command with the launcher's options and the extra ones, pinned where asked. */
    static List<String> java(Path jar) throws IOException {
        List<String> command = new ArrayList<>();
        if (!CPUS.isEmpty()) command.addAll(List.of("taskset", "-c", CPUS));
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions(jar));
        if (!EXTRA_JVM.isEmpty()) command.addAll(List.of(EXTRA_JVM.split("\\s+")));
        return command;
    }

    /** The launcher's JVM options (src/launcher/jvm.options), as a kiosk runs. */
    static List<String> jvmOptions(Path jar) throws java.io.IOException {
        Path options = jar.toAbsolutePath().getParent().resolveSibling("src/launcher/jvm.options");
        return Files.readAllLines(options).stream().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    /**
     * The daily case: a kiosk of a fleet of its own shows a small issue first, then the 5.6 MB one is published
     * (the next of the publication) and timed as in {@link #kiosk}: {downloaded ms, installed ms}.
     */
    static double[] daily(Path jar, Path dir, String url, Path work, int round) throws Exception {
        Files.createDirectories(dir);
        String fleet = "qd-daily-" + round;
        String key = work.resolve("keys/operator.key").toString();
        Cli first = Cli.run("publish", "--broker", url, "--fleet", fleet, "--key", key, "--issue",
                TestIssues.write(dir.resolve("small"), "qd-small", 0).toString(), "--sequence", "1");
        if (first.exit() != 0) throw new IllegalStateException(first.err());
        Path config = dir.resolve("kiosk.properties");
        Files.writeString(config, String.join("\n", "device.id = kiosk-daily", "device.fleet = " + fleet, "panel.model = it8951-10in3",
                "panel.driver = simulated", "panel.output = " + dir.resolve("panel"), "storage.path = " + dir.resolve("kiosk.db"),
                "mqtt.url = " + url, "trust.keys = " + work.resolve("keys/operator.pub")) + "\n");
        Path log = dir.resolve("kiosk.log");
        Path buttons = dir.resolve("buttons");
        if (TURNS) {
            // A named pipe: each press reaches the kiosk as it is written.
            if (new ProcessBuilder("mkfifo", buttons.toString()).start().waitFor() != 0) throw new IllegalStateException("mkfifo " + buttons);
            Files.writeString(config, "buttons.input = " + buttons + "\n", java.nio.file.StandardOpenOption.APPEND);
        }
        List<String> command = java(jar);
        // The kiosk logs each press's wait at debug level.
        if (TURNS) command.add("-Dtinylog.writer.level=debug");
        command.addAll(List.of("-jar", jar.toString(), "run", "--config", config.toString()));
        Process kiosk = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            watch(log, kiosk, "kiosk: showing qd-small");
            Thread.sleep(2000); // the kiosk settles: the JIT and the first page done
            java.util.concurrent.atomic.AtomicBoolean turning = new java.util.concurrent.atomic.AtomicBoolean(TURNS);
            Thread turner = new Thread(() -> turn(buttons, turning), "turner");
            if (TURNS) turner.start();
            // Watched from before the publish: the kiosk takes the issue while the publish still finishes.
            java.util.concurrent.FutureTask<Map<String, Long>> watching = new java.util.concurrent.FutureTask<>(() -> watch(log, kiosk,
                    "sync: downloading qd-bench", "sync: qd-bench complete", "qd-bench (sequence 2) is now the shown issue"));
            new Thread(watching, "daily-watch").start();
            Cli big = Cli.run("publish", "--broker", url, "--fleet", fleet, "--key", key, "--issue", work.resolve("pkg").toString(),
                    "--sequence", "2");
            if (big.exit() != 0) throw new IllegalStateException(big.err());
            Map<String, Long> seen = watching.get();
            turning.set(false);
            turner.join();
            if (TURNS) {
                Thread.sleep(200); // the last press's line
                // Every turn, and apart those from the manifest taken on (the download, the install and the trial).
                boolean downloading = false;
                Pattern turn = Pattern.compile("kiosk: press \\w+ drawn in ([0-9.]+) ms");
                for (String line : Files.readAllLines(log)) {
                    if (line.contains("sync: downloading qd-bench")) downloading = true;
                    Matcher m = turn.matcher(line);
                    if (!m.find()) continue;
                    TURN_MS.add(Double.parseDouble(m.group(1)));
                    if (downloading) TURN_MS_DOWNLOADING.add(Double.parseDouble(m.group(1)));
                }
            }
            long start = seen.get("sync: downloading qd-bench");
            return new double[] {(seen.get("sync: qd-bench complete") - start) / 1e6, (seen.get("qd-bench (sequence 2) is now the shown issue") - start) / 1e6};
        } finally {
            kiosk.destroyForcibly().waitFor();
        }
    }

    /** Whether each kiosk's threads' CPU time from the download's start to its end is printed ({@code -Ddelivery.threads=true}). */
    static final boolean THREADS = Boolean.getBoolean("delivery.threads");

    /**
     * Whether pages are turned while the daily issue comes ({@code -Ddelivery.turns=true}): next and previous in turn,
     * every {@link #TURN_EVERY_MS} from just before the publish until the issue is active (the download, the install
     * and the trial composition), each press's wait (from the press read to the frame handed to the panel, as the
     * kiosk logs it) kept in {@link #TURN_MS}.
     */
    static final boolean TURNS = Boolean.getBoolean("delivery.turns");
    static final long TURN_EVERY_MS = Long.getLong("delivery.turn-ms", 200);
    static final List<Double> TURN_MS = java.util.Collections.synchronizedList(new ArrayList<>());
    /** The turns from the manifest's arrival (the kiosk's "downloading" line) until the issue is active. */
    static final List<Double> TURN_MS_DOWNLOADING = java.util.Collections.synchronizedList(new ArrayList<>());

    static void printTurns(String what, List<Double> turns) {
        double[] w = turns.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "%s: %d, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", what, w.length, w[w.length / 2],
                w[Math.min(w.length - 1, w.length * 99 / 100)], w[w.length - 1]);
    }

    /** Presses next and previous in turn into the kiosk's pipe until told to stop. */
    static void turn(Path buttons, java.util.concurrent.atomic.AtomicBoolean turning) {
        try (java.io.Writer out = Files.newBufferedWriter(buttons)) {
            for (int i = 0; turning.get(); i++) {
                out.write(i % 2 == 0 ? "next\n" : "previous\n");
                out.flush();
                Thread.sleep(TURN_EVERY_MS);
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("turning pages: " + e, e);
        }
    }

    /** When each text first appears in the log (System.nanoTime), polling every 2 ms. */
    static Map<String, Long> watch(Path log, Process process, String... texts) throws Exception {
        Map<String, Long> seen = new LinkedHashMap<>();
        Map<String, Long> cpuAtStart = null;
        StringBuilder all = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        try (RandomAccessFile in = new RandomAccessFile(log.toFile(), "r")) {
            byte[] buf = new byte[65536];
            while (seen.size() < texts.length) {
                int n = in.read(buf);
                long now = System.nanoTime();
                if (n > 0) {
                    all.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                    for (String t : texts) if (!seen.containsKey(t) && all.indexOf(t) >= 0) seen.put(t, now);
                    if (THREADS && cpuAtStart == null && seen.containsKey("sync: downloading qd-bench")) cpuAtStart = threadCpu(process.pid());
                    if (THREADS && cpuAtStart != null && !cpuAtStart.isEmpty() && seen.containsKey("sync: qd-bench complete")) {
                        printCpu(cpuAtStart, threadCpu(process.pid()));
                        cpuAtStart = Map.of();
                    }
                    continue;
                }
                if (!process.isAlive() || now > deadline) throw new IllegalStateException("kiosk stopped or stalled:\n" + all);
                Thread.sleep(2);
            }
        }
        return seen;
    }

    /** Each thread's time on a CPU so far (ns, from /proc's schedstat), by name (threads of one name summed). */
    static Map<String, Long> threadCpu(long pid) {
        Map<String, Long> cpu = new java.util.TreeMap<>();
        try (var tasks = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
            for (Path t : tasks) {
                try {
                    String name = Files.readString(t.resolve("comm")).strip().replaceAll("\\d+$", "#");
                    long ns = Long.parseLong(Files.readString(t.resolve("schedstat")).split(" ")[0]);
                    cpu.merge(name, ns, Long::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        return cpu;
    }

    static void printCpu(Map<String, Long> before, Map<String, Long> after) {
        StringBuilder line = new StringBuilder("        CPU during the download (ms):");
        long total = 0;
        List<Map.Entry<String, Long>> used = new ArrayList<>();
        for (Map.Entry<String, Long> e : after.entrySet()) {
            long ns = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            if (ns >= 1_000_000) used.add(Map.entry(e.getKey(), ns));
            total += ns;
        }
        used.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
        line.append(String.format(Locale.ROOT, " all %.0f;", total / 1e6));
        for (Map.Entry<String, Long> e : used) line.append(String.format(Locale.ROOT, " %s %.0f", e.getKey(), e.getValue() / 1e6));
        System.out.println(line);
    }

    /**
     * {the largest heap in use before any collection, the largest left live after a full one}, read once the kiosk has
     * stopped (SIGTERM) and its GC log is complete.
     */
    static double[] heapMb(Process kiosk, Path gc) throws Exception {
        kiosk.destroy();
        kiosk.waitFor(20, TimeUnit.SECONDS);
        double peak = 0, live = 0;
        // Live: what a full collection left; a young one leaves the old generation as it was, garbage and all.
        Matcher m = Pattern.compile("Pause (Young|Full)[^\\n]*? (\\d+)M->(\\d+)M\\((\\d+)M\\)").matcher(Files.readString(gc));
        while (m.find()) {
            peak = Math.max(peak, Integer.parseInt(m.group(2)));
            if (m.group(1).equals("Full")) live = Math.max(live, Integer.parseInt(m.group(3)));
        }
        return new double[] {peak, live};
    }

    /**
     * The same retained chunks taken by a bare Paho client in a fresh process of its own ({@link ColdPeer}), started as
     * the kiosk is (the issue already on the broker) with the kiosk's JVM options (this build's jvm.options: -Xmx32m,
     * serial GC, C1 only) and this build's device jar's Paho, pinned as the kiosk is: ms from its SUBSCRIBE to the last
     * chunk, timed inside it (its JVM's start and its connect left out, as the kiosk's are). The warm peer ({@link #bare})
     * runs in this benchmark's JVM, C2 and warm after the first round.
     */
    static double cold(String url, long sequence, int chunks) throws Exception {
        // -Ddelivery.peer-jar: the device jar whose Paho and jvm.options the cold peer runs with (this build's by default).
        Path peerJar = Path.of(System.getProperty("delivery.peer-jar", "device-app/target/newsstand.jar"));
        if (!Files.exists(peerJar)) peerJar = Path.of("target/newsstand.jar");
        List<String> command = new ArrayList<>();
        if (!CPUS.isEmpty()) command.addAll(List.of("taskset", "-c", CPUS));
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions(peerJar));
        String tests = Path.of(ColdPeer.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        command.addAll(List.of("-cp", tests + java.io.File.pathSeparator + peerJar, ColdPeer.class.getName(), url,
                Topics.chunk("qd", "qd-bench", sequence, 0).replaceAll("/0$", "/#"), Integer.toString(chunks)));
        Process peer = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(peer.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!peer.waitFor(60, TimeUnit.SECONDS) || peer.exitValue() != 0) throw new IllegalStateException("cold peer: " + out);
        Matcher m = Pattern.compile("cold peer: ([0-9.]+) ms, CPU ([0-9]+) ms").matcher(out);
        if (!m.find()) throw new IllegalStateException("cold peer: " + out);
        if (THREADS) System.out.println("        cold peer's CPU (its whole process) from its SUBSCRIBE to its last chunk (ms): " + m.group(2));
        return Double.parseDouble(m.group(1));
    }

    /** The same retained chunks taken by a bare client, all at once: ms from subscribing to the last chunk. */
    static double bare(String url, long sequence, int chunks) throws Exception {
        TestMqtt c = TestMqtt.connect(url, null, null);
        BitSet got = new BitSet();
        Object done = new Object();
        long t = System.nanoTime();
        c.subscribe(Topics.chunk("qd", "qd-bench", sequence, 0).replaceAll("/0$", "/#"), 1, (topic, msg) -> {
            synchronized (done) {
                got.set(Integer.parseInt(topic.substring(topic.lastIndexOf('/') + 1)));
                if (got.cardinality() == chunks) done.notifyAll();
            }
        });
        synchronized (done) {
            while (got.cardinality() < chunks) done.wait(60_000);
        }
        double ms = (System.nanoTime() - t) / 1e6;
        c.close();
        return ms;
    }

    private DeliveryBenchmark() {}
}
