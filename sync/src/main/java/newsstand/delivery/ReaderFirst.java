package newsstand.delivery;

/**
 * The reader comes first: while the kiosk's display draws what a reader asked for (a page turned), the delivery's
 * threads wait before their next chunk, so that on a board with one core the page does not share it with the
 * download (DeliveryBenchmark, {@code -Ddelivery.cpus=0 -Ddelivery.turns=true}). The display says when it starts and
 * ends ({@link #drawing}, {@link #drawn}); the delivery waits in {@link #pause}, at most {@link #MAX_WAIT_MS} at a time,
 * so that a display stuck on its panel never stalls the download.
 */
public final class ReaderFirst {
    private ReaderFirst() {}

    /** The longest a delivery thread waits for one drawing. */
    static final long MAX_WAIT_MS = 250;

    private static final Object LOCK = new Object();
    private static volatile int drawing;

    /**
     * This process shows pages to a reader (the kiosk, not a sync without a panel): the sync's threads and the
     * installation of an issue then run at a lower priority than the display's thread ({@link Niceness}). Called
     * before the sync starts.
     */
    public static void display() {
        Niceness.enabled = true;
    }

    /** The display starts drawing for a reader. */
    public static void drawing() {
        synchronized (LOCK) {
            drawing++;
        }
    }

    /** The display has handed the frame to the panel (or failed to). */
    public static void drawn() {
        synchronized (LOCK) {
            if (drawing > 0 && --drawing == 0) LOCK.notifyAll();
        }
    }

    /** Waits while the display draws for a reader (at most {@link #MAX_WAIT_MS}); at once when it does not. */
    static void pause() {
        if (drawing == 0) return;
        long deadline = System.nanoTime() + MAX_WAIT_MS * 1_000_000;
        synchronized (LOCK) {
            long left;
            while (drawing > 0 && (left = deadline - System.nanoTime()) > 0) {
                try {
                    LOCK.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
