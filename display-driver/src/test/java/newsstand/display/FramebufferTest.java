package newsstand.display;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class FramebufferTest {
    @Test
    void blendsAMaskInInkAndClipsAtTheEdges() {
        Framebuffer fb = new Framebuffer(10, 10, 256);
        byte[] mask = new byte[16];
        java.util.Arrays.fill(mask, (byte) 255);
        mask[5] = (byte) 128;
        fb.drawMask(8, 8, 4, 4, mask, 0);
        assertEquals(0, fb.get(8, 8));
        assertEquals(127, fb.get(9, 9), "linear blending where no panel's gamma applies");
        fb.drawMask(-2, -2, 4, 4, mask, 0);
        assertEquals(0, fb.get(0, 0));
        assertEquals(255, fb.get(2, 2));
    }

    @Test
    void packingIntoAnArrayAlreadyUsedGivesTheSameBytesInIt() {
        for (int bits : new int[] {1, 2, 4, 8}) {
            Framebuffer fb = new Framebuffer(13, 5, 256);
            for (int y = 0; y < 5; y++) for (int x = 0; x < 13; x++) fb.fillRect(x, y, 1, 1, (x * 37 + y * 11) % 256);
            byte[] fresh = fb.pack(Region.of(fb), bits);
            byte[] used = new byte[fresh.length];
            java.util.Arrays.fill(used, (byte) 0x5A); // what the page before left in it
            assertSame(used, fb.pack(Region.of(fb), bits, used), bits + " bits: the array is reused");
            assertArrayEquals(fresh, used, bits + " bits");
            assertNotSame(used, fb.pack(Region.of(fb), bits, new byte[3]), "a wrong size is not");
        }
    }

    @Test
    void wideRegionsWithWhiteRunsPackPixelByPixel() {
        // Wide enough for runs of white to be copied packed; ink at either end of a run, and in the odd last column.
        Framebuffer fb = new Framebuffer(701, 4, 16);
        fb.fill(255);
        fb.fillRect(5, 3, 1, 1, 0);
        for (int x : new int[] {0, 1, 127, 128, 255, 256, 300, 513, 699, 700}) fb.fillRect(x, 1, 1, 1, (x * 53) % 256);
        fb.fillRect(130, 2, 400, 1, 0x77);
        for (Region r : new Region[] {Region.of(fb), new Region(1, 0, 700, 4), new Region(3, 1, 650, 2)}) {
            for (int bits : new int[] {1, 2, 4, 8}) {
                byte[] used = new byte[(r.width() * bits + 7) / 8 * r.height()];
                java.util.Arrays.fill(used, (byte) 0x5A);
                byte[] packed = fb.pack(r, bits, used);
                int stride = (r.width() * bits + 7) / 8, max = (1 << bits) - 1;
                for (int y = 0; y < r.height(); y++) {
                    for (int x = 0; x < stride * 8 / bits; x++) {
                        int shift = 8 - bits - (x * bits) % 8;
                        int got = (packed[y * stride + x * bits / 8] >> shift) & max;
                        int have = Math.min(16, 1 << bits);
                        int want = x < r.width() ? Framebuffer.quantize(fb.get(r.x() + x, r.y() + y), have) * max / (have - 1) : 0;
                        assertEquals(want, got, bits + " bits, " + r + ", pixel " + x + ", row " + y);
                    }
                }
            }
        }
    }

    @Test
    void textOnGreyPanelsIsDarkenedAtItsEdgesForEPaper() {
        Framebuffer fb = new Framebuffer(4, 1, 16);
        fb.drawMask(0, 0, 4, 1, new byte[] {(byte) 255, (byte) 128, 40, 0}, 0);
        assertEquals(0, fb.get(0, 0), "full coverage stays full");
        assertTrue(fb.get(1, 0) < 100, "half coverage is darker than the linear 127: " + fb.get(1, 0));
        assertTrue(fb.get(2, 0) < 215 && fb.get(2, 0) > 150, "faint edges darken too: " + fb.get(2, 0));
        assertEquals(255, fb.get(3, 0), "no coverage stays paper");
    }

    @Test
    void orderedDitherIsBlackAndWhiteWithAFixedPatternKeepingTheTone() {
        byte[] px = new byte[64 * 64];
        for (int i = 0; i < px.length; i++) px[i] = (byte) ((i % 64) * 4);
        GreyImage d = Dither.ordered(new GreyImage(64, 64, px));
        java.util.Set<Integer> thresholds = new java.util.HashSet<>();
        for (int g = 0; g < 256; g += 4) {
            byte[] flat = new byte[64];
            java.util.Arrays.fill(flat, (byte) g);
            int white = 0;
            for (byte b : Dither.ordered(new GreyImage(8, 8, flat)).pixels()) if (b != 0) white++;
            assertEquals(g / 255.0 * 64, white, 1.5, "grey " + g + " whitens its share of a tile");
            thresholds.add(white);
        }
        assertEquals(64, thresholds.size(), "64 distinct tones from an 8x8 tile");
        for (int i = 0; i < px.length; i++) {
            int v = d.pixels()[i] & 0xFF;
            assertTrue(v == 0 || v == 255);
            int x = i % 64, y = i / 64;
            if (x >= 8 && (px[i] == px[i - 8])) assertEquals(v, d.pixels()[i - 8] & 0xFF, "the pattern repeats every 8 pixels");
        }
    }

    @Test
    void packsPixelsAtTheControllersDepth() {
        Framebuffer fb = new Framebuffer(5, 2, 16);
        fb.fill(255);
        fb.fillRect(0, 0, 1, 1, 0);
        fb.fillRect(1, 0, 1, 1, 0x88);
        byte[] four = fb.pack(new Region(0, 0, 5, 2), 4);
        assertEquals(6, four.length, "rows start on a byte: 3 bytes a row");
        assertEquals((byte) 0x08, four[0], "black then grey 8 in the low nibble");
        assertEquals((byte) 0xFF, four[1]);
        assertEquals((byte) 0xF0, four[2], "the odd last pixel in the high nibble");
        byte[] one = fb.pack(new Region(0, 0, 5, 1), 1);
        assertEquals((byte) 0b0011_1000, one[0], "1 bit: black 0, white 1; grey 0x88 is under the black-and-white threshold");
    }

    @Test
    void errorDiffusionUsesOnlyThePanelsLevelsAndKeepsTheTone() {
        byte[] px = new byte[64 * 64];
        for (int i = 0; i < px.length; i++) px[i] = (byte) ((i % 64) * 4);
        GreyImage ramp = new GreyImage(64, 64, px);
        for (int levels : new int[] {2, 16}) {
            GreyImage d = Dither.errorDiffusion(ramp, levels);
            long sumIn = 0, sumOut = 0;
            for (int i = 0; i < px.length; i++) {
                int v = d.pixels()[i] & 0xFF;
                assertEquals(0, v * (levels - 1) % 255, "value " + v + " is not one of " + levels + " levels");
                sumIn += px[i] & 0xFF;
                sumOut += v;
            }
            assertEquals(sumIn / (double) px.length, sumOut / (double) px.length, 2.0, "mean tone at " + levels + " levels");
        }
    }

    @Test
    void areaAveragingKeepsTheMeanAndTheEdges() {
        byte[] px = new byte[100 * 60];
        for (int y = 0; y < 60; y++) for (int x = 50; x < 100; x++) px[y * 100 + x] = (byte) 255;
        GreyImage half = new GreyImage(100, 60, px).scaled(33, 20);
        assertEquals(0, half.pixels()[0] & 0xFF);
        assertEquals(255, half.pixels()[32] & 0xFF);
        int edge = half.pixels()[16] & 0xFF;
        assertTrue(edge > 60 && edge < 200, "the pixel across the edge is grey, was " + edge);
    }
}
