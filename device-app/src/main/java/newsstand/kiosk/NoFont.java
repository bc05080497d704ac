package newsstand.kiosk;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import newsstand.display.Framebuffer;
import newsstand.display.Panel;
import newsstand.display.Refresh;
import newsstand.display.Refresher;
import newsstand.layout.HelpCode;
import org.tinylog.Logger;

/**
 * The one screen drawn without a font file: when no CJK font can be found, the typesetter cannot set even the
 * fault screen, so fault F1 is drawn in a 5 x 7 pixel alphabet built in here, enlarged to the panel. Never a blank
 * panel.
 */
final class NoFont {
    private NoFont() {}

    private static final Map<Character, int[]> GLYPHS = Map.ofEntries(
            Map.entry('A', new int[] {0b01110, 0b10001, 0b10001, 0b11111, 0b10001, 0b10001, 0b10001}),
            Map.entry('C', new int[] {0b01110, 0b10001, 0b10000, 0b10000, 0b10000, 0b10001, 0b01110}),
            Map.entry('D', new int[] {0b11110, 0b10001, 0b10001, 0b10001, 0b10001, 0b10001, 0b11110}),
            Map.entry('E', new int[] {0b11111, 0b10000, 0b10000, 0b11110, 0b10000, 0b10000, 0b11111}),
            Map.entry('F', new int[] {0b11111, 0b10000, 0b10000, 0b11110, 0b10000, 0b10000, 0b10000}),
            Map.entry('I', new int[] {0b01110, 0b00100, 0b00100, 0b00100, 0b00100, 0b00100, 0b01110}),
            Map.entry('J', new int[] {0b00111, 0b00010, 0b00010, 0b00010, 0b00010, 0b10010, 0b01100}),
            Map.entry('K', new int[] {0b10001, 0b10010, 0b10100, 0b11000, 0b10100, 0b10010, 0b10001}),
            Map.entry('L', new int[] {0b10000, 0b10000, 0b10000, 0b10000, 0b10000, 0b10000, 0b11111}),
            Map.entry('M', new int[] {0b10001, 0b11011, 0b10101, 0b10101, 0b10001, 0b10001, 0b10001}),
            Map.entry('N', new int[] {0b10001, 0b11001, 0b10101, 0b10011, 0b10001, 0b10001, 0b10001}),
            Map.entry('O', new int[] {0b01110, 0b10001, 0b10001, 0b10001, 0b10001, 0b10001, 0b01110}),
            Map.entry('R', new int[] {0b11110, 0b10001, 0b10001, 0b11110, 0b10100, 0b10010, 0b10001}),
            Map.entry('S', new int[] {0b01111, 0b10000, 0b10000, 0b01110, 0b00001, 0b00001, 0b11110}),
            Map.entry('T', new int[] {0b11111, 0b00100, 0b00100, 0b00100, 0b00100, 0b00100, 0b00100}),
            Map.entry('U', new int[] {0b10001, 0b10001, 0b10001, 0b10001, 0b10001, 0b10001, 0b01110}),
            Map.entry('B', new int[] {0b11110, 0b10001, 0b10001, 0b11110, 0b10001, 0b10001, 0b11110}),
            Map.entry('G', new int[] {0b01110, 0b10001, 0b10000, 0b10111, 0b10001, 0b10001, 0b01111}),
            Map.entry('H', new int[] {0b10001, 0b10001, 0b10001, 0b11111, 0b10001, 0b10001, 0b10001}),
            Map.entry('P', new int[] {0b11110, 0b10001, 0b10001, 0b11110, 0b10000, 0b10000, 0b10000}),
            Map.entry('Q', new int[] {0b01110, 0b10001, 0b10001, 0b10001, 0b10101, 0b10010, 0b01101}),
            Map.entry('V', new int[] {0b10001, 0b10001, 0b10001, 0b10001, 0b10001, 0b01010, 0b00100}),
            Map.entry('W', new int[] {0b10001, 0b10001, 0b10001, 0b10101, 0b10101, 0b10101, 0b01010}),
            Map.entry('X', new int[] {0b10001, 0b10001, 0b01010, 0b00100, 0b01010, 0b10001, 0b10001}),
            Map.entry('Y', new int[] {0b10001, 0b10001, 0b01010, 0b00100, 0b00100, 0b00100, 0b00100}),
            Map.entry('Z', new int[] {0b11111, 0b00001, 0b00010, 0b00100, 0b01000, 0b10000, 0b11111}),
            Map.entry('0', new int[] {0b01110, 0b10001, 0b10011, 0b10101, 0b11001, 0b10001, 0b01110}),
            Map.entry('1', new int[] {0b00100, 0b01100, 0b00100, 0b00100, 0b00100, 0b00100, 0b01110}),
            Map.entry('2', new int[] {0b01110, 0b10001, 0b00001, 0b00010, 0b00100, 0b01000, 0b11111}),
            Map.entry('3', new int[] {0b11111, 0b00010, 0b00100, 0b00010, 0b00001, 0b10001, 0b01110}),
            Map.entry('4', new int[] {0b00010, 0b00110, 0b01010, 0b10010, 0b11111, 0b00010, 0b00010}),
            Map.entry('5', new int[] {0b11111, 0b10000, 0b11110, 0b00001, 0b00001, 0b10001, 0b01110}),
            Map.entry('6', new int[] {0b00110, 0b01000, 0b10000, 0b11110, 0b10001, 0b10001, 0b01110}),
            Map.entry('7', new int[] {0b11111, 0b00001, 0b00010, 0b00100, 0b01000, 0b01000, 0b01000}),
            Map.entry('8', new int[] {0b01110, 0b10001, 0b10001, 0b01110, 0b10001, 0b10001, 0b01110}),
            Map.entry('9', new int[] {0b01110, 0b10001, 0b10001, 0b01111, 0b00001, 0b00010, 0b01100}),
            Map.entry(':', new int[] {0, 0b01100, 0b01100, 0, 0b01100, 0b01100, 0}),
            Map.entry('-', new int[] {0, 0, 0, 0b11111, 0, 0, 0}),
            Map.entry(' ', new int[] {0, 0, 0, 0, 0, 0, 0}));

