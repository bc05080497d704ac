package newsstand.display.it8951;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import newsstand.config.PanelModel;
import newsstand.display.Controller;
import newsstand.display.Framebuffer;
import newsstand.display.PanelException;
import newsstand.display.PanelIo;
import newsstand.display.RefreshMode;
import newsstand.display.Region;

/**
 * Waveshare's IT8951 panels (6", 10.3", 13.3"): every value a 16-bit word, each command, write and read in its own
 * chip-select frame behind a preamble (60 00 command, 00 00 write, 10 00 read), HRDY waited for before each frame.
 * Images load by area into the controller's buffer at 4 bpp (2 and 8 also), or 1 bit per pixel for fast black and
 * white; the waveform mode numbers come from the firmware's LUT string.
 */
public final class It8951 extends Controller {
    public static final int SYS_RUN = 0x0001, STANDBY = 0x0002, SLEEP = 0x0003, REG_RD = 0x0010, REG_WR = 0x0011;
    public static final int LD_IMG_AREA = 0x0021, LD_IMG_END = 0x0022, DPY_AREA = 0x0034, VCOM = 0x0039, GET_DEV_INFO = 0x0302;
    public static final int I80CPCR = 0x0004, LISAR = 0x0208, UP1SR = 0x1138, LUTAFSR = 0x1224, BGVR = 0x1250;
    public static final long TIMEOUT_MS = 10_000;

    /** Waveform modes; their numbers depend on the firmware. */
    public enum Waveform { INIT, DU, GC16, GL16, A2 }

    private final int vcomMillivolts;
    private final boolean mirrored;
    private final int bitsPerPixel;
    private boolean running;
    /** Device info read and VCOM set: later wakes need only SYS_RUN. */
    private boolean started;
    private int bufferAddress;
    private String lut = "";
    private String firmware = "";

    /**
     * @param vcomMillivolts |VCOM| in mV as printed on the panel's cable (2510 for -2.51 V)
     * @param bitsPerPixel   how grey images load: 4 (16 greys), 2 or 8
     */
    public It8951(PanelIo io, PanelModel model, int vcomMillivolts, int bitsPerPixel, long timeoutMs) {
        super(io, model, "HRDY", timeoutMs);
        if (vcomMillivolts < 200 || vcomMillivolts > 5000) {
            throw new IllegalArgumentException("VCOM " + vcomMillivolts + " mV is not allowed (allowed: 200 to 5000, the panel's |VCOM| x 1000)");
        }
        if (bitsPerPixel != 2 && bitsPerPixel != 4 && bitsPerPixel != 8) {
            throw new IllegalArgumentException("IT8951 image depth must be 2, 4 or 8 bits, was " + bitsPerPixel);
        }
        this.vcomMillivolts = vcomMillivolts;
        this.bitsPerPixel = bitsPerPixel;
        this.mirrored = model.mirrored();
    }

    /** The waveform's mode number: the 6" panels' M641 firmware numbers A2 4 where the others have 6. */
    int modeNumber(Waveform w) {
        boolean m641 = lut.contains("M641") || firmware.contains("M641");
        return switch (w) {
            case INIT -> 0;
            case DU -> 1;
            case GC16 -> 2;
            case GL16 -> 3;
            case A2 -> m641 ? 4 : 6;
        };
    }

    @Override
    public void refresh(Framebuffer frame, Region region, RefreshMode mode) throws IOException {
        switch (mode) {
            case FULL -> show(frame, region, Waveform.GC16);
            case PARTIAL -> show(frame, region, Waveform.GL16);
            case FAST -> show(frame, region, Waveform.A2);
        }
    }

    /** Loads the region and displays it with a waveform; A2 loads 1 bit per pixel. */
    public void show(Framebuffer frame, Region region, Waveform waveform) throws IOException {
        check(frame, model);
        start();
        Region r = region.clip(model.width(), model.height());
        if (r.isEmpty()) return;
        if (waveform == Waveform.A2) {
            showOneBit(frame, r);
            return;
        }
        // Whole words: 4 bpp takes 4 pixels a word, 2 bpp 8, 8 bpp 2.
        Region a = align(r, 16 / bitsPerPixel);
        waitDisplayIdle();
        setTargetBuffer();
        int bppCode = switch (bitsPerPixel) { case 2 -> 0; case 4 -> 2; default -> 3; };
        Region at = panelArea(a);
        // Endian 1: pixel 0 in the word's high bits, as the framebuffer packs it and SPI sends it (MSB first).
        loadArea(1 << 8 | bppCode << 4, at, packed(frame, a, bitsPerPixel));
        display(at, modeNumber(waveform));
    }

