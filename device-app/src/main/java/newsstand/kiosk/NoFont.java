package newsstand.kiosk;

import java.io.IOException;
import java.util.Map;
import newsstand.display.Framebuffer;
import newsstand.display.Panel;
import newsstand.display.Refresh;
import newsstand.display.Refresher;
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
            Map.entry('1', new int[] {0b00100, 0b01100, 0b00100, 0b00100, 0b00100, 0b00100, 0b01110}),
            Map.entry('-', new int[] {0, 0, 0, 0b11111, 0, 0, 0}),
            Map.entry(' ', new int[] {0, 0, 0, 0, 0, 0, 0}));

    static final String[] LINES = {"NO CJK FONT FOUND", "INSTALL FONTS-NOTO-CJK", "SEE README"};

    /** Draws fault code (F1) and what to do, full-screen, and refreshes the panel; a failure is logged. */
    static void show(Panel panel, Framebuffer fb, Refresher refresher, String code) {
        try {
            fb.fill(255);
            int unit = Math.max(2, Math.min(fb.width() / (24 * 6), fb.height() / 60));
            int y = fb.height() / 4;
            y = line(fb, code, unit * 3, y) + unit * 8;
            for (String l : LINES) y = line(fb, l, unit, y) + unit * 4;
            refresher.show(fb, Refresh.FLASH);
        } catch (IOException | RuntimeException e) {
            Logger.error("kiosk: the no-font screen cannot be shown: {}", e.toString());
        }
    }

    /** One line of the built-in alphabet, centred, its top at y; returns its bottom. */
    private static int line(Framebuffer fb, String text, int unit, int y) {
        int x = (fb.width() - text.length() * 6 * unit) / 2;
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
