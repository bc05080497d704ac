package newsstand.fonts;

/**
 * Exact-area coverage accumulation (the font-rs design) in integers: every line adds the signed area it covers in
 * each pixel to a dense buffer of deltas, curves are flattened into lines by how much they bend, and one running
 * sum turns the deltas into coverage. Points are kept to 1/64 px as FreeType's 26.6 fixed point keeps them and
 * worked in 1/256 px (FreeType's own cell precision); areas are counted in halves of (1/256 px)^2, so a whole pixel
 * is 2 x 256 x 256 ({@link Canvas} keeps the areas; this class places the points).
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

    private final Canvas canvas = new Canvas();
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
        canvas.size(width, height);
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
            if (minX <= maxX) canvas.clear(left(), top(), right(), bottom());
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

    // lineTo, quadTo and curveTo place their points with x() and y()'s arithmetic written out: C1, the kiosk's
    // compiler, inlines no method over 35 bytes of bytecode, and these are called for every point of every glyph.

    @Override
    public void lineTo(float x, float y) {
        final float s = scale;
        int fx = (int) (x * s + biasX), fy = (int) (y * s + biasY);
        boolean out = outside | Integer.compareUnsigned(fx - 64, spanX) > 0 | Integer.compareUnsigned(fy - 64, spanY) > 0;
        outside = out;
        int nx = fx << 2, ny = bottomY - (fy << 2);
        if (nx < minX) minX = nx;
        if (nx > maxX) maxX = nx;
        if (ny < minY) minY = ny;
        if (ny > maxY) maxY = ny;
        if (!out) canvas.line(penX, penY, nx, ny);
        penX = nx;
        penY = ny;
    }

    @Override
    public void quadTo(float cx, float cy, float x, float y) {
        final float s = scale, bx = biasX, by = biasY;
        final int sx = spanX, sy = spanY, b = bottomY;
        int f1 = (int) (cx * s + bx), g1 = (int) (cy * s + by), f2 = (int) (x * s + bx), g2 = (int) (y * s + by);
        boolean out = outside | Integer.compareUnsigned(f1 - 64, sx) > 0 | Integer.compareUnsigned(g1 - 64, sy) > 0
                | Integer.compareUnsigned(f2 - 64, sx) > 0 | Integer.compareUnsigned(g2 - 64, sy) > 0;
        outside = out;
        int x1 = f1 << 2, y1 = b - (g1 << 2), x2 = f2 << 2, y2 = b - (g2 << 2);
        int lo = Math.min(x1, x2), hi = Math.max(x1, x2);
        if (lo < minX) minX = lo;
        if (hi > maxX) maxX = hi;
        lo = Math.min(y1, y2);
        hi = Math.max(y1, y2);
        if (lo < minY) minY = lo;
        if (hi > maxY) maxY = hi;
        if (!out) Curves.quad(canvas, penX, penY, x1, y1, x2, y2);
        penX = x2;
        penY = y2;
    }

    @Override
    public void curveTo(float c1x, float c1y, float c2x, float c2y, float x, float y) {
        final float s = scale, bx = biasX, by = biasY;
        final int sx = spanX, sy = spanY, b = bottomY;
        int f1 = (int) (c1x * s + bx), g1 = (int) (c1y * s + by), f2 = (int) (c2x * s + bx), g2 = (int) (c2y * s + by);
        int f3 = (int) (x * s + bx), g3 = (int) (y * s + by);
        boolean out = outside | Integer.compareUnsigned(f1 - 64, sx) > 0 | Integer.compareUnsigned(g1 - 64, sy) > 0
                | Integer.compareUnsigned(f2 - 64, sx) > 0 | Integer.compareUnsigned(g2 - 64, sy) > 0
                | Integer.compareUnsigned(f3 - 64, sx) > 0 | Integer.compareUnsigned(g3 - 64, sy) > 0;
        outside = out;
        int x1 = f1 << 2, y1 = b - (g1 << 2), x2 = f2 << 2, y2 = b - (g2 << 2), x3 = f3 << 2, y3 = b - (g3 << 2);
        int lo = Math.min(Math.min(x1, x2), x3), hi = Math.max(Math.max(x1, x2), x3);
        if (lo < minX) minX = lo;
        if (hi > maxX) maxX = hi;
        lo = Math.min(Math.min(y1, y2), y3);
        hi = Math.max(Math.max(y1, y2), y3);
        if (lo < minY) minY = lo;
        if (hi > maxY) maxY = hi;
        if (!out) Curves.cubic(canvas, penX, penY, x1, y1, x2, y2, x3, y3);
        penX = x3;
        penY = y3;
    }

    @Override
    public void close() {
        if (open && !outside) closePath();
        open = false;
    }

    private void closePath() {
        if (penX != startX || penY != startY) canvas.line(penX, penY, startX, startY);
        penX = startX;
        penY = startY;
    }

    /**
     * The ink box's coverage, 8 bits a pixel (0 = none, 255 = full), row by row into out (the box's width a row);
     * the canvas is all zeros again.
     */
    void coverage(byte[] out) {
        int x0 = left(), y0 = top();
        canvas.coverage(out, x0, y0, right() - x0, bottom() - y0);
    }
}