    /**
     * Fast black and white: 8 pixels a byte, loaded as an 8 bpp image of an eighth of the width, with the controller
     * told to expand bits (UP1SR+2 bit 2, BGVR = F0 for the two colours), then A2; the bit is cleared after.
     */
    private void showOneBit(Framebuffer frame, Region r) throws IOException {
        boolean m641 = modeNumber(Waveform.A2) == 4;
        Region a = align(r, m641 ? 32 : 16);
        Region at = panelArea(a);
        waitDisplayIdle();
        setTargetBuffer();
        int up1 = readRegister(UP1SR + 2);
        writeRegister(UP1SR + 2, up1 | 0x0004);
        writeRegister(BGVR, 0x00F0);
        loadArea(1 << 8 | 3 << 4, new Region(at.x() / 8, at.y(), at.width() / 8, at.height()), packed(frame, a, 1));
        display(at, modeNumber(Waveform.A2));
        waitDisplayIdle();
        writeRegister(UP1SR + 2, up1 & ~0x0004);
    }

    /** Clears the panel to white with the INIT waveform (a full flashing clear). */
    @Override
    public void clear() throws IOException {
        start();
        Framebuffer white = new Framebuffer(model.width(), model.height(), model.greyLevels());
        white.fill(255);
        show(white, Region.of(white), Waveform.INIT);
    }

    @Override
    public void sleep() throws IOException {
        if (!running) return;
        command(SLEEP);
        running = false;
    }

    /** Puts the controller in standby (faster to wake than sleep). */
    void standby() throws IOException {
        if (!running) return;
        command(STANDBY);
        running = false;
    }

    /** Wakes the controller; on first use resets it, reads its device info and sets VCOM. */
    private void start() throws IOException {
        if (running) return;
        if (started) {
            command(SYS_RUN);
            running = true;
            return;
        }
        resetPulse(200, 10);
        command(SYS_RUN);
        command(GET_DEV_INFO);
        int[] info = read(20);
        boolean silent = true;
        for (int w : info) silent &= w == 0;
        if (silent) {
            throw new PanelException(model.id() + ": no IT8951 answering (device info all zeros); check the SPI wiring, "
                    + "that SPI is enabled, the HAT's power, and that the panel was power-cycled");
        }
        if (info[0] != model.width() || info[1] != model.height()) {
            throw new PanelException(model.id() + ": the IT8951 reports a " + info[0] + "x" + info[1] + " panel, the "
                    + "configuration says " + model.width() + "x" + model.height() + " (panel.model)");
        }
        bufferAddress = info[2] | info[3] << 16;
        firmware = string(info, 4);
        lut = string(info, 12);
        writeRegister(I80CPCR, 0x0001);
        command(VCOM);
        write(0x0000);
        int vcom = read(1)[0];
        if (vcom != vcomMillivolts) {
            command(VCOM);
            write(0x0001, vcomMillivolts);
        }
        started = true;
        running = true;
    }

    /** Starts the controller (reset, device info, VCOM) and puts it back to sleep: what it reports about itself. */
    @Override
    public String probe() throws IOException {
        start();
        String said = "IT8951 answers: a " + model.width() + "x" + model.height() + " panel, firmware '" + firmware + "', LUT '" + lut + "'";
        sleep();
        return said;
    }

    String firmware() { return firmware; }

    String lut() { return lut; }

