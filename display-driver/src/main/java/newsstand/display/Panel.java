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

    /** Puts the panel into its lowest-power state; the next refresh wakes it. */
    void sleep() throws IOException;

    @Override
    void close() throws IOException;
}
