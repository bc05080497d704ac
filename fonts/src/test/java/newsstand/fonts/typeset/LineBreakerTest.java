package newsstand.fonts.typeset;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import newsstand.fonts.Face;
import newsstand.fonts.FontFile;
import newsstand.fonts.typeset.LineBreaker.Level;
import newsstand.fonts.Typeface;
import org.junit.jupiter.api.Test;

/** clreq's rules, string by string, on Noto Sans CJK SC (full-width marks with their ink in one half). */
class LineBreakerTest {
    static final String PARAGRAPH = "海洋合作发展论坛，是国家批准山东保留举办的3个省部级论坛之一，由山东省人民政府、自然资源部共同主办，"
            + "每年一届，今年是第二届。该报告显示，2024年中国海洋发展指数同比增长2.9%，海洋发展稳中提质；"
            + "“作为链主企业，我们已经和北岸控股合作10MWh钠离子电芯储能示范项目。”城晖渔光互补项目年发电量可达1.46亿千瓦时。";
    static final int PX = 20;

    static Face noto() throws Exception {
        return FontFile.open(Path.of("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")).face("Noto Sans CJK SC");
    }

    static Typeface face() throws Exception {
        return new Typeface(noto());
    }

    static LineBreaker breaker(Typeface face, float ems, Level level) {
        return new LineBreaker(face, PX, ems * PX, 0).level(level);
    }

    static List<String> texts(List<SetLine> lines) {
        return lines.stream().map(SetLine::text).toList();
    }

    @Test
    void noClosingMarkStartsALineAndNoOpeningMarkEndsOne() throws Exception {
        Typeface face = face();
        String close = "、，。．：；！？”’）〕］｝〉》」』】〗〙–—～·・／‰%";
        String open = "“‘（〔［｛〈《「『【〖〘";
        for (char mark : (close + open).toCharArray()) {
            // The mark at every offset from a line's edge.
            String text = "甲乙丙丁戊己庚辛壬癸".repeat(2).replaceAll("(.{3})", "$1" + mark);
            for (float ems = 4; ems <= 8; ems += 0.5f) {
                List<SetLine> lines = breaker(face, ems, Level.BASIC).set(text);
                for (int i = 0; i < lines.size(); i++) {
                    String t = lines.get(i).text();
                    if (close.indexOf(mark) >= 0) assertNotEquals(mark, t.charAt(0), "line starts with " + mark + " at " + ems + " em: " + texts(lines));
                    else assertNotEquals(mark, t.charAt(t.length() - 1), "line ends with " + mark + " at " + ems + " em: " + texts(lines));
                }
                assertEquals(text, String.join("", texts(lines)), "no character lost or added");
            }
        }
    }

    @Test
    void levelNoneBreaksAnywhereAndBasicPushesACharacterDown() throws Exception {
        Typeface face = face();
        assertEquals(List.of("甲乙丙丁", "，戊"), texts(breaker(face, 4, Level.NONE).set("甲乙丙丁，戊")));
        assertEquals(List.of("甲乙丙", "丁，戊"), texts(breaker(face, 4, Level.BASIC).set("甲乙丙丁，戊")));
        assertEquals(List.of("甲乙（", "丙丁戊"), texts(breaker(face, 3, Level.NONE).set("甲乙（丙丁戊")));
        assertEquals(List.of("甲乙", "（丙丁", "戊"), texts(breaker(face, 3, Level.BASIC).set("甲乙（丙丁戊")));
    }

    @Test
    void gbLevelKeepsTheSolidusOffALinesEnd() throws Exception {
        Typeface face = face();
        assertEquals(List.of("甲乙丙／", "丁戊"), texts(breaker(face, 4, Level.BASIC).set("甲乙丙／丁戊")));
        assertEquals(List.of("甲乙", "丙／丁戊"), texts(breaker(face, 4, Level.GB).set("甲乙丙／丁戊")));
    }

