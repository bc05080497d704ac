package newsstand.display;

/** The kiosk's three buttons: the next page, the previous page, home. */
public enum Button { NEXT, PREVIOUS, HOME }
