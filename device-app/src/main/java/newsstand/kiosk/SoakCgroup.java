package newsstand.kiosk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A memory cgroup like the service's (newsstand.service: MemoryHigh=160M, MemoryMax=192M) for `bench soak`: the soak
 * runs again in a child JVM started inside it, so that everything the JVM touches from its first page on is charged
 * to it, and reports its memory at the end. Where systemd runs, `systemd-run --scope` makes it, as for the service;
 * without systemd, a cgroup made directly: on cgroup v2 a child of the root (/sys/fs/cgroup, where the memory
 * controller can be enabled for children), on cgroup v1 a child of this process's memory cgroup with the limit only
 * (v1 has no counterpart of MemoryHigh: its soft limit acts only under the whole machine's pressure).
 */
public final class SoakCgroup {
    /** The service's limits (device-app/src/deb/newsstand.service). */
    public static final long MEMORY_HIGH = 160L << 20, MEMORY_MAX = 192L << 20;
    /** Set in the child: the cgroup's folder (made directly) or "scope" (systemd-run's). */
    public static final String INSIDE = "NEWSSTAND_SOAK_CGROUP";
    /** {@link #INSIDE}'s value in a child JVM started outside any cgroup of the soak's (`--nmt` without a cgroup). */
    public static final String OUTSIDE = "none";
    private static final Path ROOT = Path.of("/sys/fs/cgroup");

    private SoakCgroup() {}

    /** How the child is started: the command before the JVM's, and the folder to remove after (null for systemd's). */
    public record Launch(List<String> prefix, Path made, String how) {}

    /** Makes the cgroup with the service's limits, or throws with why it cannot (the soak then runs outside it and says so). */
    public static Launch make() throws IOException {
        return make(0);
    }

    /**
     * Makes the cgroup, or throws with why it cannot. With a {@code ceiling} (bytes, 0 for none) the cgroup is held to
     * it instead of the service's MemoryHigh: v2's memory.high (systemd's MemoryHigh), where the kernel reclaims and
     * throttles above it, MemoryMax staying the service's; v1's memory.limit_in_bytes, where the kernel reclaims the
     * cgroup's page cache (and the JVM's own file pages) to stay under it, and kills the process when its anonymous
     * memory alone does not fit.
     */
    public static Launch make(long ceiling) throws IOException {
        String name = "newsstand-soak-" + ProcessHandle.current().pid();
        long high = ceiling > 0 ? ceiling : MEMORY_HIGH, max = Math.max(MEMORY_MAX, high);
        if (Files.isDirectory(Path.of("/run/systemd/system")) && onPath("systemd-run")) {
            return new Launch(List.of("systemd-run", "--scope", "--quiet", "--unit=" + name, "-p", "MemoryMax=" + max,
                    "-p", "MemoryHigh=" + high, "--"), null, "systemd-run --scope (MemoryHigh=" + (high >> 20) + "M, MemoryMax="
                    + (max >> 20) + "M)");
        }
        List<String> lines = Files.readAllLines(Path.of("/proc/self/cgroup"));
        Path dir;
        String how;
        if (Files.isRegularFile(ROOT.resolve("cgroup.controllers"))) {
            if (!Files.readString(ROOT.resolve("cgroup.controllers")).contains("memory")) {
                throw new IOException("cgroup v2 without the memory controller at " + ROOT);
            }
            if (!Files.readString(ROOT.resolve("cgroup.subtree_control")).contains("memory")) write(ROOT.resolve("cgroup.subtree_control"), "+memory");
            dir = ROOT.resolve(name);
            Files.createDirectory(dir);
            write(dir.resolve("memory.high"), Long.toString(high));
            write(dir.resolve("memory.max"), Long.toString(max));
            how = "cgroup v2 " + dir + " (memory.high " + (high >> 20) + "M, memory.max " + (max >> 20) + "M)";
        } else {
            String own = lines.stream().filter(l -> l.matches("\\d+:([^:]*,)?memory(,[^:]*)?:.*")).map(l -> l.substring(l.lastIndexOf(':') + 1))
                    .findFirst().orElseThrow(() -> new IOException("no memory cgroup: neither cgroup v2 with it nor v1's memory controller"));
            Path parent = ROOT.resolve("memory").resolve(own.substring(1));
            if (!Files.isDirectory(parent)) throw new IOException("this process's memory cgroup " + parent + " is not mounted here");
            dir = parent.resolve(name);
            Files.createDirectory(dir);
            long limit = ceiling > 0 ? ceiling : MEMORY_MAX;
            write(dir.resolve("memory.limit_in_bytes"), Long.toString(limit));
            how = "cgroup v1 " + dir + " (memory.limit_in_bytes " + (limit >> 20) + "M; v1 has no MemoryHigh"
                    + (ceiling > 0 ? ": the limit is the ceiling" : "") + ")";
        }
        // The shell joins the cgroup, then becomes the JVM: nothing of the JVM is charged elsewhere.
        return new Launch(List.of("/bin/sh", "-c", "echo $$ > \"$0/cgroup.procs\" && exec \"$@\"", dir.toString()), dir, how);
    }

    /** Removes a cgroup made directly once its process has ended (the kernel keeps it while pages are charged). */
    public static void remove(Launch launch) {
        if (launch.made() == null) return;
        for (int i = 0; i < 50; i++) {
            try {
                Files.deleteIfExists(launch.made());
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** This JVM's command line (Linux), for the child, without a class-data archive dump (the parent's). */
    public static List<String> commandLine() throws IOException {
        String all = new String(Files.readAllBytes(Path.of("/proc/self/cmdline")), StandardCharsets.UTF_8);
        List<String> args = new ArrayList<>();
        for (String a : all.split("\0")) {
            if (!a.startsWith("-XX:ArchiveClassesAtExit=")) args.add(a);
        }
        // Started for this command (the launcher's `java ... -jar newsstand.jar bench soak ...`), not from a test's JVM.
        if (java.util.Collections.indexOfSubList(args, List.of("bench", "soak")) < 0) {
            throw new IOException("this JVM was not started as `newsstand bench soak`, so it cannot start itself again inside");
        }
        return args;
    }

    /**
     * The memory of the cgroup this process is in, as `key=value` pairs for the soak's summary: cgroup_current_mb
     * (memory.current, v1 memory.usage_in_bytes), cgroup_peak_mb where the kernel keeps it, cgroup_anon_mb and
     * cgroup_file_mb (memory.stat anon and file; v1 rss and cache), and the times it was throttled at MemoryHigh
     * (memory.events high) or reached MemoryMax (max; v1 memory.failcnt), its limit (cgroup_limit_mb: memory.high, v1
     * memory.limit_in_bytes), and what reclaim cost it: cgroup_pgmajfault (pages faulted in again from the disk),
     * v1's cgroup_pgpgin and cgroup_pgpgout (pages charged and uncharged), and cgroup_refault_file (file pages read
     * again soon after the kernel dropped them: the sign of a working set that does not fit).
     */
    public static Map<String, String> report() throws IOException {
        Map<String, String> r = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(Path.of("/proc/self/cgroup"));
        String v1 = lines.stream().filter(l -> l.matches("\\d+:([^:]*,)?memory(,[^:]*)?:.*")).map(l -> l.substring(l.lastIndexOf(':') + 1))
                .findFirst().orElse(null);
        if (v1 == null) {
            String v2 = lines.stream().filter(l -> l.startsWith("0::")).map(l -> l.substring(3)).findFirst()
                    .orElseThrow(() -> new IOException("this process is in no memory cgroup"));
            Path dir = ROOT.resolve(v2.substring(1));
            r.put("cgroup_current_mb", mb(read(dir.resolve("memory.current"))));
            if (Files.exists(dir.resolve("memory.peak"))) r.put("cgroup_peak_mb", mb(read(dir.resolve("memory.peak"))));
            Map<String, Long> stat = keyed(dir.resolve("memory.stat"));
            r.put("cgroup_anon_mb", mb(stat.getOrDefault("anon", -1L)));
            r.put("cgroup_file_mb", mb(stat.getOrDefault("file", -1L)));
            Map<String, Long> events = keyed(dir.resolve("memory.events"));
            r.put("cgroup_high_events", Long.toString(events.getOrDefault("high", -1L)));
            r.put("cgroup_max_events", Long.toString(events.getOrDefault("max", -1L)));
            String high = Files.readString(dir.resolve("memory.high")).strip();
            r.put("cgroup_limit_mb", high.equals("max") ? "-1" : mb(Long.parseLong(high)));
            r.put("cgroup_pgmajfault", Long.toString(stat.getOrDefault("pgmajfault", -1L)));
            r.put("cgroup_refault_file", Long.toString(stat.getOrDefault("workingset_refault_file", stat.getOrDefault("workingset_refault", -1L))));
        } else {
            Path dir = ROOT.resolve("memory").resolve(v1.substring(1));
            r.put("cgroup_current_mb", mb(read(dir.resolve("memory.usage_in_bytes"))));
            r.put("cgroup_peak_mb", mb(read(dir.resolve("memory.max_usage_in_bytes"))));
            Map<String, Long> stat = keyed(dir.resolve("memory.stat"));
            r.put("cgroup_anon_mb", mb(stat.getOrDefault("rss", -1L)));
            r.put("cgroup_file_mb", mb(stat.getOrDefault("cache", -1L)));
            r.put("cgroup_max_events", Long.toString(read(dir.resolve("memory.failcnt"))));
            r.put("cgroup_limit_mb", mb(read(dir.resolve("memory.limit_in_bytes"))));
            r.put("cgroup_pgmajfault", Long.toString(stat.getOrDefault("pgmajfault", -1L)));
            r.put("cgroup_pgpgin", Long.toString(stat.getOrDefault("pgpgin", -1L)));
            r.put("cgroup_pgpgout", Long.toString(stat.getOrDefault("pgpgout", -1L)));
            r.put("cgroup_refault_file", Long.toString(stat.getOrDefault("workingset_refault_file", stat.getOrDefault("workingset_refault", -1L))));
        }
        return r;
    }

    private static Map<String, Long> keyed(Path file) throws IOException {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String l : Files.readAllLines(file)) {
            String[] kv = l.split(" ");
            if (kv.length == 2) m.put(kv[0], Long.parseLong(kv[1]));
        }
        return m;
    }

    private static long read(Path file) throws IOException {
        return Long.parseLong(Files.readString(file).strip());
    }

    private static String mb(long bytes) {
        return bytes < 0 ? "-1" : String.format(Locale.ROOT, "%.1f", bytes / 1048576.0);
    }

    private static void write(Path file, String value) throws IOException {
        Files.writeString(file, value);
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String d : path.split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, command))) return true;
        }
        return false;
    }
}
