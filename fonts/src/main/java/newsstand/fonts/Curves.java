package newsstand.fonts;

/** Curves drawn as lines on the {@link Rasterizer}'s canvas, in its sub-pixels. */
final class Curves {
    private Curves() {}

    /**
     * How many lines replace a curve: FreeType's flatness, so that curves come out as FreeType draws them. A
     * quadratic is split until its second difference P0 - 2 P1 + P2 is at most a quarter pixel, a cubic until
     * 2 P0 - 3 P1 + P3 and P0 - 3 P2 + 2 P3 (three times its control points' distance from the chord's trisection
     * points) are at most half a pixel. n equal steps divide second differences by n squared; the cubic's two
     * measures are 2a + b and a + 2b for its second differences a and b, at most 3 max(|a|, |b|). Distances are
     * per axis, as FreeType measures them (no square root). Points between are rounded to the nearest sub-pixel,
     * so they stay within the control points' box.
     */
    static void quad(Canvas r, int x0, int y0, int x1, int y1, int x2, int y2) {
        // n^2 >= |dd| / (1/4 px)
        int n = steps(Math.max(Math.abs(x0 - 2 * x1 + x2), Math.abs(y0 - 2 * y1 + y2)) * (4f / Rasterizer.ONE));
        if (n == 1) {
            r.line(x0, y0, x2, y2);
            return;
        }
        float step = 1f / n;
        int px = x0, py = y0;
        float t = 0;
        for (int i = 1; i < n; i++) {
            t += step;
            float u = 1 - t;
            int x = (int) (u * u * x0 + 2 * u * t * x1 + t * t * x2 + 0.5f);
            int y = (int) (u * u * y0 + 2 * u * t * y1 + t * t * y2 + 0.5f);
            r.line(px, py, x, y);
            px = x;
            py = y;
        }
        r.line(px, py, x2, y2);
    }

    /** The least n with n^2 >= nn, at most 256 (a hostile curve must not cost unbounded time). */
    private static int steps(float nn) {
        // Most curves of a text-sized glyph need one or two lines: no square root for those.
        if (nn <= 1) return 1;
        if (nn <= 4) return 2;
        // ceil by a cast and a comparison: C1, the kiosk's compiler, calls StrictMath for Math.ceil (a profile put
        // 2% of a cold Noto glyph there); the square root is compiled in line. s is at least 2 and finite here.
        double s = Math.sqrt(nn);
        int n = (int) s;
        if (n < s) n++;
        return Math.min(256, n);
    }

    static void cubic(Canvas r, int x0, int y0, int x1, int y1, int x2, int y2, int x3, int y3) {
        int a = Math.max(Math.abs(x0 - 2 * x1 + x2), Math.abs(y0 - 2 * y1 + y2));
        int b = Math.max(Math.abs(x1 - 2 * x2 + x3), Math.abs(y1 - 2 * y2 + y3));
        // n^2 >= 3 max(|a|, |b|) / (1/2 px)
        int n = steps(Math.max(a, b) * (6f / Rasterizer.ONE));
        if (n == 1) {
            r.line(x0, y0, x3, y3);
            return;
        }
        if (n == 2) {
            // The midpoint, exactly as the general case rounds it: (P0 + 3 P1 + 3 P2 + P3) / 8.
            int mx = (x0 + 3 * (x1 + x2) + x3 + 4) >> 3, my = (y0 + 3 * (y1 + y2) + y3 + 4) >> 3;
            r.line(x0, y0, mx, my);
            r.line(mx, my, x3, y3);
            return;
        }
        // Forward differences: three additions a step for each axis (against the polynomial at each step, 3.5%
        // faster at 24 px on Noto Sans CJK; QualityTest's IoU within 0.0001 of before). In doubles: in floats
        // the sums drift, by up to 0.15 sub-pixel on the largest canvas, towards leaving the control points' box.
        double h = 1.0 / n, h2 = h * h, h3 = h2 * h;
        double ax = x3 - x0 + 3 * (x1 - x2), bx = 3 * (x0 - 2 * x1 + x2), cx = 3 * (x1 - x0);
        double ay = y3 - y0 + 3 * (y1 - y2), by = 3 * (y0 - 2 * y1 + y2), cy = 3 * (y1 - y0);
        double dx1 = ax * h3 + bx * h2 + cx * h, dx2 = 6 * ax * h3 + 2 * bx * h2, dx3 = 6 * ax * h3;
        double dy1 = ay * h3 + by * h2 + cy * h, dy2 = 6 * ay * h3 + 2 * by * h2, dy3 = 6 * ay * h3;
        double fx = x0 + 0.5, fy = y0 + 0.5;
        int px = x0, py = y0;
        for (int i = 1; i < n; i++) {
            fx += dx1;
            fy += dy1;
            dx1 += dx2;
            dy1 += dy2;
            dx2 += dx3;
            dy2 += dy3;
            int x = (int) fx, y = (int) fy;
            r.line(px, py, x, y);
            px = x;
            py = y;
        }
        r.line(px, py, x3, y3);
    }
}
