package newsstand.delivery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
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

    /** Sets the calling thread's nice value; false when it could not (said in the log at debug level). */
    static boolean lowerThisThread(int nice) {
        try {
            // "/proc/thread-self" names "PID/task/TID": the kernel's id of this thread.
            String tid = Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
            Process p = new ProcessBuilder("renice", "-n", Integer.toString(nice), "-p", tid).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) return true;
            p.destroyForcibly();
            Logger.debug("sync: renice of thread {} failed", tid);
        } catch (Exception e) {
            Logger.debug("sync: the thread's priority stays: {}", e.toString());
        }
        return false;
    }
}
