package newsstand.fonts.typeset;

/**
 * One typeset line: its text, its glyphs (packed by {@link Typeface#glyph}), each glyph's pen position in pixels
 * from the start of the column along the line (down the column when set vertically), which glyphs are turned
 * sideways (Latin in a vertical line), and the length the line fills. A justified line fills the whole measure; gap
 * is the most space justification added between two characters (pixels, 0 when none).
 */
public record SetLine(String text, int[] glyphs, float[] x, boolean[] sideways, float width, boolean justified, float gap) {
    public SetLine(String text, int[] glyphs, float[] x, boolean[] sideways, float width, boolean justified) {
        this(text, glyphs, x, sideways, width, justified, 0);
    }
}