    static final String[] LINES = {"NO CJK FONT FOUND", "INSTALL FONTS-NOTO-CJK", "SEE README", "OR SCAN THE CODE"};

    /**
     * Draws the fault's code (F1) and what to do, with the device id and the QR code of the next step (kiosk.help.url)
     * at the right, full-screen, and refreshes the panel; a failure is logged.
     */
    static void show(Panel panel, Framebuffer fb, Refresher refresher, String code, Help help) {
        try {
            fb.fill(255);
            HelpCode qr = HelpCode.of(help.url(code));
            int m = Math.max(1, Math.min(qr.modulePx(panel.model()), Math.min(fb.height(), fb.width() * 3 / 5) / qr.side(1)));
            int side = qr.side(m);
            qr.draw(fb, fb.width() - side, (fb.height() - side) / 2, m);
            List<String> lines = new ArrayList<>(List.of(LINES));
            lines.add("DEVICE " + help.device().toUpperCase(Locale.ROOT));
            int widest = lines.stream().mapToInt(String::length).max().orElse(1);
            int room = fb.width() - side;
            int unit = Math.max(2, Math.min(room * 9 / 10 / (widest * 6), fb.height() / 60));
            int height = 7 * unit * 3 + unit * 8 + lines.size() * (7 * unit + unit * 4);
            int y = Math.max(unit, (fb.height() - height) / 2);
            y = line(fb, code, unit * 3, y, room) + unit * 8;
            for (String l : lines) y = line(fb, l, unit, y, room) + unit * 4;
            refresher.show(fb, Refresh.FLASH);
        } catch (IOException | RuntimeException e) {
            Logger.error("kiosk: the no-font screen cannot be shown: {}", e.toString());
        }
    }

    /** One line of the built-in alphabet, centred in the room at the left, its top at y; returns its bottom. */
    private static int line(Framebuffer fb, String text, int unit, int y, int room) {
        int x = Math.max(0, (room - text.length() * 6 * unit) / 2);
        for (char c : text.toCharArray()) {
            int[] rows = GLYPHS.getOrDefault(c, GLYPHS.get(' '));
            for (int r = 0; r < 7; r++) {
                for (int b = 0; b < 5; b++) {
                    if ((rows[r] >> (4 - b) & 1) != 0) fb.fillRect(x + b * unit, y + r * unit, unit, unit, 0);
                }
            }
            x += 6 * unit;
        }
        return y + 7 * unit;
    }
}
