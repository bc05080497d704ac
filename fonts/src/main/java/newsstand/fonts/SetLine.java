package newsstand.fonts;

/**
 * One typeset line: its text, its glyphs (packed by {@link Typeface#glyph}) and each glyph's pen position in pixels
 * from the start of the column, and the width it fills. A justified line fills the whole measure.
 */
public record SetLine(String text, int[] glyphs, float[] x, float width, boolean justified) {
}
