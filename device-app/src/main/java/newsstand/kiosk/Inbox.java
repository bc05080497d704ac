package newsstand.kiosk;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.tinylog.Logger;

/**
 * What the {@link DisplayLoop} has to do, in two queues: presses in a small bounded one (a flood drops the oldest,
 * said once when it starts and once when it ends, a second after the last press dropped), everything else (the operator's commands, activations, the
 * connection, a download's progress) in its own, always taken first: nothing the sync hands the display waits behind
 * presses. Any thread adds; the display thread takes.
 */
final class Inbox {
    /** Presses waiting at most: more than a reader makes while a page is drawn; older ones are stale by then. */
    static final int PRESSES = 16;
    /** A flood of presses ends a second after the last one dropped. */
    private static final long QUIET_NANOS = 1_000_000_000L;
    /** Waits this long or longer are waits until an event comes. */
    private static final long FOREVER_MS = Long.MAX_VALUE / 4_000_000;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition added = lock.newCondition();
    private final ArrayDeque<Event> others = new ArrayDeque<>();
    private final ArrayDeque<Event.Pressed> presses = new ArrayDeque<>(PRESSES);

    /** Presses dropped in the flood going on, 0 when none is; when the last was (System.nanoTime). */
    private long dropped;
    private long lastDrop;

    void add(Event e) {
        boolean floodStarts = false;
        lock.lock();
        try {
            if (e instanceof Event.Pressed p) {
                if (presses.size() == PRESSES) {
                    presses.removeFirst();
                    lastDrop = System.nanoTime();
                    floodStarts = dropped++ == 0;
                }
                presses.addLast(p);
            } else {
                others.addLast(e);
            }
            added.signal();
        } finally {
            lock.unlock();
        }
        if (floodStarts) Logger.warn("kiosk: presses come faster than the panel follows; the oldest are dropped (at most {} wait)", PRESSES);
    }

    /**
     * The next event, others before presses, waiting at most ms (Long.MAX_VALUE: until one comes); null when none came,
     * or when a flood of presses just ended (a second without a press dropped): that is said then.
     */
    Event poll(long ms) throws InterruptedException {
        long floodEnded = 0;
        Event next = null;
        lock.lock();
        try {
            long start = System.nanoTime();
            long deadline = ms >= FOREVER_MS ? Long.MAX_VALUE : start + TimeUnit.MILLISECONDS.toNanos(ms);
            while (true) {
                long now = System.nanoTime();
                if (dropped > 0 && now - lastDrop >= QUIET_NANOS) {
                    floodEnded = dropped;
                    dropped = 0;
                }
                if (!others.isEmpty()) next = others.removeFirst();
                else if (!presses.isEmpty()) next = presses.removeFirst();
                if (next != null || floodEnded > 0 || deadline != Long.MAX_VALUE && deadline - now <= 0) break;
                long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - now;
                if (dropped > 0) left = Math.min(left, lastDrop + QUIET_NANOS - now);
                if (left == Long.MAX_VALUE) added.await();
                else added.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
        if (floodEnded > 0) Logger.warn("kiosk: {} presses were dropped (the oldest, while more than {} waited)", floodEnded, PRESSES);
        return next;
    }
}
