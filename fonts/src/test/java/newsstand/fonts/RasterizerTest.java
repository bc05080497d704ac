package newsstand.fonts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The rasterizer against exact areas and a finely sampled reference, on shapes given in pixels (scale 1). */
class RasterizerTest {
    /** Coverage of a shape drawn with points in pixels (y up, pen at the canvas's (originX, originY)). */
    static byte[] draw(Rasterizer r, float[][] polygons, int originX, int originY, int size) {
        r.begin(1f, originX, originY, size, size);
        for (float[] p : polygons) {
            r.moveTo(p[0], p[1]);
            for (int i = 2; i < p.length; i += 2) r.lineTo(p[i], p[i + 1]);
            r.close();
        }
        assertTrue(r.end());
        byte[] out = new byte[(r.right() - r.left()) * (r.bottom() - r.top())];
        r.coverage(out);
        return out;
    }

    @Test
    void aRectangleCoversEachPixelByItsOverlap() {
        Rasterizer r = new Rasterizer();
        // x from 1.25 to 4.5, y from 0.75 to 3.0 (y up), on a canvas with the pen at (0, 8).
        byte[] c = draw(r, new float[][] {{1.25f, 0.75f, 4.5f, 0.75f, 4.5f, 3f, 1.25f, 3f}}, 0, 8, 16);
        assertEquals(1, r.left());
        assertEquals(5, r.right());
        assertEquals(5, r.top());
        assertEquals(8, r.bottom());
        float[] xs = {0.75f, 1, 1, 0.5f};
        float[] ys = {1, 1, 0.25f}; // rows from the top: y 3..2, 2..1, 1..0.75
        for (int row = 0; row < 3; row++) {
            for (int col = 0; col < 4; col++) {
                assertEquals(Math.round(xs[col] * ys[row] * 255), c[row * 4 + col] & 0xFF, 1, "row " + row + " col " + col);
            }
        }
    }

    @Test
    void randomPolygonsMatchAFinelySampledReference() {
        Random random = new Random(7);
        Rasterizer r = new Rasterizer();
        int size = 24;
        double worst = 0, total = 0;
        int pixels = 0;
        for (int shape = 0; shape < 300; shape++) {
            // A simple polygon: corners around a centre at rising angles, no gap between two of them as wide as half
            // a turn, at any distance (the accumulation is exact for shapes that do not cross themselves, as glyph
            // outlines do not).
            int n = 4 + random.nextInt(8);
            double[] gaps = new double[n];
            double sum = 0;
            for (int i = 0; i < n; i++) sum += gaps[i] = 0.6 + 0.4 * random.nextDouble();
            float[] p = new float[2 * n];
            double cx = 8 + random.nextFloat() * 8, cy = 8 + random.nextFloat() * 8, angle = random.nextDouble();
            for (int i = 0; i < n; i++) {
                angle += 2 * Math.PI * gaps[i] / sum;
                double radius = 1 + random.nextDouble() * 7;
                p[2 * i] = Math.round((cx + radius * Math.cos(angle)) * 64) / 64f;
                p[2 * i + 1] = Math.round((cy + radius * Math.sin(angle)) * 64) / 64f;
            }
            // Points keep a pixel from the canvas's edges: the pen one pixel in.
            byte[] c = draw(r, new float[][] {p}, 1, size + 1, size + 2);
            int w = r.right() - r.left();
            for (int i = 0; i < c.length; i++) {
                int px = r.left() + i % w, py = r.top() + i / w;
                double expected = sampled(p, px - 1, size - py, 32) * 255;
                double error = Math.abs((c[i] & 0xFF) - expected);
                worst = Math.max(worst, error);
                total += error;
                pixels++;
            }
        }
        System.out.printf("rasterizer against sampling: worst %.1f, mean %.3f levels%n", worst, total / pixels);
        // The reference samples 32 x 32 points a pixel: it is itself off by up to a few levels on an edge
        // (seen: worst 4.1, mean 0.16).
        assertTrue(worst <= 8, "worst pixel off by " + worst);
        assertTrue(total / pixels < 0.3, "mean error " + total / pixels);
    }

