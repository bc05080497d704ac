package newsstand.kiosk;

import newsstand.display.Press;

/** Something the {@link DisplayLoop} reacts to; the sync, the buttons and the kiosk's start add them to its {@link Inbox}. */
sealed interface Event {
    /** A download's progress: the issue and the percent of its chunks stored. */
    record Progress(String issue, int percent) implements Event {}

    /** The sync connected to the broker (true) or lost it (false). */
    record Connection(boolean online) implements Event {}

    /** An issue came on the shelf or went off it (withdrawn). */
    record Activated(String issue) implements Event {}

    /** A press, and when it was read (System.nanoTime). */
    record Pressed(Press press, long at) implements Event {
        Pressed(Press press) {
            this(press, System.nanoTime());
        }
    }

    record Stop() implements Event {}

    /**
     * The sync could not start, and why: the fault screen shown (F5 when a trusted key cannot be used, else F4) and the
     * loop stops.
     */
    record SyncFailed(String code, String reason) implements Event {}

    /** An issue waits for room in the store (storage.quota-mb or the disk), and why. */
    record NoRoom(String reason) implements Event {}


    /**
     * Run when the loop reaches it, on the display thread: proof that it is alive and done with everything queued
     * before, or work that must happen there (an operator's command, carried out by {@link Remote}).
     */
    record Ping(Runnable answer) implements Event {}
}
