package newsstand.display.it8951;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import newsstand.config.PanelModel;
import newsstand.display.Framebuffer;
import newsstand.display.PanelException;
import newsstand.display.RefreshMode;
import newsstand.display.Region;
import newsstand.display.trace.TraceIo;
import newsstand.display.uc8179.Uc8179Test;
import org.junit.jupiter.api.Test;

/** The IT8951 driver's frames against the controller facts (reference/panels.md), through recording wires. */
class It8951Test {
    static Framebuffer frame(PanelModel m, int grey) {
        Framebuffer fb = new Framebuffer(m.width(), m.height(), 16);
        fb.fill(grey);
        return fb;
    }

    static It8951 driver(TraceIo io, PanelModel m) {
        return new It8951(io, m, 2510, 4, 10_000);
    }

    @Test
    void startUpReadsDeviceInfoEnablesPackedWritesAndSetsVcom() throws Exception {
        PanelModel m = PanelModel.IT8951_13IN3;
        TraceIo io = new TraceIo(m, 4096);
        It8951 panel = driver(io, m);
        Framebuffer fb = frame(m, 255);
        panel.refresh(fb, Region.of(fb), RefreshMode.FULL);
        List<String> e = io.events();
        assertEquals(List.of("DELAY 200", "RESET", "DELAY 200",
                "WAIT HRDY", "CMD 0x0001",
                "WAIT HRDY", "CMD 0x0302", "WAIT HRDY", "READ 20",
                "WAIT HRDY", "CMD 0x0011", "WAIT HRDY", "WRITE 0004 0001",
                "WAIT HRDY", "CMD 0x0039", "WAIT HRDY", "WRITE 0000", "WAIT HRDY", "READ 1",
                "WAIT HRDY", "CMD 0x0039", "WAIT HRDY", "WRITE 0001 09CE"), e.subList(0, 23));
        assertEquals(2510, io.vcom(), "VCOM set from the configuration");
        assertEquals("SWv_0.1.1", panel.firmware());
        assertEquals("M841_TFAB512", panel.lut());
        // Then: display engine idle, target buffer, area load at 4 bpp (big endian), pixels, end, display GC16.
        List<String> load = e.subList(23, e.size());
        assertEquals(List.of("WAIT HRDY", "CMD 0x0010", "WAIT HRDY", "WRITE 1224", "WAIT HRDY", "READ 1",
                "WAIT HRDY", "CMD 0x0011", "WAIT HRDY", "WRITE 020A 0012",
                "WAIT HRDY", "CMD 0x0011", "WAIT HRDY", "WRITE 0208 36E0",
                "WAIT HRDY", "CMD 0x0021", "WAIT HRDY", "WRITE 0120 0000 0000 0640 04B0"), load.subList(0, 18));
        assertTrue(load.get(18).startsWith("PIXELS 960000 sha256="), load.get(18));
        assertEquals(List.of("WAIT HRDY", "CMD 0x0022", "WAIT HRDY", "CMD 0x0034", "WAIT HRDY", "WRITE 0000 0000 0640 04B0 0002"),
                load.subList(19, 25));
        assertTrue(io.largestFrame() <= 4096, "pixel frames within the SPI buffer: " + io.largestFrame());
    }

    @Test
    void eachPixelFrameHasItsOwnPreambleAndHrdyWait() throws Exception {
        PanelModel m = PanelModel.IT8951_6IN;
        TraceIo io = new TraceIo(m, 1024);
        Framebuffer fb = frame(m, 0);
        driver(io, m).refresh(fb, Region.of(fb), RefreshMode.FULL);
        List<String> e = io.events();
        // 240,000 pixel bytes in frames of 1022 bytes after the 2-byte preamble, merged into one line.
        int pixels = e.indexOf(e.stream().filter(s -> s.startsWith("PIXELS")).findFirst().orElseThrow());
        assertEquals("PIXELS 240000 sha256=" + Uc8179Test.sha(new byte[240000]), e.get(pixels), "0 is black at 4 bpp");
        assertEquals(1024, io.largestFrame());
        assertEquals(0, io.framesWithoutWait(), "HRDY checked before every frame");
    }

    @Test
    void partialRegionsAreAlignedToWholeWordsAndMirroredOnTheTenInchPanel() throws Exception {
        PanelModel m = PanelModel.IT8951_10IN3;
        TraceIo io = new TraceIo(m, 4096);
        Framebuffer fb = frame(m, 255);
        driver(io, m).refresh(fb, new Region(1869, 1400, 3, 4), RefreshMode.PARTIAL);
        List<String> e = io.events();
        // x 1869..1871 widened to 1868..1871 (4 pixels a word at 4 bpp); mirrored: the panel's x = 1872 - 1872 = 0.
        assertTrue(e.contains("WRITE 0120 0000 0578 0004 0004"), e.toString());
        assertEquals("WRITE 0000 0578 0004 0004 0003", e.get(e.lastIndexOf("CMD 0x0034") + 2), "GL16 for partial");
        assertTrue(e.contains("PIXELS 8 sha256=" + Uc8179Test.sha(new byte[] {-1, -1, -1, -1, -1, -1, -1, -1})), e.toString());
    }

