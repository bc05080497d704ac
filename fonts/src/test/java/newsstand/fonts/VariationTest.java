package newsstand.fonts;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import newsstand.fonts.typeset.LineBreaker;
import newsstand.fonts.typeset.SetLine;
import org.junit.jupiter.api.Test;

class VariationTest {
    static Face jp() throws Exception {
        return FontFile.open(Path.of("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")).face("Noto Sans CJK JP");
    }

    @Test
    void aVariationSequenceTakesTheFontsOwnGlyph() throws Exception {
        Face face = jp();
        int[][] mappings = face.cmap().nonDefault(0xE0101);
        assertTrue(mappings.length > 100, "Noto Sans CJK JP maps Adobe-Japan1 sequences with U+E0101: " + mappings.length);
        int differ = 0;
        for (int[] m : mappings) {
            assertEquals(m[1], face.glyph(m[0], 0xE0101));
            if (m[1] != face.glyph(m[0])) differ++;
        }
        assertTrue(differ > 0, "some sequences choose another glyph than the base character's");
    }

    @Test
    void anUnknownSequenceFallsBackToTheBaseGlyph() throws Exception {
        Face face = jp();
        assertEquals(face.glyph('中'), face.glyph('中', 0xFE0F));
        Face hei = FontFileTest.microHei();
        assertEquals(hei.glyph('葛'), hei.glyph('葛', 0xE0100), "a font without format 14");
    }

    @Test
    void theLineBreakerFoldsSelectorsIntoTheirCharacter() throws Exception {
        Face face = jp();
        int[] m = face.cmap().nonDefault(0xE0101)[0];
        String text = "测" + new String(Character.toChars(m[0])) + new String(Character.toChars(0xE0101)) + "试";
        List<SetLine> lines = new LineBreaker(new Typeface(face), 24, 400, 0, false).set(text);
        assertEquals(1, lines.size());
        SetLine line = lines.get(0);
        assertEquals(text, line.text());
        assertEquals(m[1], Typeface.glyphId(line.glyphs()[1]));
        assertEquals(Typeface.NONE, line.glyphs()[2]);
        assertEquals(line.x()[2], line.x()[3], 0.001, "the selector takes no room");
    }
}
