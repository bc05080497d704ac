package newsstand.app;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import newsstand.delivery.Broker;
import newsstand.delivery.DeviceSync;
import newsstand.delivery.SyncSettings;
import newsstand.delivery.Trial;
import newsstand.desk.Desk;
import newsstand.desk.Release;
import newsstand.desk.Signer;
import newsstand.issue.Keys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "fleet", mixinStandardHelpOptions = true,
        description = {"How far delivery scales: N kiosks' sync clients in one process (each the kiosk's own code, with its own "
                + "store and client id, composing no trial) spread over B local Mosquitto brokers (the first the hub, the others "
                + "bridged to it), one issue of about M MB published to the first; prints the time until 50%%, 99%% and all of the "
                + "kiosks activated it, the bytes through the brokers and their CPU time. Needs Debian's mosquitto; runs in a JVM "
                + "of its own sized for N kiosks."})
final class BenchFleetCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--kiosks", paramLabel = "N", defaultValue = "100", description = "Kiosks (1 to 2000, default: ${DEFAULT-VALUE}).")
    int kiosks;

    @Option(names = "--issue-mb", paramLabel = "M", defaultValue = "1", description = "The issue's size in MB (0 to 64, default: ${DEFAULT-VALUE}).")
    int issueMb;

    @Option(names = "--brokers", paramLabel = "B", defaultValue = "1", description = "Brokers (1 to 8, default: ${DEFAULT-VALUE}).")
    int brokers;

    @Option(names = "--in-this-jvm", hidden = true, description = "Runs here (the JVM started for it).")
    boolean here;

    @Override
    public Integer call() throws Exception {
        if (kiosks < 1 || kiosks > 2000) throw new Newsstand.UserError("--kiosks " + kiosks + " is not allowed (allowed: 1 to 2000)");
        if (issueMb < 0 || issueMb > 64) throw new Newsstand.UserError("--issue-mb " + issueMb + " is not allowed (allowed: 0 to 64)");
        if (brokers < 1 || brokers > 8) throw new Newsstand.UserError("--brokers " + brokers + " is not allowed (allowed: 1 to 8)");
        if (!here) return inItsOwnJvm();
        PrintWriter out = spec.commandLine().getOut();
        Path dir = Files.createTempDirectory("newsstand-fleet");
        List<DeviceSync> syncs = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors() * 2));
        LocalBrokers cluster = null;
        try {
            cluster = new LocalBrokers(dir, brokers);
            LocalBrokers brokersUp = cluster;
            Keys.generate(dir);
            PublicKey operator = Keys.readPublic(dir.resolve(Keys.PUBLIC_FILE));
            Options.KeyOption key = new Options.KeyOption();
            key.key = dir.resolve(Keys.PRIVATE_FILE);
            Signer signer = key.signer();
            Path pkg = dir.resolve("issue");
            SampleIssue.write(pkg, "bench-issue", java.time.LocalDate.now(), issueMb * 1_000_000);
            long[] activatedAt = new long[kiosks];
            CountDownLatch connected = new CountDownLatch(kiosks), activated = new CountDownLatch(kiosks);
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            List<Future<DeviceSync>> starting = new ArrayList<>();
            for (int i = 0; i < kiosks; i++) {
                int n = i;
                starting.add(pool.submit(() -> {
                    SyncSettings s = new SyncSettings(new Broker(brokersUp.url(n), null, null, null), "bench", String.format("k-%04d", n),
                            List.of(operator), dir.resolve(String.format("k-%04d.db", n)), 7, 1L << 30, Duration.ofSeconds(1),
                            Duration.ofSeconds(30), Duration.ofSeconds(60), 30);
                    AtomicInteger once = new AtomicInteger();
                    DeviceSync sync = DeviceSync.start(s, Trial.NONE, id -> {
                        activatedAt[n] = System.nanoTime();
                        activated.countDown();
                    });
                    sync.onConnection(up -> {
                        if (up && once.getAndIncrement() == 0) connected.countDown();
                    });
                    return sync;
                }));
            }
            for (Future<DeviceSync> f : starting) {
                try {
                    syncs.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    failures.add(String.valueOf(e.getCause()));
                }
            }
            if (!failures.isEmpty()) throw new Newsstand.UserError(failures.size() + " kiosks did not start: " + failures.peek());
            long connectS = Math.max(120, kiosks / 4);
            if (!connected.await(connectS, TimeUnit.SECONDS)) {
                throw new Newsstand.UserError(connected.getCount() + " kiosks did not connect in " + connectS + " s");
            }
            double cpuBefore = cluster.cpuSeconds();
            long start = System.nanoTime();
            Desk.Published p;
            try (Desk desk = Desk.open(new Broker(cluster.url(0), null, null, null), "bench", signer)) {
                p = desk.publish(pkg, new Release(System.currentTimeMillis(), Instant.now().plus(Duration.ofDays(1)), null), line -> {});
            }
            long published = System.nanoTime();
            boolean all = false;
            for (int waited = 0; waited < 900 && !all; waited += 10) {
                all = activated.await(10, TimeUnit.SECONDS);
                if (!all) out.printf("  %d of %d kiosks activated after %d s%n", kiosks - activated.getCount(), kiosks, waited + 10);
                out.flush();
            }
            long[] times = Arrays.stream(activatedAt).filter(t -> t > 0).map(t -> t - start).sorted().toArray();
            double cpu = cluster.cpuSeconds() - cpuBefore;
            long[] bytes = cluster.bytes();
            out.printf(Locale.ROOT, "fleet of %d kiosks on %d broker%s, issue %.2f MB in %d chunks (%s, %d cores)%n", kiosks, brokers,
                    brokers == 1 ? "" : "s", p.bytes() / 1e6, p.chunks(), System.getProperty("java.vm.version"), Runtime.getRuntime().availableProcessors());
            out.printf(Locale.ROOT, "published in %.1f s; activated: 50%% after %.1f s, 99%% after %.1f s, %s%n", (published - start) / 1e9,
                    at(times, 0.50), at(times, 0.99), all ? String.format(Locale.ROOT, "all after %.1f s", times[times.length - 1] / 1e9)
                            : times.length + " of " + kiosks + " within 15 min");
            out.printf(Locale.ROOT, "brokers: %.0f MB sent, %.0f MB received (bridges counted on both ends), %.2f s of CPU%n", bytes[0] / 1e6,
                    bytes[1] / 1e6, cpu);
            out.printf(Locale.ROOT, "fleet_kiosks=%d brokers=%d p50_s=%.2f p99_s=%.2f all_s=%.2f broker_mb_sent=%.0f broker_cpu_s=%.2f%n", kiosks, brokers,
                    at(times, 0.5), at(times, 0.99), all ? times[times.length - 1] / 1e9 : Double.NaN, bytes[0] / 1e6, cpu);
            return all ? 0 : 1;
        } finally {
            // The kiosks say goodbye before their brokers go.
            List<Future<?>> closing = new ArrayList<>();
            for (DeviceSync s : syncs) closing.add(pool.submit(s::close));
            for (Future<?> f : closing) f.get();
            pool.shutdown();
            if (cluster != null) cluster.close();
            Outputs.deleteTree(dir);
        }
    }

    private static double at(long[] sortedNanos, double fraction) {
        if (sortedNanos.length == 0) return Double.NaN;
        return sortedNanos[Math.min(sortedNanos.length - 1, (int) Math.ceil(fraction * sortedNanos.length) - 1)] / 1e9;
    }

    /** The same command in a JVM with room for the kiosks (the launcher gives this one the kiosk's 32 MB). */
    private int inItsOwnJvm() throws Exception {
        Path jar = Newsstand.codeSource();
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx" + (512 + 8 * kiosks) + "m", "-Xss512k", "-Xlog:disable", "-Xlog:all=error:stderr"));
        String cache = System.getProperty("newsstand.cache");
        if (cache != null) cmd.add("-Dnewsstand.cache=" + cache);
        cmd.addAll(List.of("-cp", jar.toString(), Newsstand.class.getName(), "bench", "fleet", "--kiosks", String.valueOf(kiosks),
                "--issue-mb", String.valueOf(issueMb), "--brokers", String.valueOf(brokers), "--in-this-jvm"));
        return new ProcessBuilder(cmd).inheritIO().start().waitFor();
    }
}
