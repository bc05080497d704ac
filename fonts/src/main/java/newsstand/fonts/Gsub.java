package newsstand.fonts;

import java.util.ArrayList;
import java.util.List;

/**
 * The single substitutions of one GSUB feature, such as 'vert' (the vertical forms of punctuation and brackets):
 * lookup types 1 (formats 1 and 2) and 7 (extension) only, read from the mapped file on each call. Only the offsets
 * of the substitution subtables are held.
 */
final class Gsub {
    private static final int MAX_SUBTABLES = 256;

    private final FontData data;
    private final int[] subtables;

    private Gsub(FontData data, int[] subtables) {
        this.data = data;
        this.subtables = subtables;
    }

    /** The single substitutions of the feature with this tag in every script, or null when the font has none. */
    static Gsub feature(FontData data, int gsub, String tag) {
        if (gsub < 0) return null;
        int features = gsub + data.u16(gsub + 6);
        int lookups = gsub + data.u16(gsub + 8);
        int lookupCount = data.u16(lookups);
        List<Integer> lookupIndices = new ArrayList<>();
        int featureCount = data.u16(features);
        for (int f = 0; f < featureCount; f++) {
            int record = features + 2 + 6 * f;
            if (!data.tag(record).equals(tag)) continue;
            int feature = features + data.u16(record + 4);
            int n = data.u16(feature + 2);
            for (int k = 0; k < n; k++) {
                int index = data.u16(feature + 4 + 2 * k);
                if (index < lookupCount && !lookupIndices.contains(index)) lookupIndices.add(index);
            }
        }
        List<Integer> found = new ArrayList<>();
        for (int index : lookupIndices) {
            int lookup = lookups + data.u16(lookups + 2 + 2 * index);
            int type = data.u16(lookup);
            int count = data.u16(lookup + 4);
            for (int s = 0; s < count && found.size() < MAX_SUBTABLES; s++) {
                int sub = lookup + data.u16(lookup + 6 + 2 * s);
                if (type == 7 && data.u16(sub) == 1 && data.u16(sub + 2) == 1) {
                    found.add(sub + data.u32(sub + 4));
                } else if (type == 1) {
                    found.add(sub);
                }
            }
        }
        if (found.isEmpty()) return null;
        return new Gsub(data, found.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The substitute for a glyph, or the glyph itself. */
    int substitute(int glyph) {
        for (int sub : subtables) {
            int format = data.u16(sub);
            int index = coverage(sub + data.u16(sub + 2), glyph);
            if (index < 0) continue;
            if (format == 1) return (glyph + data.s16(sub + 4)) & 0xFFFF;
            if (format == 2 && index < data.u16(sub + 4)) return data.u16(sub + 6 + 2 * index);
        }
        return glyph;
    }

    /** The glyph's index in a coverage table (formats 1 and 2, binary search), or -1. */
    private int coverage(int table, int glyph) {
        int format = data.u16(table);
        int count = data.u16(table + 2);
        int lo = 0, hi = count - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (format == 1) {
                int g = data.u16(table + 4 + 2 * mid);
                if (g == glyph) return mid;
                if (g < glyph) lo = mid + 1;
                else hi = mid - 1;
            } else if (format == 2) {
                int r = table + 4 + 6 * mid;
                int start = data.u16(r), end = data.u16(r + 2);
                if (glyph < start) hi = mid - 1;
                else if (glyph > end) lo = mid + 1;
                else return data.u16(r + 4) + glyph - start;
            } else {
                return -1;
            }
        }
        return -1;
    }
}
