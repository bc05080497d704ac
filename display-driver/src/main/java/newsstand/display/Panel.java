package newsstand.display;

import java.io.IOException;
import newsstand.config.PanelModel;

/** An e-paper panel: the simulated one and the hardware drivers all stand behind this. */
public interface Panel extends AutoCloseable {
    PanelModel model();

    /** Shows the region of the framebuffer with the given refresh mode; the framebuffer matches the panel's size. */
    void refresh(Framebuffer frame, Region region, RefreshMode mode) throws IOException;

    /** Clears the panel to white with a full, flashing refresh (technicians; after ghosting). */
    void clear() throws IOException;

    /**
     * Asks the controller whether it answers, leaving the picture as it is (`newsstand doctor`): what it said, in a
     * line; a PanelException naming what to check when nothing answers. Panels without hardware say so.
     */
    default String probe() throws IOException {
        return model().id() + ": not a hardware panel, nothing to ask";
    }

    /** Puts the panel into its lowest-power state; the next refresh wakes it. */
    void sleep() throws IOException;

    @Override
    void close() throws IOException;
}
