package newsstand.fonts;

/**
 * A Type 2 charstring interpreter (Adobe TN 5177): one loop over the operators, a fixed operand stack, subroutine
 * calls nested at most 10 deep, hints counted and skipped (a hintmask is one bit per stem), the optional advance
 * width dropped, and the path sent to an outline sink. Reused from glyph to glyph; one thread.
 */
final class CharString {
    private static final int HSTEM = 1, VSTEM = 3, VMOVETO = 4, RLINETO = 5, HLINETO = 6, VLINETO = 7, RRCURVETO = 8;
    private static final int CALLSUBR = 10, RETURN = 11, ESCAPE = 12, ENDCHAR = 14, HSTEMHM = 18, HINTMASK = 19;
    private static final int CNTRMASK = 20, RMOVETO = 21, HMOVETO = 22, VSTEMHM = 23, RCURVELINE = 24, RLINECURVE = 25;
    private static final int VVCURVETO = 26, HHCURVETO = 27, SHORTINT = 28, CALLGSUBR = 29, VHCURVETO = 30, HVCURVETO = 31;
    private static final int HFLEX = 34, FLEX = 35, HFLEX1 = 36, FLEX1 = 37;
    private static final int MAX_STACK = 48;
    private static final int MAX_DEPTH = 10;
    /** Hostile fonts can make tiny charstrings loop through subroutines; real glyphs use a few thousand operators. */
    private static final int MAX_OPERATORS = 100_000;

    /** The one-byte operands' values, b0 - 139, as floats: a table read is cheaper than a conversion. */
    private static final float[] SMALL = new float[256];

    static {
        for (int b0 = 0; b0 < 256; b0++) SMALL[b0] = b0 - 139;
    }

    private final float[] stack = new float[MAX_STACK];
    private int sp;
    private float x, y;
    private boolean open;
    private boolean widthSeen;
    private int stems;
    private int operators;
    private OutlineSink sink;
    private FontData data;
    private CffIndex global, local;
    /** The charstring or subroutine being run at each call depth, read from the font. */
    private final byte[][] code = new byte[MAX_DEPTH + 2][64];
    /**
     * Subroutines kept copied, by their INDEX and number: CJK fonts share stroke shapes between thousands of
     * glyphs through subroutines, and finding one in its INDEX and copying it cost about as much as running it
     * (when programs were read from the file: 7.4 us a cold Noto glyph at 24 px with only those under 96 bytes
     * kept, 5.2 us with these).
     * Direct-mapped, at most SUBR_SLOTS x SUBR_MAX_BYTES bytes (2 MB);
     * a slot is replaced, never overwritten, so a subroutine still running keeps its bytes.
     */
    private static final int SUBR_SLOTS = 1024, SUBR_MAX_BYTES = 2048;
    private final int[] subrIndex = new int[SUBR_SLOTS];
    private final CffIndex[] subrOwner = new CffIndex[SUBR_SLOTS];
    private final byte[][] subrCode = new byte[SUBR_SLOTS][];

    /** The seac arguments {adx, ady, bchar, achar} of the last run's endchar, or null. */
    private int[] seac;

    /** Runs a charstring; returns the seac arguments when it ends by composing two glyphs, else null. */
    int[] run(FontData data, int start, int end, CffIndex global, CffIndex local, OutlineSink sink) {
        if (data != this.data) {
            java.util.Arrays.fill(subrCode, null);
            java.util.Arrays.fill(subrOwner, null);
        }
        this.data = data;
        this.global = global;
        this.local = local;
        this.sink = sink;
        sp = 0;
        x = y = 0;
        open = false;
        widthSeen = false;
        stems = 0;
        operators = 0;
        seac = null;
        int length = end - start;
        if (length > 65535) throw new Malformed("charstring of " + length + " bytes is longer than 65535");
        execute(copy(start, length, 0), length, 0);
        if (open) {
            sink.close();
            open = false;
        }
        return seac;
    }

    private static int bias(int count) {
        return count < 1240 ? 107 : count < 33900 ? 1131 : 32768;
    }

