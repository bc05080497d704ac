package newsstand.kiosk;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import newsstand.display.pi4j.Buttons;
import org.tinylog.Logger;

/**
 * Button presses read from a file or named pipe (buttons.input), one a line: next, previous, home, hold next,
 * hold previous, hold home. A file is followed as it grows; a pipe is opened again when its writer closes it. How
 * tests, the demo and a technician on a laptop drive a kiosk with a simulated panel.
 */
final class PressInput {
    private PressInput() {}

    static void start(Path file, Consumer<Buttons.Press> presses) {
        Thread t = new Thread(() -> {
            while (true) {
                try {
                    if (!Files.exists(file)) {
                        Thread.sleep(200);
                        continue;
                    }
                    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                        while (true) {
                            String line = in.readLine();
                            if (line == null) {
                                if (!Files.isRegularFile(file)) break; // a pipe whose writer closed it: open it again
                                Thread.sleep(100);
                                continue;
                            }
                            Buttons.Press p = parse(line);
                            if (p != null) presses.accept(p);
                            else if (!line.isBlank()) Logger.warn("buttons.input {}: '{}' is not a press (allowed: next, previous, home,"
                                    + " hold next, hold previous, hold home)", file, line.strip());
                        }
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (IOException e) {
                    Logger.warn("buttons.input {}: {}", file, e.getMessage());
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException stop) {
                        return;
                    }
                }
            }
        }, "buttons-input");
        t.setDaemon(true);
        t.start();
    }

    /** A line as a press, or null. */
    static Buttons.Press parse(String line) {
        String s = line.strip().toLowerCase(Locale.ROOT);
        boolean hold = s.startsWith("hold ");
        String name = hold ? s.substring(5).strip() : s;
        return switch (name) {
            case "next" -> new Buttons.Press(Buttons.Button.NEXT, hold);
            case "previous" -> new Buttons.Press(Buttons.Button.PREVIOUS, hold);
            case "home" -> new Buttons.Press(Buttons.Button.HOME, hold);
            default -> null;
        };
    }
}
