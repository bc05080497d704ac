package newsstand.kiosk;

import java.util.concurrent.atomic.AtomicBoolean;
import org.tinylog.Logger;

/**
 * What the death of any of the kiosk's threads does, an {@link Error} included (an OutOfMemoryError above all): one
 * line in the log naming the thread and what killed it, then the process ends with {@link #EXIT}, so that
 * newsstand.service starts it afresh; never a kiosk half alive whose status still says online. The display loop runs
 * on the main thread: its death is one of these. On the way out the shutdown hook stops what still runs and says
 * goodbye to the broker (online false); when even that cannot be done, the broker's will says it.
 */
final class Crash {
    /** The exit status of a kiosk a thread of which died (sysexits' EX_SOFTWARE, as the command line's internal errors). */
    static final int EXIT = 70;
    /** How long the shutdown hooks may take before the process is halted all the same. */
    private static final long HOOKS_MS = 30_000;
    private static final AtomicBoolean ENDING = new AtomicBoolean();
    /** Memory given back before the last words, for a heap that ran out. */
    private static volatile byte[] reserve;

    private Crash() {}

    /** Every thread's death without a handler of its own ends the process. */
    static void install() {
        reserve = new byte[256 * 1024];
        Thread.setDefaultUncaughtExceptionHandler(Crash::died);
    }

    static void died(Thread t, Throwable e) {
        reserve = null;
        if (!ENDING.compareAndSet(false, true)) return; // already ending
        try {
            Logger.error(e, "kiosk: thread {} died of {}; the kiosk ends (exit {}) for its service to start it again", t.getName(), e, EXIT);
            Thread halt = new Thread(() -> {
                try {
                    Thread.sleep(HOOKS_MS);
                } catch (InterruptedException stop) {
                    return;
                }
                Runtime.getRuntime().halt(EXIT);
            }, "crash-halt");
            halt.setDaemon(true);
            halt.start();
        } catch (Throwable again) {
            Runtime.getRuntime().halt(EXIT); // not even a line could be said: end now
        } finally {
            System.exit(EXIT);
        }
    }
}