    private static String string(int[] words, int from) {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            // Strings come as words, each holding two characters, the first in the low byte.
            b[2 * i] = (byte) words[from + i];
            b[2 * i + 1] = (byte) (words[from + i] >> 8);
        }
        int n = 0;
        while (n < b.length && b[n] != 0) n++;
        return new String(b, 0, n, StandardCharsets.US_ASCII).strip();
    }

    /** Waits until the display engine is idle (LUTAFSR reads 0) before a new image is loaded. */
    private void waitDisplayIdle() throws IOException {
        long start = io.millis();
        while (readRegister(LUTAFSR) != 0) {
            if (io.millis() - start >= TIMEOUT_MS) {
                throw new PanelException(model.id() + ": the IT8951's display engine stayed busy (LUTAFSR not 0) for " + TIMEOUT_MS + " ms");
            }
            io.pause(POLL_MS);
        }
    }

    private void setTargetBuffer() throws IOException {
        writeRegister(LISAR + 2, bufferAddress >>> 16);
        writeRegister(LISAR, bufferAddress & 0xFFFF);
    }

    private void loadArea(int format, Region area, byte[] pixels) throws IOException {
        command(LD_IMG_AREA);
        write(format, area.x(), area.y(), area.width(), area.height());
        // Pixel data in frames of at most the SPI buffer, each behind its own write preamble.
        int max = (io.maxTransfer() - 2) & ~1;
        for (int off = 0; off < pixels.length; off += max) {
            int n = Math.min(max, pixels.length - off);
            byte[] frame = new byte[n + 2];
            System.arraycopy(pixels, off, frame, 2, n);
            waitReady("a pixel frame");
            io.transfer(frame, null, frame.length);
        }
        command(LD_IMG_END);
    }

    private void display(Region area, int mode) throws IOException {
        command(DPY_AREA);
        write(area.x(), area.y(), area.width(), area.height(), mode);
    }

    /** The area in the panel's own coordinates: the 10.3" panel's x runs from the other edge. */
    private Region panelArea(Region r) {
        return mirrored ? new Region(model.width() - r.x() - r.width(), r.y(), r.width(), r.height()) : r;
    }

    /** The region's pixels packed, rows flipped left to right on a mirrored panel. */
    private byte[] packed(Framebuffer frame, Region r, int bits) {
        byte[] p = frame.pack(r, bits);
        if (mirrored) mirrorRows(p, r.width() * bits / 8, bits);
        return p;
    }

    static void mirrorRows(byte[] p, int rowBytes, int bits) {
        for (int row = 0; row < p.length; row += rowBytes) {
            for (int i = 0, j = rowBytes - 1; i <= j; i++, j--) {
                byte a = reverse(p[row + i], bits), b = reverse(p[row + j], bits);
                p[row + i] = b;
                p[row + j] = a;
            }
        }
    }

    /** The pixels of a byte in the opposite order. */
    private static byte reverse(byte b, int bits) {
        int v = b & 0xFF;
        return switch (bits) {
            case 8 -> b;
            case 4 -> (byte) (v << 4 | v >>> 4);
            case 2 -> (byte) ((v & 3) << 6 | (v & 0x0C) << 2 | (v & 0x30) >>> 2 | v >>> 6);
            default -> (byte) (Integer.reverse(v) >>> 24);
        };
    }

    /** The region widened so that x and width are multiples of n pixels, clipped to the panel (whose width is). */
    private Region align(Region r, int n) {
        int x0 = r.x() / n * n;
        int x1 = Math.min(model.width(), (r.x() + r.width() + n - 1) / n * n);
        return new Region(x0, r.y(), x1 - x0, r.height());
    }

    private int readRegister(int register) throws IOException {
        command(REG_RD);
        write(register);
        return read(1)[0];
    }

    private void writeRegister(int register, int value) throws IOException {
        command(REG_WR);
        write(register, value);
    }

    private void command(int command) throws IOException {
        waitReady("command 0x" + Integer.toHexString(command));
        io.transfer(new byte[] {0x60, 0x00, (byte) (command >> 8), (byte) command}, null, 4);
    }

    private void write(int... words) throws IOException {
        waitReady("a write");
        byte[] frame = new byte[2 + 2 * words.length];
        for (int i = 0; i < words.length; i++) {
            frame[2 + 2 * i] = (byte) (words[i] >> 8);
            frame[3 + 2 * i] = (byte) words[i];
        }
        io.transfer(frame, null, frame.length);
    }

    /** A read frame: preamble 10 00, two dummy bytes, then the words clocked in. */
    private int[] read(int words) throws IOException {
        waitReady("a read");
        byte[] tx = new byte[4 + 2 * words];
        tx[0] = 0x10;
        byte[] rx = new byte[tx.length];
        io.transfer(tx, rx, tx.length);
        int[] out = new int[words];
        for (int i = 0; i < words; i++) out[i] = (rx[4 + 2 * i] & 0xFF) << 8 | (rx[5 + 2 * i] & 0xFF);
        return out;
    }
}