    @Test
    void dashesAndEllipsesNeverSplitAndStrictKeepsThemOffALinesStart() throws Exception {
        Typeface face = face();
        for (String mark : List.of("——", "……")) {
            String text = "甲乙丙" + mark + "丁戊";
            List<SetLine> basic = breaker(face, 4, Level.BASIC).set(text);
            assertEquals(List.of("甲乙丙", mark + "丁戊"), texts(basic), "basic allows " + mark + " at a line's start");
            List<SetLine> strict = breaker(face, 4, Level.STRICT).set(text);
            assertEquals(List.of("甲乙", "丙" + mark + "丁", "戊"), texts(strict), "strict keeps " + mark + " with the character before");
            for (float ems = 2; ems <= 6; ems += 0.5f) {
                for (String t : texts(breaker(face, ems, Level.BASIC).set(text + text))) {
                    assertFalse(t.startsWith(mark.substring(1)) && !t.startsWith(mark), "split " + mark + ": " + t);
                    assertFalse(t.endsWith(mark.substring(1)) && !t.endsWith(mark), "split " + mark + ": " + t);
                }
            }
        }
    }

    @Test
    void aClosingMarkAtTheEndIsSetHalfWidthToSqueezeOntoTheLine() throws Exception {
        Typeface face = face();
        List<SetLine> lines = breaker(face, 4.5f, Level.BASIC).set("甲乙丙丁，戊己");
        assertEquals(List.of("甲乙丙丁，", "戊己"), texts(lines));
        assertEquals(4.5f * PX, lines.get(0).width(), 0.01, "the comma takes half an em");
        assertEquals(4 * PX, lines.get(0).x()[4], 0.01, "nothing moved to make room");
    }

    @Test
    void adjacentMarksAreCompressedToOneAndAHalfEms() throws Exception {
        Typeface face = face();
        SetLine close = new LineBreaker(face, PX, 20 * PX, 0, false).set("甲。”乙").get(0);
        assertEquals(1.5f * PX, close.x()[3] - close.x()[1], 0.01, "。” takes 1.5 em: " + close);
        SetLine open = new LineBreaker(face, PX, 20 * PX, 0, false).set("甲（“乙").get(0);
        assertEquals(1.5f * PX, open.x()[3] - open.x()[1], 0.01, "（“ takes 1.5 em");
        assertEquals(0.5f * PX, open.x()[2] - open.x()[1], 0.01, "the second opening mark loses its blank half");
        SetLine between = new LineBreaker(face, PX, 20 * PX, 0, false).set("甲），（乙").get(0);
        assertEquals(2f * PX, between.x()[4] - between.x()[1], 0.01, "），（ takes 2 em: each mark before another gives its blank half");
    }

    @Test
    void anOpeningBracketAtALinesStartLosesItsBlankHalf() throws Exception {
        Typeface face = face();
        List<SetLine> lines = breaker(face, 4, Level.BASIC).set("甲乙丙丁（戊己）");
        assertEquals(List.of("甲乙丙丁", "（戊己）"), texts(lines));
        assertEquals(-0.5f * PX, lines.get(1).x()[0], 0.01, "the bracket's blank half hangs before the column");
        SetLine first = new LineBreaker(face, PX, 10 * PX, 2).set("（甲乙）").get(0);
        assertEquals(2f * PX, first.x()[0], 0.01, "not after a paragraph's indent");
    }

