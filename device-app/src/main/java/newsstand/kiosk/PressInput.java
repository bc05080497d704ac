package newsstand.kiosk;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import newsstand.display.Button;
import newsstand.display.ButtonInput;
import newsstand.display.Press;
import org.tinylog.Logger;

/**
 * Button presses read from a file or named pipe (buttons.input), one a line: next, previous, home, hold next,
 * hold previous, hold home. A file is followed as it grows; a pipe is opened again when its writer closes it. How
 * tests, the demo and a technician on a laptop drive a kiosk with a simulated panel.
 */
final class PressInput implements ButtonInput {
    private final Path file;
    private Thread reader;

    PressInput(Path file) {
        this.file = file;
    }

    @Override
    public void start(Consumer<Press> presses) {
        reader = new Thread(() -> {
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
                            Press p = parse(line);
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
        reader.setDaemon(true);
        reader.start();
    }

    /** Stops reading (at its next wait: a pipe's reader blocked on a line ends with the process, a daemon). */
    @Override
    public void close() {
        if (reader != null) reader.interrupt();
    }

    /** A line as a press, or null. */
    static Press parse(String line) {
        String s = line.strip().toLowerCase(Locale.ROOT);
        boolean hold = s.startsWith("hold ");
        String name = hold ? s.substring(5).strip() : s;
        return switch (name) {
            case "next" -> new Press(Button.NEXT, hold);
            case "previous" -> new Press(Button.PREVIOUS, hold);
            case "home" -> new Press(Button.HOME, hold);
            default -> null;
        };
    }
}
