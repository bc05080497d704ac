package newsstand.fonts;

/**
 * Exact-area coverage accumulation (the font-rs design) in integers: every line adds the signed area it covers in
 * each pixel to a dense buffer of deltas, curves are flattened into lines by how much they bend, and one running
 * sum turns the deltas into coverage. Points are kept to 1/64 px as FreeType's 26.6 fixed point keeps them and
 * worked in 1/256 px (FreeType's own cell precision); areas are counted in halves of (1/256 px)^2, so a whole pixel
 * is {@link #FULL}.
 *
 * <p>A line is walked along its longer axis: a steep one row by row, each row's piece within two columns; a flat one
 * column by column, each column's piece within two rows. Either way every step touches the same cells with the same
 * integer arithmetic, whichever cells the piece falls in. Slopes are 16.16 fixed point: with float slopes the
 * conversions back to integers made a step of a long line about half as dear again (a scratch line benchmark).
 *
 * <p>The rasterizer is the sink of the outline decoders: a glyph is drawn while its charstring or glyf data is
 * read, with no recorded outline in between, onto a canvas placed around the pen; the ink box is known only at the
 * end, from the points drawn. A glyph with a point off the canvas is not drawn ({@link #end} says so) and is drawn
 * again from a recorded outline onto a canvas of exactly its size. The buffer is all zeros between glyphs: the
 * coverage pass clears what it reads, so no glyph pays for clearing the whole canvas. One thread.
 */
final class Rasterizer implements OutlineSink {
    /** Sub-pixel units per pixel, and the shift. */
    static final int ONE = 256, SHIFT = 8;
    /** A whole pixel's area, in halves of a square sub-pixel. */
    private static final int FULL = 2 * ONE * ONE;
    /** An area in 256ths of a pixel: FULL >> LEVEL_SHIFT is 256 (FreeType's PIXEL_BITS * 2 + 1 - 8). */
    private static final int LEVEL_SHIFT = Integer.numberOfTrailingZeros(FULL) - 8;

    private int[] acc = new int[0];
    private int width;
    private int height;
    /** Row length in the buffer: spare columns take the deltas that spill past a row's right edge. */
    private int stride;
    private float scale;
    /** Where the pen is on the canvas, in pixels. */
    private int originX;
    private int originY;
    private float biasX, biasY;
    private int spanX, spanY, bottomY;
    /** The box of the points drawn, in sub-pixels of the canvas. */
    private int minX, minY, maxX, maxY;
    private boolean outside;
    private boolean open;
    private int startX, startY, penX, penY;

    /**
     * Starts a glyph on a width x height canvas: a point (x, y) in font units lands at (originX + x * scale,
     * originY - y * scale), y down.
     */
    void begin(float scale, int originX, int originY, int width, int height) {
        this.scale = scale * 64f;
        this.originX = originX;
        this.originY = originY;
        // In 1/64 px: x' = floor(x * scale + 1/2) + originX and y' = originY - floor(y * scale + 1/2). Biased so
        // that the floors' arguments are positive on the canvas, where a cast floors them; a point must keep a
        // pixel from the canvas's edges, so that a cast's rounding towards zero just outside does not matter.
        biasX = 0.5f + originX * 64;
        spanX = Math.max(0, (width - 2) * 64);
        biasY = 0.5f + (height - originY) * 64;
        spanY = Math.max(0, (height - 2) * 64);
        bottomY = height << SHIFT;
        this.width = width;
        this.height = height;
        this.stride = width + 3;
        // Two spare rows: a flat line's step along the canvas's bottom edge may touch the rows below it (adding 0).
        int n = stride * (height + 2);
        if (acc.length < n) acc = new int[n];
        minX = minY = Integer.MAX_VALUE;
        maxX = maxY = Integer.MIN_VALUE;
        outside = false;
        open = false;
    }

    /**
     * Ends a glyph: true when it was drawn whole, false when a point fell off the canvas (or was not a number),
     * in which case nothing of it is left in the buffer.
     */
    boolean end() {
        if (open && !outside) closePath();
        open = false;
        if (outside) {
            if (minX <= maxX) clear(left(), top(), right(), bottom());
            return false;
        }
        return true;
    }

