package newsstand.display;

import java.io.IOException;

/** A panel that does not answer or answers wrongly; the message names the panel, the line or command, and what to check. */
public final class PanelException extends IOException {
    public PanelException(String message) {
        super(message);
    }
}
