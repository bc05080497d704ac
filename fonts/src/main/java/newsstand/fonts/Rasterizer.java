package newsstand.fonts;

/**
 * Exact-area coverage accumulation (the font-rs design): every line adds the signed area it covers in each pixel
 * to a dense buffer of deltas, curves are flattened into lines by how much they bend, and one running sum turns the
 * deltas into coverage. No edge lists, no sorting, no allocation per glyph: the buffer is reused.
 */
final class Rasterizer {
    private float[] acc = new float[64 * 64];
    private int width;
    private int height;
    /** Row length in the buffer: two spare columns take the deltas that spill past a row's right edge. */
    private int stride;

    /** Clears a width x height area. */
    void reset(int width, int height) {
        this.width = width;
        this.height = height;
        this.stride = width + 2;
        int n = stride * height;
        if (acc.length < n) acc = new float[n];
        else java.util.Arrays.fill(acc, 0, n, 0f);
    }

    /** Scaled coordinates are kept to 1/64 px, as FreeType's 26.6 fixed point keeps them. */
    private static float q(float v) {
        // Math.floor is one instruction; Math.round checks special cases first and showed in profiles.
        return (float) Math.floor(v * 64f + 0.5f) * (1f / 64);
    }

    /** Draws a recorded outline, mapping font units to pixels: x' = x * scale - dx, y' = dy - y * scale. */
    void draw(Outline o, float scale, float dx, float dy) {
        float sx = 0, sy = 0, px = 0, py = 0;
        float[] c = o.coords;
        int ci = 0;
        for (int i = 0; i < o.opCount; i++) {
            switch (o.ops[i]) {
                case Outline.MOVE -> {
                    if (px != sx || py != sy) line(px, py, sx, sy);
                    sx = px = q(c[ci] * scale) - dx;
                    sy = py = dy - q(c[ci + 1] * scale);
                    ci += 2;
                }
                case Outline.LINE -> {
                    float x = q(c[ci] * scale) - dx, y = dy - q(c[ci + 1] * scale);
                    line(px, py, x, y);
                    px = x;
                    py = y;
                    ci += 2;
                }
                case Outline.QUAD -> {
                    float x1 = q(c[ci] * scale) - dx, y1 = dy - q(c[ci + 1] * scale);
                    float x = q(c[ci + 2] * scale) - dx, y = dy - q(c[ci + 3] * scale);
                    quad(px, py, x1, y1, x, y);
                    px = x;
                    py = y;
                    ci += 4;
                }
                case Outline.CUBIC -> {
                    float x1 = q(c[ci] * scale) - dx, y1 = dy - q(c[ci + 1] * scale);
                    float x2 = q(c[ci + 2] * scale) - dx, y2 = dy - q(c[ci + 3] * scale);
                    float x = q(c[ci + 4] * scale) - dx, y = dy - q(c[ci + 5] * scale);
                    cubic(px, py, x1, y1, x2, y2, x, y);
                    px = x;
                    py = y;
                    ci += 6;
                }
                default -> {
                    if (px != sx || py != sy) line(px, py, sx, sy);
                    px = sx;
                    py = sy;
                }
            }
        }
        if (px != sx || py != sy) line(px, py, sx, sy);
    }

