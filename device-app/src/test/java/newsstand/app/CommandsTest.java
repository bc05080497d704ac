package newsstand.app;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandsTest {
    static final Path FIXTURE = Path.of("../sync/src/test/resources/fixtures/qingdao-daily-2025-09-10.txt");
    private static final Pattern RENDERED = Pattern.compile("rendered (\\d+) pages of (\\S+) for (\\S+) in (\\d+) ms");

    @TempDir Path dir;

    private static int darkPixels(Path png) throws Exception {
        BufferedImage img = ImageIO.read(png.toFile());
        int dark = 0;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) if ((img.getRGB(x, y) & 0xFF) < 64) dark++;
        }
        return dark;
    }

    @Test
    void demoRendersEveryPageOfTheSampleIssue() throws Exception {
        Cli r = Cli.run("demo", "--out", dir.toString(), "--panel", "it8951-6in");
        assertEquals(0, r.exit(), r.err());
        Matcher m = RENDERED.matcher(r.lastLine());
        assertTrue(m.matches(), r.lastLine());
        assertEquals("haibin-daily-2025-09-10", m.group(2));
        assertEquals("it8951-6in", m.group(3));
        int pages = Integer.parseInt(m.group(1));
        assertTrue(pages >= 3, "pages: " + pages);
        for (int i = 1; i <= pages; i++) {
            Path png = dir.resolve(String.format("page-%03d.png", i));
            assertTrue(Files.exists(png), png.toString());
            assertTrue(darkPixels(png) > 1000, "page " + i + " has text");
        }
        // The kiosk's own screens, as a reader and a technician see them.
        for (String screen : List.of("waiting", "index", "closed", "fault", "offline", "fault-no-key", "waiting-offline")) {
            Path png = dir.resolve("screens/" + screen + ".png");
            assertTrue(Files.exists(png), png.toString());
            assertTrue(darkPixels(png) > 300, screen + " has text: " + darkPixels(png));
        }
        // Those drawn because something is wrong or missing lead to the README's section for their code.
        for (String[] screen : new String[][] {{"waiting", "W1"}, {"waiting-offline", "W2"}, {"fault", "F2"}, {"fault-no-key", "F5"}}) {
            assertEquals("https://github.com/newsstand-kiosk/newsstand?device=kiosk-001#" + screen[1],
                    QrRead.text(javax.imageio.ImageIO.read(dir.resolve("screens/" + screen[0] + ".png").toFile())), screen[0]);
        }
        assertFalse(Files.exists(dir.resolve(String.format("page-%03d.png", pages + 1))));
        assertEquals(pages, Files.readAllLines(dir.resolve("refresh.log")).size());
    }

    @Test
    void theSoakBenchmarkTurnsPagesAndReportsTheirTimes() {
        Cli r = Cli.run("bench", "soak", "--no-cgroup", "--panel", "waveshare-7in5-v2", "--turns", "60", "--changes", "6", "--warmup", "20");
        assertEquals(0, r.exit(), r.err());
        // 6 changes in the 60 measured turns, 9 more among the 20 of the warm-up (one every 2 turns).
        assertTrue(r.lastLine().matches("soak_turns=60 warmup_turns=20 changes=15 p50_ms=\\d+\\.\\d\\d p99_ms=\\d+\\.\\d\\d change_mean_ms=\\d+\\.\\d"
                + " heap_mb=\\d+\\.\\d rss_mb=-?\\d+\\.\\d rss_anon_mb=-?\\d+\\.\\d rss_anon_growth_mb=-?\\d+\\.\\d flat=(yes|no)"
                + " rss_anon_total_growth_mb=-?\\d+\\.\\d rss_file_mb=-?\\d+\\.\\d majflt=-?\\d+"
                + " font_files=\\d+ font_size_mb=\\d+\\.\\d font_cached_mb=\\d+\\.\\d font_mapped_mb=\\d+\\.\\d"), r.lastLine());
        assertTrue(r.out().contains("warm-up done (20 turns, 9 changes)"), r.out());
        assertTrue(r.out().matches("(?s).*growth after warm-up [+-]\\d+\\.\\d MB, (flat|NOT flat|less at the end) \\(tolerance 0\\.5 MB\\); in all.*"), r.out());
        assertEquals(1, Cli.run("bench", "soak", "--turns", "0").exit());
        assertEquals(1, Cli.run("bench", "soak", "--no-cgroup", "--ceiling", "64").exit());
    }

    @Test
    void importTextThenRenderTurnsTheFixtureIntoPages() throws Exception {
        Path pkg = dir.resolve("pkg");
        Cli imported = Cli.run("import-text", FIXTURE.toString(), "--out", pkg.toString());
        assertEquals(0, imported.exit(), imported.err());
        assertEquals("wrote issue qingdao-daily-2025-09-10 of publication qingdao-daily (青岛日报, 8 articles) to " + pkg, imported.lastLine());
        Path pages = dir.resolve("pages");
        Cli rendered = Cli.run("render", "--issue", pkg.toString(), "--out", pages.toString(), "--panel", "waveshare-7in5-v2");
        assertEquals(0, rendered.exit(), rendered.err());
        Matcher m = RENDERED.matcher(rendered.lastLine());
        assertTrue(m.matches(), rendered.lastLine());
        assertEquals("qingdao-daily-2025-09-10", m.group(2));
        assertTrue(darkPixels(pages.resolve("page-001.png")) > 500);
        // The operator's look at how the page was read, and the layout to check or diff.
        Cli explained = Cli.run("import-text", FIXTURE.toString(), "--out", dir.resolve("pkg2").toString(), "--explain");
        assertEquals(0, explained.exit(), explained.err());
        assertTrue(explained.out().matches("(?s)LINE +ARTICLE +READ AS +TEXT\n.*"), explained.out());
        assertTrue(explained.out().contains("a01      headline"), explained.out());
        assertTrue(explained.out().contains("paragraph, joined with the next block (cut by a column)"), explained.out());
        assertTrue(explained.out().contains("moved to the start of the first paragraph"), explained.out());
        assertTrue(explained.out().contains("banner (the section's title)"), explained.out());
        Cli laid = Cli.run("render", "--issue", pkg.toString(), "--out", pages.toString(), "--layout");
        assertEquals(0, laid.exit(), laid.err());
        assertTrue(Files.readString(pages.resolve("layout.json")).contains("\"kind\": \"jump\""), "the layout dump");
    }

    @Test
    void sampleIssueWritesAValidPackage() throws Exception {
        Cli r = Cli.run("sample-issue", "--out", dir.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("wrote sample issue haibin-daily-2025-09-10 (3 sections, 9 articles) to " + dir, r.lastLine());
        assertTrue(Files.size(dir.resolve("images/wind-farm.jpg")) > 10_000);
    }

    @Test
    void anUnknownPanelModelIsAOneLineUsageError() {
        Cli r = Cli.run("demo", "--panel", "it8951-10in", "--out", dir.toString());
        assertEquals(2, r.exit());
        assertEquals("newsstand: Invalid value for option '--panel': unknown panel model 'it8951-10in' (allowed: it8951-10in3, "
                + "it8951-13in3, it8951-6in, waveshare-7in5-v2)\nTry 'newsstand demo --help'.\n", r.err());
    }

    @Test
    void aMissingIssuePackageIsNamed() {
        Path missing = dir.resolve("nope");
        Cli r = Cli.run("render", "--issue", missing.toString(), "--out", dir.resolve("o").toString());
        assertEquals(1, r.exit());
        assertEquals("newsstand: " + missing + ": 1 problem\n  not a folder\n", r.err());
    }

    @Test
    void aBrokenPackageListsItsProblemsWithoutAStackTrace() throws Exception {
        Cli.run("sample-issue", "--out", dir.toString());
        String json = Files.readString(dir.resolve("issue.json")).replace("\"date\": \"2025-09-10\"", "\"date\": \"10.9.2025\"");
        Files.writeString(dir.resolve("issue.json"), json);
        Cli r = Cli.run("render", "--issue", dir.toString(), "--out", dir.resolve("o").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("issue.json: date is '10.9.2025' (allowed: a date written YYYY-MM-DD)"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void importTextOfAPageNamedWithoutItsPaperSaysHowToGetAReadablePublicationId() throws Exception {
        Path page = dir.resolve("page.txt");
        Files.copy(FIXTURE, page);
        Cli r = Cli.run("import-text", page.toString(), "--out", dir.resolve("o").toString(), "--date", "2025-09-10");
        assertEquals(0, r.exit(), r.err());
        String id = newsstand.issue.Issue.derivePublication("青岛日报");
        assertTrue(r.out().contains("note: publication " + id + " is made from the newspaper's name; for a readable id, name the file "
                + "PUBLICATION-YYYY-MM-DD.txt (qingdao-daily-2025-09-10.txt) or give --publication ID\n"), r.out());
        assertEquals("wrote issue page of publication " + id + " (青岛日报, 8 articles) to " + dir.resolve("o"), r.lastLine());
        r = Cli.run("import-text", page.toString(), "--out", dir.resolve("p").toString(), "--date", "2025-09-10", "--publication", "qingdao-daily");
        assertEquals("wrote issue page of publication qingdao-daily (青岛日报, 8 articles) to " + dir.resolve("p"), r.out().strip());
    }

    @Test
    void importTextNeedsADateWhenTheFileNameHasNone() throws Exception {
        Path page = dir.resolve("page.txt");
        Files.writeString(page, "标题\n\n□青岛日报记者 某某\n\n正文。");
        Cli r = Cli.run("import-text", page.toString(), "--out", dir.resolve("o").toString());
        assertEquals(1, r.exit());
        assertEquals("newsstand: " + page + ": its name holds no date; give --date YYYY-MM-DD\n", r.err());
        r = Cli.run("import-text", page.toString(), "--out", dir.resolve("o").toString(), "--date", "2025-13-01");
        assertEquals("newsstand: --date '2025-13-01' is not a date (allowed: YYYY-MM-DD, such as 2025-09-10)\n", r.err());
        Files.write(page, new byte[] {(byte) 0xE6, (byte) 0x88});
        r = Cli.run("import-text", page.toString(), "--out", dir.resolve("o").toString(), "--date", "2025-09-10");
        assertEquals("newsstand: " + page + ": malformed UTF-8 at byte 0 (the page must be UTF-8 text)\n", r.err());
    }

    static final String NOTO = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";

    @Test
    void glyphsWritesAPgmPerCharacterAndATable() throws Exception {
        Cli r = Cli.run("glyphs", "--font", NOTO, "--face", "Noto Sans CJK SC", "--px", "48", "--text", "中A", "--out", dir.toString());
        assertEquals(0, r.exit(), r.err());
        java.util.List<String> tsv = Files.readAllLines(dir.resolve("glyphs.tsv"));
        assertEquals("codepoint\tglyph\tleft\ttop\twidth\theight\tadvance", tsv.get(0));
        String[] zhong = tsv.get(1).split("\t");
        assertEquals("U+4E2D", zhong[0]);
        assertEquals("48.000", zhong[6]);
        byte[] pgm = Files.readAllBytes(dir.resolve("U+4E2D.pgm"));
        String header = "P5\n" + zhong[4] + " " + zhong[5] + "\n255\n";
        assertEquals(header, new String(pgm, 0, header.length(), java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(header.length() + Integer.parseInt(zhong[4]) * Integer.parseInt(zhong[5]), pgm.length);
        assertTrue(Files.exists(dir.resolve("U+0041.pgm")));
    }

    @Test
    void glyphsNamesTheFacesOfACollectionWhenNoneIsGiven() {
        Cli r = Cli.run("glyphs", "--font", NOTO, "--px", "24", "--text", "中", "--out", dir.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("is a collection of 10 faces; give --face NAME (one of: Noto Sans CJK JP,"), r.err());
        r = Cli.run("glyphs", "--font", NOTO, "--face", "Noto Sans CJK XX", "--px", "24", "--text", "中", "--out", dir.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("no face named 'Noto Sans CJK XX'"), r.err());
        r = Cli.run("glyphs", "--font", NOTO, "--face", "Noto Sans CJK SC", "--px", "2000", "--text", "中", "--out", dir.toString());
        assertEquals("newsstand: --px 2000 is not allowed (allowed: 4 to 512)\n", r.err());
    }

    @Test
    void benchGlyphsEndsWithItsFigures() throws Exception {
        Path text = dir.resolve("t.txt");
        Files.writeString(text, "海上新山东青岛新实践");
        Cli r = Cli.run("bench", "glyphs", "--font", NOTO, "--face", "Noto Sans CJK SC", "--px", "24", "--text-file", text.toString(), "--rounds", "2");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.lastLine().matches("cold_us_per_glyph=\\d+\\.\\d+ cached_us_per_glyph=\\d+\\.\\d+ heap_mb=\\d+\\.\\d"), r.lastLine());
        assertTrue(r.out().contains("9 distinct characters"), r.out());
    }

    @Test
    void typesetPrintsTheLinesAsSetParagraphByParagraph() throws Exception {
        Path text = dir.resolve("p.txt");
        Files.writeString(text, "甲乙丙丁，戊己庚辛。\n\n（壬癸）子丑寅卯辰巳午未。\n");
        Cli r = Cli.run("typeset", "--font", NOTO, "--face", "Noto Sans CJK SC", "--px", "20", "--width", "80", "--text-file", text.toString());
        assertEquals(0, r.exit(), r.err());
        // 4 em with a two-em first-line indent; a closing mark never opens a line.
        assertEquals("甲乙\n丙丁，戊\n己庚辛。\n\n（壬\n癸）子丑\n寅卯辰巳\n午未。", r.out().strip().replace("\r", ""), r.out());
        Cli vertical = Cli.run("typeset", "--font", NOTO, "--face", "Noto Sans CJK SC", "--px", "20", "--width", "80", "--vertical", "--level", "strict", "--text-file", text.toString());
        assertEquals(0, vertical.exit(), vertical.err());
        assertTrue(vertical.out().startsWith("甲乙\n丙丁，戊\n"), vertical.out());
    }

    @Test
    void theDemoRunsThroughEachRealDriverAgainstRecordingWires() throws Exception {
        for (String model : List.of("waveshare-7in5-v2", "it8951-6in")) {
            Path out = dir.resolve("traced-" + model);
            Cli r = Cli.run("demo", "--traced", "--panel", model, "--out", out.toString());
            assertEquals(0, r.exit(), r.err());
            Matcher m = Pattern.compile("rendered (\\d+) pages").matcher(r.out());
            assertTrue(m.find(), r.out());
            int pages = Integer.parseInt(m.group(1));
            List<String> e = Files.readAllLines(out.resolve("panel-trace.txt"));
            String show = model.startsWith("it8951") ? "CMD 0x0034" : "CMD 0x12";
            assertEquals(pages, e.stream().filter(show::equals).count(), model + ": one refresh a page");
            // The panel sleeps after each refresh: the UC8179 in deep sleep, woken by a reset; the IT8951 by SYS_RUN.
            boolean it = model.startsWith("it8951");
            assertEquals(pages, e.stream().filter((it ? "CMD 0x0003" : "CMD 0x07")::equals).count(), model + ": sleeps");
            assertEquals(it ? 1 : pages, e.stream().filter("RESET"::equals).count(), model + ": resets");
            boolean partial = it ? e.stream().anyMatch(l -> l.matches("WRITE( [0-9A-F]{4}){4} 0003")) : e.contains("CMD 0x91");
            assertTrue(partial, model + ": page turns are partial (GL16, or the UC8179's partial window)");
        }
    }

    @Test
    void panelTestPatternThenTraceOfEachController() throws Exception {
        Path out = dir.resolve("panel");
        Cli r = Cli.run("panel", "test-pattern", "--panel", "it8951-6in", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        Path png = out.resolve("panel-001.png");
        assertTrue(Files.size(png) > 1000);
        Path uc = dir.resolve("uc.txt");
        r = Cli.run("panel", "trace", "--panel", "waveshare-7in5-v2", "--image", png.toString(), "--refresh", "full", "--out", uc.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> e = Files.readAllLines(uc);
        assertEquals(List.of("DELAY 20", "RESET", "DELAY 20", "CMD 0x01"), e.subList(0, 4));
        assertEquals(2, e.stream().filter(l -> l.startsWith("PIXELS 48000 sha256=")).count(), "two planes: " + e);
        assertEquals("DATA 1 first=A5", e.get(e.size() - 1), "deep sleep at the end");
        Path it = dir.resolve("it.txt");
        r = Cli.run("panel", "trace", "--panel", "it8951-10in3", "--image", png.toString(), "--refresh", "du",
                "--region", "0,0,100,100", "--buffer", "2048", "--out", it.toString());
        assertEquals(0, r.exit(), r.err());
        e = Files.readAllLines(it);
        assertTrue(e.contains("WRITE 0120 06EC 0000 0064 0064"), "mirrored 4 bpp area: " + e);
        assertTrue(e.contains("WRITE 06EC 0000 0064 0064 0001"), "DU is mode 1: " + e);
        assertEquals("CMD 0x0003", e.get(e.size() - 1), "sleep at the end");
        r = Cli.run("panel", "trace", "--panel", "waveshare-7in5-v2", "--image", png.toString(), "--refresh", "a2", "--out", it.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("--refresh 'a2' is not allowed on waveshare-7in5-v2's UC8179 (allowed: full, fast, partial)"), r.err());
        r = Cli.run("panel", "trace", "--panel", "it8951-6in", "--image", png.toString(), "--refresh", "full", "--region", "700,0,200,10", "--out", it.toString());
        assertEquals(1, r.exit());
        assertEquals("newsstand: --region '700,0,200,10' is outside the panel (allowed: X,Y,W,H inside the panel's 800x600)", r.err().strip());
    }

    @Test
    void typesetNamesBadLevelsWidthsAndFiles() throws Exception {
        Path text = dir.resolve("p.txt");
        Files.writeString(text, "甲乙丙");
        Cli r = Cli.run("typeset", "--font", NOTO, "--face", "Noto Sans CJK SC", "--px", "20", "--width", "80", "--level", "loose", "--text-file", text.toString());
        assertEquals(1, r.exit());
        assertEquals("newsstand: --level loose is not allowed (allowed: none, basic, gb, strict)", r.err().strip());
        r = Cli.run("typeset", "--font", NOTO, "--face", "Noto Sans CJK SC", "--px", "20", "--width", "10", "--text-file", text.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("--width 10 is not allowed"), r.err());
        Path latin1 = dir.resolve("latin1.txt");
        Files.write(latin1, new byte[] {(byte) 0xE9, 'a'});
        r = Cli.run("typeset", "--font", NOTO, "--face", "Noto Sans CJK SC", "--px", "20", "--width", "80", "--text-file", latin1.toString());
        assertEquals(1, r.exit());
        assertEquals("newsstand: " + latin1 + " is not UTF-8 text", r.err().strip());
    }

    @Test
    void benchPageEndsWithItsFigures() {
        Cli r = Cli.run("bench", "page", "--panel", "waveshare-7in5-v2", "--rounds", "2");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.lastLine().matches("warm_page_ms=\\d+\\.\\d first_page_ms=\\d+ heap_mb=\\d+\\.\\d"), r.lastLine());
    }

    @Test
    void everyCommandHasHelpAndACommandIsRequired() {
        for (String command : new String[] {"demo", "render", "import-text", "sample-issue", "glyphs", "typeset", "bench"}) {
            Cli r = Cli.run(command, "--help");
            assertEquals(0, r.exit(), command);
            assertTrue(r.out().startsWith("Usage: newsstand " + command), r.out());
        }
        Cli r = Cli.run();
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("newsstand: a command is required"), r.err());
        assertEquals(2, Cli.run("frobnicate").exit());
    }

    @Test
    void everyCommandsHelpIsFormattedWithoutAWarning() throws Exception {
        // picocli formats descriptions with String.format and warns on standard error when one is not a format ("50%").
        java.io.PrintStream before = System.err;
        java.io.ByteArrayOutputStream warned = new java.io.ByteArrayOutputStream();
        List<String> helped = new java.util.ArrayList<>();
        System.setErr(new java.io.PrintStream(warned, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            java.util.ArrayDeque<picocli.CommandLine> commands = new java.util.ArrayDeque<>();
            Newsstand.Commands.ALL.values().forEach(command -> commands.add(new picocli.CommandLine(command.get())));
            while (!commands.isEmpty()) {
                picocli.CommandLine c = commands.remove();
                assertFalse(c.getUsageMessage(picocli.CommandLine.Help.Ansi.OFF).isBlank(), c.getCommandName());
                helped.add(c.getCommandName());
                commands.addAll(c.getSubcommands().values());
            }
        } finally {
            System.setErr(before);
        }
        assertTrue(helped.containsAll(List.of("demo", "run", "fleet", "status", "bench", "page")), helped.toString());
        assertEquals("", warned.toString(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void theDemoFitsTheDevicesHeap() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx32m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "newsstand.app.Newsstand", "demo", "--out", dir.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), output);
        assertTrue(output.contains("rendered ") && output.contains(" for it8951-10in3 in "), output);
        assertFalse(output.contains("OutOfMemoryError"), output);
        // The demo sets its text in Noto Sans CJK SC, installed here, and says so (FontFileTest: the fallback).
        assertTrue(output.contains("INFO: zh-Hans regular text: Noto Sans CJK SC > "), output);
    }
}
