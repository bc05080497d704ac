package newsstand.display;

import java.io.IOException;
import newsstand.config.PanelModel;

/** What both drivers share: the wires, waiting for the ready line with a timeout, and the reset pulse. */
public abstract class Controller implements Panel {
    /** The reference drivers poll the ready line every 5 ms. */
    protected static final int POLL_MS = 5;

    protected final PanelIo io;
    protected final PanelModel model;
    private final String readyLine;
    private final long timeoutMs;

    protected Controller(PanelIo io, PanelModel model, String readyLine, long timeoutMs) {
        this.io = io;
        this.model = model;
        this.readyLine = readyLine;
        this.timeoutMs = timeoutMs;
    }

    @Override
    public PanelModel model() {
        return model;
    }

    /** Waits until the ready line is high; a line that stays low past the timeout is a wiring or power fault. */
    protected void waitReady(String forWhat) throws PanelException {
        long start = io.millis();
        while (!io.ready()) {
            if (io.millis() - start >= timeoutMs) {
                throw new PanelException(model.id() + ": " + readyLine + " stayed low (busy) for " + timeoutMs
                        + " ms waiting for " + forWhat + "; check the " + readyLine + " wire, the panel's cable and power");
            }
            io.pause(POLL_MS);
        }
    }

    /** Reset: high, low, high, with the vendor's pauses. */
    protected void resetPulse(int highMs, int lowMs) {
        io.reset(true);
        io.pause(highMs);
        io.reset(false);
        io.pause(lowMs);
        io.reset(true);
        io.pause(highMs);
    }

    protected static void check(Framebuffer frame, PanelModel model) throws PanelException {
        if (frame.width() != model.width() || frame.height() != model.height()) {
            throw new PanelException(model.id() + ": framebuffer is " + frame.width() + "x" + frame.height()
                    + ", the panel " + model.width() + "x" + model.height());
        }
    }

    @Override
    public void close() throws IOException {
        io.close();
    }
}
