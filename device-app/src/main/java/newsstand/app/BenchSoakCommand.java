package newsstand.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import newsstand.kiosk.Soak;
import newsstand.kiosk.SoakCgroup;
import newsstand.store.Deliveries;
import newsstand.store.IssueStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "soak", mixinStandardHelpOptions = true,
        description = {"Drives the kiosk's display loop with simulated presses, back and forth, while issues of three "
                + "publications (the sample issue under three titles) are activated and withdrawn beside it through a "
                + "second connection to the store, as the sync does, inside a memory cgroup like the service's: a warm-up reported "
                + "apart, then the measured turns; prints the heap, the RSS (anonymous and file pages) and the fonts' pages in the "
                + "page cache every 1,000 turns, whether the anonymous memory grew over the measured turns (after a full collection at "
                + "both ends), and ends with soak_turns=N warmup_turns=W changes=C p50_ms=X p99_ms=Y change_mean_ms=M heap_mb=Z rss_mb=W "
                + "rss_anon_mb=A rss_anon_growth_mb=G flat=yes|no rss_anon_total_growth_mb=T rss_file_mb=F majflt=J font_files=N "
                + "font_size_mb=S font_cached_mb=C font_mapped_mb=M and, inside the cgroup, its memory, limit, the times it met its "
                + "limits and its reclaim counters (a turn: from the press to the frame handed to the panel)."})
final class BenchSoakCommand implements Callable<Integer> {
    private static final String[][] PUBLICATIONS = {{"haibin-daily", "海滨日报"}, {"haibin-evening", "海滨晚报"}, {"haibin-weekly", "海滨周刊"}};

    @Spec CommandSpec spec;
    @Mixin Options.PanelOption panel;