    /** Leaves a glyph half drawn (its decoder failed): clears what it drew. */
    void abandon() {
        outside = true;
        end();
    }

    /**
     * Starts a glyph at px pixels per em on a canvas of twice that around the pen: room for any glyph that keeps
     * near its em box, and for the descent.
     */
    void beginAroundPen(float scale, int px) {
        begin(scale, px / 2, px * 7 / 5, 2 * px, 2 * px);
    }

    /** Where the pen is on the canvas: font unit 0 lands there. */
    int originX() { return originX; }

    int originY() { return originY; }

    /** True when nothing was drawn. */
    boolean isEmpty() { return minX > maxX; }

    /** The ink box, in canvas pixels: columns [left, right), rows [top, bottom). */
    int left() { return minX >> SHIFT; }

    int right() { return Math.max(left() + 1, (maxX + ONE - 1) >> SHIFT); }

    int top() { return minY >> SHIFT; }

    int bottom() { return Math.max(top() + 1, (maxY + ONE - 1) >> SHIFT); }

    /** Draws a recorded outline (not empty) on a canvas of its size and a pixel around; false on a bad point. */
    boolean draw(Outline o, float scale) {
        int left = (int) Math.floor(o.xMin * scale);
        int top = (int) Math.ceil(o.yMax * scale);
        int w = Math.max(1, (int) Math.ceil(o.xMax * scale) - left);
        int h = Math.max(1, top - (int) Math.floor(o.yMin * scale));
        if ((long) w * h > 4 * 1024 * 1024) throw new Malformed("glyph box " + w + "x" + h + " px is far larger than its size");
        begin(scale, 1 - left, top + 1, w + 2, h + 2);
        float[] c = o.coords;
        int ci = 0;
        for (int i = 0; i < o.opCount; i++) {
            switch (o.ops[i]) {
                case Outline.MOVE -> moveTo(c[ci++], c[ci++]);
                case Outline.LINE -> lineTo(c[ci++], c[ci++]);
                case Outline.QUAD -> quadTo(c[ci++], c[ci++], c[ci++], c[ci++]);
                case Outline.CUBIC -> curveTo(c[ci++], c[ci++], c[ci++], c[ci++], c[ci++], c[ci++]);
                default -> close();
            }
        }
        return end();
    }

    /**
     * A font-unit x on the canvas, in sub-pixels: rounded to 1/64 px first, as FreeType rounds outline points. One
     * unsigned comparison finds a point off the canvas, or not a number (cast to 0, which is off).
     */
    private int x(float x) {
        int f = (int) (x * scale + biasX);
        outside |= Integer.compareUnsigned(f - 64, spanX) > 0;
        int v = f << 2;
        minX = Math.min(minX, v);
        maxX = Math.max(maxX, v);
        return v;
    }

    private int y(float y) {
        int f = (int) (y * scale + biasY);
        outside |= Integer.compareUnsigned(f - 64, spanY) > 0;
        int v = bottomY - (f << 2);
        minY = Math.min(minY, v);
        maxY = Math.max(maxY, v);
        return v;
    }

    @Override
    public void moveTo(float x, float y) {
        if (open && !outside) closePath();
        startX = penX = x(x);
        startY = penY = y(y);
        open = true;
    }

    @Override
    public void lineTo(float x, float y) {
        int nx = x(x), ny = y(y);
        if (!outside) line(penX, penY, nx, ny);
        penX = nx;
        penY = ny;
    }

    @Override
    public void quadTo(float cx, float cy, float x, float y) {
        int x1 = x(cx), y1 = y(cy), x2 = x(x), y2 = y(y);
        if (!outside) Curves.quad(this, penX, penY, x1, y1, x2, y2);
        penX = x2;
        penY = y2;
    }

