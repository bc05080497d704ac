package newsstand.display;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class FramebufferTest {
    @Test
    void blendsAMaskInInkAndClipsAtTheEdges() {
        Framebuffer fb = new Framebuffer(10, 10, 16);
        byte[] mask = new byte[16];
        java.util.Arrays.fill(mask, (byte) 255);
        mask[5] = (byte) 128;
        fb.drawMask(8, 8, 4, 4, mask, 0);
        assertEquals(0, fb.get(8, 8));
        assertEquals(127, fb.get(9, 9));
        assertEquals(0, fb.level(8, 8));
        assertEquals(7, fb.level(9, 9));
        fb.drawMask(-2, -2, 4, 4, mask, 0);
        assertEquals(0, fb.get(0, 0));
        assertEquals(255, fb.get(2, 2));
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
