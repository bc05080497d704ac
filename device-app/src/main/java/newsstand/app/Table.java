package newsstand.app;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A table for the operator's terminal: each column as wide as its widest cell, at most its cap, a longer cell cut
 * with an ellipsis, so that a long value never shifts the columns after it. Widths count terminal cells (a CJK
 * character takes two); the last column is never cut or padded. A missing value prints as "-".
 */
final class Table {
    private final String[] headers;
    private final int[] caps;
    private final List<String[]> rows = new ArrayList<>();

    /** caps: the widest each column may be, in terminal cells (the last column's is not used). */
    Table(String[] headers, int[] caps) {
        if (headers.length != caps.length) throw new IllegalArgumentException(headers.length + " headers, " + caps.length + " caps");
        this.headers = headers.clone();
        this.caps = caps.clone();
    }

    void add(String... cells) {
        if (cells.length != headers.length) throw new IllegalArgumentException(cells.length + " cells for " + headers.length + " columns");
        String[] row = new String[cells.length];
        for (int c = 0; c < cells.length; c++) {
            String s = cells[c] == null ? "-" : cells[c];
            row[c] = c == cells.length - 1 ? s : cut(s, caps[c]);
        }
        rows.add(row);
    }

    void print(PrintWriter out) {
        int[] widths = new int[headers.length];
        for (int c = 0; c < headers.length; c++) {
            widths[c] = cells(headers[c]);
            for (String[] r : rows) widths[c] = Math.max(widths[c], cells(r[c]));
        }
        line(out, headers, widths);
        for (String[] r : rows) line(out, r, widths);
    }

    private static void line(PrintWriter out, String[] row, int[] widths) {
        StringBuilder b = new StringBuilder();
        for (int c = 0; c < row.length; c++) {
            b.append(row[c]);
            if (c < row.length - 1) b.append(" ".repeat(widths[c] - cells(row[c]) + 1));
        }
        out.println(b.toString().stripTrailing());
    }

    /** The text in at most {@code max} terminal cells: cut, with an ellipsis, when longer. */
    static String cut(String s, int max) {
        if (cells(s) <= max) return s;
        StringBuilder b = new StringBuilder();
        int used = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (used + width(cp) > max - 1) break;
            b.appendCodePoint(cp);
            used += width(cp);
            i += Character.charCount(cp);
        }
        return b.append('…').toString();
    }

    /** The terminal cells a text takes. */
    static int cells(String s) {
        return s.codePoints().map(Table::width).sum();
    }

    /** Two cells for the East Asian wide and full-width ranges (CJK, kana, Hangul, full-width forms), one otherwise. */
    private static int width(int cp) {
        boolean wide = cp >= 0x1100 && cp <= 0x115F || cp >= 0x2E80 && cp <= 0xA4CF && cp != 0x303F || cp >= 0xAC00 && cp <= 0xD7A3
                || cp >= 0xF900 && cp <= 0xFAFF || cp >= 0xFE30 && cp <= 0xFE4F || cp >= 0xFF00 && cp <= 0xFF60 || cp >= 0xFFE0 && cp <= 0xFFE6
                || cp >= 0x1F300 && cp <= 0x1F64F || cp >= 0x20000 && cp <= 0x3FFFD;
        return wide ? 2 : 1;
    }
}
