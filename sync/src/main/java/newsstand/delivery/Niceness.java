package newsstand.delivery;

import java.nio.file.Files;
import java.nio.file.Path;
import org.tinylog.Logger;

/**
 * The calling thread's scheduling priority lowered (its nice value raised, as {@code renice} does for one thread
 * id), so that on a board with one core the display's thread, at the default priority, is given the core first.
 * Java's thread priorities do nothing on Linux (unless the JVM runs as root with -XX:ThreadPriorityPolicy=1); a
 * thread's nice value does, and the threads it starts inherit it. One way only: an unprivileged process cannot
 * lower it again. Where there is no /proc or no renice, nothing changes.
 */
final class Niceness {
    private Niceness() {}

    /**
     * The nice value of the sync's threads (the one that stores, the one that hashes), set when each first has work:
     * 5, so that the display's thread, at 0, gets about three quarters of a core they share (the manifest's checks and
     * the chunks no longer halve a page turn's share). The system property {@code newsstand.sync.nice} sets another
     * (0: as the display).
     */
    static final int SYNC = Integer.getInteger("newsstand.sync.nice", 5);

    /**
     * Whether the sync's threads are lowered at all: only in a kiosk that shows pages ({@link ReaderFirst#display}),
     * not where many syncs share a JVM without a display (`bench fleet`, the tests), each of which would spawn renice.
     */
    static volatile boolean enabled;

    /**
     * Sets the calling thread's nice value: renice started, not waited for (the thread goes on with its work, the
     * first chunk's hash or the first manifest, while renice runs; a renice that fails is said in the log at debug
     * level).
     */
    static void lowerThisThread(int nice) {
        if (nice <= 0 || !enabled) return;
        try {
            // "/proc/thread-self" names "PID/task/TID": the kernel's id of this thread.
            String tid = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
            Process p = new ProcessBuilder("renice", "-n", Integer.toString(nice), "-p", tid).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            p.onExit().thenAccept(done -> {
                if (done.exitValue() != 0) Logger.debug("sync: renice of thread {} failed", tid);
            });
        } catch (Exception e) {
            Logger.debug("sync: the thread's priority stays: {}", e.toString());
        }
    }
}
