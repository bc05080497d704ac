package newsstand.display.uc8179;

import java.io.IOException;
import newsstand.config.PanelModel;
import newsstand.display.Controller;
import newsstand.display.Framebuffer;
import newsstand.display.PanelIo;
import newsstand.display.RefreshMode;
import newsstand.display.Region;

/**
 * The Waveshare 7.5" V2 panel (800x480, black and white) on its UC8179 controller. Full, fast and partial refresh
 * each have their own initialisation, sent after a reset when the mode changes; a framebuffer of four or more greys
 * is shown in the controller's 4-grey mode on a full refresh. Deep sleep after use; only a reset wakes the panel, so
 * the next refresh starts with one.
 */
public final class Uc8179 extends Controller {
    public static final int PSR = 0x00, PWR = 0x01, POF = 0x02, PON = 0x04, BTST = 0x06, DSLP = 0x07, DTM1 = 0x10;
    public static final int DRF = 0x12, DTM2 = 0x13, DSPI = 0x15, CDI = 0x50, TCON = 0x60, TRES = 0x61, PTL = 0x90;
    public static final int PTIN = 0x91, PTOUT = 0x92, CCSET = 0xE0, TSSET = 0xE5;
    /** BUSY waits: a full refresh takes 4 to 5 s; anything near this is a fault. */
    public static final long TIMEOUT_MS = 30_000;

    private enum Init { NONE, FULL, FAST, PARTIAL, GREY4 }

    private Init init = Init.NONE;

    public Uc8179(PanelIo io, PanelModel model) {
        this(io, model, TIMEOUT_MS);
    }

    public Uc8179(PanelIo io, PanelModel model, long timeoutMs) {
        super(io, model, "BUSY", timeoutMs);
        if (model.width() % 8 != 0) throw new IllegalArgumentException(model.id() + ": width must be a multiple of 8");
    }

    @Override
    public void refresh(Framebuffer frame, Region region, RefreshMode mode) throws IOException {
        check(frame, model);
        Region r = region.clip(model.width(), model.height());
        if (r.isEmpty()) return;
        switch (mode) {
            case FULL -> {
                if (frame.levels() >= 4) grey4(frame);
                else planes(frame, Init.FULL);
            }
            case FAST -> planes(frame, Init.FAST);
            case PARTIAL -> partial(frame, r);
        }
    }

    /** Whole-screen refresh: the new image in DTM1 (1 = white) and its inverse in DTM2, then refresh. */
    private void planes(Framebuffer frame, Init mode) throws IOException {
        begin(mode);
        byte[] plane = frame.pack(Region.of(frame), 1);
        command(DTM1);
        data(plane);
        invert(plane);
        command(DTM2);
        data(plane);
        show();
    }

    /** 4 greys from the framebuffer's top bits: white (0,0), light (1,0), dark (0,1), black (1,1) in DTM1, DTM2. */
    private void grey4(Framebuffer frame) throws IOException {
        begin(Init.GREY4);
        byte[] two = frame.pack(Region.of(frame), 2);
        byte[] first = new byte[two.length / 2];
        byte[] second = new byte[two.length / 2];
        for (int i = 0; i < first.length; i++) {
            int hi = 0, lo = 0;
            int pixels = (two[2 * i] & 0xFF) << 8 | (two[2 * i + 1] & 0xFF);
            for (int p = 0; p < 8; p++) {
                int level = (pixels >> (14 - 2 * p)) & 3; // 3 white .. 0 black
                int dark = 3 - level;                       // 0 white, 1 light, 2 dark, 3 black
                hi |= (dark & 1) << (7 - p);
                lo |= (dark >> 1) << (7 - p);
            }
            first[i] = (byte) hi;
            second[i] = (byte) lo;
        }
        command(DTM1);
        data(first);
        command(DTM2);
        data(second);
        show();
    }

    /** The changed window only, widened to whole bytes; ends are inclusive. */
    private void partial(Framebuffer frame, Region r) throws IOException {
        begin(Init.PARTIAL);
        int xs = r.x() & ~7;
        int xe = ((r.x() + r.width() + 7) & ~7) - 1;
        int ys = r.y();
        int ye = r.y() + r.height() - 1;
        command(CDI, 0xA9, 0x07);
        command(PTIN);
        command(PTL, xs >> 8, xs & 0xFF, xe >> 8, xe & 0xFF, ys >> 8, ys & 0xFF, ye >> 8, ye & 0xFF, 0x01);
        command(DTM2);
        data(frame.pack(new Region(xs, ys, xe - xs + 1, ye - ys + 1), 1)); // 1 = white in this mode
        show();
        command(PTOUT);
    }

