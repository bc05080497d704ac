package newsstand.fonts;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

class LineBreakerTest {
    static final String PARAGRAPH = "海洋合作发展论坛，是国家批准山东保留举办的3个省部级论坛之一，由山东省人民政府、自然资源部共同主办，"
            + "每年一届，今年是第二届。该报告显示，2024年中国海洋发展指数同比增长2.9%，海洋发展稳中提质；"
            + "“作为链主企业，我们已经和北岸控股合作10MWh钠离子电芯储能示范项目。”城晖渔光互补项目年发电量可达1.46亿千瓦时。";

    @Test
    void noLineStartsWithAClosingMarkOrEndsWithAnOpeningOne() throws Exception {
        Typeface face = new Typeface(FontFileTest.microHei());
        for (int width = 200; width <= 700; width += 23) {
            List<SetLine> lines = new LineBreaker(face, 24, width, 2).set(PARAGRAPH);
            for (SetLine line : lines) {
                assertTrue("、，。：；！？”）》".indexOf(line.text().charAt(0)) < 0, "line starts with a closing mark at " + width + ": " + line.text());
                assertTrue("“（《".indexOf(line.text().charAt(line.text().length() - 1)) < 0, "line ends with an opening mark: " + line.text());
            }
            assertEquals(PARAGRAPH, String.join("", lines.stream().map(SetLine::text).toList()), "no character lost or added");
        }
    }

    @Test
    void neverBreaksInsideANumberOrLatinWord() throws Exception {
        Typeface face = new Typeface(FontFileTest.microHei());
        for (int width = 200; width <= 700; width += 7) {
            for (SetLine line : new LineBreaker(face, 24, width, 2).set(PARAGRAPH)) {
                String t = line.text();
                assertFalse(t.matches("^(\\.9%|9%|024|24|MWh|Wh|0MWh|46亿).*"), "broken number at line start: " + t);
            }
        }
    }

    @Test
    void justifiedLinesEndExactlyAtTheMeasure() throws Exception {
        Typeface face = new Typeface(FontFileTest.microHei());
        float measure = 24 * 15.5f;
        List<SetLine> lines = new LineBreaker(face, 24, measure, 2).set(PARAGRAPH);
        assertTrue(lines.size() > 5);
        for (int i = 0; i < lines.size() - 1; i++) {
            assertTrue(lines.get(i).justified());
            assertEquals(measure, lines.get(i).width(), 0.01, "line " + i + ": " + lines.get(i).text());
        }
        assertFalse(lines.get(lines.size() - 1).justified());
        assertEquals(48f, lines.get(0).x()[0], 0.001, "two-em indent");
    }

    @Test
    void raggedLinesKeepNaturalSpacing() throws Exception {
        Typeface face = new Typeface(FontFileTest.microHei());
        List<SetLine> lines = new LineBreaker(face, 40, 400, 0, false).set("全球海洋合作：“青岛声音”愈发嘹亮");
        assertEquals(2, lines.size());
        assertFalse(lines.get(0).justified());
        assertEquals(40f, lines.get(0).x()[1] - lines.get(0).x()[0], 0.01);
    }
}
