package newsstand.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import newsstand.display.Button;
import newsstand.display.Press;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** buttons.input as a named pipe: closed and opened again by its writer, bad bytes between good lines. */
class PressInputTest {
    @TempDir Path dir;

    @Test
    void aPipeClosedAndOpenedAgainIsReadEachTimeAndItsBadLinesAreSkipped() throws Exception {
        Path fifo = dir.resolve("buttons.input");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        BlockingQueue<Press> presses = new LinkedBlockingQueue<>();
        PressInput input = new PressInput(fifo);
        input.start(presses::add);
        try {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                out.write(new byte[] {'n', 'e', 0, 'x', 't', '\n', (byte) 0xFF, '\n', 'n', 'e', 'x', 't', '\n'});
            }
            assertEquals(new Press(Button.NEXT, false), presses.poll(10, TimeUnit.SECONDS));
            try (OutputStream out = Files.newOutputStream(fifo)) {
                out.write(("x".repeat(PressInput.MAX_LINE + 1) + "\nhold home\r\n").getBytes());
            }
            assertEquals(new Press(Button.HOME, true), presses.poll(10, TimeUnit.SECONDS), "read again after its writer closed it");
            assertNull(presses.poll(200, TimeUnit.MILLISECONDS), "nothing else was a press");
        } finally {
            input.close();
            // The reader may be blocked opening the pipe: opened and closed here (read and write: never blocks), it sees
            // the end of the pipe, then its interrupt.
            java.nio.channels.FileChannel.open(fifo, java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE).close();
        }
    }

    @Test
    void aPressIsItsWordsWhateverTheirCaseAndSpaces() {
        assertEquals(new Press(Button.PREVIOUS, true), PressInput.parse("  HOLD   previous \t"));
        assertNull(PressInput.parse("nextt"));
    }
}
