package newsstand.layout;

import io.nayuki.qrcodegen.QrCode;
import newsstand.config.PanelModel;
import newsstand.display.Framebuffer;

/**
 * The QR code of a fault or setup screen, leading to its next step (kiosk.help.url): encoded on the device, drawn as
 * pure black modules on white (no grey, no dither, no smoothing) at a whole number of pixels a module, with the
 * quiet zone of 4 modules the standard asks for around it.
 */
public final class HelpCode {
    /**
     * The symbol's least width: a phone reads a code from about ten times its width, and a technician stands half a
     * metre from the panel.
     */
    static final double SYMBOL_MM = 50;
    /** White modules around the symbol. */
    public static final int QUIET = 4;

    private final QrCode code;
    private final String text;

    private HelpCode(String text) {
        this.text = text;
        // The lowest error correction the size allows is raised as far as the same version fits (boostEcl).
        this.code = QrCode.encodeText(text, QrCode.Ecc.LOW);
    }

    /** The code of a URL (at most a few hundred characters). */
    public static HelpCode of(String url) {
        return new HelpCode(url);
    }

    public String text() {
        return text;
    }

    /** Modules a side, without the quiet zone (21 for version 1, 4 more each version). */
    public int modules() {
        return code.size;
    }

    /** Pixels a module on a panel: the symbol at least {@value #SYMBOL_MM} mm wide at the panel's pixels per inch. */
    public int modulePx(PanelModel model) {
        return (int) Math.ceil(SYMBOL_MM / 25.4 * model.dpi() / code.size);
    }

    /** Pixels a side with the quiet zone, at m pixels a module. */
    public int side(int m) {
        return (code.size + 2 * QUIET) * m;
    }

    /** The dark modules as rules of a page, each row's runs merged, the quiet zone's corner at (x, y). */
    void addTo(Page page, int x, int y, int m) {
        for (int row = 0; row < code.size; row++) {
            int col = 0;
            while (col < code.size) {
                if (!code.getModule(col, row)) {
                    col++;
                    continue;
                }
                int start = col;
                while (col < code.size && code.getModule(col, row)) col++;
                page.ops.add(new Page.Rule(x + (QUIET + start) * m, y + (QUIET + row) * m, (col - start) * m, m, Page.INK));
            }
        }
    }

    /** Draws the code straight into a framebuffer (the screen without a font): its quiet zone white, its modules black. */
    public void draw(Framebuffer fb, int x, int y, int m) {
        fb.fillRect(x, y, side(m), side(m), 255);
        for (int row = 0; row < code.size; row++) {
            for (int col = 0; col < code.size; col++) {
                if (code.getModule(col, row)) fb.fillRect(x + (QUIET + col) * m, y + (QUIET + row) * m, m, m, 0);
            }
        }
    }
}
