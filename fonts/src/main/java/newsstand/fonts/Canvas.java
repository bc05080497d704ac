package newsstand.fonts;

import static newsstand.fonts.Rasterizer.ONE;
import static newsstand.fonts.Rasterizer.SHIFT;

/**
 * The rasterizer's canvas: a dense buffer of area deltas, a row of {@code width + 3} cells per pixel row (spare
 * columns take the deltas that spill past a row's right edge) and two spare rows. Lines add the signed area they
 * cover in each pixel; {@link #coverage} turns a box of deltas into 8-bit coverage and leaves the buffer all zeros.
 * Areas are counted in halves of a square sub-pixel ({@link Rasterizer#ONE} to a pixel), so a whole pixel is
 * {@link #FULL}. One thread.
 */
final class Canvas {
    /** A whole pixel's area, in halves of a square sub-pixel. */
    private static final int FULL = 2 * ONE * ONE;
    /** An area in 256ths of a pixel: FULL >> LEVEL_SHIFT is 256 (FreeType's PIXEL_BITS * 2 + 1 - 8). */
    private static final int LEVEL_SHIFT = Integer.numberOfTrailingZeros(FULL) - 8;

    private int[] acc = new int[0];
    private int width;
    private int height;
    /** Row length in the buffer: spare columns take the deltas that spill past a row's right edge. */
    private int stride;

    /** A canvas of width x height pixels, grown when it must be; all zeros, as the last glyph left it. */
    void size(int width, int height) {
        this.width = width;
        this.height = height;
        this.stride = width + 3;
        // Two spare rows: a flat line's step along the canvas's bottom edge may touch the rows below it (adding 0).
        int n = stride * (height + 2);
        if (acc.length < n) acc = new int[n];
    }

    /** One line between two points of the canvas, in sub-pixels. */
    void line(int x0, int y0, int x1, int y1) {
        if (y0 == y1) return;
        int dir = 1;
        if (y0 > y1) {
            dir = -1;
            int t = x0; x0 = x1; x1 = t;
            t = y0; y0 = y1; y1 = t;
        }
        int dx = x1 - x0, dy = y1 - y0;
        if (dx == 0) vertical(x0, y0, y1, dir);
        else if (Math.abs(dx) <= dy) steep(x0, y0, dy, dx, dir);
        else if (dx > 0) flat(x0, y0, dx, dy, dir);
        else flat(x1, y1, -dx, -dy, dir);
    }

    /**
     * A line from (x0, y0) down by dy sub-pixels and across by dx (|dx| <= dy): row by row, each row's piece
     * within two columns. Slopes are in 16.16 fixed point. The pieces are worked in this loop, not in a method of
     * their own: C1, the kiosk's compiler, inlines no method over 35 bytes of bytecode and would call it every row.
     */
    private void steep(int x0, int y0, int dy, int dx, int dir) {
        long dydx = Math.abs(((long) dy << 16) / dx);
        int y1 = y0 + dy, x1 = x0 + dx;
        int first = y0 >> SHIFT, last = (y1 - 1) >> SHIFT;
        long dxdy = first == last ? 0 : ((long) dx << 16) / dy;
        final int[] a = acc;
        final int s = stride;
        int xt = x0;
        for (int row = first; ; row++) {
            // The piece in this row: h sub-pixels high, from xt at its top to xb at its bottom, at most a pixel
            // apart, so within columns k and k + 1; the part of its height in column k + 1 comes from how far it
            // runs past the boundary. Areas right of it: in column k, of its part there; in k + 1, a whole pixel
            // beside that part and its own part's; beyond, all of its height.
            int yb = (row + 1) << SHIFT;
            int xb, h;
            if (row == last) {
                xb = x1;
                h = y1 - Math.max(y0, row << SHIFT);
            } else {
                xb = x0 + (int) (((yb - y0) * dxdy) >> 16);
                h = yb - Math.max(y0, row << SHIFT);
            }
            int xa = Math.min(xt, xb), xz = Math.max(xt, xb);
            int k = xa >> SHIFT;
            int boundary = (k + 1) << SHIFT;
            int xm = Math.min(xz, boundary);
            long over = ((xz - xm) * dydx) >> 16;
            int hB = over < h ? (int) over : h;
            int hA = h - hB;
            int pk = hA * (2 * boundary - xa - xm);
            int pk1 = hA * (2 * ONE) + hB * (2 * boundary + 2 * ONE - xm - xz);
            int cell = row * s + k;
            a[cell] += dir * pk;
            a[cell + 1] += dir * (pk1 - pk);
            a[cell + 2] += dir * (h * (2 * ONE) - pk1);
            if (row == last) return;
            xt = xb;
        }
    }

