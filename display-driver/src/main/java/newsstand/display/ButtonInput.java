package newsstand.display;

import java.util.function.Consumer;

/**
 * Where the kiosk's presses come from: the buttons on GPIO, or a file of presses (buttons.input) on a laptop, in
 * tests and in the demo. Started once with where each press goes (called on the input's own thread); closed when the
 * kiosk stops.
 */
public interface ButtonInput extends AutoCloseable {
    void start(Consumer<Press> presses);

    @Override
    void close();
}