    @Test
    void justifiedLinesEndExactlyAtTheColumnEdge() throws Exception {
        Typeface face = face();
        int flushLeft = 0;
        for (float measure = PX * 9.3f; measure < PX * 22; measure += PX * 1.37f) {
            List<SetLine> lines = new LineBreaker(face, PX, measure, 2).set(PARAGRAPH);
            assertTrue(lines.size() > 3);
            assertEquals(2f * PX, lines.get(0).x()[0], 0.001, "two-em indent");
            for (int i = 0; i < lines.size() - 1; i++) {
                SetLine line = lines.get(i);
                if (!line.justified()) {
                    // Too loose to justify (a number that does not fit follows): flush left, nothing opened.
                    flushLeft++;
                    assertEquals(0, line.gap(), 0.001, line.text());
                    continue;
                }
                assertEquals(measure, line.width(), 0.01, "line " + i + ": " + line.text());
                int last = line.glyphs().length - 1;
                float ink = line.x()[last] + face.advance(line.glyphs()[last], PX);
                boolean halfMark = "，。、；：！？”）》".indexOf(line.text().charAt(line.text().length() - 1)) >= 0;
                // A mark at the end is set half width, or full width where that keeps the line from going loose.
                assertTrue(Math.abs(ink - measure) < 0.01 || halfMark && Math.abs(ink - PX / 2f - measure) < 0.01,
                        "the last glyph meets the edge: " + line.text() + " ends at " + ink + " of " + measure);
            }
            assertFalse(lines.get(lines.size() - 1).justified(), "a paragraph's last line keeps natural spacing");
        }
        assertTrue(flushLeft <= 2, "lines set flush left: " + flushLeft);
    }

    @Test
    void extraSpaceGoesBetweenHanAndAtHanLatinBoundariesNotBesidePunctuationOrInsideLatin() throws Exception {
        Typeface face = face();
        // "1—7月（CPI）同比上涨" set in a measure wider than its natural width.
        String text = "今年1—7月（CPI）同比上涨，物价";
        List<SetLine> lines = new LineBreaker(face, PX, 13 * PX, 0).set(text);
        SetLine line = lines.get(0);
        assertTrue(line.justified());
        String t = line.text();
        float[] x = line.x();
        int open = t.indexOf('（');
        assertEquals(PX, x[open + 1] - x[open], 0.01, "no space added after an opening bracket");
        int c = t.indexOf('C');
        assertEquals(face.advance(line.glyphs()[c], PX), x[c + 1] - x[c], 0.01, "no space inside a Latin word");
        int close = t.indexOf('）');
        float han = x[t.indexOf('比')] - x[t.indexOf('同')];
        assertTrue(han > PX + 0.5f, "Han characters spread: " + han);
        assertEquals(han - PX, x[t.indexOf('年')] - x[t.indexOf('今')] - PX, 0.01, "the same extra between every Han pair");
        assertEquals(PX, x[close + 1] - x[close], 0.01, "no space added after a closing bracket");
    }

    @Test
    void aQuarterEmBetweenHanAndLatinAndNumbersKeptWhole() throws Exception {
        Typeface face = face();
        SetLine line = new LineBreaker(face, PX, 40 * PX, 0, false).set("合作10MWh钠").get(0);
        float digits = face.advance(face.glyph('1'), PX);
        assertEquals(2 * PX + PX / 4f, line.x()[2], 0.01, "a quarter em before the number");
        assertEquals(line.x()[2] + digits, line.x()[3], 0.01, "nothing inside the number");
        for (float ems = 3; ems <= 24; ems += 0.25f) {
            for (String t : texts(new LineBreaker(face, PX, ems * PX, 2).set(PARAGRAPH))) {
                assertFalse(t.matches("^(\\.9%|9%|%|024|24|4|MWh|Wh|h|0MWh|46亿|6亿|\\.46亿).*"), "broken number at line start: " + t);
            }
        }
    }

    @Test
    void latinRunsBreakWhereUnicodeAllows() throws Exception {
        Typeface face = face();
        List<String> lines = texts(new LineBreaker(face, PX, 7 * PX, 0).set("一个state-of-the-art的系统"));
        assertTrue(lines.stream().anyMatch(l -> l.endsWith("-")), "breaks after a hyphen: " + lines);
        assertEquals("一个state-of-the-art的系统", String.join("", lines));
        List<String> words = texts(new LineBreaker(face, PX, 6 * PX, 0).set("Ocean Cooperation and Development Forum"));
        for (String w : words) assertFalse(w.startsWith(" ") || w.endsWith(" "), "spaces at a break are dropped: " + words);
        assertEquals("Ocean Cooperation and Development Forum".replace(" ", ""), String.join("", words).replace(" ", ""));
    }

