package newsstand.fonts;

/**
 * TrueType outlines: 'loca' finds a glyph in 'glyf'; simple glyphs become quadratic contours (with the implied
 * on-curve points between two off-curve ones), composite glyphs place their components with an affine transform.
 * Point arrays are reused across glyphs, so one Glyf serves one thread.
 */
final class Glyf {
    private static final int ON_CURVE = 0x01;
    private static final int X_SHORT = 0x02;
    private static final int Y_SHORT = 0x04;
    private static final int REPEAT = 0x08;
    private static final int X_SAME_OR_POSITIVE = 0x10;
    private static final int Y_SAME_OR_POSITIVE = 0x20;

    private static final int ARGS_ARE_WORDS = 0x0001;
    private static final int ARGS_ARE_XY = 0x0002;
    private static final int HAS_SCALE = 0x0008;
    private static final int MORE_COMPONENTS = 0x0020;
    private static final int HAS_XY_SCALE = 0x0040;
    private static final int HAS_2X2 = 0x0080;

    /** Composite glyphs nest; real fonts use 2 or 3 levels, a hostile one could loop forever. */
    private static final int MAX_DEPTH = 8;
    private static final int MAX_COMPONENTS = 256;
    /** Components placed for one glyph in all: nesting times fan-out could otherwise reach 256^8. */
    private static final int MAX_PLACED = 4096;
    private int placed;

    private final FontData data;
    private final int glyf;
    private final int glyfLength;
    private final int loca;
    private final boolean longLoca;
    private final int numGlyphs;

    private int[] xs = new int[256];
    private int[] ys = new int[256];
    private byte[] flags = new byte[256];

    Glyf(FontData data, int glyf, int glyfLength, int loca, int locaLength, boolean longLoca, int numGlyphs) {
        this.data = data;
        this.glyf = glyf;
        this.glyfLength = glyfLength;
        this.loca = loca;
        this.longLoca = longLoca;
        this.numGlyphs = numGlyphs;
        long needed = (numGlyphs + 1L) * (longLoca ? 4 : 2);
        if (locaLength < needed) throw new Malformed("loca table has " + locaLength + " bytes, " + needed + " needed for " + numGlyphs + " glyphs");
    }

    /** The glyph's start in the file, or -1 for an empty glyph (a space). */
    private int start(int glyph) {
        int a;
        int b;
        if (longLoca) {
            a = data.u32(loca + glyph * 4);
            b = data.u32(loca + glyph * 4 + 4);
        } else {
            a = data.u16(loca + glyph * 2) * 2;
            b = data.u16(loca + glyph * 2 + 2) * 2;
        }
        if (a == b) return -1;
        if (b < a || b > glyfLength) throw new Malformed("loca entry of glyph " + glyph + " points outside glyf");
        return glyf + a;
    }

    /** The box in the glyph's header (xMin, yMin, xMax, yMax), or null for an empty glyph. */
    int[] box(int glyph) {
        int at = start(glyph);
        if (at < 0) return null;
        return new int[] {data.s16(at + 2), data.s16(at + 4), data.s16(at + 6), data.s16(at + 8)};
    }

    /** Sends the glyph's outline to the sink, in font units. */
    void outline(int glyph, OutlineSink sink) {
        placed = 0;
        outline(glyph, sink, 1, 0, 0, 1, 0, 0, 0);
    }

    private void outline(int glyph, OutlineSink sink, float a, float b, float c, float d, float e, float f, int depth) {
        if (glyph < 0 || glyph >= numGlyphs) throw new Malformed("glyph " + glyph + " does not exist (font has " + numGlyphs + ")");
        if (depth > MAX_DEPTH) throw new Malformed("composite glyph nests deeper than " + MAX_DEPTH + " levels");
        int at = start(glyph);
        if (at < 0) return;
        int contours = data.s16(at);
        if (contours >= 0) simple(at, contours, sink, a, b, c, d, e, f);
        else composite(at, sink, a, b, c, d, e, f, depth);
    }

    private void simple(int at, int contours, OutlineSink sink, float a, float b, float c, float d, float e, float f) {
        if (contours == 0) return;
        int endPts = at + 10;
        int points = data.u16(endPts + (contours - 1) * 2) + 1;
        int instructionLength = data.u16(endPts + contours * 2);
        int p = endPts + contours * 2 + 2 + instructionLength;
        if (xs.length < points) {
            xs = new int[points];
            ys = new int[points];
            flags = new byte[points];
        }
        for (int i = 0; i < points; ) {
            int flag = data.u8(p++);
            flags[i++] = (byte) flag;
            if ((flag & REPEAT) != 0) {
                int repeat = data.u8(p++);
                if (repeat > points - i) throw new Malformed("glyph flag repeat runs past the last point");
                for (int r = 0; r < repeat; r++) flags[i++] = (byte) flag;
            }
        }
        p = coordinates(p, points, X_SHORT, X_SAME_OR_POSITIVE, xs);
        coordinates(p, points, Y_SHORT, Y_SAME_OR_POSITIVE, ys);
        int first = 0;
        for (int k = 0; k < contours; k++) {
            int last = data.u16(endPts + k * 2);
            if (last < first - 1 || last >= points) throw new Malformed("contour end points are not increasing");
            if (last >= first) contour(first, last, sink, a, b, c, d, e, f);
            first = last + 1;
        }
    }

