package newsstand.fonts;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class FontFileTest {
    static final Path MICRO_HEI = Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc");

    static Face microHei() throws FontException {
        return FontFile.open(MICRO_HEI).face("WenQuanYi Micro Hei");
    }

    @Test
    void choosesACollectionFaceByFamilyNameInAnyLanguage() throws Exception {
        FontFile file = FontFile.open(MICRO_HEI);
        assertEquals(2, file.faceCount());
        assertEquals("WenQuanYi Micro Hei", file.face("WenQuanYi Micro Hei").family());
        assertEquals("WenQuanYi Micro Hei Mono", file.face("wenquanyi micro hei mono").family());
        assertEquals("WenQuanYi Micro Hei", file.face("文泉驿微米黑").family());
        FontException e = assertThrows(FontException.class, () -> file.face("Noto Sans CJK SC"));
        assertTrue(e.getMessage().contains("no face named 'Noto Sans CJK SC'"), e.getMessage());
        assertTrue(e.getMessage().contains("WenQuanYi Micro Hei Mono"), e.getMessage());
    }

    @Test
    void mapsHanLatinAndPunctuationToGlyphs() throws Exception {
        Face face = microHei();
        assertTrue(face.hasTrueTypeOutlines());
        for (int cp : "中国青岛海洋MWh2025。，".codePoints().toArray()) {
            assertNotEquals(0, face.glyph(cp), "glyph for U+" + Integer.toHexString(cp));
        }
        assertNotEquals(face.glyph('中'), face.glyph('国'));
        assertEquals(0, face.glyph(0x10FFFF));
    }

    @Test
    void advancesAndBoxesAreTheFontsOwnMetricsScaled() throws Exception {
        Face face = microHei();
        GlyphCache cache = new GlyphCache(1 << 20);
        for (int px : new int[] {16, 24, 48, 96}) {
            for (int cp : "中国海A2。".codePoints().toArray()) {
                int g = face.glyph(cp);
                float scale = (float) px / face.unitsPerEm();
                GlyphBitmap b = cache.glyph(face, g, px, false);
                assertEquals(face.advance(g) * scale, b.advance(), 1e-4, "advance of U+" + Integer.toHexString(cp));
                int[] box = face.recordedBox(g);
                assertEquals((int) Math.floor(box[0] * scale), b.left(), "left of " + Character.toString(cp) + " at " + px);
                assertEquals((int) Math.ceil(box[3] * scale), b.top(), "top of " + Character.toString(cp) + " at " + px);
                assertEquals((int) Math.ceil(box[2] * scale) - (int) Math.floor(box[0] * scale), b.width());
                assertEquals((int) Math.ceil(box[3] * scale) - (int) Math.floor(box[1] * scale), b.height());
            }
        }
    }

    @Test
    void coverageIsWhereTheOutlineIs() throws Exception {
        Face face = microHei();
        GlyphCache cache = new GlyphCache(1 << 20);
        // 口 at 96 px: a square frame. Its middle is empty, its left stroke is full, every row has ink.
        GlyphBitmap mouth = cache.glyph(face, face.glyph('口'), 96, false);
        int midY = mouth.height() / 2;
        assertEquals(0, mouth.at(mouth.width() / 2, midY), "centre of 口 is hollow");
        int leftInk = 0;
        for (int x = 0; x < mouth.width() / 4; x++) leftInk = Math.max(leftInk, mouth.at(x, midY));
        assertEquals(255, leftInk, "left stroke of 口 is solid");
        // 一 at 48 px: one horizontal stroke; the bitmap is wide and flat and its middle row is solid.
        GlyphBitmap one = cache.glyph(face, face.glyph('一'), 48, false);
        assertTrue(one.width() > 3 * one.height(), one.width() + "x" + one.height());
        int solid = 0;
        for (int x = 0; x < one.width(); x++) if (one.at(x, one.height() / 2) == 255) solid++;
        assertTrue(solid > one.width() * 0.8, "solid pixels in 一: " + solid + " of " + one.width());
        // Total ink matches the outline's area: 口 at 96 px covers well under half of its box, but far from none.
        long ink = 0;
        for (byte v : mouth.coverage()) ink += v & 0xFF;
        double fill = ink / 255.0 / (mouth.width() * mouth.height());
        assertTrue(fill > 0.15 && fill < 0.5, "fill of 口 " + fill);
    }

    @Test
    void aTruncatedFontIsRejectedByName(@TempDir Path dir) throws Exception {
        Path cut = dir.resolve("cut.ttc");
        byte[] head = new byte[4000];
        try (var in = Files.newInputStream(MICRO_HEI)) {
            assertEquals(head.length, in.readNBytes(head, 0, head.length));
        }
        Files.write(cut, head);
        FontException e = assertThrows(FontException.class, () -> FontFile.open(cut).face(0));
        assertTrue(e.getMessage().startsWith(cut + "#0: not a usable font: "), e.getMessage());
        Files.write(cut, new byte[] {1, 2, 3});
        e = assertThrows(FontException.class, () -> FontFile.open(cut).face(0));
        assertTrue(e.getMessage().contains("not a usable font"), e.getMessage());
    }

    @Test
    void catalogChoosesTheRegionalFaceAndTheWeight() throws Exception {
        FontCatalog catalog = FontCatalog.scan(java.util.List.of());
        Typeface sc = catalog.typeface("zh-Hans", false);
        assertEquals("Noto Sans CJK SC", sc.primary().family());
        assertEquals(400, sc.primary().weight());
        assertFalse(sc.synthesizeBold());
        Typeface bold = catalog.typeface("zh-Hans", true);
        assertEquals("Noto Sans CJK SC", bold.primary().family());
        assertEquals(700, bold.primary().weight());
        assertEquals("Noto Sans CJK TC", catalog.typeface("zh-Hant", false).primary().family());
        assertEquals("Noto Sans CJK JP", catalog.typeface("ja", false).primary().family());
        assertEquals("Noto Sans CJK KR", catalog.typeface("ko", false).primary().family());
    }

    @Test
    void configuredFoldersWinAndABoldlessFaceIsThickened(@TempDir Path dir) throws Exception {
        Files.createSymbolicLink(dir.resolve("wqy-microhei.ttc"), MICRO_HEI);
        Typeface bold = FontCatalog.scan(java.util.List.of(dir)).typeface("zh-Hans", true);
        assertEquals("WenQuanYi Micro Hei", bold.primary().family());
        assertTrue(bold.synthesizeBold());
    }

    @Test
    void withoutNotoTheChoiceFallsBackAndSaysSo(@TempDir Path dir) throws Throwable {
        Files.createSymbolicLink(dir.resolve("wqy-microhei.ttc"), MICRO_HEI);
        String said = logged(() -> {
            Typeface type = FontCatalog.scan(java.util.List.of(dir), java.util.List.of()).typeface("zh-Hans", false);
            assertEquals("WenQuanYi Micro Hei", type.primary().family());
        });
        assertTrue(said.contains("INFO: Noto Sans CJK SC is not installed; using WenQuanYi Micro Hei (apt-get install"
                + " fonts-noto-cjk for the best type)"), said);
        // With Noto installed (the standard folders), a configured face still wins, and nothing says Noto is missing.
        said = logged(() -> assertEquals("WenQuanYi Micro Hei",
                FontCatalog.scan(java.util.List.of(dir)).typeface("zh-Hans", false).primary().family()));
        assertTrue(said.contains("zh-Hans regular text: "), said);
        assertFalse(said.contains("not installed"), said);
        // No font at all: the error names what to install.
        FontException none = assertThrows(FontException.class,
                () -> FontCatalog.scan(java.util.List.of(), java.util.List.of()).typeface("zh-Hans", false));
        assertTrue(none.getMessage().contains("no font for zh-Hans text in 0 font files (install fonts-noto-cjk"), none.getMessage());
    }

    /** What the catalog logged while the action ran: the test log's new lines (target/tests.log: tinylog-test.properties, pom.xml). */
    private static String logged(Executable action) throws Throwable {
        Path log = Path.of("target/tests.log");
        org.tinylog.Logger.info("log mark"); // the file writer opens its file on the first line logged
        long before = Files.size(log);
        action.execute();
        byte[] all = Files.readAllBytes(log);
        return new String(all, (int) before, all.length - (int) before, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void aCharacterNoFaceHasIsTheMissingBox() throws Exception {
        Typeface type = new Typeface(microHei());
        assertEquals(0, type.glyph(0xE000));
        assertNotEquals(0, type.glyph('中'));
    }
}