    /** Runs the first length bytes of b; returns true when endchar was reached. */
    private boolean execute(byte[] b, int length, int depth) {
        // Reads past the copied bytes fail with an index error, which fails the glyph alone (GlyphCache).
        int p = 0;
        final float[] st = stack;
        while (p < length) {
            int b0 = b[p++] & 0xFF;
            if (b0 >= 32 || b0 == SHORTINT) {
                // A run of operands is pushed with the stack's depth in a local, written back once before the
                // operator that takes them.
                int n = sp;
                do {
                    if (n == MAX_STACK) throw new Malformed("charstring operand stack overflows " + MAX_STACK);
                    if (b0 <= 246 && b0 >= 32) {
                        st[n++] = SMALL[b0];
                    } else if (b0 == SHORTINT) {
                        st[n++] = (short) ((b[p] << 8) | (b[p + 1] & 0xFF));
                        p += 2;
                    } else if (b0 <= 250) {
                        st[n++] = (b0 - 247) * 256 + (b[p++] & 0xFF) + 108;
                    } else if (b0 <= 254) {
                        st[n++] = -(b0 - 251) * 256 - (b[p++] & 0xFF) - 108;
                    } else {
                        st[n++] = ((b[p] << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF)) / 65536f;
                        p += 4;
                    }
                    if (p >= length) break;
                    b0 = b[p++] & 0xFF;
                } while (b0 >= 32 || b0 == SHORTINT);
                sp = n;
                if (b0 >= 32 || b0 == SHORTINT) break; // the charstring ended on an operand
            }
            if (++operators > MAX_OPERATORS) throw new Malformed("charstring runs more than " + MAX_OPERATORS + " operators");
            switch (b0) {
                case HSTEM, VSTEM, HSTEMHM, VSTEMHM -> {
                    width(sp % 2 == 1);
                    stems += sp / 2;
                    sp = 0;
                }
                case HINTMASK, CNTRMASK -> {
                    // Operands pending before the first hintmask are an implicit vstem.
                    width(sp % 2 == 1);
                    stems += sp / 2;
                    sp = 0;
                    p += (stems + 7) / 8;
                }
                case RMOVETO -> {
                    width(sp > 2);
                    need(2);
                    moveTo(x + stack[sp - 2], y + stack[sp - 1]);
                    sp = 0;
                }
                case HMOVETO -> {
                    width(sp > 1);
                    need(1);
                    moveTo(x + stack[sp - 1], y);
                    sp = 0;
                }
                case VMOVETO -> {
                    width(sp > 1);
                    need(1);
                    moveTo(x, y + stack[sp - 1]);
                    sp = 0;
                }
                case RLINETO -> {
                    for (int i = 0; i + 1 < sp; i += 2) lineTo(x + stack[i], y + stack[i + 1]);
                    sp = 0;
                }
                case HLINETO, VLINETO -> {
                    boolean horizontal = b0 == HLINETO;
                    for (int i = 0; i < sp; i++) {
                        if (horizontal) lineTo(x + stack[i], y);
                        else lineTo(x, y + stack[i]);
                        horizontal = !horizontal;
                    }
                    sp = 0;
                }
                case RRCURVETO -> {
                    for (int i = 0; i + 5 < sp; i += 6) curve(stack[i], stack[i + 1], stack[i + 2], stack[i + 3], stack[i + 4], stack[i + 5]);
                    sp = 0;
                }
                case RCURVELINE -> {
                    int i = 0;
                    for (; i + 5 < sp - 2; i += 6) curve(stack[i], stack[i + 1], stack[i + 2], stack[i + 3], stack[i + 4], stack[i + 5]);
                    if (i + 1 < sp) lineTo(x + stack[i], y + stack[i + 1]);
                    sp = 0;
                }
                case RLINECURVE -> {
                    int i = 0;
                    for (; i + 1 < sp - 6; i += 2) lineTo(x + stack[i], y + stack[i + 1]);
                    if (i + 5 < sp) curve(stack[i], stack[i + 1], stack[i + 2], stack[i + 3], stack[i + 4], stack[i + 5]);
                    sp = 0;
                }
                case VVCURVETO -> {
                    int i = 0;
                    float dx1 = 0;
                    if (sp % 4 == 1) dx1 = stack[i++];
                    for (; i + 3 < sp; i += 4) {
                        curve(dx1, stack[i], stack[i + 1], stack[i + 2], 0, stack[i + 3]);
                        dx1 = 0;
                    }
                    sp = 0;
                }
                case HHCURVETO -> {
                    int i = 0;
                    float dy1 = 0;
                    if (sp % 4 == 1) dy1 = stack[i++];
                    for (; i + 3 < sp; i += 4) {
                        curve(stack[i], dy1, stack[i + 1], stack[i + 2], stack[i + 3], 0);
                        dy1 = 0;
                    }
                    sp = 0;
                }
                case HVCURVETO, VHCURVETO -> {
                    boolean horizontal = b0 == HVCURVETO;
                    for (int i = 0; i + 3 < sp; i += 4) {
                        float last = (sp - i == 5) ? stack[i + 4] : 0;
                        if (horizontal) curve(stack[i], 0, stack[i + 1], stack[i + 2], last, stack[i + 3]);
                        else curve(0, stack[i], stack[i + 1], stack[i + 2], stack[i + 3], last);
                        horizontal = !horizontal;
                    }
                    sp = 0;
                }
                case CALLSUBR, CALLGSUBR -> {
                    need(1);
                    CffIndex subrs = b0 == CALLSUBR ? local : global;
                    int index = (int) stack[--sp] + bias(subrs.count());
                    if (index < 0 || index >= subrs.count()) {
                        throw new Malformed((b0 == CALLSUBR ? "local" : "global") + " subroutine " + index + " does not exist (" + subrs.count() + ")");
                    }
                    if (call(subrs, index, depth + 1)) return true;
                }
                case RETURN -> {
                    return false;
                }
                case ENDCHAR -> {
                    width(sp == 1 || sp == 5);
                    if (sp == 4) seac = new int[] {(int) stack[0], (int) stack[1], (int) stack[2], (int) stack[3]};
                    sp = 0;
                    return true;
                }
                case ESCAPE -> {
                    int op = b[p++] & 0xFF;
                    flex(op);
                    sp = 0;
                }
                default -> throw new Malformed("charstring operator " + b0 + " is reserved");
            }
        }
        return false;
    }

