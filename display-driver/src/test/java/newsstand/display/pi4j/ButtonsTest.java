package newsstand.display.pi4j;

import static org.junit.jupiter.api.Assertions.*;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import java.util.ArrayList;
import java.util.List;
import newsstand.display.Button;
import newsstand.display.Press;
import org.junit.jupiter.api.Test;

class ButtonsTest {
    /** Samples a level pattern every 5 ms: each char one sample, '#' down, '.' up. */
    static List<Press> run(String pattern) {
        return run(pattern, Buttons.LONG_MS);
    }

    static List<Press> run(String pattern, int holdMs) {
        Buttons.Debouncer d = new Buttons.Debouncer(Button.NEXT, holdMs);
        List<Press> out = new ArrayList<>();
        for (int i = 0; i < pattern.length(); i++) {
            Press p = d.sample(i * 5L, pattern.charAt(i) == '#');
            if (p != null) out.add(p);
        }
        return out;
    }

    static final Press SHORT = new Press(Button.NEXT, false);
    static final Press LONG = new Press(Button.NEXT, true);

    @Test
    void bouncesAreOnePressAndGlitchesNone() {
        assertEquals(List.of(SHORT), run("....#.#.##.#################........."), "a bouncing press and release");
        assertEquals(List.of(), run("....##..#..##.....#......"), "glitches shorter than the debounce time");
        assertEquals(List.of(SHORT, SHORT), run("..##########..........##########.........."), "two presses");
    }

    @Test
    void aHeldPressIsLongOnceAndReportedWhileStillHeld() {
        String held = "..#" + "#".repeat(170);
        assertEquals(List.of(LONG), run(held), "long press reported before release");
        assertEquals(List.of(LONG), run(held + "........"), "and nothing more at release");
        String half = "..#" + "#".repeat(70) + ".........."; // held 350 ms
        assertEquals(List.of(SHORT), run(half), "350 ms is short at the default hold");
        assertEquals(List.of(LONG), run(half, 300), "and long with kiosk.hold.ms = 300");
    }

    @Test
    void pressesReachTheQueueFromGpioInputs() throws Exception {
        Context pi4j = Pi4J.newContextBuilder().noAutoDetect().add(MockDigitalInputProvider.newInstance()).build();
        try (Buttons buttons = new Buttons(pi4j, MockDigitalInputProvider.ID, new int[] {5, 6, -1})) {
            MockDigitalInput previous = pi4j.registry().get("button-previous", MockDigitalInput.class);
            MockDigitalInput next = pi4j.registry().get("button-next", MockDigitalInput.class);
            next.mockState(DigitalState.HIGH); // pulled up: not pressed
            previous.mockState(DigitalState.LOW);
            List<Press> presses = new ArrayList<>();
            for (long t = 0; t < 100; t += 5) buttons.sample(t, presses::add);
            previous.mockState(DigitalState.HIGH);
            for (long t = 100; t < 200; t += 5) buttons.sample(t, presses::add);
            assertEquals(List.of(new Press(Button.PREVIOUS, false)), presses);
        } finally {
            pi4j.shutdown();
        }
    }
}
