package newsstand.fonts;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.tinylog.Logger;

/**
 * Rasterizes glyphs and keeps the most recently used ones, within a bound in bytes. A glyph whose outline is
 * broken is logged once and drawn as a missing-glyph box, so one bad glyph never costs a page. One thread.
 */
public final class GlyphCache {
    private final long maxBytes;
    private final int depth;
    /** Sized for a page: a newspaper page has a thousand or more distinct glyphs. */
    private final LinkedHashMap<Long, GlyphBitmap> map = new LinkedHashMap<>(2048, 0.75f, true);
    private final Outline outline = new Outline();
    private final Rasterizer rasterizer = new Rasterizer();
    private final Set<Long> reported = new HashSet<>();
    /** Sizes up to this are drawn on a canvas around the pen (an int buffer of about 4 px^2: 270 KB at 128 px). */
    static final int CANVAS_MAX_PX = 128;
    private long bytes;
    private long hits;
    private long misses;
    private long evictions;

    /** A cache of 8-bit coverage. */
    public GlyphCache(long maxBytes) {
        this(maxBytes, 8);
    }

    /**
     * @param depth bits per pixel of the coverage kept: 8, 4 for a 16-grey panel, 1 for a black-and-white one
     *              (then thin strokes are kept black, see Threshold)
     */
    public GlyphCache(long maxBytes, int depth) {
        if (maxBytes < 4096) throw new IllegalArgumentException("glyph cache size must be at least 4096 bytes, was " + maxBytes);
        if (depth != 8 && depth != 4 && depth != 1) throw new IllegalArgumentException("glyph depth must be 8, 4 or 1 bits, was " + depth);
        this.maxBytes = maxBytes;
        this.depth = depth;
    }

    /** Bits per pixel of the glyphs this cache hands out. */
    public int depth() { return depth; }

    /** The glyph at a size in pixels per em (1 to 1023), rasterized on a miss; bold thickens the strokes. */
    public GlyphBitmap glyph(Face face, int glyph, int px, boolean bold) {
        return lookup(face, glyph, px, bold, false);
    }

    /** The glyph turned a quarter clockwise, its offsets measured from the pen on a vertical line's baseline. */
    public GlyphBitmap turned(Face face, int glyph, int px, boolean bold) {
        return lookup(face, glyph, px, bold, true);
    }

    private GlyphBitmap lookup(Face face, int glyph, int px, boolean bold, boolean turned) {
        if (px < 1 || px > 1023) throw new IllegalArgumentException("glyph size must be 1 to 1023 px, was " + px);
        // Boxed once for the look-up and the insertion.
        Long key = ((long) face.id() << 28) | ((long) px << 18) | ((bold ? 1L : 0L) << 17) | ((turned ? 1L : 0L) << 16)
                | (glyph & 0xFFFF);
        GlyphBitmap bitmap = map.get(key);
        if (bitmap != null) {
            hits++;
            return bitmap;
        }
        misses++;
        bitmap = render(face, glyph, px, bold, key);
        if (turned) bitmap = bitmap.depth() == 8 ? bitmap.turned() : bitmap.unpacked().turned();
        if (bitmap.depth() != depth) bitmap = bitmap.packed(depth);
        map.put(key, bitmap);
        bytes += bitmap.bytes();
        while (bytes > maxBytes && map.size() > 1) {
            Map.Entry<Long, GlyphBitmap> eldest = map.entrySet().iterator().next();
            bytes -= eldest.getValue().bytes();
            map.remove(eldest.getKey());
            evictions++;
        }
        return bitmap;
    }

