package newsstand.fonts;

/** Compares two glyph bitmaps aligned on their ink boxes: IoU at 50% and ink-only mean absolute error. */
final class Compare {
    double iou;
    double inkMae;

    static Compare of(GlyphBitmap a, GlyphBitmap b) {
        int[] ba = inkBox(a), bb = inkBox(b);
        Compare best = null;
        if (ba == null || bb == null) {
            Compare c = new Compare();
            c.iou = (ba == null && bb == null) ? 1 : 0;
            c.inkMae = (ba == null && bb == null) ? 0 : 255;
            return c;
        }
        // Align the ink boxes' top-left corners, then allow one pixel either way for rounding of the boxes.
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                Compare c = compare(a, b, ba[0] - bb[0] + dx, ba[1] - bb[1] + dy);
                if (best == null || c.iou > best.iou || (c.iou == best.iou && c.inkMae < best.inkMae)) best = c;
            }
        }
        return best;
    }

    /** b's pixel (x, y) lies over a's pixel (x + ox, y + oy). */
    private static Compare compare(GlyphBitmap a, GlyphBitmap b, int ox, int oy) {
        int minX = Math.min(0, -ox), minY = Math.min(0, -oy);
        int maxX = Math.max(a.width(), b.width() - ox), maxY = Math.max(a.height(), b.height() - oy);
        long inter = 0, union = 0, diff = 0, ink = 0;
        for (int y = minY; y < maxY; y++) {
            for (int x = minX; x < maxX; x++) {
                int va = at(a, x, y), vb = at(b, x - ox, y - oy);
                boolean ia = va >= 128, ib = vb >= 128;
                if (ia && ib) inter++;
                if (ia || ib) union++;
                if (va != 0 || vb != 0) {
                    ink++;
                    diff += Math.abs(va - vb);
                }
            }
        }
        Compare c = new Compare();
        c.iou = union == 0 ? 1 : (double) inter / union;
        c.inkMae = ink == 0 ? 0 : (double) diff / ink;
        return c;
    }

    private static int at(GlyphBitmap g, int x, int y) {
        return x < 0 || y < 0 || x >= g.width() || y >= g.height() ? 0 : g.at(x, y);
    }

    private static int[] inkBox(GlyphBitmap g) {
        int x0 = Integer.MAX_VALUE, y0 = Integer.MAX_VALUE;
        boolean any = false;
        for (int y = 0; y < g.height(); y++) {
            for (int x = 0; x < g.width(); x++) {
                if (g.at(x, y) != 0) {
                    any = true;
                    x0 = Math.min(x0, x);
                    y0 = Math.min(y0, y);
                }
            }
        }
        return any ? new int[] {x0, y0} : null;
    }
}
