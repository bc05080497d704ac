package newsstand.fonts;

/**
 * A CFF DICT, read once into operator to operands; only the operators the kiosk needs are kept. Two-byte operators
 * are stored as 1200 + the second byte (12 30 is ROS = 1230).
 */
final class CffDict {
    static final int CHARSET = 15;
    static final int CHARSTRINGS = 17;
    static final int PRIVATE = 18;
    static final int SUBRS = 19;
    static final int DEFAULT_WIDTH = 20;
    static final int NOMINAL_WIDTH = 21;
    static final int CHARSTRING_TYPE = 1206;
    static final int ROS = 1230;
    static final int FD_ARRAY = 1236;
    static final int FD_SELECT = 1237;

    private static final int[] KEPT = {CHARSET, CHARSTRINGS, PRIVATE, SUBRS, DEFAULT_WIDTH, NOMINAL_WIDTH, CHARSTRING_TYPE, ROS, FD_ARRAY, FD_SELECT};
    private final double[][] values = new double[KEPT.length][];

    CffDict(FontData data, int start, int end) {
        double[] operands = new double[48];
        int n = 0;
        int p = start;
        while (p < end) {
            int b0 = data.u8(p);
            if (b0 <= 21) {
                int op = b0;
                p++;
                if (b0 == 12) {
                    op = 1200 + data.u8(p);
                    p++;
                }
                for (int k = 0; k < KEPT.length; k++) {
                    if (KEPT[k] == op) values[k] = java.util.Arrays.copyOf(operands, n);
                }
                n = 0;
                continue;
            }
            if (n == operands.length) throw new Malformed("CFF DICT has more than 48 operands before an operator");
            if (b0 == 28) {
                operands[n++] = data.s16(p + 1);
                p += 3;
            } else if (b0 == 29) {
                operands[n++] = data.s32(p + 1);
                p += 5;
            } else if (b0 == 30) {
                p = real(data, p + 1, end, operands, n++);
            } else if (b0 >= 32 && b0 <= 246) {
                operands[n++] = b0 - 139;
                p++;
            } else if (b0 >= 247 && b0 <= 250) {
                operands[n++] = (b0 - 247) * 256 + data.u8(p + 1) + 108;
                p += 2;
            } else if (b0 >= 251 && b0 <= 254) {
                operands[n++] = -(b0 - 251) * 256 - data.u8(p + 1) - 108;
                p += 2;
            } else {
                throw new Malformed("CFF DICT byte " + b0 + " is reserved");
            }
        }
    }

    /** A real number: nibbles of digits, point, exponent and sign, ended by 0xf. Returns the offset after it. */
    private static int real(FontData data, int p, int end, double[] operands, int at) {
        StringBuilder s = new StringBuilder();
        while (p < end) {
            int b = data.u8(p++);
            for (int nibble : new int[] {b >> 4, b & 0xF}) {
                switch (nibble) {
                    case 0xA -> s.append('.');
                    case 0xB -> s.append('E');
                    case 0xC -> s.append("E-");
                    case 0xE -> s.append('-');
                    case 0xF -> {
                        operands[at] = parse(s);
                        return p;
                    }
                    case 0xD -> throw new Malformed("CFF DICT real number has a reserved nibble");
                    default -> s.append((char) ('0' + nibble));
                }
            }
            if (s.length() > 64) throw new Malformed("CFF DICT real number is too long");
        }
        throw new Malformed("CFF DICT real number is not terminated");
    }

    private static double parse(StringBuilder s) {
        try {
            return s.length() == 0 ? 0 : Double.parseDouble(s.toString());
        } catch (NumberFormatException e) {
            throw new Malformed("CFF DICT real number '" + s + "' is malformed");
        }
    }

    boolean has(int op) {
        return get(op) != null;
    }

    private double[] get(int op) {
        for (int k = 0; k < KEPT.length; k++) if (KEPT[k] == op) return values[k];
        return null;
    }

    /** The i-th operand of an operator, or the default when the operator is absent. */
    double number(int op, int i, double defaultValue) {
        double[] v = get(op);
        if (v == null) return defaultValue;
        if (i >= v.length) throw new Malformed("CFF DICT operator " + op + " has " + v.length + " operands, needs " + (i + 1));
        return v[i];
    }

    int offset(int op, int i, String what) {
        double v = number(op, i, -1);
        if (v < 0 || v > Integer.MAX_VALUE || v != Math.floor(v)) throw new Malformed("CFF " + what + " is " + v);
        return (int) v;
    }
}
