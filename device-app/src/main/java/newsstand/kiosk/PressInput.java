package newsstand.kiosk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import newsstand.display.Button;
import newsstand.display.ButtonInput;
import newsstand.display.Press;
import org.tinylog.Logger;

/**
 * Button presses read from a file or named pipe (buttons.input), one a line: next, previous, home, hold next,
 * hold previous, hold home. How tests, the demo and a technician on a laptop drive a kiosk with a simulated panel.
 * A file is followed as it grows, from its end when the kiosk starts (what it held before is never replayed, so a
 * restart does not fall into what stopped the kiosk) and when it is truncated or replaced; a file created while the
 * kiosk runs is read from its start; a pipe is opened again when its writer closes it. Bytes are read in bounded
 * chunks: a line longer than {@link #MAX_LINE} bytes, one that is not UTF-8 text or holds a control character is
 * skipped with a warning (at most {@link #WARNINGS} a second, the others counted), never fatal.
 */
final class PressInput implements ButtonInput {
    /** The longest line taken, in bytes: "hold previous" with room to spare; a longer one is skipped to its end. */
    static final int MAX_LINE = 256;
    /** Warnings about skipped lines said a second at most; the others are counted and said as a number. */
    static final int WARNINGS = 5;

    private final Path file;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final byte[] line = new byte[MAX_LINE];
    private int length;
    /** Whether the line being read is past {@link #MAX_LINE}: skipped to its end. */
    private boolean overLong;
    private long warnedSecond;
    private int warnedThisSecond;
    private long unsaid;
    private Thread reader;

    PressInput(Path file) {
        this.file = file;
    }

    @Override
    public void start(Consumer<Press> presses) {
        reader = new Thread(() -> {
            try {
                follow(presses);
            } catch (InterruptedException e) {
                // closed
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

    private void follow(Consumer<Press> presses) throws InterruptedException {
        boolean fromEnd = true; // what the file holds when the kiosk starts is not replayed
        while (!Thread.currentThread().isInterrupted()) {
            if (!Files.exists(file)) {
                fromEnd = false; // created from now on: all of it is new
                Thread.sleep(200);
                continue;
            }
            try {
                if (Files.isRegularFile(file)) followFile(presses, fromEnd);
                else readPipe(presses);
            } catch (IOException e) {
                if (Thread.currentThread().isInterrupted()) throw new InterruptedException();
                Logger.warn("buttons.input {}: {}", file, e.toString());
                Thread.sleep(1000);
            }
            fromEnd = true; // a file that replaced the one followed is read from its end
        }
    }

    /** Follows a file as it grows; returns when it is removed or replaced. */
    private void followFile(Consumer<Press> presses, boolean fromEnd) throws IOException, InterruptedException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            Object key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
            long at = fromEnd ? in.size() : 0;
            if (at > 0) Logger.info("buttons.input {}: the {} bytes in it are not read as presses; lines appended from now on are", file, at);
            in.position(at);
            length = 0;
            overLong = false;
            ByteBuffer chunk = ByteBuffer.allocate(8192);
            while (true) {
                chunk.clear();
                int n = in.read(chunk);
                if (n > 0) {
                    take(chunk.array(), n, presses);
                    at += n;
                    continue;
                }
                sayUnsaid();
                if (!Files.exists(file) || !Objects.equals(key, Files.readAttributes(file, BasicFileAttributes.class).fileKey())) {
                    Logger.warn("buttons.input {} was removed or replaced", file);
                    return;
                }
                long size = in.size();
                if (size < at) {
                    Logger.warn("buttons.input {} was truncated ({} bytes, read up to {}); what it holds is skipped, lines appended"
                            + " from now on are presses", file, size, at);
                    in.position(size);
                    at = size;
                    length = 0;
                    overLong = false;
                }
                Thread.sleep(100);
            }
        }
    }

    /** Reads a named pipe until its writer closes it. */
    private void readPipe(Consumer<Press> presses) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            length = 0;
            overLong = false;
            byte[] chunk = new byte[8192];
            for (int n; (n = in.read(chunk)) >= 0; ) take(chunk, n, presses);
        } finally {
            sayUnsaid();
        }
    }

    /** Bytes read, cut into lines. */
    private void take(byte[] bytes, int n, Consumer<Press> presses) {
        for (int i = 0; i < n; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                if (!overLong) line(presses);
                length = 0;
                overLong = false;
            } else if (overLong) {
                continue;
            } else if (length == MAX_LINE) {
                overLong = true;
                warn("a line longer than " + MAX_LINE + " bytes is skipped to its end");
            } else {
                line[length++] = b;
            }
        }
    }

    private void line(Consumer<Press> presses) {
        String text;
        try {
            text = utf8.reset().decode(ByteBuffer.wrap(line, 0, length)).toString();
        } catch (CharacterCodingException e) {
            warn("a line that is not UTF-8 text is skipped");
            return;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\r') {
                warn(String.format(Locale.ROOT, "a line holding the control character U+%04X is skipped", (int) c));
                return;
            }
        }
        Press p = parse(text);
        if (p != null) presses.accept(p);
        else if (!text.isBlank()) warn("'" + printable(text.strip()) + "' is not a press (allowed: next, previous, home, hold next, hold previous, hold home)");
    }

    /** A warning about a skipped line, unless {@link #WARNINGS} were said this second: then it is counted. */
    private void warn(String what) {
        long second = System.nanoTime() / 1_000_000_000L;
        if (second != warnedSecond) {
            warnedSecond = second;
            warnedThisSecond = 0;
        }
        if (warnedThisSecond++ >= WARNINGS) {
            unsaid++;
            return;
        }
        Logger.warn("buttons.input {}: {}", file, what);
    }

    /** The skipped lines not warned about, said once the input rests. */
    private void sayUnsaid() {
        if (unsaid == 0) return;
        Logger.warn("buttons.input {}: {} more lines were skipped (not presses, not UTF-8 text or too long)", file, unsaid);
        unsaid = 0;
    }

    /** Text for the log: format and control characters as '?' (no terminal sequences, no reversed text). */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? '?' : c));
        return b.toString();
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
