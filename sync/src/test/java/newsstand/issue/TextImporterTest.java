package newsstand.issue;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TextImporterTest {
    static final Path FIXTURE = Path.of("src/test/resources/fixtures/qingdao-daily-2025-09-10.txt");
    static String text;
    static Issue issue;

    @BeforeAll
    static void importFixture() throws Exception {
        text = Files.readString(FIXTURE);
        issue = TextImporter.parse(text, "qingdao-daily-2025-09-10", "qingdao-daily", TextImporter.paperName(text), LocalDate.of(2025, 9, 10));
    }

    private static Article article(String headline) {
        return issue.articles().stream().filter(a -> a.headline().equals(headline)).findFirst()
                .orElseThrow(() -> new AssertionError("no article headed " + headline));
    }

    @Test
    void findsThePaperAndThePageBanner() {
        assertEquals("青岛日报", issue.title());
        assertEquals("海上新山东 青岛新实践", issue.sections().get(0).title());
    }

    @Test
    void makesOneArticlePerStoryWithHeadlinesSubheadsAndBylines() {
        assertEquals(List.of(
                "全球海洋合作：“青岛声音”愈发嘹亮",
                "鹏辉能源(青岛)：“超级工厂”满产运行",
                "青岛持续打造市场化、法治化、国际化一流营商环境",
                "首批交通领域国家人工智能应用中试基地建设在青启动",
                "青岛入选国家一刻钟便民生活圈全域推进先行区试点",
                "市社会主义学院举行秋季学期开学典礼",
                "上合示范区(青岛)如意湖半程马拉松10月26日开跑",
                "青岛改革创新示范成果"), issue.articles().stream().map(Article::headline).toList());
        Article lead = article("全球海洋合作：“青岛声音”愈发嘹亮");
        assertEquals("2025海洋合作发展论坛在青圆满落幕，一批重要成果为深耕蔚蓝注入新动能", lead.subhead());
        assertEquals("青岛日报/观海新闻记者 李勋祥", lead.byline());
        assertEquals("2025海洋合作发展论坛 从蔚蓝到未来——发展可持续海洋经济，共建美丽丰盈的海洋", lead.kicker());
        Article run = article("上合示范区(青岛)如意湖半程马拉松10月26日开跑");
        assertEquals("精彩上合", run.kicker());
        assertNull(run.subhead());
        assertEquals("青岛日报/观海新闻记者 王萌 王珊", run.byline());
        assertNull(article("青岛改革创新示范成果").byline());
    }

    @Test
    void takesDatelinesOutOfTheFirstParagraph() {
        Article lead = article("全球海洋合作：“青岛声音”愈发嘹亮");
        assertEquals("本报9月9日讯", lead.dateline());
        assertTrue(lead.paragraphs().get(0).startsWith("9日，2025海洋合作发展论坛在青岛圆满落幕。"), lead.paragraphs().get(0));
        assertEquals(5, issue.articles().stream().filter(a -> "本报9月9日讯".equals(a.dateline())).count());
    }

    @Test
    void turnsCaptionsIntoPhotosWithCredits() {
        Article plant = article("鹏辉能源(青岛)：“超级工厂”满产运行");
        assertEquals(1, plant.photos().size());
        Photo p = plant.photos().get(0);
        assertFalse(p.hasImage());
        assertEquals("鹏辉能源(青岛)电芯产线。", p.caption());
        assertEquals("周伟", p.credit());
        assertTrue(plant.paragraphs().stream().noneMatch(s -> s.endsWith("摄")));
    }

    @Test
    void joinsParagraphsCutAcrossColumns() {
        Article lead = article("全球海洋合作：“青岛声音”愈发嘹亮");
        assertTrue(lead.paragraphs().stream().anyMatch(p -> p.contains("推动海洋生态保护、蓝色经济发展")));
        assertTrue(lead.paragraphs().stream().anyMatch(p -> p.contains("蓝色经济发展联盟正式启动。")));
        assertTrue(lead.paragraphs().stream().anyMatch(p -> p.contains("以‘五高协同’构筑")));
        assertEquals(8, lead.paragraphs().size());
        // The page's last line opens the paragraph whose rest begins an article higher up.
        Article business = article("青岛持续打造市场化、法治化、国际化一流营商环境");
        assertTrue(business.paragraphs().get(0).startsWith("政务环境是营商环境的“风向标”和“晴雨表”。青岛坚持高标准"),
                business.paragraphs().get(0));
    }

    @Test
    void losesNoTextOfThePage() {
        StringBuilder all = new StringBuilder();
        all.append(issue.sections().get(0).title());
        for (Article a : issue.articles()) {
            for (String s : new String[] {a.kicker(), a.headline(), a.subhead(), a.byline(), a.dateline()}) if (s != null) all.append(s);
            a.paragraphs().forEach(all::append);
            for (Photo p : a.photos()) all.append(p.caption()).append(p.credit());
        }
        String kept = all.toString().replaceAll("[\\s□……]", "");
        String source = text.replaceAll("[\\s□摄]", "");
        int missing = 0;
        for (int cp : source.codePoints().toArray()) {
            if (kept.indexOf(cp) < 0) missing++;
        }
        assertEquals(0, missing, "characters of the page lost");
        assertTrue(kept.length() >= source.length() - 5, kept.length() + " of " + source.length());
    }

    @Test
    void writesAPackageThatValidates(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        IssuePackage.writeManifest(issue, dir);
        Issue read = IssuePackage.read(dir);
        assertEquals(issue.articles().size(), read.articles().size());
        assertEquals(issue.articles().get(1).photos(), read.articles().get(1).photos());
    }

    @Test
    void thePublicationIdIsTheFileNameWithoutItsDateAsTheIssueIdIs() {
        LocalDate day = LocalDate.of(2025, 9, 10);
        String id = TextImporter.issueId("qingdao-daily-2025-09-10.txt", day);
        assertEquals("qingdao-daily-2025-09-10", id);
        assertEquals("qingdao-daily", TextImporter.publication(id, "青岛日报"));
        assertEquals("qingdao-daily", TextImporter.publication(TextImporter.issueId("2025-09-10_Qingdao Daily.txt", day), "青岛日报"));
        // No date in the name (--date given), or no name beside the date: the one the title gives, stable.
        assertEquals(Issue.derivePublication("青岛日报"), TextImporter.publication(TextImporter.issueId("page.txt", day), "青岛日报"));
        assertEquals("issue-2025-09-10", TextImporter.issueId("。.txt", day));
        assertEquals("qingdao-daily", TextImporter.publication(TextImporter.issueId("2025-09-10.txt", day), "Qingdao Daily"));
        // --date another day than the file's name: the name's date still leaves the publication.
        assertEquals("qingdao-daily", TextImporter.publication("qingdao-daily-2025-09-09", "青岛日报"));
    }
}
