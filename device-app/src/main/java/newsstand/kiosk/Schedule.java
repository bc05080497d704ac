package newsstand.kiosk;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import newsstand.config.OpeningHours;
import newsstand.config.Setting;
import org.tinylog.Logger;

/**
 * When things fall due for the display loop: the idle return and the rotation through the titles after the last
 * press, the opening hours (and a press that wakes the kiosk outside them), the offline banner, the nightly clear,
 * the end of a station notice.
 * It keeps the times; the loop decides what to show. Times after a press or a disconnection are kept on the monotonic
 * clock; those of the day (the hours, the nightly clear) are judged by the wall clock as it is at each look. A Pi
 * without a real-time clock starts with a wrong time and NTP then sets it back or forward by hours or days: such a
 * jump (the wall clock moving apart from the monotonic one by more than {@link #JUMP_MS}) is logged once and the
 * nightly clear's next time worked out again from the new time, so that it comes on the corrected night, neither
 * days late nor at the jump. Display thread only, but for its settings given before the loop runs (the operator's
 * later ones are given on that thread).
 */
final class Schedule {
    /** Without a press for this long, the first title's front page comes back (0: never). */
    private long idleMs;
    /** Once idle, each title's front page for this long in turn (0: no rotation), unless the title has its own. */
    private long rotateMs;
    /** Whether some title has a window (kiosk.titles): then the wall clock is looked at every {@link #WALL_LOOK_MS}. */
    private boolean windows;
    /** Opening hours (null: always open). */
    private OpeningHours hours;
    /** Offline this long before the banner says so. */
    private long bannerAfterMs = Setting.KIOSK_OFFLINE_BANNER.defaultNumber() * 60_000L;
    /** The kiosk's time zone (kiosk.timezone), for the nightly clear and the times its screens give. */
    private ZoneId zone = ZoneId.systemDefault();
    /** A wall clock that moved this far from the monotonic one between two looks jumped (NTP slews smaller errors). */
    static final long JUMP_MS = 5_000;
    /** The longest wait for a time of the day, so that a jump of the wall clock is seen within it. */
    static final long WALL_LOOK_MS = 15_000;
    private LocalTime nightly;
    private Instant nextClear;
    /** The wall clock (ms) and the monotonic one (ns) at the last look, to see a jump between two looks. */
    private long wallMs = System.currentTimeMillis();
    private long monoNs = System.nanoTime();
    /** When the last press came (System.nanoTime), 0 once the idle return has happened. */
    private long lastPress;
    /** When the rotation shows the next title (System.nanoTime), 0 when not rotating. */
    private long nextRotation;
    private long awakeUntil;
    /** Offline since (System.nanoTime), 0 when connected. */
    private long offlineSince;
    /**
     * A download's progress on the waiting screen: shown once the download has gone on this long, then at most this
     * often. One that ends sooner draws nothing beside it (each step was a redraw of the screen and a refresh, on the
     * CPU the download needs: DeliveryBenchmark); one over a slow link shows its progress every second.
     */
    static final long PROGRESS_MS = 1_000;
    /** The download's latest step not shown yet, or null; when its first step came and when one was last shown (ns). */
    private Event.Progress progress;
    private String progressIssue;
    private long progressStart, progressShown;

    /**
     * The times a reader meets, which the operator may also set from afar: the idle return (ms, 0: never), the
     * rotation once idle (ms, 0: none), the opening hours (null: always open).
     */
    void readers(long idleMs, long rotateMs, OpeningHours hours) {
        this.idleMs = idleMs;
        this.rotateMs = rotateMs;
        this.hours = hours;
    }

    /**
     * The station's clock: its time zone (for the nightly clear and the times its screens give), how long offline
     * before the banner says so (ms), and a full clear every day at a time (null: never).
     */
    void station(ZoneId zone, long offlineBannerMs, LocalTime nightlyClear) {
        this.zone = zone;
        this.bannerAfterMs = offlineBannerMs;
        nightly = nightlyClear;
        nextClear = nightlyClear == null ? null : next(nightlyClear);
    }