    private GlyphBitmap render(Face face, int glyph, int px, boolean bold, long key) {
        float advance = face.advance(glyph, px);
        try {
            // For a black-and-white panel a hand-made strike at exactly this size beats any thresholded outline.
            if (depth == 1 && !bold) {
                GlyphBitmap strike = face.embedded(glyph, px);
                if (strike != null) return strike;
            }
            GlyphBitmap bitmap = draw(face, glyph, px, advance);
            return bold ? embolden(bitmap, px) : bitmap;
        } catch (RuntimeException e) {
            rasterizer.abandon();
            // Malformed, or an index or size the checks missed: the glyph fails alone, shown as the missing box.
            if (reported.add(key & ~(0x3FFL << 18))) {
                Logger.warn("glyph {} of {} is broken, drawn as a box: {}", glyph, face.source(), e.getMessage());
            }
            return missingBox(face, px, advance);
        }
    }

    /**
     * Rasterizes a glyph while its outline is decoded, on a canvas of twice the size around the pen; a glyph that
     * leaves that canvas (or a size above {@link #CANVAS_MAX_PX}) is decoded again into a recorded outline and drawn
     * on a canvas of exactly its size.
     */
    private GlyphBitmap draw(Face face, int glyph, int px, float advance) {
        float scale = (float) px / face.unitsPerEm();
        boolean drawn = false;
        if (px <= CANVAS_MAX_PX) {
            rasterizer.beginAroundPen(scale, px);
            face.outline(glyph, rasterizer);
            drawn = rasterizer.end();
        }
        if (!drawn) {
            outline.reset();
            face.outline(glyph, outline);
            if (outline.isEmpty()) return new GlyphBitmap(0, 0, 0, 0, advance, new byte[0]);
            if (!rasterizer.draw(outline, scale)) throw new Malformed("glyph outline does not fit its own box");
        } else if (rasterizer.isEmpty()) {
            return new GlyphBitmap(0, 0, 0, 0, advance, new byte[0]);
        }
        int left = rasterizer.left(), top = rasterizer.top();
        int w = rasterizer.right() - left, h = rasterizer.bottom() - top;
        byte[] coverage = new byte[w * h];
        rasterizer.coverage(coverage);
        return new GlyphBitmap(left - rasterizer.originX(), rasterizer.originY() - top, w, h, advance, coverage);
    }

    /** Thickens strokes by spreading coverage right and down, for faces without a bold weight. */
    static GlyphBitmap embolden(GlyphBitmap g, int px) {
        int sx = Math.max(1, Math.round(px / 28f));
        int sy = Math.max(0, Math.round(px / 48f));
        int w = g.width() + sx;
        int h = g.height() + sy;
        byte[] out = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int best = 0;
                for (int yy = Math.max(0, y - sy); yy <= Math.min(g.height() - 1, y); yy++) {
                    for (int xx = Math.max(0, x - sx); xx <= Math.min(g.width() - 1, x); xx++) {
                        best = Math.max(best, g.coverage()[yy * g.width() + xx] & 0xFF);
                    }
                }
                out[y * w + x] = (byte) best;
            }
        }
        return new GlyphBitmap(g.left(), g.top(), w, h, g.advance() + sx, out);
    }

    /** A visible hollow box, the missing-glyph mark for broken glyphs. */
    static GlyphBitmap missingBox(Face face, int px, float advance) {
        int w = Math.max(3, Math.round(px * 0.6f));
        int h = Math.max(3, Math.round(px * 0.75f));
        int t = Math.max(1, px / 16);
        byte[] c = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (x < t || y < t || x >= w - t || y >= h - t) c[y * w + x] = (byte) 255;
            }
        }
        return new GlyphBitmap(Math.max(0, Math.round((advance - w) / 2)), h, w, h, Math.max(advance, w), c);
    }

    /** How many glyphs the cache holds now. */
    public int size() { return map.size(); }

    public long hits() { return hits; }

    public long misses() { return misses; }

    public long evictions() { return evictions; }

    /** Bytes the cached bitmaps hold now; never above the bound (but for one glyph larger than it). */
    public long bytes() { return bytes; }

    public long maxBytes() { return maxBytes; }
}
