package newsstand.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MetricsTest {
    @Test
    void countersAreWrittenInPrometheusTextFormatWithTheirLabelsSortedAndEscaped() {
        Metrics m = new Metrics();
        m.count("newsstand_console_commands_total", "result", "done", "command", "show");
        m.count("newsstand_console_commands_total", "command", "show", "result", "done");
        m.count("newsstand_console_commands_total", "command", "set", "result", "refused: \"x\"\nno");
        assertEquals(2, m.value("newsstand_console_commands_total", "command", "show", "result", "done"));
        StringBuilder b = new StringBuilder();
        m.write(b);
        String text = b.toString();
        assertTrue(text.contains("# TYPE newsstand_console_commands_total counter\n"), text);
        assertTrue(text.contains("newsstand_console_commands_total{command=\"show\",result=\"done\"} 2\n"), text);
        assertTrue(text.contains("newsstand_console_commands_total{command=\"set\",result=\"refused: \\\"x\\\"\\nno\"} 1\n"), text);
    }

    @Test
    void theCommandsCounterIsThereBeforeTheFirstCommand() {
        StringBuilder b = new StringBuilder();
        new Metrics().write(b);
        assertTrue(b.toString().contains("# TYPE newsstand_console_commands_total counter"), b.toString());
    }

    @Test
    void aBadNameOrOddLabelsAreRefused() {
        Metrics m = new Metrics();
        assertThrows(IllegalArgumentException.class, () -> m.count("Commands", "a", "b"));
        assertThrows(IllegalArgumentException.class, () -> m.count("newsstand_x_total", "a"));
    }
}