    @Test
    void mirroringReversesPixelsWithinRows() {
        byte[] row = {0x12, 0x34};               // pixels 1 2 3 4 at 4 bpp
        It8951.mirrorRows(row, 2, 4);
        assertArrayEquals(new byte[] {0x43, 0x21}, row);
        byte[] bits = {(byte) 0b1000_0000};      // one black... the leftmost of 8 pixels set
        It8951.mirrorRows(bits, 1, 1);
        assertArrayEquals(new byte[] {1}, bits);
    }

    @Test
    void fastRefreshUsesTheOneBitPathAndTheFirmwaresA2Number() throws Exception {
        for (PanelModel m : List.of(PanelModel.IT8951_6IN, PanelModel.IT8951_13IN3)) {
            TraceIo io = new TraceIo(m, 4096);
            Framebuffer fb = frame(m, 255);
            driver(io, m).refresh(fb, new Region(40, 8, 100, 20), RefreshMode.FAST);
            List<String> e = io.events();
            boolean m641 = m == PanelModel.IT8951_6IN;
            // x 40..139 aligned to 32 (M641) or 16 pixels; loaded as 8 bpp of an eighth of the width.
            int x0 = m641 ? 32 : 32, x1 = m641 ? 160 : 144;
            assertTrue(e.contains(String.format("WRITE 113A %04X", 0x0004)), m + " " + e);
            assertTrue(e.contains("WRITE 1250 00F0"), m + " " + e);
            assertTrue(e.contains(String.format("WRITE 0130 %04X 0008 %04X 0014", x0 / 8, (x1 - x0) / 8)), m + " " + e);
            assertTrue(e.contains(String.format("WRITE %04X 0008 %04X 0014 %04X", x0, x1 - x0, m641 ? 4 : 6)), m + " " + e);
            assertEquals("WRITE 113A 0000", e.get(e.size() - 1), m + ": the 1-bit mode is cleared after");
        }
    }

    @Test
    void theDoctorsProbeReadsTheDeviceInfoAndLeavesThePictureAlone() throws Exception {
        PanelModel m = PanelModel.IT8951_10IN3;
        TraceIo io = new TraceIo(m, 4096);
        assertEquals("IT8951 answers: a 1872x1404 panel, firmware 'SWv_0.1.1', LUT 'M841_TFAB512'", driver(io, m).probe());
        assertTrue(io.events().stream().noneMatch(e -> e.startsWith("PIXELS") || e.equals("CMD 0x0034")), "no pixels, no display: " + io.events());
        PanelException silent = assertThrows(PanelException.class, () -> driver(new TraceIo(m, 4096).silent(), m).probe());
        assertTrue(silent.getMessage().contains("no IT8951 answering"), silent.getMessage());
    }

    @Test
    void silenceAndAStuckHrdyAreClearErrors() {
        PanelModel m = PanelModel.IT8951_10IN3;
        Framebuffer fb = frame(m, 255);
        PanelException silent = assertThrows(PanelException.class,
                () -> driver(new TraceIo(m, 4096).silent(), m).refresh(fb, Region.of(fb), RefreshMode.FULL));
        assertTrue(silent.getMessage().contains("no IT8951 answering"), silent.getMessage());
        PanelException stuck = assertThrows(PanelException.class,
                () -> driver(new TraceIo(m, 4096).busyForever(), m).refresh(fb, Region.of(fb), RefreshMode.FULL));
        assertTrue(stuck.getMessage().contains("HRDY stayed low"), stuck.getMessage());
    }

    @Test
    void sleepThenWakeBySysRunWithoutAnotherReset() throws Exception {
        PanelModel m = PanelModel.IT8951_13IN3;
        TraceIo io = new TraceIo(m, 4096);
        It8951 panel = driver(io, m);
        Framebuffer fb = frame(m, 255);
        panel.refresh(fb, Region.of(fb), RefreshMode.FULL);
        panel.sleep();
        panel.refresh(fb, new Region(0, 0, 16, 16), RefreshMode.PARTIAL);
        List<String> e = io.events();
        int sleep = e.indexOf("CMD 0x0003");
        assertTrue(sleep > 0);
        assertEquals("CMD 0x0001", e.get(sleep + 2), "woken by SYS_RUN");
        assertEquals(1, e.stream().filter("RESET"::equals).count());
    }
}
