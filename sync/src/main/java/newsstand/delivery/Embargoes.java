package newsstand.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import newsstand.store.Deliveries;
import newsstand.store.StoreException;
import org.tinylog.Logger;

/**
 * Issues stored under embargo, judged by the wall clock as it is at each look (every second), never by a time worked
 * out before: a Pi without a real-time clock starts with a wrong time, and NTP then sets it back or forward by hours or
 * days. Such a jump is seen as the wall clock moving apart from the monotonic one by more than {@link #JUMP_MS}: it is
 * logged once, the manifests refused meanwhile are judged again by the new time, and after a jump back each shown
 * issue whose embargo has not ended by the new time is taken off and held again until it has. Sync thread only.
 */
final class Embargoes {
    /** A wall clock that moved this far from the monotonic one between two looks jumped (NTP slews smaller errors). */
    static final long JUMP_MS = 5_000;

    private final Deliveries deliveries;
    private final Outbox outbox;
    /** Told of each issue that came on or went off the shelf. */
    private final Consumer<String> onChanged;
    /** Told of a jump: what was judged by the old time is judged again. */
    private final Runnable onJump;
    /** When the next embargo ends (null: none). */
    private Instant next;
    private long wallMs = System.currentTimeMillis();
    private long monoNs = System.nanoTime();
    /**
     * The clock went back and the shown issues are still to be judged again (kept until that committed). Not at
     * start: a kiosk that starts with its clock behind would take off issues whose embargo really ended.
     */
    private boolean setBack;

    Embargoes(Deliveries deliveries, Outbox outbox, Consumer<String> onChanged, Runnable onJump) throws StoreException {
        this.deliveries = deliveries;
        this.outbox = outbox;
        this.onChanged = onChanged;
        this.onJump = onJump;
        next = deliveries.nextRelease();
    }

    /** An issue was stored (perhaps under embargo): the next end is read again. */
    void stored() throws StoreException {
        next = deliveries.nextRelease();
    }

    /** Issues whose embargo ended go on their shelves, by the clock as it is now; returns whether the shelf changed. */
    boolean look() throws StoreException {
        Instant now = Instant.now();
        long jump = jumped(now);
        boolean changed = false;
        if (jump != 0) {
            Logger.warn("sync: the clock jumped {} by {} (now {}); embargoes, expiries and signatures are judged by the new time",
                    jump > 0 ? "forward" : "back", Duration.ofMillis(Math.abs(jump)), now);
            setBack |= jump < 0;
            onJump.run();
        }
        if (setBack) {
            for (String id : deliveries.holdAgain(now, id -> outbox.event("embargoed", id, -1, "held again: its embargo has not ended by the corrected clock"))) {
                Logger.warn("sync: {} is held again until its embargo ends (it was shown by the clock before it was set back)", id);
                onChanged.accept(id);
                changed = true;
            }
            setBack = false;
            stored();
        }
        if (next == null || now.isBefore(next)) return changed;
        List<String> shown = deliveries.release(now, id -> outbox.event("activated", id, -1, "its embargo ended"));
        next = deliveries.nextRelease();
        for (String id : shown) {
            Logger.info("sync: the embargo of {} ended; it is shown now", id);
            onChanged.accept(id);
        }
        return true;
    }

    /** How far the wall clock jumped since the last look (ms, negative: back), or 0 within {@link #JUMP_MS}. */
    private long jumped(Instant now) {
        long wall = now.toEpochMilli(), mono = System.nanoTime();
        long drift = (wall - wallMs) - (mono - monoNs) / 1_000_000;
        wallMs = wall;
        monoNs = mono;
        return Math.abs(drift) > JUMP_MS ? drift : 0;
    }
}