    /**
     * How many lines replace a curve: FreeType's flatness, so that curves come out as FreeType draws them. A
     * quadratic is split until its second difference P0 - 2 P1 + P2 is at most a quarter pixel, a cubic until
     * 2 P0 - 3 P1 + P3 and P0 - 3 P2 + 2 P3 (three times its control points' distance from the chord's trisection
     * points) are at most half a pixel. n equal steps divide second differences by n squared; the cubic's two
     * measures are 2a + b and a + 2b for its second differences a and b, at most 3 max(|a|, |b|). Distances are
     * per axis, as FreeType measures them (no square root).
     */
    private void quad(float x0, float y0, float x1, float y1, float x2, float y2) {
        // n^2 >= |dd| / (1/4)
        int n = steps(4 * Math.max(Math.abs(x0 - 2 * x1 + x2), Math.abs(y0 - 2 * y1 + y2)));
        if (n == 1) {
            line(x0, y0, x2, y2);
            return;
        }
        float step = 1f / n;
        float px = x0, py = y0;
        float t = 0;
        for (int i = 1; i < n; i++) {
            t += step;
            float u = 1 - t;
            float x = u * u * x0 + 2 * u * t * x1 + t * t * x2;
            float y = u * u * y0 + 2 * u * t * y1 + t * t * y2;
            line(px, py, x, y);
            px = x;
            py = y;
        }
        line(px, py, x2, y2);
    }

    /** The least n with n^2 >= nn, at most 256 (a hostile curve must not cost unbounded time). */
    private static int steps(float nn) {
        // Most curves of a text-sized glyph need one or two lines: no square root for those.
        if (nn <= 1) return 1;
        if (nn <= 4) return 2;
        return Math.min(256, (int) Math.ceil(Math.sqrt(nn)));
    }

    private void cubic(float x0, float y0, float x1, float y1, float x2, float y2, float x3, float y3) {
        float a = Math.max(Math.abs(x0 - 2 * x1 + x2), Math.abs(y0 - 2 * y1 + y2));
        float b = Math.max(Math.abs(x1 - 2 * x2 + x3), Math.abs(y1 - 2 * y2 + y3));
        // n^2 >= 3 max(|a|, |b|) / (1/2)
        int n = steps(6 * Math.max(a, b));
        if (n == 1) {
            line(x0, y0, x3, y3);
            return;
        }
        float step = 1f / n;
        float px = x0, py = y0;
        float t = 0;
        for (int i = 1; i < n; i++) {
            t += step;
            float u = 1 - t;
            float ka = u * u * u, kb = 3 * u * u * t, kc = 3 * u * t * t, kd = t * t * t;
            float x = ka * x0 + kb * x1 + kc * x2 + kd * x3;
            float y = ka * y0 + kb * y1 + kc * y2 + kd * y3;
            line(px, py, x, y);
            px = x;
            py = y;
        }
        line(px, py, x3, y3);
    }

    void line(float x0, float y0, float x1, float y1) {
        if (y0 == y1) return;
        float dir;
        if (y0 < y1) {
            dir = 1;
        } else {
            dir = -1;
            float t = x0; x0 = x1; x1 = t;
            t = y0; y0 = y1; y1 = t;
        }
        if (x0 == x1) {
            vertical(x0, y0, y1, dir);
            return;
        }
        float dxdy = (x1 - x0) / (y1 - y0);
        float x = x0;
        if (y0 < 0) {
            x -= y0 * dxdy;
            y0 = 0;
        }
        int yEnd = (int) y1;
        if (yEnd < y1) yEnd++;
        if (yEnd > height) yEnd = height;
        final float w = width;
        final float[] a = acc;
        // Plain comparisons instead of Math.min/max/ceil: this loop is most of a glyph's time (GlyphBenchmark).
        for (int y = (int) y0; y < yEnd; y++) {
            int row = y * stride;
            float top = y > y0 ? y : y0;
            float bottom = y + 1 < y1 ? y + 1 : y1;
            float dy = bottom - top;
            float xNext = x + dxdy * dy;
            float d = dy * dir;
            float xa, xb;
            if (x < xNext) {
                xa = x;
                xb = xNext;
            } else {
                xa = xNext;
                xb = x;
            }
            if (xa < 0) xa = 0;
            else if (xa > w) xa = w;
            if (xb < 0) xb = 0;
            else if (xb > w) xb = w;
            int xaFloor = (int) xa;
            int xbCeil = (int) xb;
            if (xbCeil < xb) xbCeil++;
            if (xbCeil <= xaFloor + 1) {
                // The segment stays inside one pixel column: split its area by its mean x.
                float xm = 0.5f * (xa + xb) - xaFloor;
                a[row + xaFloor] += d - d * xm;
                a[row + xaFloor + 1] += d * xm;
            } else {
                float s = 1 / (xb - xa);
                float xaFrac = xa - xaFloor;
                float a0 = 0.5f * s * (1 - xaFrac) * (1 - xaFrac);
                float xbFrac = xb - xbCeil + 1;
                float am = 0.5f * s * xbFrac * xbFrac;
                a[row + xaFloor] += d * a0;
                if (xbCeil == xaFloor + 2) {
                    a[row + xaFloor + 1] += d * (1 - a0 - am);
                } else {
                    float a1 = s * (1.5f - xaFrac);
                    a[row + xaFloor + 1] += d * (a1 - a0);
                    float ds = d * s;
                    for (int xi = xaFloor + 2; xi < xbCeil - 1; xi++) a[row + xi] += ds;
                    float a2 = a1 + (xbCeil - xaFloor - 3) * s;
                    a[row + xbCeil - 1] += d * (1 - a2 - am);
                }
                a[row + xbCeil] += d * am;
            }
            x = xNext;
        }
    }