    @Option(names = "--turns", paramLabel = "N", defaultValue = "10000", description = "Page turns measured, after the warm-up "
            + "(default: ${DEFAULT-VALUE}).")
    int turns;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "1000", description = "Page turns before the measured ones, with "
            + "a change every 2 turns (when there are changes): the JIT compiles the paths of a turn and of a change, the heap finds "
            + "its size; their times and growth are reported apart (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--tolerance", paramLabel = "MB", defaultValue = "0.5", description = "The anonymous memory is flat when it "
            + "grows by at most this much over the measured turns (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--ceiling", paramLabel = "MB", description = "Holds the cgroup to this much memory instead of the service's "
            + "MemoryHigh (v2 memory.high, systemd's MemoryHigh; v1 memory.limit_in_bytes), set just above the anonymous memory so "
            + "that the kernel must reclaim the fonts' and the JVM's file pages while the pages turn; the font files' pages are "
            + "dropped from the page cache before the kiosk opens them, so that the soak reads them again and is charged for them.")
    Integer ceiling;

    @Option(names = "--nmt", description = "Runs the soak's JVM with native memory tracking (-XX:NativeMemoryTracking=summary, "
            + "which costs some memory itself) and prints its diff over the measured turns: which part of the JVM grew.")
    boolean nmt;

    @Option(names = "--changes", paramLabel = "N", description = "Activations and withdrawals, spread over the turns (default: "
            + "one every 50 turns, 200 in 10,000).")
    Integer changes;

    @Option(names = "--cgroup", negatable = true, defaultValue = "true", fallbackValue = "true", description = "Runs the soak in a "
            + "child JVM inside a memory cgroup like the service's (MemoryHigh=160M, MemoryMax=192M: systemd-run --scope where systemd "
            + "runs, else a cgroup made directly, which needs root) and adds its memory to the summary; where none can be made, says "
            + "why and runs outside (default: inside; --no-cgroup: this JVM, outside).")
    boolean cgroup;

    @Override
    public Integer call() throws Exception {
        if (turns < 1 || turns > 10_000_000) throw new Newsstand.UserError("--turns " + turns + " is not allowed (allowed: 1 to 10000000)");
        if (warmup < 0 || warmup > 10_000_000) throw new Newsstand.UserError("--warmup " + warmup + " is not allowed (allowed: 0 to 10000000)");
        if (changes == null) changes = turns / 50;
        if (changes < 0 || changes > turns) throw new Newsstand.UserError("--changes " + changes + " is not allowed (allowed: 0 to --turns)");
        if (ceiling != null && (ceiling < 16 || ceiling > 65_536)) {
            throw new Newsstand.UserError("--ceiling " + ceiling + " is not allowed (allowed: 16 to 65536 MB)");
        }
        if (ceiling != null && !cgroup) throw new Newsstand.UserError("--ceiling needs the cgroup (not with --no-cgroup)");
        if (!(tolerance >= 0)) throw new Newsstand.UserError("--tolerance " + tolerance + " is not allowed (allowed: 0 or more)");
        if ((cgroup || nmt) && System.getenv(SoakCgroup.INSIDE) == null) {
            SoakCgroup.Launch launch = null;
            List<String> jvm;
            try {
                jvm = SoakCgroup.commandLine();
            } catch (java.io.IOException e) {
                spec.commandLine().getErr().println("soak: " + e.getMessage() + ": the soak runs in this JVM, outside any cgroup");
                jvm = null;
            }
            if (jvm != null && cgroup) {
                try {
                    launch = SoakCgroup.make(ceiling == null ? 0 : (long) ceiling << 20);
                } catch (java.io.IOException | RuntimeException e) {
                    spec.commandLine().getErr().println("soak: no memory cgroup (" + e.getMessage() + "): the soak runs outside one");
                }
            }
            if (jvm != null && nmt) jvm.add(1, "-XX:NativeMemoryTracking=summary");
            if (launch != null) return inside(launch, jvm);
            if (jvm != null && nmt) return inside(new SoakCgroup.Launch(List.of(), null, "no cgroup"), jvm);
        }
        Path dir = Files.createTempDirectory("newsstand-soak");
        try {
            Path db = dir.resolve("soak.db");
            try (IssueStore store = IssueStore.open(db); IssueStore desk = IssueStore.open(db)) {
                Deliveries deliveries = new Deliveries(desk);
                List<Deque<String>> shown = new ArrayList<>();
                int[] serial = new int[PUBLICATIONS.length];
                for (int p = 0; p < PUBLICATIONS.length; p++) {
                    shown.add(new ArrayDeque<>());
                    shown.get(p).push(activate(desk, dir, p, serial[p]++));
                }
                Soak.Change change = n -> {
                    int p = (n / 2) % PUBLICATIONS.length;
                    Deque<String> ids = shown.get(p);
                    if (n % 2 == 0 || ids.size() < 2) {
                        ids.push(activate(desk, dir, p, serial[p]++));
                        deliveries.retain(7, Long.MAX_VALUE);
                        return ids.peek();
                    }
                    String id = ids.pop();
                    deliveries.withdraw(id, 1, "{\"event\":\"withdrawn\",\"issue\":\"" + id + "\"}");
                    return id;
                };
                String child = System.getenv(SoakCgroup.INSIDE);
                boolean held = child != null && !child.equals(SoakCgroup.OUTSIDE) && ceiling != null;
                Soak.run(store, panel.model, new Soak.Settings(warmup, turns, changes, tolerance, child != null && nmt, held), change,
                        spec.commandLine().getOut());
            }
            return 0;
        } finally {
            Outputs.deleteTree(dir);
        }
    }

    /** Runs this command again in a child JVM inside the cgroup, its output passed through; returns its exit status. */
    private int inside(SoakCgroup.Launch launch, List<String> jvm) throws Exception {
        try {
            List<String> command = new ArrayList<>(launch.prefix());
            command.addAll(jvm);
            spec.commandLine().getErr().println((launch.prefix().isEmpty() ? "soak: in a child JVM, " : "soak: inside ") + launch.how());
            ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
            pb.environment().put(SoakCgroup.INSIDE, launch.prefix().isEmpty() ? SoakCgroup.OUTSIDE
                    : launch.made() == null ? "scope" : launch.made().toString());
            Process child = pb.start();
            try {
                return child.waitFor();
            } finally {
                child.destroy();
            }
        } finally {
            SoakCgroup.remove(launch);
        }
    }

    /** The sample issue as the next issue of a publication, imported and shown; returns its id. */
    private static String activate(IssueStore store, Path dir, int publication, int serial) throws Exception {
        Path pkg = dir.resolve("pkg");
        Outputs.deleteTree(pkg);
        SampleIssue.write(pkg, PUBLICATIONS[publication][0], PUBLICATIONS[publication][1], LocalDate.of(2025, 9, 10).plusDays(serial));
        String id = store.importPackage(pkg).id();
        store.activate(id);
        return id;
    }
}
