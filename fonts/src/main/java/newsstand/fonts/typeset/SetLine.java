package newsstand.fonts.typeset;

/**
 * One typeset line: its text, its glyphs (packed by {@link Typeface#glyph}), each glyph's pen position in pixels
 * from the start of the column along the line (down the column when set vertically), which glyphs are turned
 * sideways (Latin in a vertical line), and the length the line fills. A justified line fills the whole measure.
 */
public record SetLine(String text, int[] glyphs, float[] x, boolean[] sideways, float width, boolean justified) {
}
