package newsstand.display.pi4j;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import newsstand.config.Setting;
import newsstand.display.Button;
import newsstand.display.ButtonInput;
import newsstand.display.Press;

/**
 * The kiosk's buttons (next page, previous page, home) on GPIO inputs, pulled up, pressed when low. Sampled every
 * few milliseconds; a level counts once it has held DEBOUNCE_MS (contacts bounce); a press held holdMs is a long
 * press, reported as soon as it is reached, a shorter one at release. Each press goes where the app said, from the
 * sampling thread.
 */
public final class Buttons implements ButtonInput {
    static final int DEBOUNCE_MS = 30;
    /** How long a press is held to be a long one, unless the kiosk is told otherwise (kiosk.hold.ms). */
    public static final int LONG_MS = Setting.KIOSK_HOLD.defaultNumber();
    static final int SAMPLE_MS = 5;

    private final List<DigitalInput> inputs = new ArrayList<>();
    private final List<Debouncer> debouncers = new ArrayList<>();
    private Thread sampler;

    public Buttons(Context pi4j, String inputProvider, int[] pins) {
        this(pi4j, inputProvider, pins, LONG_MS);
    }

    /**
     * @param pins BCM pins of next, previous and home (-1 for a button not fitted)
     * @param holdMs how long a press is held to be a long one
     */
    public Buttons(Context pi4j, String inputProvider, int[] pins, int holdMs) {
        Button[] buttons = Button.values();
        if (pins.length != buttons.length) throw new IllegalArgumentException("need " + buttons.length + " button pins");
        for (int i = 0; i < pins.length; i++) {
            if (pins[i] < 0) continue;
            inputs.add(pi4j.create(DigitalInput.newConfigBuilder(pi4j).id("button-" + buttons[i].name().toLowerCase())
                    .address(pins[i]).pull(PullResistance.PULL_UP).provider(inputProvider).build()));
            debouncers.add(new Debouncer(buttons[i], holdMs));
        }
    }

    /** Starts sampling on a daemon thread; each press goes to presses. */
    @Override
    public void start(Consumer<Press> presses) {
        sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                sample(System.nanoTime() / 1_000_000, presses);
                try {
                    Thread.sleep(SAMPLE_MS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "buttons");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Reads every button once at a time in milliseconds; a press goes to presses. */
    void sample(long now, Consumer<Press> presses) {
        for (int i = 0; i < inputs.size(); i++) {
            Press p = debouncers.get(i).sample(now, inputs.get(i).state() == DigitalState.LOW);
            if (p != null) presses.accept(p);
        }
    }

    @Override
    public void close() {
        if (sampler != null) sampler.interrupt();
    }

    /** One button's debouncing and long-press timing, from samples of its raw level. */
    static final class Debouncer {
        private final Button button;
        private final int holdMs;
        private boolean raw;
        private long rawSince;
        private boolean pressed;
        private long pressedSince;
        private boolean longReported;

        Debouncer(Button button, int holdMs) {
            this.button = button;
            this.holdMs = holdMs;
        }

        Press sample(long now, boolean down) {
            if (down != raw) {
                raw = down;
                rawSince = now;
            }
            boolean stable = now - rawSince >= DEBOUNCE_MS;
            if (stable && raw != pressed) {
                pressed = raw;
                if (pressed) {
                    pressedSince = rawSince;
                    longReported = false;
                } else if (!longReported) {
                    return new Press(button, false);
                }
            }
            if (pressed && !longReported && now - pressedSince >= holdMs) {
                longReported = true;
                return new Press(button, true);
            }
            return null;
        }
    }
}
