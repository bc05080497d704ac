package newsstand.kiosk;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * Work of the kiosk's start done on a thread of its own (the kiosk has four cores and its start is a power-on's
 * wait), joined where its result is needed; a failure is thrown there, as it was thrown by the work.
 */
final class Background<T> {
    interface Work<T> {
        T call() throws Exception;
    }

    private final FutureTask<T> task;

    private Background(FutureTask<T> task) {
        this.task = task;
    }

    static <T> Background<T> start(String name, Work<T> work) {
        FutureTask<T> task = new FutureTask<>(work::call);
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
        return new Background<>(task);
    }

    Future<T> future() {
        return task;
    }

    /** The result, once the work is done; its exception when it failed. */
    T join() throws Exception {
        try {
            return task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception x) throw x;
            if (e.getCause() instanceof Error x) throw x;
            throw e;
        }
    }

    /** The result, or null when the work failed (its failure is thrown by {@link #join}). */
    T joinQuietly() throws InterruptedException {
        try {
            return task.get();
        } catch (ExecutionException e) {
            return null;
        }
    }
}
