package newsstand.layout;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import newsstand.display.Framebuffer;
import newsstand.fonts.FontFile;
import newsstand.fonts.GlyphCache;
import newsstand.fonts.Typeface;
import newsstand.fonts.typeset.LineBreaker;
import newsstand.fonts.typeset.SetLine;
import org.junit.jupiter.api.Test;

/** What the renderer adds to the glyphs it draws, on Noto Sans CJK SC. */
class PageRendererTest {
    static final int PX = 40;

    @Test
    void aDoubleDashIsOneUnbrokenRuleOnTheIdeographsCentre() throws Exception {
        Typeface type = notoSc("Regular");
        PageRenderer renderer = new PageRenderer(type, type, new GlyphCache(1 << 20, 4), file -> new byte[0]);
        String text = "未来——发展";

        SetLine across = new LineBreaker(type, PX, 20 * PX, 0, false).set(text).get(0);
        assertEquals(PX, across.x()[3] - across.x()[2], 0.01, "a dash of Chinese text is a full em");
        Framebuffer fb = draw(renderer, new Page.Text(10, 0, 20 * PX, 2 * PX, 60, across, PX, false, 0, 0, null, false, "body", 0));
        int from = 10 + Math.round(across.x()[2]) + PX / 2, to = 10 + Math.round(across.x()[3]) + PX / 2;
        int row = darkest(fb, from, true);
        assertEquals(0.38 * PX, 60 - row, 0.06 * PX, "the rule sits on the ideographs' centre, not low as a Latin dash");
        for (int x = from; x <= to; x++) assertTrue(fb.get(x, row) < 80, "gap in the rule at x " + x + ": grey " + fb.get(x, row));
        assertEven(fb, from, to, row, true);

        SetLine down = new LineBreaker(type, PX, 20 * PX, 0, false).vertical(true).set(text).get(0);
        fb = draw(renderer, new Page.Text(0, 10, 2 * PX, 20 * PX, PX, down, PX, false, 0, 0, null, true, "body", 0));
        from = 10 + Math.round(down.x()[2]) + PX / 2;
        to = 10 + Math.round(down.x()[3]) + PX / 2;
        int column = darkest(fb, from, false);
        assertEquals(PX, column, 0.06 * PX, "the rule runs down the column's centre");
        for (int y = from; y <= to; y++) assertTrue(fb.get(column, y) < 80, "gap in the rule at y " + y + ": grey " + fb.get(column, y));
        assertEven(fb, from, to, column, false);
    }

    @Test
    void aDashInABoldDatelineIsTheFullWidthRuleToo() throws Exception {
        Typeface regular = notoSc("Regular"), bold = notoSc("Bold");
        PageRenderer renderer = new PageRenderer(regular, bold, new GlyphCache(1 << 20, 4), file -> new byte[0]);
        // The line is set in the regular type; its first five characters are drawn bold.
        SetLine line = new LineBreaker(regular, PX, 20 * PX, 0, false).set("本报讯——发展").get(0);
        Framebuffer fb = draw(renderer, new Page.Text(10, 0, 20 * PX, 2 * PX, 60, line, PX, false, 0, 5, null, false, "body", 0));
        int from = 10 + Math.round(line.x()[3]) + PX / 2, to = 10 + Math.round(line.x()[4]) + PX / 2;
        int row = darkest(fb, from, true);
        assertEquals(0.38 * PX, 60 - row, 0.06 * PX, "the bold rule sits on the ideographs' centre");
        // Full width: the rule fills both ems, where the proportional dash would stop short of the second's end.
        int start = 10 + Math.round(line.x()[3]), end = 10 + Math.round(line.x()[4]) + PX;
        for (int x = start + 3; x <= end - 4; x++) assertTrue(fb.get(x, row) < 80, "gap in the rule at x " + x + ": grey " + fb.get(x, row));
        assertEven(fb, from, to, row, true);
    }

    private static Typeface notoSc(String weight) throws Exception {
        return new Typeface(FontFile.open(Path.of("/usr/share/fonts/opentype/noto/NotoSansCJK-" + weight + ".ttc"))
                .face("Noto Sans CJK SC"));
    }

    /** From the first dash's middle to the second's, every line along the rule is one grey: no seam where they meet. */
    private static void assertEven(Framebuffer fb, int from, int to, int middle, boolean across) {
        for (int line = middle - 3; line <= middle + 3; line++) {
            for (int i = from; i <= to; i++) {
                int grey = across ? fb.get(i, line) : fb.get(line, i), first = across ? fb.get(from, line) : fb.get(line, from);
                assertEquals(first, grey, "seam in the rule at " + i + ", " + (line - middle) + " from its middle");
            }
        }
    }

    private static Framebuffer draw(PageRenderer renderer, Page.Text text) {
        Page page = new Page(1, "test");
        page.ops.add(text);
        Framebuffer fb = new Framebuffer(22 * PX, 22 * PX, 16);
        renderer.draw(page, fb);
        return fb;
    }

    /** The darkest row crossing column at (across), or the darkest column crossing row at. */
    private static int darkest(Framebuffer fb, int at, boolean across) {
        int best = 0;
        for (int i = 0; i < (across ? fb.height() : fb.width()); i++) {
            int grey = across ? fb.get(at, i) : fb.get(i, at);
            int bestGrey = across ? fb.get(at, best) : fb.get(best, at);
            if (grey < bestGrey) best = i;
        }
        return best;
    }
}
