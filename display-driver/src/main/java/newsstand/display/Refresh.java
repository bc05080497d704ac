package newsstand.display;

/**
 * What the caller of {@link Refresher#show} knows about a frame: whether only what changed needs refreshing, or the
 * whole panel must flash now. The refresher decides the {@link RefreshMode} from it and from its own count.
 */
public enum Refresh {
    /** Only the region that changed, without flashing, unless a full refresh is due (the first frame, every N partials). */
    CHANGES,
    /**
     * The whole panel, flashing, now: something new is shown (a new issue, one of the kiosk's own screens, the
     * operator's refresh) or the frame leaves ghosts a partial refresh would not clear (large photos).
     */
    FLASH
}