    /** Real prose with the things a reader takes as one: times, ranges, dates, numbers with units, words, compounds, a URL. */
    static final String UNITS = "会议于2025-09-10上午10:00开始，9:30-11:00签到，气温27 °C（体感27℃），全长12.6 km，"
            + "同比增长3.5%，营收1,234.5万元，网速100 MB/s。请用Wi-Fi连接，NetworkManager-wait-online(8)会等待网络，"
            + "详见https://example.org/docs/network/setup.html或www.example.com/help。";

    static final List<String> WHOLE = List.of("2025-09-10", "10:00", "9:30-11:00", "27 °C", "27℃", "12.6 km", "3.5%", "1,234.5",
            "100 MB/s", "Wi-Fi", "online(8)", "NetworkManager", "example", "network");

    @Test
    void numbersTimesDatesUnitsWordsAndUrlsBreakOnlyWhereAReaderAllows() throws Exception {
        Typeface face = face();
        // From 6 em: below that "100 MB/s" alone is wider than the column and must be broken somewhere.
        for (float ems = 6; ems <= 30; ems += 0.25f) {
            List<SetLine> lines = new LineBreaker(face, PX, ems * PX, 2).set(UNITS);
            String joined = String.join("", texts(lines));
            assertEquals(UNITS.replace(" ", ""), joined.replace(" ", ""), "no text lost");
            int at = 0;
            for (int i = 0; i < lines.size() - 1; i++) {
                String t = lines.get(i).text();
                at = UNITS.indexOf(t, at) + t.length(); // the break, as an offset in the paragraph
                for (String whole : WHOLE) {
                    for (int o = UNITS.indexOf(whole); o >= 0; o = UNITS.indexOf(whole, o + 1)) {
                        assertFalse(at > o && at < o + whole.length(), "broken inside " + whole + " at " + ems + " em: " + texts(lines));
                    }
                }
                for (String url : List.of("https://example.org/docs/network/setup.html", "www.example.com/help")) {
                    int o = UNITS.indexOf(url);
                    if (at > o && at < o + url.length()) {
                        assertTrue("/.".indexOf(UNITS.charAt(at - 1)) >= 0, "a URL broken elsewhere than after / or .: " + UNITS.substring(o, at));
                    }
                }
            }
        }
    }

    /** Numbers with their numeral units and measure words, and ranges, from the Qingdao daily's page. */
    static final String NUMBERS = "全年寄递465万件，新增用户150万户，建成充电桩2.4万个，集装箱吞吐量2180万标准箱，"
            + "气温21℃至28℃，工期3—5 年，开放时间10:00-18:00，共有134个社区，增长3万余人，首批100多家企业。";

    @Test
    void aNumberStaysWithItsNumeralUnitsAndMeasureWordAndARangeBreaksOnlyAfterItsDash() throws Exception {
        Typeface face = face();
        List<String> whole = List.of("465万件", "150万户", "2.4万个", "2180万标准箱", "10:00-18:00", "134个", "3万余人", "100多家");
        int rangeBreaks = 0;
        // From 7 em: below that "2180万标准箱，" alone is wider than the column.
        for (float ems = 7; ems <= 30; ems += 0.25f) {
            for (boolean justify : new boolean[] {true, false}) {
                List<SetLine> lines = new LineBreaker(face, PX, ems * PX, 2, justify).set(NUMBERS);
                assertEquals(NUMBERS.replace(" ", ""), String.join("", texts(lines)).replace(" ", ""), "no text lost");
                int at = 0;
                for (int i = 0; i < lines.size() - 1; i++) {
                    String t = lines.get(i).text();
                    at = NUMBERS.indexOf(t, at) + t.length();
                    for (String w : whole) {
                        int o = NUMBERS.indexOf(w);
                        assertFalse(at > o && at < o + w.length(), "broken inside " + w + " at " + ems + " em: " + texts(lines));
                    }
                    for (String range : List.of("21℃至28℃", "3—5 年")) {
                        int o = NUMBERS.indexOf(range);
                        if (at > o && at < o + range.length()) {
                            assertTrue("至—".indexOf(NUMBERS.charAt(at - 1)) >= 0, "a range broken before its dash at " + ems + " em: " + texts(lines));
                            rangeBreaks++;
                        }
                    }
                }
            }
        }
        // Preferably not at all: only where the line before would otherwise be too loose (75 of the 372 settings of
        // the two ranges on this dense text; a break at every line end falling inside one would be far more).
        assertTrue(rangeBreaks < 372 / 4, "ranges broken " + rangeBreaks + " times in 372 settings");
    }

