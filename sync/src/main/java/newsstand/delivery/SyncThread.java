package newsstand.delivery;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.tinylog.Logger;

/**
 * The one thread of a kiosk's sync (see {@link DeviceSync}): the store, the download, the session's state and the
 * status are touched from it alone. Paho's threads and the kiosk's only hand it work.
 */
final class SyncThread {
    private final ScheduledExecutorService executor;
    private Consumer<String> onFailure = message -> {};

    SyncThread(String device) {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sync-" + device);
            t.setDaemon(true);
            return t;
        });
    }

    /** Where an unexpected failure of handed work is reported (the status's last error). */
    void onFailure(Consumer<String> report) {
        onFailure = report;
    }

    private boolean lowered;

    /**
     * On the sync thread, the first time a message from the broker is handled: the thread's priority lowered
     * ({@link Niceness#SYNC}), not at the start, where the spawned renice would delay the first frame.
     */
    void lowerPriority() {
        if (lowered) return;
        lowered = true;
        Niceness.lowerThisThread(Niceness.SYNC);
    }

    /** Hands work to the thread; never blocks the caller (Paho's threads). Dropped once closing. */
    void run(Runnable work) {
        try {
            executor.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    Logger.error(e, "sync: unexpected failure");
                    onFailure.accept("internal: " + e);
                }
            });
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    void later(Runnable work, long delayMs) {
        try {
            executor.schedule(work, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    void every(Runnable work, long periodMs) {
        executor.scheduleWithFixedDelay(work, periodMs, periodMs, TimeUnit.MILLISECONDS);
    }

    /** Runs work on the thread and waits for its result. */
    <T> T call(Callable<T> work, long timeoutMs) throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
        Future<T> f = executor.submit(work);
        return timeoutMs > 0 ? f.get(timeoutMs, TimeUnit.MILLISECONDS) : f.get();
    }

    void shutdown() {
        executor.shutdownNow();
    }
}