    private byte[] copy(int start, int length, int depth) {
        byte[] b = code[depth];
        if (b.length < length) b = code[depth] = new byte[Math.max(length, b.length * 2)];
        data.copy(start, b, length);
        return b;
    }

    /**
     * Runs a subroutine: a short one from the copies kept, found by its INDEX and number without reading the
     * INDEX's offsets; a long one read from the font.
     */
    private boolean call(CffIndex subrs, int index, int depth) {
        if (depth > MAX_DEPTH) throw new Malformed("charstring subroutines nest deeper than " + MAX_DEPTH);
        int slot = ((index + subrs.end) * 0x9E3779B1) >>> 22;
        byte[] b = subrCode[slot];
        if (b != null && subrIndex[slot] == index && subrOwner[slot] == subrs) return execute(b, b.length, depth);
        int start = subrs.start(index), length = subrs.end(index) - start;
        if (length > 65535) throw new Malformed("subroutine of " + length + " bytes is longer than 65535");
        if (length > SUBR_MAX_BYTES) return execute(copy(start, length, depth), length, depth);
        b = new byte[length];
        data.copy(start, b, length);
        subrCode[slot] = b;
        subrIndex[slot] = index;
        subrOwner[slot] = subrs;
        return execute(b, length, depth);
    }

    private void flex(int op) {
        float[] s = stack;
        switch (op) {
            case FLEX -> {
                need(12);
                curve(s[0], s[1], s[2], s[3], s[4], s[5]);
                curve(s[6], s[7], s[8], s[9], s[10], s[11]);
            }
            case HFLEX -> {
                need(7);
                curve(s[0], 0, s[1], s[2], s[3], 0);
                curve(s[4], 0, s[5], -s[2], s[6], 0);
            }
            case HFLEX1 -> {
                need(9);
                float y0 = y;
                curve(s[0], s[1], s[2], s[3], s[4], 0);
                float dy5 = s[7];
                curve(s[5], 0, s[6], dy5, s[8], y0 - (y + dy5));
            }
            case FLEX1 -> {
                need(11);
                float dx = s[0] + s[2] + s[4] + s[6] + s[8];
                float dy = s[1] + s[3] + s[5] + s[7] + s[9];
                curve(s[0], s[1], s[2], s[3], s[4], s[5]);
                if (Math.abs(dx) > Math.abs(dy)) curve(s[6], s[7], s[8], s[9], s[10], -dy);
                else curve(s[6], s[7], s[8], s[9], -dx, s[10]);
            }
            default -> throw new Malformed("charstring operator 12 " + op + " is not supported");
        }
    }

    private void need(int n) {
        if (sp < n) throw new Malformed("charstring operator needs " + n + " operands, has " + sp);
    }

    /** The first stack-clearing operator may carry the advance width as an extra first operand: drop it. */
    private void width(boolean extra) {
        if (!widthSeen && extra && sp > 0) {
            System.arraycopy(stack, 1, stack, 0, sp - 1);
            sp--;
        }
        widthSeen = true;
    }

    private void moveTo(float nx, float ny) {
        if (open) sink.close();
        x = nx;
        y = ny;
        sink.moveTo(x, y);
        open = true;
    }

    /** Small enough (under 35 bytes of bytecode) for C1 to compile in line: the path is open but before its first line. */
    private void lineTo(float nx, float ny) {
        if (!open) openHere();
        x = nx;
        y = ny;
        sink.lineTo(nx, ny);
    }

    private void openHere() {
        moveTo(x, y);
    }

    /** A cubic given as three relative steps: to the first control point, to the second, to the end. */
    private void curve(float dx1, float dy1, float dx2, float dy2, float dx3, float dy3) {
        if (!open) moveTo(x, y);
        float x1 = x + dx1, y1 = y + dy1;
        float x2 = x1 + dx2, y2 = y1 + dy2;
        x = x2 + dx3;
        y = y2 + dy3;
        sink.curveTo(x1, y1, x2, y2, x, y);
    }
}
