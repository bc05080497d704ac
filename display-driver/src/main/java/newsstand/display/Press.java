package newsstand.display;

/** A press of a button, long (held) or short. */
public record Press(Button button, boolean longPress) {}
