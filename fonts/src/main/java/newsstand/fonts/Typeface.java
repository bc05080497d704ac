package newsstand.fonts;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tinylog.Logger;

/**
 * A chain of faces used as one style of type: each character comes from the first face that has it (a CJK face,
 * then a Latin face), and a character none has is drawn as the first face's missing-glyph box and logged once.
 * Glyphs are handed around packed as (face index << 16 | glyph id).
 */
public final class Typeface {
    private static final int MAX_REPORTED = 1000;

    private final List<Face> faces;
    private final boolean synthesizeBold;
    private final Set<Integer> reported = new HashSet<>();
    private final java.util.Map<Integer, Integer> blankHalves = new java.util.HashMap<>();

    /** @param synthesizeBold whether strokes are thickened when drawn (a bold style with no bold face) */
    public Typeface(List<Face> faces, boolean synthesizeBold) {
        if (faces.isEmpty() || faces.size() > 255) throw new IllegalArgumentException("a typeface needs 1 to 255 faces, got " + faces.size());
        this.faces = List.copyOf(faces);
        this.synthesizeBold = synthesizeBold;
    }

    public Typeface(Face face) {
        this(List.of(face), false);
    }

    public List<Face> faces() { return faces; }

    public Face primary() { return faces.get(0); }

    public boolean synthesizeBold() { return synthesizeBold; }

    /** The packed glyph for a code point. */
    public int glyph(int codePoint) {
        for (int i = 0; i < faces.size(); i++) {
            int g = faces.get(i).glyph(codePoint);
            if (g != 0) return (i << 16) | g;
        }
        if (!Character.isWhitespace(codePoint) && reported.size() < MAX_REPORTED && reported.add(codePoint)) {
            Logger.warn("no font has U+{} '{}'; drawn as a box", String.format("%04X", codePoint), new String(Character.toChars(codePoint)));
        }
        return 0;
    }

    /** A glyph that draws nothing and takes no room: a variation selector, folded into the glyph before it. */
    public static final int NONE = -1;

    /** The packed glyph for a variation sequence, from the first face that has the base character. */
    public int glyph(int codePoint, int selector) {
        int packed = glyph(codePoint);
        return packed == 0 ? 0 : (packed & 0xFFFF0000) | face(packed).glyph(codePoint, selector);
    }

    public Face face(int packed) {
        return faces.get(packed >>> 16);
    }

    public static int glyphId(int packed) {
        return packed & 0xFFFF;
    }

    public float advance(int packed, float px) {
        return packed == NONE ? 0 : face(packed).advance(glyphId(packed), px);
    }

    /**
     * The packed glyph text is set with for a code point followed by next (a variation selector, or any other code
     * point, or 0): the variation sequence's glyph, and the em dash full width and centred as Chinese marks are (a
     * 破折号 is two ems, one rule).
     */
    public int textGlyph(int codePoint, int next) {
        int g = Cmap.isSelector(next) ? glyph(codePoint, next) : glyph(codePoint);
        return codePoint == '—' ? fullWidthGlyph(g) : g;
    }

    /** The packed glyph's full-width form, from its own face (the em dashes of Chinese text). */
    private int fullWidthGlyph(int packed) {
        if (packed == NONE || packed == 0) return packed;
        return (packed & 0xFFFF0000) | face(packed).fullWidthGlyph(glyphId(packed));
    }

    /** Marks and their Unicode vertical presentation forms, for faces with no 'vert' feature. */
    private static final String HORIZONTAL_FORMS = "，、。：；！？〖〗…—–（）｛｝〔〕【】《》〈〉「」『』［］“”‘’";
    private static final String VERTICAL_FORMS = "︐︑︒︓︔︕︖︗︘︙︱︲︵︶︷︸︹︺︻︼︽︾︿﹀﹁﹂﹃﹄﹇﹈﹁﹂﹃﹄";

    /**
     * The packed glyph to set upright in a vertical line: the face's vertical form (GSUB 'vert'), else the Unicode
     * vertical presentation form when a face has it, else the glyph itself.
     */
    public int verticalGlyph(int codePoint, int packed) {
        if (packed == NONE) return packed;
        int id = glyphId(packed);
        int vertical = face(packed).verticalGlyph(id);
        if (vertical != id) return (packed & 0xFFFF0000) | vertical;
        int form = HORIZONTAL_FORMS.indexOf(codePoint);
        if (form < 0) return packed;
        for (int i = 0; i < faces.size(); i++) {
            int g = faces.get(i).glyph(VERTICAL_FORMS.charAt(form));
            if (g != 0) return (i << 16) | g;
        }
        return packed;
    }

    /** {@link Face#blankHalf} of a packed glyph, remembered (a paragraph asks for the same marks again and again). */
    public int blankHalf(int packed, boolean vertical) {
        if (packed == NONE) return 0;
        int key = vertical ? ~packed : packed;
        Integer known = blankHalves.get(key);
        if (known != null) return known;
        int half = face(packed).blankHalf(glyphId(packed), vertical);
        if (blankHalves.size() < 4096) blankHalves.put(key, half);
        return half;
    }

    /** The advance down a vertical line. */
    public float verticalAdvance(int packed, float px) {
        return packed == NONE ? 0 : face(packed).verticalAdvance(glyphId(packed), px);
    }

    /** How far below the top of its vertical advance an upright glyph's baseline lies. */
    public float verticalOrigin(int packed, float px) {
        return face(packed).verticalOrigin(glyphId(packed), px);
    }

    /** The packed glyph's bitmap at a size, through a cache. */
    public GlyphBitmap bitmap(GlyphCache cache, int packed, int px) {
        return cache.glyph(face(packed), glyphId(packed), px, synthesizeBold);
    }

    /** The packed glyph's bitmap turned a quarter clockwise (Latin in a vertical line), through a cache. */
    public GlyphBitmap turnedBitmap(GlyphCache cache, int packed, int px) {
        return cache.turned(face(packed), glyphId(packed), px, synthesizeBold);
    }

    /** Whether a code point is a variation selector (it chooses the glyph of the character before it). */
    public static boolean isVariationSelector(int codePoint) {
        return Cmap.isSelector(codePoint);
    }

    @Override
    public String toString() {
        return faces.stream().map(Face::family).reduce((a, b) -> a + " > " + b).orElse("") + (synthesizeBold ? " (synthetic bold)" : "");
    }
}