    long idleMs() {
        return idleMs;
    }

    OpeningHours hours() {
        return hours;
    }

    ZoneId zone() {
        return zone;
    }

    /** The next clear at an instant (a test's), then daily at the nightly time. */
    void clearAt(Instant when) {
        if (nightly == null) nightly = LocalTime.parse(Setting.PANEL_NIGHTLY_CLEAR.defaultValue());
        nextClear = when;
    }

    private Instant next(LocalTime at) {
        ZonedDateTime now = ZonedDateTime.now(zone), next = now.with(at);
        return (next.isAfter(now) ? next : next.plusDays(1)).toInstant();
    }

    /** A press: the idle time starts again, and the rotation stops. */
    void pressed() {
        lastPress = System.nanoTime();
        nextRotation = 0;
    }

    /** Whether the idle time has just run out (once per press). */
    boolean idleDue() {
        if (idleMs <= 0 || lastPress == 0 || System.nanoTime() - lastPress < idleMs * 1_000_000) return false;
        lastPress = 0;
        return true;
    }

    /** Whether some title has days or hours of its own, judged by the wall clock. */
    void windows(boolean any) {
        windows = any;
    }

    /**
     * The rotation goes on (when there is one and titles to rotate through): the next title's turn comes after the
     * title shown has stayed its own time (ms; 0 for kiosk.rotate.seconds).
     */
    void rotate(int titles, long titleMs) {
        if (rotateMs > 0 && titles > 1) nextRotation = System.nanoTime() + (titleMs > 0 ? titleMs : rotateMs) * 1_000_000;
    }

    /** Whether the next title's turn has come; the loop then says how long that one stays ({@link #rotate}). */
    boolean rotationDue() {
        if (nextRotation == 0 || System.nanoTime() < nextRotation) return false;
        nextRotation = 0;
        return true;
    }

    /** Whether the rotation is going on (it stops at a press). */
    boolean rotating() {
        return nextRotation != 0;
    }

    /** Whether nobody reads: no press since the start or since the idle return. */
    boolean resting() {
        return lastPress == 0;
    }

    /**
     * Whether the nightly clear has come; the next is then due a day later. After a jump of the wall clock the next is
     * worked out again from the new time (and none is due at the jump).
     */
    boolean clearDue() {
        if (jumped() && nextClear != null) {
            nextClear = next(nightly);
            Logger.info("kiosk: the nightly clear is next at {}", nextClear.atZone(zone).toLocalDateTime());
            return false;
        }
        if (nextClear == null || Instant.now().isBefore(nextClear)) return false;
        nextClear = next(nightly);
        return true;
    }

    /** Whether the wall clock jumped since the last look (logged once, when seen). */
    private boolean jumped() {
        long wall = System.currentTimeMillis(), mono = System.nanoTime();
        long drift = (wall - wallMs) - (mono - monoNs) / 1_000_000;
        wallMs = wall;
        monoNs = mono;
        if (Math.abs(drift) <= JUMP_MS) return false;
        Logger.warn("kiosk: the clock jumped {} by {} (now {}); the hours and the nightly clear follow the new time",
                drift > 0 ? "forward" : "back", Duration.ofMillis(Math.abs(drift)), Instant.ofEpochMilli(wall));
        return true;
    }

    /** Whether the kiosk is open now: within its hours, or woken by a press. */
    boolean open() {
        return hours == null || hours.isOpen(ZonedDateTime.now(zone)) || System.nanoTime() < awakeUntil;
    }

    /** A press outside the hours: open for the idle time (a minute without one). */
    void wake() {
        awakeUntil = System.nanoTime() + (idleMs > 0 ? idleMs : 60_000) * 1_000_000;
    }

    void online(boolean online) {
        if (!online && offlineSince == 0) offlineSince = System.nanoTime();
        if (online) offlineSince = 0;
    }

