package newsstand.fonts;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hostile and broken fonts: real fonts truncated and with bytes flipped, opened and drawn. Opening may fail only with
 * a FontException; drawing never fails (a broken glyph is a box); the parser itself throws nothing but Malformed or
 * an index error; nothing hangs. A bounded number of seeded mutants per build, plus every recipe in the corpus.
 */
class FuzzTest {
    static final String[] FONTS = {
            "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
            "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    };
    static final int ITERATIONS = Integer.getInteger("fuzz.iterations", 150);
    static final int[] TEXT = "中国海洋新闻2025AI，。“”".codePoints().toArray();

    /** The mutant of a font for a seed: truncated, bytes flipped, or words overwritten near the tables. */
    static byte[] mutate(byte[] font, long seed) {
        Random r = new Random(seed);
        byte[] b = font.clone();
        int mode = r.nextInt(4);
        if (mode == 0) return java.util.Arrays.copyOf(b, r.nextInt(b.length));
        int n = 1 + r.nextInt(64);
        for (int i = 0; i < n; i++) {
            // Half the damage lands in the first 64 KiB, where the directories and headers are.
            int at = r.nextBoolean() ? r.nextInt(Math.min(b.length, 65536)) : r.nextInt(b.length);
            if (mode == 1) b[at] ^= (byte) (1 << r.nextInt(8));
            else if (mode == 2) b[at] = (byte) r.nextInt(256);
            else if (at + 4 <= b.length) ByteBuffer.wrap(b).putInt(at, r.nextBoolean() ? -1 : r.nextInt());
        }
        return b;
    }

    /** Opens and draws a mutant; returns a problem, or null when the engine behaved. */
    static String exercise(byte[] bytes, String name) {
        FontFile file;
        try {
            file = FontFile.of(ByteBuffer.wrap(bytes), Path.of(name));
        } catch (FontException e) {
            return null;
        }
        GlyphCache cache = new GlyphCache(1 << 20, 8);
        Outline outline = new Outline();
        for (int i = 0; i < file.faceCount(); i++) {
            Face face;
            try {
                face = file.face(i);
            } catch (FontException e) {
                continue;
            }
            for (int cp : TEXT) {
                int g = face.glyph(cp);
                for (int px : new int[] {16, 48}) {
                    GlyphBitmap bitmap = cache.glyph(face, g, px, false);
                    if (bitmap.coverage().length < GlyphBitmap.stride(bitmap.width(), 8) * bitmap.height()) return "short bitmap";
                }
                try {
                    outline.reset();
                    face.outline(g, outline);
                } catch (Malformed | IndexOutOfBoundsException expected) {
                    // the documented ways a broken glyph fails
                } catch (RuntimeException e) {
                    return "glyph " + g + " of face " + i + " threw " + e;
                }
            }
        }
        return null;
    }

    @Test
    void mutantsOfRealFontsNeverCrashOrHang() throws Exception {
        List<String> failures = new ArrayList<>();
        for (String font : FONTS) {
            byte[] bytes = Files.readAllBytes(Path.of(font));
            for (int i = 0; i < ITERATIONS; i++) {
                long seed = font.hashCode() * 1_000_003L + i;
                String problem = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> exercise(mutate(bytes, seed), font),
                        font + " seed " + seed + " hangs");
                if (problem != null) failures.add(font + " " + seed + "  # " + problem);
            }
        }
        assertTrue(failures.isEmpty(), "add these lines to fonts/src/test/resources/fuzz/corpus.txt and fix them:\n"
                + String.join("\n", failures));
    }

    @Test
    void everyCorpusRecipeStaysFixed() throws Exception {
        for (String line : Files.readAllLines(Path.of("src/test/resources/fuzz/corpus.txt"))) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.split("\\s+");
            byte[] bytes = Files.readAllBytes(Path.of(f[0]));
            long seed = Long.parseLong(f[1]);
            String problem = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> exercise(mutate(bytes, seed), f[0]), line);
            assertNull(problem, line);
        }
    }
}