    /** Non-zero winding coverage of a pixel (x, y up) by n x n samples. */
    static double sampled(float[] p, int px, int py, int n) {
        int inside = 0;
        for (int sy = 0; sy < n; sy++) {
            for (int sx = 0; sx < n; sx++) {
                double x = px + (sx + 0.5) / n, y = py + (sy + 0.5) / n;
                int winding = 0;
                for (int i = 0; i < p.length; i += 2) {
                    double x0 = p[i], y0 = p[i + 1], x1 = p[(i + 2) % p.length], y1 = p[(i + 3) % p.length];
                    if ((y0 <= y) != (y1 <= y)) {
                        double xc = x0 + (y - y0) / (y1 - y0) * (x1 - x0);
                        if (xc > x) winding += y1 > y0 ? 1 : -1;
                    }
                }
                if (winding != 0) inside++;
            }
        }
        return inside / (double) (n * n);
    }

    @Test
    void aGlyphLeavingTheCanvasIsNotDrawnAndLeavesNothingBehind() {
        Rasterizer r = new Rasterizer();
        float[][] triangle = {{2, 2, 9, 3, 4, 8.5f}};
        byte[] alone = draw(r, triangle, 0, 12, 12);
        r.begin(1f, 0, 12, 12, 12);
        r.moveTo(1, 1);
        r.lineTo(10, 1);
        r.lineTo(10, 6);
        r.lineTo(30, 6); // off the canvas
        r.lineTo(1, 6);
        r.close();
        assertFalse(r.end());
        assertArrayEquals(alone, draw(r, triangle, 0, 12, 12));
    }

    @Test
    void pointsThatAreNotNumbersAreOffTheCanvas() {
        Rasterizer r = new Rasterizer();
        r.begin(1f, 0, 12, 12, 12);
        r.moveTo(1, 1);
        r.lineTo(Float.NaN, 3);
        r.lineTo(5, 5);
        assertFalse(r.end());
    }

    @Test
    void theCanvasIsCleanAfterEveryGlyph() {
        // The coverage pass zeroes what it reads and the cells right of the box that lines spill into; points on
        // whole and half pixels put pieces on the box's edges, where the spill reaches furthest.
        Rasterizer r = new Rasterizer();
        Random random = new Random(3);
        for (int shape = 0; shape < 300; shape++) {
            float[] p = new float[8];
            for (int i = 0; i < p.length; i++) {
                float v = random.nextFloat() * 28;
                p[i] = switch (shape % 3) {
                    case 0 -> v;
                    case 1 -> Math.round(v);
                    default -> Math.round(v * 2) / 2f;
                };
            }
            float[][] polygon = {p};
            assertArrayEquals(draw(new Rasterizer(), polygon, 1, 31, 32), draw(r, polygon, 1, 31, 32), "shape " + shape);
        }
        // Anything left anywhere on the canvas would show in a square over all of it.
        float[][] square = {{0, 0, 29, 0, 29, 29, 0, 29}};
        assertArrayEquals(draw(new Rasterizer(), square, 1, 31, 32), draw(r, square, 1, 31, 32));
    }

    @Test
    void longWildCurvesStayInsideTheirBox() {
        // Cubics split into tens of lines on a large canvas: every point between must stay within the control
        // points' box, or lines would touch cells the coverage pass does not read and clear.
        Rasterizer r = new Rasterizer();
        Random random = new Random(11);
        int size = 250;
        for (int shape = 0; shape < 200; shape++) {
            float[] c = new float[8];
            for (int i = 0; i < c.length; i++) c[i] = 1 + random.nextFloat() * (size - 4);
            // Curves that run along an edge of their box near one end, where a point pushed out shows first.
            if (shape % 4 == 1) c[2] = c[4] = c[6];
            if (shape % 4 == 2) c[3] = c[5] = c[7];
            if (shape % 4 == 3) {
                c[2] = c[4] = c[0];
                c[3] = c[5] = c[1];
            }
            r.begin(1f, 1, size - 1, size, size);
            r.moveTo(c[0], c[1]);
            r.curveTo(c[2], c[3], c[4], c[5], c[6], c[7]);
            r.close();
            assertTrue(r.end());
            r.coverage(new byte[(r.right() - r.left()) * (r.bottom() - r.top())]);
        }
        float[][] square = {{0, 0, size - 3, 0, size - 3, size - 3, 0, size - 3}};
        assertArrayEquals(draw(new Rasterizer(), square, 1, size - 1, size), draw(r, square, 1, size - 1, size));
    }
}