    /**
     * A vertical edge, the commonest in CJK glyphs (the sides of every vertical stroke): the same two cells in every
     * row it crosses, with no per-row slope arithmetic.
     */
    private void vertical(float x, float y0, float y1, float dir) {
        if (y0 < 0) y0 = 0;
        float yLimit = height;
        if (y1 > yLimit) y1 = yLimit;
        if (y1 <= y0) return;
        float xc = x < 0 ? 0 : (x > width ? width : x);
        int xi = (int) xc;
        float frac = xc - xi;
        float right = dir * frac, left = dir - right;
        int yStart = (int) y0;
        int yEnd = (int) y1;
        if (yEnd < y1) yEnd++;
        final float[] a = acc;
        for (int y = yStart; y < yEnd; y++) {
            float top = y > y0 ? y : y0;
            float bottom = y + 1 < y1 ? y + 1 : y1;
            float dy = bottom - top;
            int cell = y * stride + xi;
            if (dy == 1) {
                a[cell] += left;
                a[cell + 1] += right;
            } else {
                a[cell] += left * dy;
                a[cell + 1] += right * dy;
            }
        }
    }

    /**
     * Sums the deltas into 8-bit coverage (0 = none, 255 = full), non-zero winding clamped at full. Each row has its
     * own running sum, and four rows are summed side by side: one long chain of dependent additions took a fifth of
     * a cold glyph's time (GlyphBenchmark profile).
     */
    void coverage(byte[] out) {
        final float[] a = acc;
        final int w = width, s = stride;
        int y = 0;
        for (; y + 4 <= height; y += 4) {
            int r0 = y * s, r1 = r0 + s, r2 = r1 + s, r3 = r2 + s;
            int o0 = y * w, o1 = o0 + w, o2 = o1 + w, o3 = o2 + w;
            float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (int x = 0; x < w; x++) {
                s0 += a[r0 + x];
                s1 += a[r1 + x];
                s2 += a[r2 + x];
                s3 += a[r3 + x];
                out[o0 + x] = level(s0);
                out[o1 + x] = level(s1);
                out[o2 + x] = level(s2);
                out[o3 + x] = level(s3);
            }
        }
        for (; y < height; y++) {
            float sum = 0;
            int r = y * s, o = y * w;
            for (int x = 0; x < w; x++) {
                sum += a[r + x];
                out[o + x] = level(sum);
            }
        }
    }

    private static byte level(float sum) {
        // Math.abs and Math.min compile to branch-free instructions: a branch here is mispredicted on every edge.
        return (byte) Math.min(255, (int) (Math.abs(sum) * 255f + 0.5f));
    }
}
