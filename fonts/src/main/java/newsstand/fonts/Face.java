package newsstand.fonts;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One face of a font file: its metrics, its character map and its outlines, all read on demand from the mapped
 * file. A face's outline decoder reuses its buffers, so a face is rendered from one thread at a time.
 */
public final class Face {
    private static final AtomicInteger IDS = new AtomicInteger();

    private final int id = IDS.incrementAndGet();
    private final String source;
    private final List<String> families;
    private final int weight;
    private final boolean trueTypeOutlines;
    private final int unitsPerEm;
    private final Hhea hhea;
    private final Hmtx hmtx;
    private final Cmap cmap;
    private final Glyf glyf;
    private final Cff cff;
    private final Eblc embedded;
    private final int numGlyphs;
    private final FontData data;
    private final Gsub vert;
    private final Gsub fwid;
    private final Hmtx vmtx;
    private final int vorg;

    Face(FontData data, int offset, String source) {
        this.source = source;
        TableDirectory dir = new TableDirectory(data, offset);
        Head head = new Head(data, dir.require("head"));
        unitsPerEm = head.unitsPerEm;
        int maxp = dir.require("maxp");
        numGlyphs = data.u16(maxp + 4);
        if (numGlyphs == 0) throw new Malformed("maxp.numGlyphs is 0");
        hhea = new Hhea(data, dir.require("hhea"));
        hmtx = new Hmtx(data, dir.require("hmtx"), Math.min(hhea.numberOfHMetrics, numGlyphs));
        cmap = new Cmap(data, dir.require("cmap"), numGlyphs);
        families = Name.families(data, dir.offset("name"));
        weight = Os2.weight(data, dir.offset("OS/2"));
        trueTypeOutlines = dir.offset("glyf") >= 0;
        glyf = trueTypeOutlines
                ? new Glyf(data, dir.offset("glyf"), dir.length("glyf"), dir.require("loca"), dir.length("loca"),
                        head.indexToLocFormat == 1, numGlyphs)
                : null;
        cff = trueTypeOutlines ? null : new Cff(data, dir.require("CFF "), numGlyphs);
        Eblc strikes = null;
        if (dir.offset("EBLC") >= 0 && dir.offset("EBDT") >= 0) {
            try {
                strikes = new Eblc(data, dir.offset("EBLC"), dir.offset("EBDT"));
            } catch (Malformed e) {
                org.tinylog.Logger.warn("{}: embedded bitmaps ignored: {}", source, e.getMessage());
            }
        }
        embedded = strikes;
        this.data = data;
        vert = optional("GSUB 'vert'", () -> Gsub.feature(data, dir.offset("GSUB"), "vert"));
        fwid = optional("GSUB 'fwid'", () -> Gsub.feature(data, dir.offset("GSUB"), "fwid"));
        int vhea = dir.offset("vhea");
        vmtx = vhea >= 0 && dir.offset("vmtx") >= 0
                ? optional("vmtx", () -> new Hmtx(data, dir.offset("vmtx"), Math.min(data.u16(vhea + 34), numGlyphs)))
                : null;
        vorg = dir.offset("VORG");
    }

