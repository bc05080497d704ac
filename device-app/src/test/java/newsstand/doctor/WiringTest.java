package newsstand.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The doctor's reading of gpioinfo (libgpiod 1.6, as Debian 12 and Raspberry Pi OS Bookworm ship it). */
class WiringTest {
    static final List<String> PI4 = List.of(
            "gpiochip0 - 58 lines:",
            "\tline   0:     \"ID_SDA\"       unused   input  active-high ",
            "\tline   7:  \"SPI_CE1_N\"   \"spi0 CS1\"  output   active-low [used]",
            "\tline   8:  \"SPI_CE0_N\"   \"spi0 CS0\"  output   active-low [used]",
            "\tline  13:     \"GPIO13\"       unused   input  active-high ",
            "\tline  17:     \"GPIO17\"       unused   input  active-high ",
            "\tline  18:     \"GPIO18\" \"led0 heartbeat\" output active-high [used]",
            "\tline  24:     \"GPIO24\"       unused   input  active-high ",
            "\tline  57:    unnamed       unused   input  active-high ");

    static Map<Integer, String> lines(Object... pinsAndKeys) {
        Map<Integer, String> m = new TreeMap<>();
        for (int i = 0; i < pinsAndKeys.length; i += 2) m.put((Integer) pinsAndKeys[i], (String) pinsAndKeys[i + 1]);
        return m;
    }

    @Test
    void freeLinesPassAndHeldOrMissingOnesAreNamed() {
        assertEquals(List.of(), Wiring.problems(PI4, lines(17, "panel.pin.reset", 24, "panel.pin.busy", 13, "button.home"), false));
        assertEquals(List.of("panel.pin.power (GPIO 18) is used by 'led0 heartbeat'", "panel.pin.dc (GPIO 8) is used by 'spi0 CS0'"),
                Wiring.problems(PI4, lines(18, "panel.pin.power", 8, "panel.pin.dc"), false).stream().sorted((a, b) -> b.compareTo(a)).toList());
        List<String> small = List.of("gpiochip1 - 8 lines:", "\tline   0:      unnamed       unused   input  active-high ");
        assertEquals(List.of("panel.pin.busy (GPIO 24) is not a line of gpiochip0 (8 lines)"), Wiring.problems(small, lines(24, "panel.pin.busy"), false));
    }

    @Test
    void whileTheKioskRunsItsOwnLinesAreItsToHold() {
        assertEquals(List.of(), Wiring.problems(PI4, lines(18, "panel.pin.power"), true));
    }
}