    /** Clears the panel to white with a full refresh. */
    @Override
    public void clear() throws IOException {
        begin(Init.FULL);
        int bytes = model.width() / 8 * model.height();
        byte[] plane = new byte[bytes];
        java.util.Arrays.fill(plane, (byte) 0xFF);
        command(DTM1);
        data(plane);
        command(DTM2);
        data(new byte[bytes]);
        show();
    }

    @Override
    public void sleep() throws IOException {
        if (init == Init.NONE) return;
        command(CDI, 0xF7);
        command(POF);
        waitReady("power off");
        command(DSLP, 0xA5);
        init = Init.NONE;
    }

    /**
     * A reset and a power-on, watching the BUSY line go low and come back (it does on a wired, powered panel), then
     * power-off and deep sleep; at most about two seconds. The picture stays.
     */
    @Override
    public String probe() throws IOException {
        resetPulse(20, 2);
        init = Init.NONE;
        command(PON);
        long start = io.millis();
        boolean low = false;
        while (!low && io.millis() - start < 300) {
            low = !io.ready();
            if (!low) io.pause(1);
        }
        while (!io.ready() && io.millis() - start < 2000) io.pause(POLL_MS);
        boolean back = io.ready();
        command(POF);
        if (back) waitReady("power off");
        command(DSLP, 0xA5);
        if (!low) throw new newsstand.display.PanelException(model.id() + ": the BUSY line did not move after a reset and power-on; check the BUSY wire, the panel's cable and power");
        if (!back) throw new newsstand.display.PanelException(model.id() + ": the BUSY line stayed low (busy) after power-on; check the panel's cable and power");
        return "UC8179 answers: BUSY went low at power-on and came back in " + (io.millis() - start) + " ms";
    }

    private void show() throws IOException {
        command(DRF);
        io.pause(100);
        waitReady("the refresh");
    }

    /** After a reset, the initialisation of a refresh mode (vendor sequences; E0 02 + E5 nn picks a faster waveform). */
    private void begin(Init mode) throws IOException {
        if (init == mode) return;
        resetPulse(20, 2);
        switch (mode) {
            case FULL -> {
                command(PWR, 0x07, 0x07, 0x3F, 0x3F);
                command(BTST, 0x17, 0x17, 0x28, 0x17);
                powerOn();
                command(PSR, 0x1F);
                command(TRES, model.width() >> 8, model.width() & 0xFF, model.height() >> 8, model.height() & 0xFF);
                command(DSPI, 0x00);
                command(CDI, 0x10, 0x07);
                command(TCON, 0x22);
            }
            case FAST, GREY4 -> {
                command(PSR, 0x1F);
                command(CDI, 0x10, 0x07);
                powerOn();
                command(BTST, 0x27, 0x27, 0x18, 0x17);
                command(CCSET, 0x02);
                command(TSSET, mode == Init.FAST ? 0x5A : 0x5F);
            }
            case PARTIAL -> {
                command(PSR, 0x1F);
                powerOn();
                command(CCSET, 0x02);
                command(TSSET, 0x6E);
            }
            case NONE -> throw new IllegalStateException();
        }
        init = mode;
    }

    private void powerOn() throws IOException {
        command(PON);
        io.pause(100);
        waitReady("power on");
    }

    private void command(int command, int... data) throws IOException {
        io.dataCommand(false);
        io.transfer(new byte[] {(byte) command}, null, 1);
        if (data.length == 0) return;
        byte[] bytes = new byte[data.length];
        for (int i = 0; i < data.length; i++) bytes[i] = (byte) data[i];
        data(bytes);
    }

    /** Data bytes in frames no longer than the SPI buffer (the controller takes chip-select gaps within data). */
    private void data(byte[] bytes) throws IOException {
        io.dataCommand(true);
        int max = io.maxTransfer();
        for (int off = 0; off < bytes.length; off += max) {
            int n = Math.min(max, bytes.length - off);
            byte[] frame = off == 0 && n == bytes.length ? bytes : java.util.Arrays.copyOfRange(bytes, off, off + n);
            io.transfer(frame, null, n);
        }
    }

    private static void invert(byte[] plane) {
        for (int i = 0; i < plane.length; i++) plane[i] = (byte) ~plane[i];
    }
}
