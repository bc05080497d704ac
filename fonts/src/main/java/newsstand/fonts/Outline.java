package newsstand.fonts;

/** A glyph outline recorded in font units, reused from glyph to glyph, so that its box is known before drawing. */
final class Outline implements OutlineSink {
    static final byte MOVE = 0;
    static final byte LINE = 1;
    static final byte QUAD = 2;
    static final byte CUBIC = 3;
    static final byte CLOSE = 4;

    /** A CJK glyph has a few hundred points; a hostile font could ask for millions. */
    private static final int MAX_COORDS = 1 << 20;

    byte[] ops = new byte[256];
    float[] coords = new float[1024];
    int opCount;
    int coordCount;
    float xMin, yMin, xMax, yMax;

    Outline() {
        reset();
    }

    void reset() {
        opCount = 0;
        coordCount = 0;
        xMin = yMin = Float.POSITIVE_INFINITY;
        xMax = yMax = Float.NEGATIVE_INFINITY;
    }

    boolean isEmpty() {
        return coordCount == 0;
    }

    private void op(byte op, int coords) {
        // The fast path stays small enough to inline; growing is rare (GlyphBenchmark profile).
        if (opCount == ops.length || coordCount + coords > this.coords.length) grow(coords);
        ops[opCount++] = op;
    }

    private void grow(int coords) {
        if (opCount == ops.length) ops = java.util.Arrays.copyOf(ops, ops.length * 2);
        if (coordCount + coords > this.coords.length) {
            if (coordCount + coords > MAX_COORDS) throw new Malformed("outline has more than " + MAX_COORDS / 2 + " points");
            this.coords = java.util.Arrays.copyOf(this.coords, Math.max(this.coords.length * 2, coordCount + coords));
        }
    }

    private void point(float x, float y) {
        if (!Float.isFinite(x) || !Float.isFinite(y)) throw new Malformed("outline point is not a finite number");
        coords[coordCount++] = x;
        coords[coordCount++] = y;
        if (x < xMin) xMin = x;
        if (x > xMax) xMax = x;
        if (y < yMin) yMin = y;
        if (y > yMax) yMax = y;
    }

    @Override
    public void moveTo(float x, float y) {
        op(MOVE, 2);
        point(x, y);
    }

    @Override
    public void lineTo(float x, float y) {
        op(LINE, 2);
        point(x, y);
    }

    @Override
    public void quadTo(float cx, float cy, float x, float y) {
        op(QUAD, 4);
        point(cx, cy);
        point(x, y);
    }

    @Override
    public void curveTo(float c1x, float c1y, float c2x, float c2y, float x, float y) {
        op(CUBIC, 6);
        point(c1x, c1y);
        point(c2x, c2y);
        point(x, y);
    }

    @Override
    public void close() {
        op(CLOSE, 0);
    }
}