    @Override
    public void curveTo(float c1x, float c1y, float c2x, float c2y, float x, float y) {
        int x1 = x(c1x), y1 = y(c1y), x2 = x(c2x), y2 = y(c2y), x3 = x(x), y3 = y(y);
        if (!outside) Curves.cubic(this, penX, penY, x1, y1, x2, y2, x3, y3);
        penX = x3;
        penY = y3;
    }

    @Override
    public void close() {
        if (open && !outside) closePath();
        open = false;
    }

    private void closePath() {
        if (penX != startX || penY != startY) line(penX, penY, startX, startY);
        penX = startX;
        penY = startY;
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
     * A line from (x0, y0) down by dy sub-pixels and across by dx (|dx| <= dy): row by row, the first and last
     * rows apart so that the common short line runs no loop. Slopes are in 16.16 fixed point.
     */
    private void steep(int x0, int y0, int dy, int dx, int dir) {
        long dydx = Math.abs(((long) dy << 16) / dx);
        int y1 = y0 + dy, x1 = x0 + dx;
        int first = y0 >> SHIFT, last = (y1 - 1) >> SHIFT;
        if (first == last) {
            rowPiece(first, x0, x1, dy, dydx, dir);
            return;
        }
        long dxdy = ((long) dx << 16) / dy;
        int yb = (first + 1) << SHIFT;
        int xb = x0 + (int) (((yb - y0) * dxdy) >> 16);
        rowPiece(first, x0, xb, yb - y0, dydx, dir);
        for (int row = first + 1; row < last; row++) {
            int xt = xb;
            yb += ONE;
            xb = x0 + (int) (((yb - y0) * dxdy) >> 16);
            rowPiece(row, xt, xb, ONE, dydx, dir);
        }
        rowPiece(last, xb, x1, y1 - (last << SHIFT), dydx, dir);
    }

    /**
     * A steep line's piece in one row: h sub-pixels high, from xt at its top to xb at its bottom, at most a pixel
     * apart, so within columns k and k + 1; the part of its height in column k + 1 comes from how far it runs past
     * the boundary. Areas right of it: in column k, of its part there; in k + 1, a whole pixel beside that part and
     * its own part's; beyond, all of its height.
     */
    private void rowPiece(int row, int xt, int xb, int h, long dydx, int dir) {
        int xa = Math.min(xt, xb), xz = Math.max(xt, xb);
        int k = xa >> SHIFT;
        int boundary = (k + 1) << SHIFT;
        int xm = Math.min(xz, boundary);
        int hB = (int) Math.min(h, ((xz - xm) * dydx) >> 16);
        int hA = h - hB;
        int pk = hA * (2 * boundary - xa - xm);
        int pk1 = hA * (2 * ONE) + hB * (2 * boundary + 2 * ONE - xm - xz);
        int cell = row * stride + k;
        final int[] a = acc;
        a[cell] += dir * pk;
        a[cell + 1] += dir * (pk1 - pk);
        a[cell + 2] += dir * (h * (2 * ONE) - pk1);
    }

    /**
     * A line from (x0, y0) right by dx sub-pixels, dy up or down (|dy| < dx): column by column, the first and last
     * columns apart.
     */
    private void flat(int x0, int y0, int dx, int dy, int dir) {
        long dxdy = Math.abs(((long) dx << 16) / dy);
        int x1 = x0 + dx, y1 = y0 + dy;
        int first = x0 >> SHIFT, last = (x1 - 1) >> SHIFT;
        if (first == last) {
            columnPiece(first, x0, y0, x1, y1, dxdy, dir);
            return;
        }
        long dydx = ((long) dy << 16) / dx;
        int xe = (first + 1) << SHIFT;
        int ye = y0 + (int) (((xe - x0) * dydx) >> 16);
        columnPiece(first, x0, y0, xe, ye, dxdy, dir);
        for (int col = first + 1; col < last; col++) {
            int ys = ye;
            xe += ONE;
            ye = y0 + (int) (((xe - x0) * dydx) >> 16);
            columnPiece(col, xe - ONE, ys, xe, ye, dxdy, dir);
        }
        columnPiece(last, last << SHIFT, ye, x1, y1, dxdy, dir);
    }

    /**
     * A flat line's piece in one column, from (xs, ys) to (xe, ye), at most a pixel of height, so within rows r
     * and r + 1: each row's part adds its height to the column and the next in proportion to where its middle is.
     */
    private void columnPiece(int col, int xs, int ys, int xe, int ye, long dxdy, int dir) {
        int left = col << SHIFT;
        int w = xe - xs;
        int ya = Math.min(ys, ye), yz = Math.max(ys, ye);
        int r = ya >> SHIFT;
        int ym = Math.min(yz, (r + 1) << SHIFT);
        int hA = ym - ya, hB = yz - ym;
        int lB = (int) Math.min(w, (hB * dxdy) >> 16);
        int lA = w - lB;
        // Twice each part's middle, from the column's left: going down, the upper row's part comes first.
        int mA, mB;
        if (ye > ys) {
            mA = 2 * (xs - left) + lA;
            mB = 2 * (xe - left) - lB;
        } else {
            mA = 2 * (xe - left) - lA;
            mB = 2 * (xs - left) + lB;
        }
        final int[] a = acc;
        final int s = stride;
        int cell = r * s + col;
        a[cell] += dir * hA * (2 * ONE - mA);
        a[cell + 1] += dir * hA * mA;
        a[cell + s] += dir * hB * (2 * ONE - mB);
        a[cell + s + 1] += dir * hB * mB;
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
     * row by row into out (the box's width a row), zeroing every cell it reads: one pass, two rows side by side so
     * that two chains of additions run at once. Lines change no cell left of the box, above or below it, and
     * only the few right of it that a piece's cells (three at most) reach past its last column; those are zeroed
     * too, so the canvas is all zeros again. Against running sums, then levels, then a fill a row to clear: 10%
     * faster at 24 px, 18% at 48 px and 28% at 96 px under C1 (the device's compiler). Two rows rather than four:
     * under C2 the pass is 15% to 25% faster (a glyph 3.5% at 24 px), under C1 the same within the noise.
     */
    void coverage(byte[] out) {
        final int[] a = acc;
        final int s = stride, x0 = left(), w = right() - x0, y0 = top(), h = bottom() - y0;
        int y = 0;
        for (; y + 2 <= h; y += 2) {
            int r0 = (y0 + y) * s + x0, r1 = r0 + s;
            int o0 = y * w, o1 = o0 + w;
            int s0 = 0, s1 = 0;
            for (int x = 0; x < w; x++) {
                s0 += a[r0 + x];
                s1 += a[r1 + x];
                a[r0 + x] = 0;
                a[r1 + x] = 0;
                out[o0 + x] = level(s0);
                out[o1 + x] = level(s1);
            }
            clearSpill(r0 + w);
            clearSpill(r1 + w);
        }
        for (; y < h; y++) {
            int sum = 0;
            int r = (y0 + y) * s + x0, o = y * w;
            for (int x = 0; x < w; x++) {
                sum += a[r + x];
                a[r + x] = 0;
                out[o + x] = level(sum);
            }
            clearSpill(r + w);
        }
    }

    /**
     * A running sum of areas as a coverage level, as FreeType's gray rasterizer makes one: the area in 256ths of a
     * pixel, a whole pixel clamped to 255. Against rounding area x 255 / FULL, the coverage pass is 13% faster at 24
     * px (QualityTest's ink error moves by at most 0.15/255, either way). Math.abs and Math.min compile to
     * branch-free instructions.
     */
    private static byte level(int sum) {
        return (byte) Math.min(Math.abs(sum) >> LEVEL_SHIFT, 255);
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
    private void clear(int left, int top, int right, int bottom) {
        left = Math.max(0, Math.min(left, width));
        right = Math.max(left, Math.min(right, width));
        int from = Math.max(0, left - 1), to = Math.min(right + 3, stride);
        int last = Math.min(bottom, height + 1);
        for (int y = Math.max(0, top - 1); y <= last; y++) java.util.Arrays.fill(acc, y * stride + from, y * stride + to, 0);
    }
}