    /**
     * A line from (x0, y0) right by dx sub-pixels, dy up or down (|dy| < dx): column by column, each column's piece
     * within two rows, worked in this loop as a steep line's are.
     */
    private void flat(int x0, int y0, int dx, int dy, int dir) {
        long dxdy = Math.abs(((long) dx << 16) / dy);
        int x1 = x0 + dx, y1 = y0 + dy;
        int first = x0 >> SHIFT, last = (x1 - 1) >> SHIFT;
        long dydx = first == last ? 0 : ((long) dy << 16) / dx;
        final int[] a = acc;
        final int s = stride;
        int ys = y0;
        for (int col = first; ; col++) {
            // The piece in this column, from (xs, ys) to (xe, ye), at most a pixel of height, so within rows r and
            // r + 1: each row's part adds its height to the column and the next in proportion to where its middle is.
            int left = col << SHIFT;
            int xs = Math.max(x0, left);
            int xe, ye;
            if (col == last) {
                xe = x1;
                ye = y1;
            } else {
                xe = left + ONE;
                ye = y0 + (int) (((xe - x0) * dydx) >> 16);
            }
            int w = xe - xs;
            int ya = Math.min(ys, ye), yz = Math.max(ys, ye);
            int r = ya >> SHIFT;
            int ym = Math.min(yz, (r + 1) << SHIFT);
            int hA = ym - ya, hB = yz - ym;
            long run = (hB * dxdy) >> 16;
            int lB = run < w ? (int) run : w;
            int lA = w - lB;
            int mA, mB;
            if (ye > ys) {
                mA = 2 * (xs - left) + lA;
                mB = 2 * (xe - left) - lB;
            } else {
                mA = 2 * (xe - left) - lA;
                mB = 2 * (xs - left) + lB;
            }
            int cell = r * s + col;
            a[cell] += dir * hA * (2 * ONE - mA);
            a[cell + 1] += dir * hA * mA;
            a[cell + s] += dir * hB * (2 * ONE - mB);
            a[cell + s + 1] += dir * hB * mB;
            if (col == last) return;
            ys = ye;
        }
    }

    /**
     * A vertical edge, the commonest in CJK glyphs (the sides of every vertical stroke): the same two cells in every
     * whole row it crosses.
     */
    private void vertical(int x, int y0, int y1, int dir) {
        final int[] a = acc;
        int k = x >> SHIFT;
        int right = dir * (x & (ONE - 1)) * 2, left = dir * 2 * ONE - right;
        int first = y0 >> SHIFT, last = (y1 - 1) >> SHIFT;
        int cell = first * stride + k;
        if (first == last) {
            int h = y1 - y0;
            a[cell] += left * h;
            a[cell + 1] += right * h;
            return;
        }
        int h = ((first + 1) << SHIFT) - y0;
        a[cell] += left * h;
        a[cell + 1] += right * h;
        int fullLeft = left << SHIFT, fullRight = right << SHIFT;
        // Stepping by the stride, a variable, keeps this from being compiled as a counted loop, whose set-up
        // (range checks hoisted, the loop unrolled) costs more than the few rows a stroke's side crosses.
        final int s = stride;
        int lastCell = cell + (last - first) * s;
        for (cell += s; cell < lastCell; cell += s) {
            a[cell] += fullLeft;
            a[cell + 1] += fullRight;
        }
        h = y1 - (last << SHIFT);
        a[cell] += left * h;
        a[cell + 1] += right * h;
    }

    /**
     * Sums the deltas of the ink box into 8-bit coverage (0 = none, 255 = full), non-zero winding clamped at full,
     * row by row into out (the box's width a row), zeroing every cell it reads, in one pass. Lines change no cell
     * left of the box, above or below it, and only the few right of it that a piece's cells (three at most) reach
     * past its last column; those are zeroed too, so the canvas is all zeros again. Against running sums, then
     * levels, then a fill a row to clear: 10% faster at 24 px, 18% at 48 px and 28% at 96 px under C1 (the device's
     * compiler). One row at a time, the cells and the output walked by the loop's own counters and the level made
     * with no call and no branch: under C1 a cold WenQuanYi glyph at 24 px 15% faster than two rows side by side
     * with a call to a level method (which C2 had made 15% to 25% faster than four rows).
     */
    void coverage(byte[] out, int x0, int y0, int w, int h) {
        final int[] a = acc;
        final int s = stride;
        int o = 0;
        for (int y = 0; y < h; y++) {
            int r = (y0 + y) * s + x0, e = r + w;
            int sum = 0;
            for (int i = r; i < e; i++) {
                sum += a[i];
                a[i] = 0;
                // The level as FreeType's gray rasterizer makes one: the area in 256ths of a pixel, a whole pixel
                // clamped to 255 (against rounding area x 255 / FULL, the pass 13% faster at 24 px). Without a call
                // or a branch: |sum| >> LEVEL_SHIFT, all ones (255 as a byte) when above 255.
                int m = sum >> 31;
                int v = ((sum ^ m) - m) >> LEVEL_SHIFT;
                out[o++] = (byte) (v | ((255 - v) >> 31));
            }
            a[e] = 0;
            a[e + 1] = 0;
            a[e + 2] = 0;
        }
    }

    /** The three cells right of a row of the box that a line may have touched. */
    private void clearSpill(int cell) {
        acc[cell] = 0;
        acc[cell + 1] = 0;
        acc[cell + 2] = 0;
    }

    /**
     * Zeroes a box of the canvas and the cells around it that its lines may have touched: the column left of it and
     * the spare columns right of it, the row above and the row below.
     */
    void clear(int left, int top, int right, int bottom) {
        left = Math.max(0, Math.min(left, width));
        right = Math.max(left, Math.min(right, width));
        int from = Math.max(0, left - 1), to = Math.min(right + 3, stride);
        int last = Math.min(bottom, height + 1);
        for (int y = Math.max(0, top - 1); y <= last; y++) java.util.Arrays.fill(acc, y * stride + from, y * stride + to, 0);
    }
}