    @Test
    void justificationOpensAtMostAQuarterEmAndNeverInsideAWord() throws Exception {
        Typeface face = face();
        for (String text : List.of(PARAGRAPH, UNITS)) {
            for (float ems = 6; ems <= 30; ems += 0.25f) {
                for (SetLine line : new LineBreaker(face, PX, ems * PX, 2).set(text)) {
                    assertTrue(line.gap() <= PX / 4f + 0.02f, "gap " + line.gap() + " px at " + ems + " em: " + line.text());
                    String t = line.text();
                    for (String word : List.of("NetworkManager-wait-online(8)", "Wi-Fi", "2025-09-10", "1,234.5")) {
                        int w = t.indexOf(word);
                        if (w < 0) continue;
                        float natural = 0;
                        for (int c = w; c < w + word.length() - 1; c++) natural += face.advance(line.glyphs()[c], PX);
                        assertEquals(natural, line.x()[w + word.length() - 1] - line.x()[w], 0.01, "space opened inside " + word + ": " + t);
                    }
                }
            }
        }
    }

    @Test
    void aLooseLineIsSetFlushLeftOnlyWhenNothingElseHelpsAndNewspaperProseRarelyNeedsIt() throws Exception {
        Typeface face = face();
        int flush = 0;
        for (float ems = 6; ems <= 30; ems += 0.25f) {
            List<SetLine> lines = new LineBreaker(face, PX, ems * PX, 2).set(UNITS);
            for (int i = 0; i < lines.size() - 1; i++) {
                if (lines.get(i).justified()) continue;
                flush++;
                assertEquals(0, lines.get(i).gap(), 0.001, "a flush-left line opens nothing: " + lines.get(i).text());
            }
        }
        assertTrue(flush > 0, "this prose (a long URL, commands) needs some lines set flush left");
        String page = String.join("", java.nio.file.Files.readAllLines(java.nio.file.Path.of("../sync/src/test/resources/fixtures/qingdao-daily-2025-09-10.txt")));
        int all = 0;
        flush = 0;
        for (float ems = 12; ems <= 24; ems += 1) {
            List<SetLine> lines = new LineBreaker(face, PX, ems * PX, 2).set(page);
            all += lines.size() - 1;
            for (int i = 0; i < lines.size() - 1; i++) if (!lines.get(i).justified()) flush++;
        }
        assertTrue(flush * 200 <= all, "the newspaper page, 12 to 24 em: " + flush + " of " + all + " lines flush left (allowed: 0.5%)");
    }

