package newsstand.kiosk;

import newsstand.display.pi4j.Buttons;

/** Something the {@link DisplayLoop} reacts to; the sync, the buttons and the kiosk's start add them to its queue. */
sealed interface Event {
    /** A download's progress: the issue and the percent of its chunks stored. */
    record Progress(String issue, int percent) implements Event {}

    /** The sync connected to the broker (true) or lost it (false). */
    record Connection(boolean online) implements Event {}

    /** An issue came on the shelf or went off it (withdrawn). */
    record Activated(String issue) implements Event {}

    record Pressed(Buttons.Press press) implements Event {}

    record Stop() implements Event {}

    /** One of the operator's commands, verified by the sync, for the display to carry out and answer. */
    record Order(newsstand.issue.Command command, newsstand.delivery.CommandReply reply) implements Event {}

    /** Answered when the loop reaches it: proof that it is alive and done with everything queued before. */
    record Ping(Runnable answer) implements Event {}
}
