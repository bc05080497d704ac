package newsstand.display.uc8179;

import static org.junit.jupiter.api.Assertions.*;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import newsstand.config.PanelModel;
import newsstand.display.Framebuffer;
import newsstand.display.PanelException;
import newsstand.display.RefreshMode;
import newsstand.display.Region;
import newsstand.display.trace.TraceIo;
import org.junit.jupiter.api.Test;

/** The UC8179 driver's byte stream against the controller facts (reference/panels.md), through recording wires. */
public class Uc8179Test {
    static final PanelModel MODEL = PanelModel.WAVESHARE_7IN5_V2;

    static Framebuffer frame(int grey) {
        Framebuffer fb = new Framebuffer(800, 480, 2);
        fb.fill(grey);
        return fb;
    }

    public static String sha(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    static byte[] bytes(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }

    @Test
    void fullRefreshFollowsTheVendorSequenceWithWhiteAsOneInTheFirstPlane() throws Exception {
        TraceIo io = new TraceIo(MODEL, 4096);
        Uc8179 panel = new Uc8179(io, MODEL);
        Framebuffer white = frame(255);
        panel.refresh(white, Region.of(white), RefreshMode.FULL);
        panel.sleep();
        assertEquals(List.of("DELAY 20", "RESET", "DELAY 20",
                "CMD 0x01", "DATA 4 first=07073F3F", "CMD 0x06", "DATA 4 first=17172817",
                "CMD 0x04", "DELAY 100", "WAIT BUSY",
                "CMD 0x00", "DATA 1 first=1F", "CMD 0x61", "DATA 4 first=032001E0", "CMD 0x15", "DATA 1 first=00",
                "CMD 0x50", "DATA 2 first=1007", "CMD 0x60", "DATA 1 first=22",
                "CMD 0x10", "PIXELS 48000 sha256=" + sha(bytes(48000, 0xFF)),
                "CMD 0x13", "PIXELS 48000 sha256=" + sha(bytes(48000, 0x00)),
                "CMD 0x12", "DELAY 100", "WAIT BUSY",
                "CMD 0x50", "DATA 1 first=F7", "CMD 0x02", "WAIT BUSY", "CMD 0x07", "DATA 1 first=A5"), io.events());
        assertTrue(io.largestFrame() <= 4096, "no SPI frame above the buffer: " + io.largestFrame());
    }

    @Test
    void blackPixelsAreZeroInTheFirstPlaneAndOneInTheSecond() throws Exception {
        TraceIo io = new TraceIo(MODEL, 1000);
        Framebuffer black = frame(0);
        new Uc8179(io, MODEL).refresh(black, Region.of(black), RefreshMode.FULL);
        List<String> e = io.events();
        assertTrue(e.contains("PIXELS 48000 sha256=" + sha(bytes(48000, 0x00))), e.toString());
        assertTrue(e.contains("PIXELS 48000 sha256=" + sha(bytes(48000, 0xFF))), e.toString());
        assertEquals(1000, io.largestFrame(), "planes go in frames of the buffer's size");
    }

    @Test
    void fastAndPartialHaveTheirOwnInitAndModeChangesResetFirst() throws Exception {
        TraceIo io = new TraceIo(MODEL, 4096);
        Uc8179 panel = new Uc8179(io, MODEL);
        Framebuffer fb = frame(255);
        panel.refresh(fb, Region.of(fb), RefreshMode.FAST);
        List<String> fast = io.events();
        assertEquals(List.of("DELAY 20", "RESET", "DELAY 20", "CMD 0x00", "DATA 1 first=1F", "CMD 0x50", "DATA 2 first=1007",
                "CMD 0x04", "DELAY 100", "WAIT BUSY", "CMD 0x06", "DATA 4 first=27271817", "CMD 0xE0", "DATA 1 first=02",
                "CMD 0xE5", "DATA 1 first=5A"), fast.subList(0, 16));
        panel.refresh(fb, Region.of(fb), RefreshMode.FAST);
        assertEquals(1, io.events().stream().filter("RESET"::equals).count(), "same mode: no new init");
        panel.refresh(fb, new Region(0, 0, 8, 8), RefreshMode.PARTIAL);
        List<String> all = io.events();
        List<String> partial = all.subList(all.lastIndexOf("RESET") - 1, all.size());
        assertEquals(List.of("DELAY 20", "RESET", "DELAY 20", "CMD 0x00", "DATA 1 first=1F", "CMD 0x04", "DELAY 100",
                "WAIT BUSY", "CMD 0xE0", "DATA 1 first=02", "CMD 0xE5", "DATA 1 first=6E"), partial.subList(0, 12));
    }

    @Test
    void partialWindowsAreWidenedToWholeBytesWithInclusiveEnds() throws Exception {
        record Case(Region region, String window, int bytes) {}
        for (Case c : List.of(
                new Case(new Region(795, 470, 5, 10), "DATA 9 first=0318031F01D601DF01", 10),   // bottom-right corner
                new Case(new Region(0, 0, 1, 1), "DATA 9 first=000000070000000001", 1),         // top-left pixel
                new Case(new Region(3, 100, 10, 2), "DATA 9 first=0000000F0064006501", 4),        // 3..12 -> 0..15
                new Case(new Region(250, 0, 14, 480), "DATA 9 first=00F80107000001DF01", 2 * 480))) { // across x = 256
            TraceIo io = new TraceIo(MODEL, 4096);
            Framebuffer fb = frame(255);
            new Uc8179(io, MODEL).refresh(fb, c.region(), RefreshMode.PARTIAL);
            List<String> e = io.events();
            int at = e.indexOf("CMD 0x90");
            assertEquals(List.of("CMD 0x50", "DATA 2 first=A907", "CMD 0x91"), e.subList(at - 3, at), c.toString());
            assertEquals(c.window(), e.get(at + 1), c.toString());
            assertEquals("CMD 0x13", e.get(at + 2));
            assertEquals("PIXELS " + c.bytes() + " sha256=" + sha(bytes(c.bytes(), 0xFF)), e.get(at + 3), "1 = white in partial mode");
            assertEquals(List.of("CMD 0x12", "DELAY 100", "WAIT BUSY", "CMD 0x92"), e.subList(at + 4, at + 8));
        }
    }

    @Test
    void fourGreysSplitIntoTwoPlanes() throws Exception {
        TraceIo io = new TraceIo(MODEL, 4096);
        Framebuffer fb = new Framebuffer(800, 480, 4);
        // Columns: white, light, dark, black, repeated: pairs (0,0) (1,0) (0,1) (1,1) -> planes 0x55.. and 0x33..
        for (int x = 0; x < 800; x++) fb.fillRect(x, 0, 1, 480, new int[] {255, 170, 85, 0}[x % 4]);
        new Uc8179(io, MODEL).refresh(fb, Region.of(fb), RefreshMode.FULL);
        List<String> e = io.events();
        assertTrue(e.contains("DATA 1 first=5F"), "the 4-grey waveform: " + e);
        assertTrue(e.contains("PIXELS 48000 sha256=" + sha(bytes(48000, 0b0101_0101))), e.toString());
        assertTrue(e.contains("PIXELS 48000 sha256=" + sha(bytes(48000, 0b0011_0011))), e.toString());
    }

    @Test
    void aBusyLineThatNeverClearsIsAClearError() {
        TraceIo io = new TraceIo(MODEL, 4096).busyForever();
        Framebuffer fb = frame(255);
        PanelException e = assertThrows(PanelException.class, () -> new Uc8179(io, MODEL, 2000).refresh(fb, Region.of(fb), RefreshMode.FULL));
        assertTrue(e.getMessage().contains("BUSY stayed low (busy) for 2000 ms waiting for power on"), e.getMessage());
        assertTrue(io.millis() >= 2000 && io.millis() < 2200, "gave up at the timeout: " + io.millis());
    }

    @Test
    void sleepingThenRefreshingWakesWithAReset() throws Exception {
        TraceIo io = new TraceIo(MODEL, 4096);
        Uc8179 panel = new Uc8179(io, MODEL);
        Framebuffer fb = frame(255);
        panel.refresh(fb, Region.of(fb), RefreshMode.FULL);
        panel.sleep();
        panel.refresh(fb, Region.of(fb), RefreshMode.FULL);
        List<String> e = io.events();
        int sleep = e.indexOf("CMD 0x07");
        assertEquals("RESET", e.get(sleep + 3), "deep sleep ends only by reset: " + e.subList(sleep, sleep + 4));
    }

    /** Wires whose BUSY line (ready = high) goes low for {@code busyPolls} polls after power-on (PON), or never. */
    static final class PowerOnWires implements newsstand.display.PanelIo {
        final java.util.List<Integer> commands = new java.util.ArrayList<>();
        final int busyPolls;
        int low;
        boolean command;
        long clock;

        PowerOnWires(int busyPolls) {
            this.busyPolls = busyPolls;
        }

        public void transfer(byte[] tx, byte[] rx, int length) {
            if (command) {
                commands.add(tx[0] & 0xFF);
                if ((tx[0] & 0xFF) == Uc8179.PON) low = busyPolls;
            }
        }

        public void dataCommand(boolean data) {
            command = !data;
        }

        public void reset(boolean high) {}

        public boolean ready() {
            if (low > 0) {
                low--;
                return false;
            }
            return true;
        }

        public int maxTransfer() {
            return 4096;
        }

        public void pause(int millis) {
            clock += millis;
        }

        public long millis() {
            return clock;
        }

        public void close() {}
    }

    @Test
    void theDoctorsProbeWatchesBusyMoveAtPowerOnAndLeavesThePictureAlone() throws Exception {
        PowerOnWires wired = new PowerOnWires(20);
        String said = new Uc8179(wired, MODEL).probe();
        assertTrue(said.startsWith("UC8179 answers: BUSY went low at power-on and came back in "), said);
        assertEquals(List.of(Uc8179.PON, Uc8179.POF, Uc8179.DSLP), wired.commands, "power on, off and deep sleep; no pixels, no refresh");
        PanelException unwired = assertThrows(PanelException.class, () -> new Uc8179(new PowerOnWires(0), MODEL).probe());
        assertTrue(unwired.getMessage().contains("BUSY line did not move"), unwired.getMessage());
        PanelException stuck = assertThrows(PanelException.class, () -> new Uc8179(new PowerOnWires(1_000_000), MODEL).probe());
        assertTrue(stuck.getMessage().contains("stayed low"), stuck.getMessage());
    }
}
