package newsstand.display;

/** How a panel updates: a flashing full refresh that clears ghosting, a partial one, or fast black and white. */
public enum RefreshMode {
    /** Full flashing refresh, all grey levels (IT8951 GC16; UC8179 full). */
    FULL,
    /** Non-flashing update of a region, all grey levels (IT8951 GL16; UC8179 partial). */
    PARTIAL,
    /** Fast black-and-white update for transient marks (IT8951 A2 or DU; UC8179 fast). */
    FAST
}