    @Test
    void aParagraphNeverEndsOnOneCharacterAndItsMarkAndOnAWideMeasureOnMore() throws Exception {
        Typeface face = face();
        // On 10 em, 子。 would stand alone; 癸 comes down with it (the first line opens an eighth em between characters).
        assertEquals(List.of("甲乙丙丁戊己庚辛壬", "癸子。"), texts(new LineBreaker(face, PX, 10 * PX, 0).set("甲乙丙丁戊己庚辛壬癸子。")));
        // On 24 em, three characters at least.
        assertEquals(List.of("甲乙丙丁戊己庚辛壬癸".repeat(2) + "甲乙", "丙丁戊。"),
                texts(new LineBreaker(face, PX, 24 * PX, 0).set("甲乙丙丁戊己庚辛壬癸".repeat(2) + "甲乙丙丁戊。")));
        String page = String.join("", java.nio.file.Files.readAllLines(java.nio.file.Path.of("../sync/src/test/resources/fixtures/qingdao-daily-2025-09-10.txt")));
        List<String> paragraphs = new java.util.ArrayList<>(List.of(PARAGRAPH, UNITS));
        for (String p : page.split("(?<=。)")) if (p.length() > 10) paragraphs.add(p);
        // Newspaper columns (12 em and more: on narrower ones the line before could not give a character up within
        // a quarter em of spacing).
        for (float ems = 12; ems <= 40; ems += 0.5f) {
            int least = Math.max(2, (int) ems / 8);
            for (String p : paragraphs) {
                List<SetLine> lines = new LineBreaker(face, PX, ems * PX, 2).set(p);
                if (lines.size() < 2) continue;
                assertEquals(p.replace(" ", ""), String.join("", texts(lines)).replace(" ", ""), "no character lost or added");
                String last = lines.get(lines.size() - 1).text();
                long characters = last.codePoints().filter(c -> Character.isLetterOrDigit(c)).count();
                // Latin words count once (a long word may stand alone): only Han lines are held to the count.
                if (last.codePoints().allMatch(c -> c >= 0x2E80)) {
                    assertTrue(characters >= least, ems + " em: the last line " + last + " of " + texts(lines));
                }
                for (SetLine l : lines) assertTrue(l.gap() <= PX / 4f + 0.01f, "gap " + l.gap() + " in " + l.text());
            }
        }
    }

    @Test
    void raggedLinesKeepNaturalSpacing() throws Exception {
        List<SetLine> lines = new LineBreaker(face(), 40, 400, 0, false).set("全球海洋合作：“青岛声音”愈发嘹亮");
        assertEquals(2, lines.size());
        assertFalse(lines.get(0).justified());
        assertEquals(40f, lines.get(0).x()[1] - lines.get(0).x()[0], 0.01);
    }

    @Test
    void verticalLinesUseVerticalFormsAndMetricsAndTurnLatin() throws Exception {
        Face noto = noto();
        Typeface face = new Typeface(noto);
        SetLine line = new LineBreaker(face, PX, 30 * PX, 0, false).vertical(true).set("青岛，CPI（上涨）").get(0);
        String t = line.text();
        int comma = t.indexOf('，');
        assertNotEquals(face.glyph('，'), line.glyphs()[comma], "the comma takes its vertical form");
        assertNotEquals(face.glyph('（'), line.glyphs()[t.indexOf('（')], "the bracket takes its vertical form");
        assertEquals(face.glyph('青'), line.glyphs()[0], "Han stays as it is");
        for (int i = 0; i < t.length(); i++) assertEquals(Character.isLetter(t.charAt(i)) && t.charAt(i) < 0x80, line.sideways()[i], "turned: " + t.charAt(i));
        assertEquals(noto.verticalAdvance(Typeface.glyphId(line.glyphs()[0]), PX), line.x()[1] - line.x()[0], 0.01, "vmtx advance");
        float c = face.advance(face.glyph('C'), PX);
        assertEquals(c, line.x()[t.indexOf('P')] - line.x()[t.indexOf('C')], 0.01, "Latin advances along the column by its width");
        // A face without a 'vert' feature falls back to Unicode's vertical presentation forms where another has them.
        Typeface chain = new Typeface(List.of(FontFile.open(Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")).face("WenQuanYi Micro Hei"), noto), false);
        int packed = chain.verticalGlyph('，', chain.glyph('，'));
        assertTrue(packed == chain.glyph('︐') || packed >>> 16 == 0 && packed != chain.glyph('，'), "vertical comma: " + Integer.toHexString(packed));
    }

    @Test
    void verticalColumnsFollowTheSameRules() throws Exception {
        Face noto = noto();
        for (float ems = 4; ems <= 12; ems += 0.5f) {
            List<SetLine> lines = new LineBreaker(new Typeface(noto), PX, ems * PX, 2).vertical(true).set(PARAGRAPH);
            for (SetLine line : lines) {
                assertTrue("、，。：；！？”）》".indexOf(line.text().charAt(0)) < 0, "column starts with a closing mark: " + line.text());
                if (line.justified()) assertEquals(ems * PX, line.width(), 0.01);
            }
            assertEquals(PARAGRAPH, String.join("", texts(lines)));
        }
    }
}
