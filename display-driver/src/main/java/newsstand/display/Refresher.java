package newsstand.display;

import java.io.IOException;
import java.util.Arrays;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import newsstand.config.Setting;

/**
 * The one place that decides how the panel refreshes (the lessons of KOReader and Inkplate): a page turn refreshes
 * only what changed, found by comparing with the page shown before, without flashing; a full, flashing refresh
 * clears the ghosting that partial ones leave, every N partials, on a new issue and after pages with large photos;
 * transient marks (a page indicator) take the fast black-and-white mode. The panel sleeps after every refresh and is
 * woken by the next; refreshes keep a minimum interval where the vendor asks for one. One thread.
 */
public final class Refresher {
    private static final Setting FULL_EVERY = Setting.PANEL_FULL_EVERY;
    private final Panel panel;
    private int fullEvery;
    private final long minIntervalMs;
    private final LongSupplier clock;
    private final LongConsumer pause;
    private final int bits;
    private byte[] shown;
    /** The array the next page is packed into (the one shown before it), so that turning pages makes no garbage. */
    private byte[] spare;
    private int partials;
    private long last = Long.MIN_VALUE;

    /**
     * @param fullEvery     partial refreshes allowed before a full one (panel.full-refresh-every's range)
     * @param minIntervalMs least time between two refreshes (0 for none)
     * @param clock         milliseconds, monotonic
     * @param pause         waits a number of milliseconds
     */
    public Refresher(Panel panel, int fullEvery, long minIntervalMs, LongSupplier clock, LongConsumer pause) {
        checkFullEvery(fullEvery);
        if (minIntervalMs < 0) throw new IllegalArgumentException("minimum refresh interval must not be negative");
        this.panel = panel;
        this.fullEvery = fullEvery;
        this.minIntervalMs = minIntervalMs;
        this.clock = clock;
        this.pause = pause;
        this.bits = panel.model().bitsPerPixel();
    }

    private static void checkFullEvery(int partials) {
        if (partials < FULL_EVERY.min() || partials > FULL_EVERY.max()) {
            throw new IllegalArgumentException("full refresh every " + partials + " partials is not allowed (allowed: " + FULL_EVERY.min() + " to "
                    + FULL_EVERY.max() + ")");
        }
    }

    /** With the system clock and Thread.sleep. */
    public Refresher(Panel panel, int fullEvery, long minIntervalMs) {
        this(panel, fullEvery, minIntervalMs, () -> System.nanoTime() / 1_000_000, ms -> {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /**
     * Shows a page and returns the refresh used: FULL for the first page, when asked to flash (a new issue, a page
     * with large photos) or after fullEvery partials; else PARTIAL of the changed region; null when nothing changed.
     */
    public RefreshMode show(Framebuffer page, Refresh hint) throws IOException {
        byte[] packed = page.pack(Region.of(page), bits, spare);
        boolean full = shown == null || hint == Refresh.FLASH || partials >= fullEvery;
        Region changed = full ? Region.of(page) : changed(shown, packed, page.width(), page.height(), bits);
        if (changed.isEmpty()) return null;
        RefreshMode mode = full ? RefreshMode.FULL : RefreshMode.PARTIAL;
        refresh(page, changed, mode);
        partials = full ? 0 : partials + 1;
        spare = shown;
        shown = packed;
        return mode;
    }

    /** A transient mark in a region (page indicator), fast black and white; it counts as nothing shown for ghosting. */
    public void mark(Framebuffer page, Region region) throws IOException {
        refresh(page, region, RefreshMode.FAST);
        if (shown != null) {
            // What the panel shows now, so that the next page turn refreshes the mark's region too.
            byte[] now = page.pack(Region.of(page), bits);
            int stride = (page.width() * bits + 7) / 8;
            Region r = region.clip(page.width(), page.height());
            for (int y = r.y(); y < r.y() + r.height(); y++) {
                System.arraycopy(now, y * stride, shown, y * stride, stride);
            }
        }
    }

    private void refresh(Framebuffer page, Region region, RefreshMode mode) throws IOException {
        long now = clock.getAsLong();
        if (last != Long.MIN_VALUE && now - last < minIntervalMs) pause.accept(minIntervalMs - (now - last));
        long start = System.nanoTime();
        try {
            panel.refresh(page, region, mode);
            panel.sleep();
        } catch (IOException | RuntimeException e) {
            failures++;
            failing = true;
            lastFailure = e.getMessage() == null ? e.toString() : e.getMessage();
            throw e;
        } finally {
            last = clock.getAsLong();
        }
        refreshes++;
        failing = false;
        if (mode == RefreshMode.FULL) fullRefreshes++;
        lastRefreshMs = (System.nanoTime() - start) / 1_000_000;
    }

    private volatile long refreshes, fullRefreshes, failures, lastRefreshMs;
    private volatile String lastFailure;
    private volatile boolean failing;

    /**
     * How the panel has done since the start: refreshes made (full ones among them), refreshes that failed and why
     * the last one did, whether the latest refresh failed, how long the last refresh took (ms, the controller's busy
     * time included). Any thread.
     */
    public record Health(long refreshes, long fullRefreshes, long failures, String lastFailure, boolean failing, long lastRefreshMs) {}

    public Health health() {
        return new Health(refreshes, fullRefreshes, failures, lastFailure, failing, lastRefreshMs);
    }

    /** Partial refreshes allowed before a full one from now on (panel.full-refresh-every's range): set from afar. */
    public void fullEvery(int partials) {
        checkFullEvery(partials);
        fullEvery = partials;
    }

    /**
     * Writes what the panel shows as a PNG at the panel's depth (4-bit grey on the 16-grey panels, 1-bit on black
     * and white), from the frame it was last given: false when it was given none yet.
     */
    public boolean screenshot(java.io.OutputStream out) throws IOException {
        if (shown == null) return false;
        PngWriter.writePacked(out, panel.model().width(), panel.model().height(), bits, shown);
        return true;
    }

    /** The smallest region holding every pixel that differs, from the packed frames (whole bytes, widened). */
    static Region changed(byte[] before, byte[] after, int width, int height, int bits) {
        int stride = before.length / height;
        int top = -1, bottom = -1, left = stride, right = -1;
        for (int y = 0; y < height; y++) {
            int row = y * stride;
            int first = Arrays.mismatch(before, row, row + stride, after, row, row + stride);
            if (first < 0) continue;
            if (top < 0) top = y;
            bottom = y;
            if (first < left) left = first;
            for (int b = stride - 1; b > right; b--) {
                if (before[row + b] != after[row + b]) {
                    right = b;
                    break;
                }
            }
        }
        if (top < 0) return new Region(0, 0, 0, 0);
        int perByte = 8 / bits;
        int x0 = left * perByte;
        int x1 = Math.min(width, (right + 1) * perByte);
        return new Region(x0, top, x1 - x0, bottom - top + 1);
    }
}