    /** A table only vertical setting needs: when broken, logged and done without. */
    private <T> T optional(String what, java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            org.tinylog.Logger.warn("{}: {} ignored: {}", source, what, e.getMessage());
            return null;
        }
    }

    /** A number unique to this face in this process, for cache keys. */
    int id() { return id; }

    /** The file and face this came from, for log lines and messages. */
    public String source() { return source; }

    /** The family name, English where the font gives one. */
    public String family() { return families.isEmpty() ? "(unnamed)" : families.get(0); }

    /** Every family name the face gives, in every language. */
    public List<String> familyNames() { return families; }

    /** The OS/2 weight class: 400 regular, 700 bold. */
    public int weight() { return weight; }

    /** True when the outlines are TrueType (glyf); false for CFF (Type 2 charstrings). */
    public boolean hasTrueTypeOutlines() { return trueTypeOutlines; }

    public int unitsPerEm() { return unitsPerEm; }

    public int ascender() { return hhea.ascender; }

    public int descender() { return hhea.descender; }

    public int lineGap() { return hhea.lineGap; }

    public int glyphCount() { return numGlyphs; }

    /** The glyph for a code point, or 0 (the font's missing-glyph box) when the face has none. */
    public int glyph(int codePoint) {
        try {
            return cmap.glyph(codePoint);
        } catch (RuntimeException e) {
            return 0; // a broken cmap entry: the character shows as the missing box
        }
    }

    /** The glyph for a variation sequence (base character and selector), the base glyph when the font has none. */
    public int glyph(int codePoint, int selector) {
        try {
            return cmap.glyph(codePoint, selector);
        } catch (RuntimeException e) {
            return glyph(codePoint);
        }
    }

    Cmap cmap() { return cmap; }

    /** The advance width in font units. */
    public int advance(int glyph) {
        try {
            return hmtx.advance(glyph);
        } catch (RuntimeException e) {
            return unitsPerEm / 2;
        }
    }

    /** The advance width at a size given as pixels per em. */
    public float advance(int glyph, float px) {
        return advance(glyph) * px / unitsPerEm;
    }

    /** The glyph's vertical form (GSUB 'vert': rotated brackets, corner-set commas), or the glyph itself. */
    public int verticalGlyph(int glyph) {
        try {
            return vert == null ? glyph : vert.substitute(glyph);
        } catch (RuntimeException e) {
            return glyph;
        }
    }

    /**
     * The glyph's full-width form (GSUB 'fwid'), or the glyph itself: Noto CJK's default em dash is a proportional
     * one, 0.89 em wide and set low for Latin text; its full-width form fills the em and sits on the CJK centre.
     */
    public int fullWidthGlyph(int glyph) {
        try {
            return fwid == null ? glyph : fwid.substitute(glyph);
        } catch (RuntimeException e) {
            return glyph;
        }
    }

    /** The advance down a vertical line, at a size in pixels per em: 'vmtx', else one em. */
    public float verticalAdvance(int glyph, float px) {
        try {
            return (vmtx == null ? unitsPerEm : vmtx.advance(glyph)) * px / unitsPerEm;
        } catch (RuntimeException e) {
            return px;
        }
    }

    /**
     * How far below the top of a glyph's vertical advance its baseline lies, in pixels: 'VORG', else the top side
     * bearing of 'vmtx' above the glyph's box, else the ideographic em box centred on the hhea ascent and descent.
     */
    public float verticalOrigin(int glyph, float px) {
        float scale = px / unitsPerEm;
        try {
            if (vorg >= 0) {
                int count = data.u16(vorg + 6);
                int lo = 0, hi = count - 1;
                while (lo <= hi) {
                    int mid = (lo + hi) >>> 1;
                    int g = data.u16(vorg + 8 + 4 * mid);
                    if (g == glyph) return data.s16(vorg + 10 + 4 * mid) * scale;
                    if (g < glyph) lo = mid + 1;
                    else hi = mid - 1;
                }
                return data.s16(vorg + 4) * scale;
            }
            int[] box = recordedBox(glyph);
            if (vmtx != null && box != null) return (box[3] + vmtx.sideBearing(glyph)) * scale;
        } catch (RuntimeException e) {
            // fall through to the em box
        }
        int span = hhea.ascender - hhea.descender;
        return span <= 0 ? 0.88f * px : (float) hhea.ascender * unitsPerEm / span * scale;
    }

    /**
     * Whether a mark's ink leaves half its advance blank: 1 when the ink keeps to the first half (left, or upper
     * when vertical), so that the second half can go; -1 when it keeps to the second half; 0 otherwise (a centred
     * mark, as Traditional Chinese faces set their commas, must keep its whole width).
     */
    public int blankHalf(int glyph, boolean vertical) {
        Outline o = new Outline();
        try {
            outline(glyph, o);
        } catch (RuntimeException e) {
            return 0;
        }
        if (o.isEmpty()) return 0;
        float slack = 0.05f * unitsPerEm;
        if (!vertical) {
            float mid = advance(glyph) / 2f;
            return o.xMax <= mid + slack ? 1 : o.xMin >= mid - slack ? -1 : 0;
        }
        float top = verticalOrigin(glyph, unitsPerEm), mid = top - verticalAdvance(glyph, unitsPerEm) / 2;
        return o.yMin >= mid - slack ? 1 : o.yMax <= mid + slack ? -1 : 0;
    }

    /** The glyph from a hand-made 1-bit strike at exactly px pixels per em, or null when the font has none. */
    GlyphBitmap embedded(int glyph, int px) {
        if (embedded == null) return null;
        return embedded.bitmap(glyph, px, advance(glyph, px));
    }

    void outline(int glyph, OutlineSink sink) {
        if (glyf != null) glyf.outline(glyph, sink);
        else cff.outline(glyph, sink);
    }

    /** The glyph's box as the glyf header records it (xMin, yMin, xMax, yMax), or null for an empty glyph. */
    int[] recordedBox(int glyph) {
        Glyf g = glyf;
        if (g == null) return null;
        return g.box(glyph);
    }

    @Override
    public String toString() { return family() + " (" + source + ")"; }
}
