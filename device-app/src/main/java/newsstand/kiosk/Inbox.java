package newsstand.kiosk;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.tinylog.Logger;

/**
 * What the {@link DisplayLoop} has to do, in two queues: presses in a small bounded one (a flood drops the oldest,
 * said once when it starts and once when it ends), everything else (the operator's commands, activations, the
 * connection, a download's progress) in its own, always taken first: nothing the sync hands the display waits behind
 * presses. Any thread adds; the display thread takes.
 */
final class Inbox {
    /** Presses waiting at most: more than a reader makes while a page is drawn; older ones are stale by then. */
    static final int PRESSES = 16;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition added = lock.newCondition();
    private final ArrayDeque<Event> others = new ArrayDeque<>();
    private final ArrayDeque<Event.Pressed> presses = new ArrayDeque<>(PRESSES);
    /** Presses dropped in the flood going on, 0 when none is. */
    private long dropped;

    void add(Event e) {
        boolean floodStarts = false;
        lock.lock();
        try {
            if (e instanceof Event.Pressed p) {
                if (presses.size() == PRESSES) {
                    presses.removeFirst();
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

    /** The next event, others before presses, waiting at most ms (Long.MAX_VALUE: until one comes); null when none came. */
    Event poll(long ms) throws InterruptedException {
        long floodEnded = 0;
        Event next;
        lock.lock();
        try {
            long left = ms == Long.MAX_VALUE ? Long.MAX_VALUE : TimeUnit.MILLISECONDS.toNanos(ms);
            while (others.isEmpty() && presses.isEmpty()) {
                if (left == Long.MAX_VALUE) added.await();
                else if (left <= 0) return null;
                else left = added.awaitNanos(left);
            }
            next = others.isEmpty() ? presses.removeFirst() : others.removeFirst();
            if (presses.isEmpty() && dropped > 0) {
                floodEnded = dropped;
                dropped = 0;
            }
        } finally {
            lock.unlock();
        }
        if (floodEnded > 0) Logger.warn("kiosk: {} presses were dropped (the oldest, while more than {} waited)", floodEnded, PRESSES);
        return next;
    }
}