    /** Decodes one axis of a simple glyph's points (x or y, by its flag bits); returns the offset after them. */
    private int coordinates(int p, int points, int shortBit, int sameOrPositive, int[] out) {
        int v = 0;
        for (int i = 0; i < points; i++) {
            int flag = flags[i];
            if ((flag & shortBit) != 0) {
                int d = data.u8(p++);
                v += (flag & sameOrPositive) != 0 ? d : -d;
            } else if ((flag & sameOrPositive) == 0) {
                v += data.s16(p);
                p += 2;
            }
            out[i] = v;
        }
        return p;
    }

    private void contour(int first, int last, OutlineSink sink, float a, float b, float c, float d, float e, float f) {
        float sx;
        float sy;
        int from;
        int to;
        if ((flags[first] & ON_CURVE) != 0) {
            sx = xs[first];
            sy = ys[first];
            from = first + 1;
            to = last;
        } else if ((flags[last] & ON_CURVE) != 0) {
            sx = xs[last];
            sy = ys[last];
            from = first;
            to = last - 1;
        } else {
            // A contour of off-curve points only starts at the implied point between its last and first.
            sx = (xs[first] + xs[last]) / 2f;
            sy = (ys[first] + ys[last]) / 2f;
            from = first;
            to = last;
        }
        sink.moveTo(a * sx + c * sy + e, b * sx + d * sy + f);
        boolean pending = false;
        float ox = 0;
        float oy = 0;
        for (int i = from; i <= to; i++) {
            float px = xs[i];
            float py = ys[i];
            if ((flags[i] & ON_CURVE) != 0) {
                if (pending) quad(sink, ox, oy, px, py, a, b, c, d, e, f);
                else sink.lineTo(a * px + c * py + e, b * px + d * py + f);
                pending = false;
            } else {
                if (pending) quad(sink, ox, oy, (ox + px) / 2f, (oy + py) / 2f, a, b, c, d, e, f);
                ox = px;
                oy = py;
                pending = true;
            }
        }
        if (pending) quad(sink, ox, oy, sx, sy, a, b, c, d, e, f);
        else sink.lineTo(a * sx + c * sy + e, b * sx + d * sy + f);
        sink.close();
    }

    private static void quad(OutlineSink sink, float cx, float cy, float x, float y, float a, float b, float c, float d, float e, float f) {
        sink.quadTo(a * cx + c * cy + e, b * cx + d * cy + f, a * x + c * y + e, b * x + d * y + f);
    }

    private void composite(int at, OutlineSink sink, float a, float b, float c, float d, float e, float f, int depth) {
        int p = at + 10;
        for (int n = 0; n < MAX_COMPONENTS; n++) {
            if (++placed > MAX_PLACED) throw new Malformed("composite glyph places more than " + MAX_PLACED + " components");
            int flag = data.u16(p);
            int component = data.u16(p + 2);
            p += 4;
            float dx;
            float dy;
            if ((flag & ARGS_ARE_WORDS) != 0) {
                dx = data.s16(p);
                dy = data.s16(p + 2);
                p += 4;
            } else {
                dx = data.s8(p);
                dy = data.s8(p + 1);
                p += 2;
            }
            // Point-matched placement (ARGS_ARE_XY unset) is rare in CJK fonts; such components are placed at 0,0.
            if ((flag & ARGS_ARE_XY) == 0) {
                dx = 0;
                dy = 0;
            }
            float ca = 1, cb = 0, cc = 0, cd = 1;
            if ((flag & HAS_SCALE) != 0) {
                ca = cd = f2dot14(p);
                p += 2;
            } else if ((flag & HAS_XY_SCALE) != 0) {
                ca = f2dot14(p);
                cd = f2dot14(p + 2);
                p += 4;
            } else if ((flag & HAS_2X2) != 0) {
                ca = f2dot14(p);
                cb = f2dot14(p + 2);
                cc = f2dot14(p + 4);
                cd = f2dot14(p + 6);
                p += 8;
            }
            // Compose: outer(inner(point)), inner = component transform with its offset.
            float na = a * ca + c * cb;
            float nb = b * ca + d * cb;
            float nc = a * cc + c * cd;
            float nd = b * cc + d * cd;
            float ne = a * dx + c * dy + e;
            float nf = b * dx + d * dy + f;
            outline(component, sink, na, nb, nc, nd, ne, nf, depth + 1);
            if ((flag & MORE_COMPONENTS) == 0) return;
        }
        throw new Malformed("composite glyph has more than " + MAX_COMPONENTS + " components");
    }

    private float f2dot14(int at) {
        return data.s16(at) / 16384f;
    }
}
