package newsstand.issue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Pages the project did not write, laid out in the importer's conventions: public-domain prose (鲁迅's 狂人日记 and
 * 故乡, 论语, 孟子) under headlines that end in ？ and ！, paragraphs closed by quotes, one ending in Latin punctuation
 * inside a bracket. Each is read into the right articles and roles, and no text is lost or duplicated.
 */
class RealPagesTest {
    static TextImporter.Reading read(String page) throws Exception {
        String text = Files.readString(Path.of("src/test/resources/pages/" + page + ".txt"));
        return TextImporter.read(text, page, page, "测试日报", LocalDate.of(2025, 9, 10));
    }

    static Map<String, String> roles(TextImporter.Reading r) {
        Map<String, String> roles = new TreeMap<>();
        for (TextImporter.Block b : r.blocks()) roles.put(b.text(), b.role() + " " + b.article());
        return roles;
    }

    @Test
    void headlinesEndingInQuestionAndExclamationMarksAreHeadlines() throws Exception {
        TextImporter.Reading r = read("luxun");
        Issue issue = r.issue();
        assertEquals(3, issue.articles().size(), issue.articles().stream().map(Article::headline).toList().toString());
        assertEquals("赵家的狗，何以看我两眼呢？", issue.articles().get(0).headline());
        assertEquals("经典重读 狂人日记", issue.articles().get(0).kicker());
        assertEquals("本报9月9日讯", issue.articles().get(0).dateline());
        assertEquals("救救孩子！", issue.articles().get(1).headline());
        assertEquals("文学副刊", issue.sections().get(0).title(), "the banner, not a default title");
        Map<String, String> roles = roles(r);
        assertEquals("headline a02", roles.get("救救孩子！"));
        // A short question under a byline, between paragraphs, is text.
        assertEquals("paragraph a02", roles.get("没有吃过人的孩子，或者还有？"));
        assertEquals("paragraph a01", roles.get("我怕得有理。"));
        assertEquals(List.of("没有吃过人的孩子，或者还有？", "救救孩子……"), issue.articles().get(1).paragraphs());
    }

    @Test
    void aSentenceEndingInsideAClosingBracketOrQuoteEndsItsParagraph() throws Exception {
        Issue luxun = read("luxun").issue();
        Article home = luxun.articles().get(2);
        assertEquals(3, home.paragraphs().size(), home.paragraphs().toString());
        assertTrue(home.paragraphs().get(1).endsWith("（Hope is like a road.）"), home.paragraphs().get(1));
        assertTrue(TextImporter.endsSentence("……不亦君子乎？”"));
        assertTrue(TextImporter.endsSentence("（Stay hungry, stay foolish.）"));
        Issue lunyu = read("lunyu").issue();
        assertEquals(List.of(2, 3, 1), lunyu.articles().stream().map(a -> a.paragraphs().size()).toList());
        assertEquals("学而时习之，不亦说乎？", lunyu.articles().get(0).headline());
        assertEquals("温故而知新！", lunyu.articles().get(1).headline());
        assertEquals(1, lunyu.articles().get(2).photos().size());
        assertNull(lunyu.articles().get(0).dateline());
    }

    @Test
    void everyBlockIsReadOnceAndNoTextIsLostOrDuplicated() throws Exception {
        for (String page : List.of("luxun", "lunyu")) {
            TextImporter.Reading r = read(page);
            List<String> kept = new ArrayList<>();
            for (Article a : r.issue().articles()) {
                for (String s : new String[] {a.kicker(), a.headline(), a.subhead(), a.byline()}) if (s != null) kept.add(s);
                for (int i = 0; i < a.paragraphs().size(); i++) kept.add(i == 0 && a.dateline() != null ? a.dateline() + a.paragraphs().get(i) : a.paragraphs().get(i));
                for (Photo p : a.photos()) kept.add(p.caption() + " " + p.credit() + " 摄");
            }
            String all = String.join("\n", kept).replace(" ", "") + "\n" + r.issue().sections().get(0).title();
            String source = String.join("\n", r.blocks().stream().map(b -> b.text().replaceFirst("^[□■]", "").replace(" ", "")).toList());
            for (TextImporter.Block b : r.blocks()) {
                assertTrue(b.role() != null && !b.role().isEmpty(), page + ": line " + b.line() + " not read: " + b.text());
                String t = b.text().replaceFirst("^[□■]", "").replace(" ", "");
                // As often in the issue as on the page (a headline may quote a sentence of its story).
                assertEquals(count(source, t), count(all, t), page + ": line " + b.line() + " lost or kept twice: " + b.text());
            }
        }
    }

    static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) n++;
        return n;
    }
}
