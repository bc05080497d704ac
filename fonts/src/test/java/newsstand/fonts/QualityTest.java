package newsstand.fonts;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.Font;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Our glyphs against FreeType's antialiased rendering (through Java2D) on every CJK face Debian's fonts-noto-cjk,
 * fonts-wqy-microhei and fonts-wqy-zenhei install, and on IPAGothic (Japanese) and NanumGothic (Korean): mean IoU at
 * 50% of at least 0.97, ink-only mean absolute error under 3/255, and the same advances.
 */
class QualityTest {
    static final String HAN = distinct(fixture(), 3);
    static final String KANA = "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをんアイウエオカキクケコ日本語新聞東京";
    static final String HANGUL = "가나다라마바사아자차카타파하한국어신문서울경제사회문화정치국제스포츠날씨";

    static String fixture() {
        try {
            return Files.readString(Path.of("../sync/src/test/resources/fixtures/qingdao-daily-2025-09-10.txt"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every n-th distinct Han character of a text. */
    static String distinct(String text, int every) {
        StringBuilder s = new StringBuilder();
        int[] cps = text.codePoints().filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN).distinct().toArray();
        for (int i = 0; i < cps.length; i += every) s.appendCodePoint(cps[i]);
        return s.toString();
    }

    @TestFactory
    Stream<DynamicTest> matchesFreeTypeOnEveryFace() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        String[][] files = {
                {"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", HAN},
                {"/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", HAN},
                {"/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", HAN},
                {"/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc", HAN},
                {"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", HAN},
                {"/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", HAN},
                {"/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf", KANA},
                {"/usr/share/fonts/truetype/nanum/NanumGothic.ttf", HANGUL},
        };
        for (String[] f : files) {
            for (Face face : FontFile.open(Path.of(f[0])).faces()) {
                tests.add(DynamicTest.dynamicTest(face.toString(), () -> check(face, f[0], f[1])));
            }
        }
        return tests.stream();
    }

    private static void check(Face face, String path, String text) throws Exception {
        Font peer = Peer.font(path, face.family());
        GlyphCache cache = new GlyphCache(8 << 20);
        BufferedImage canvas = new BufferedImage(300, 300, BufferedImage.TYPE_BYTE_GRAY);
        for (int px : new int[] {24, 48}) {
            double iou = 0, mae = 0;
            int n = 0;
            for (int cp : text.codePoints().toArray()) {
                int g = face.glyph(cp);
                assertNotEquals(0, g, face + " maps U+" + Integer.toHexString(cp));
                GlyphBitmap ours = cache.glyph(face, g, px, false);
                GlyphBitmap theirs = Peer.render(peer, g, px, canvas);
                assertEquals(theirs.advance(), ours.advance(), 0.02, face + " advance of U+" + Integer.toHexString(cp) + " at " + px);
                Compare c = Compare.of(ours, theirs);
                iou += c.iou;
                mae += c.inkMae;
                n++;
            }
            iou /= n;
            mae /= n;
            System.out.printf("quality %-60s %3d px  glyphs %3d  IoU %.4f  ink MAE %.2f/255%n", face, px, n, iou, mae);
            assertTrue(iou >= 0.97, face + " at " + px + " px: mean IoU " + iou);
            assertTrue(mae < 3, face + " at " + px + " px: ink-only MAE " + mae);
        }
    }
}