    /** Whether the kiosk has been offline for longer than the banner waits. */
    boolean offlineDue() {
        return offlineSince != 0 && System.nanoTime() - offlineSince >= bannerAfterMs * 1_000_000;
    }

    /**
     * With no issue yet, offline this long before the waiting screen says so (W2; the banner's time when shorter):
     * a technician installing a kiosk stands in front of it.
     */
    static final long WAITING_OFFLINE_MS = 60_000;

    /** Whether the waiting screen says that the kiosk is offline (W2). */
    boolean offlineWaitingDue() {
        return offlineSince != 0 && System.nanoTime() - offlineSince >= Math.min(bannerAfterMs, WAITING_OFFLINE_MS) * 1_000_000;
    }

    /** The time of day the kiosk went offline (HH:MM in its zone). */
    String offlineSince() {
        return LocalTime.now(zone).minusNanos(System.nanoTime() - offlineSince).withSecond(0).withNano(0).toString();
    }

    /**
     * How long the loop may wait for an event before something falls due (Long.MAX_VALUE: nothing will); with the
     * offline banner (or on the waiting screen, W2) not yet shown, its time counts too; with hours, titles' windows or
     * a nightly clear, a look at least every 15 s (the wall clock may jump).
     */
    /** The first of the notices in force to run out (by the wall clock), or null. */
    private Instant noticeEnds;

    /** The notices in force: the first of them to run out, or null for none. */
    void noticesEnd(Instant first) {
        noticeEnds = first;
    }

    /** Whether a notice has run out by the kiosk's clock. */
    boolean noticeDue() {
        return noticeEnds != null && !Instant.now().isBefore(noticeEnds);
    }

    /** A download's step came: kept until it is due ({@link #PROGRESS_MS}). */
    void progress(Event.Progress p) {
        long now = System.nanoTime();
        if (!p.issue().equals(progressIssue)) {
            progressIssue = p.issue();
            progressStart = now;
            progressShown = 0;
        }
        progress = p;
    }

    /** The download's latest step, when it is due to be shown (taken); else null. */
    Event.Progress progressDue() {
        if (progress == null || progressDueInNs(System.nanoTime()) > 0) return null;
        Event.Progress due = progress;
        progress = null;
        progressShown = System.nanoTime();
        return due;
    }

    /** The issue came on the shelf or went off it: what was kept of its download is not shown any more. */
    void progressEnded(String issue) {
        if (!issue.equals(progressIssue)) return;
        progress = null;
        progressIssue = null;
    }

    private long progressDueInNs(long now) {
        long since = progressShown != 0 ? progressShown : progressStart;
        return since + PROGRESS_MS * 1_000_000 - now;
    }

    long waitMs(boolean offlineShown, boolean waiting) {
        long wait = hours != null || windows ? WALL_LOOK_MS : Long.MAX_VALUE;
        long now = System.nanoTime();
        if (progress != null) wait = Math.min(wait, Math.max(1, progressDueInNs(now) / 1_000_000 + 1));
        if (idleMs > 0 && lastPress != 0) wait = Math.min(wait, Math.max(1, idleMs - (now - lastPress) / 1_000_000));
        if (nextRotation != 0) wait = Math.min(wait, Math.max(1, (nextRotation - now) / 1_000_000));
        if (nextClear != null) wait = Math.min(wait, Math.max(1, Math.min(WALL_LOOK_MS, Duration.between(Instant.now(), nextClear).toMillis())));
        if (noticeEnds != null) wait = Math.min(wait, Math.max(1, Math.min(WALL_LOOK_MS, Duration.between(Instant.now(), noticeEnds).toMillis() + 1)));
        long offlineAfter = waiting ? Math.min(bannerAfterMs, WAITING_OFFLINE_MS) : bannerAfterMs;
        if (offlineSince != 0 && !offlineShown) wait = Math.min(wait, Math.max(1, offlineAfter - (now - offlineSince) / 1_000_000));
        return wait;
    }
}
