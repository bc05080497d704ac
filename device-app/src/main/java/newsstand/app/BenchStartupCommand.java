package newsstand.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import newsstand.config.PanelModel;
import newsstand.issue.Keys;
import newsstand.store.IssueStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "startup", mixinStandardHelpOptions = true,
        description = {"Measures the kiosk's start at power-on: from the start of a fresh JVM process to the first frame "
                + "handed to the panel, the median of N processes with the class-data archive (AppCDS) and N without, "
                + "taken in turns. Each process is `newsstand run` with this command's JVM options, on the sample issue dated today, "
                + "a simulated panel and a broker that does not answer (the sync starts after the first frame, as on a kiosk); "
                + "also the process's CPU time until the first frame, which a shared machine's load moves much less.",
                "With --make-archive, makes the archive instead (one training run): the package's postinst does so."})
final class BenchStartupCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "10", description = "Processes of each kind (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--panel", paramLabel = "MODEL", defaultValue = "it8951-10in3", description = "The panel model (default: ${DEFAULT-VALUE}).")
    PanelModel model;

    @Option(names = "--make-archive", paramLabel = "FILE", description = "Only make the class-data archive FILE from one training run.")
    Path makeArchive;

    @Override
    public Integer call() throws Exception {
        if (runs < 1 || runs > 100) throw new Newsstand.UserError("--runs " + runs + " is not allowed (allowed: 1 to 100)");
        Path jar = Newsstand.codeSource();
        if (!Files.isRegularFile(jar)) throw new Newsstand.UserError("bench startup runs the packaged jar; this runs from " + jar + " (use ./newsstand)");
        Path dir = Files.createTempDirectory("newsstand-startup");
        try {
            Path config = kiosk(dir);
            if (makeArchive != null) {
                Path part = makeArchive.resolveSibling(makeArchive.getFileName() + ".part");
                long ms = firstFrame(jar, config, "-XX:ArchiveClassesAtExit=" + part)[0];
                Files.move(part, makeArchive, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                spec.commandLine().getOut().printf("wrote %s (%d KB) from a training run (first frame after %d ms)%n", makeArchive,
                        Files.size(makeArchive) / 1024, ms);
                return 0;
            }
            Path archive = dir.resolve("newsstand.jsa");
            firstFrame(jar, config, "-XX:ArchiveClassesAtExit=" + archive);
            long[] with = new long[runs], without = new long[runs], withCpu = new long[runs], withoutCpu = new long[runs];
            for (int i = 0; i < runs; i++) {
                long[] w = firstFrame(jar, config, "-XX:SharedArchiveFile=" + archive);
                long[] wo = firstFrame(jar, config, "-Xshare:auto");
                with[i] = w[0];
                withCpu[i] = w[1];
                without[i] = wo[0];
                withoutCpu[i] = wo[1];
            }
            var out = spec.commandLine().getOut();
            out.printf("startup of the kiosk on %s, %d fresh processes of each kind, from the process's start to the first frame handed to the panel:%n",
                    model.id(), runs);
            out.printf("  with the class-data archive (%d KB): %s%n", Files.size(archive) / 1024, summary(with));
            out.printf("  without it:                       %s%n", summary(without));
            out.printf("  ratio %.2f%n", (double) median(with) / median(without));
            // The process's CPU time until the first frame (all threads): less at the mercy of a shared machine's load.
            if (median(withCpu) >= 0 && median(withoutCpu) >= 0) {
                out.printf("  process CPU to the first frame: with the archive %s, without %s%n", summary(withCpu), summary(withoutCpu));
            }
            return 0;
        } finally {
            Outputs.deleteTree(dir);
        }
    }

    /** A kiosk's folder: the sample issue stored and shown, a simulated panel, a broker on a port nobody listens on. */
    private Path kiosk(Path dir) throws Exception {
        Path pkg = dir.resolve("issue");
        // Today's issue, as at a power-on in the morning (an older one would have its banner drawn over the footer).
        SampleIssue.write(pkg, null, null, java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")));
        Path db = dir.resolve("newsstand.db");
        try (IssueStore store = IssueStore.open(db)) {
            store.activate(store.importPackage(pkg).id());
        }
        Keys.generate(dir);
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Path config = dir.resolve("kiosk.properties");
        Files.writeString(config, String.join("\n", "device.id = bench", "panel.model = " + model.id(), "panel.driver = simulated",
                "panel.output = " + dir.resolve("panel"), "storage.path = " + db, "mqtt.url = tcp://127.0.0.1:" + closedPort,
                "trust.keys = " + dir.resolve(Keys.PUBLIC_FILE), "kiosk.timezone = Asia/Shanghai", ""));
        Files.createDirectories(dir.resolve("panel"));
        return config;
    }

    /**
     * Milliseconds from starting a kiosk process to its line saying the first frame is on the panel, and the CPU
     * milliseconds the process said it had used by then (-1 when it did not say).
     */
    private long[] firstFrame(Path jar, Path config, String share) throws IOException, InterruptedException, Newsstand.UserError {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        for (String a : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!a.startsWith("-XX:SharedArchiveFile") && !a.startsWith("-XX:ArchiveClassesAtExit") && !a.startsWith("-Xshare")
                    && !a.startsWith("-Dnewsstand.launched")) cmd.add(a);
        }
        cmd.addAll(List.of(share, "-cp", jar.toString(), Newsstand.class.getName(), "run", "--config", config.toString(), "--exit-after-first-frame"));
        long start = System.nanoTime();
        cmd.add(1, "-Dnewsstand.launched=" + System.currentTimeMillis());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        long ms = -1, cpu = -1;
        StringBuilder said = new StringBuilder();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (ms < 0 && line.startsWith("first frame handed to the panel")) {
                    ms = line.matches(".* [0-9]+ ms after launch.*")
                            ? Long.parseLong(line.replaceAll(".* ([0-9]+) ms after launch.*", "$1")) : (System.nanoTime() - start) / 1_000_000;
                    if (line.matches(".*, process CPU [0-9]+ ms")) cpu = Long.parseLong(line.replaceAll(".*, process CPU ([0-9]+) ms", "$1"));
                } else said.append(line).append('\n');
            }
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
        if (ms < 0 || p.exitValue() != 0) throw new Newsstand.UserError("the kiosk did not show a first frame (exit " + p.exitValue() + "): " + said.toString().strip());
        return new long[] {ms, cpu};
    }

    private static long median(long[] ms) {
        long[] s = ms.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static String summary(long[] ms) {
        long[] s = ms.clone();
        Arrays.sort(s);
        return String.format("median %d ms (min %d, max %d)", median(ms), s[0], s[s.length - 1]);
    }
}
