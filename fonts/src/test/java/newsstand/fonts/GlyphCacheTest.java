package newsstand.fonts;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class GlyphCacheTest {
    @Test
    void hitsMissesAndStaysWithinItsBoundInBytes() throws Exception {
        Face face = FontFileTest.microHei();
        GlyphCache cache = new GlyphCache(64 * 1024);
        String text = "海上新山东青岛新实践海洋合作发展论坛从蔚蓝到未来发展可持续海洋经济共建美丽丰盈的海洋";
        for (int cp : text.codePoints().toArray()) {
            cache.glyph(face, face.glyph(cp), 48, false);
            assertTrue(cache.bytes() <= cache.maxBytes(), "bytes " + cache.bytes());
        }
        assertTrue(cache.evictions() > 0, "a 64 KiB cache must evict 48 px glyphs of a long text");
        long misses = cache.misses();
        GlyphBitmap a = cache.glyph(face, face.glyph('洋'), 48, false);
        assertSame(a, cache.glyph(face, face.glyph('洋'), 48, false));
        assertEquals(misses, cache.misses());
        assertTrue(cache.hits() >= 2);
    }

    @Test
    void boldIsWiderAndDarkerThanRegular() throws Exception {
        Face face = FontFileTest.microHei();
        GlyphCache cache = new GlyphCache(1 << 20);
        GlyphBitmap regular = cache.glyph(face, face.glyph('报'), 48, false);
        GlyphBitmap bold = cache.glyph(face, face.glyph('报'), 48, true);
        assertTrue(bold.width() > regular.width());
        assertTrue(ink(bold) > ink(regular) * 1.15, ink(bold) + " vs " + ink(regular));
    }

    @Test
    void rejectsSizesItCannotKey() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> new GlyphCache(100));
        GlyphCache cache = new GlyphCache(1 << 16);
        assertThrows(IllegalArgumentException.class, () -> cache.glyph(FontFileTest.microHei(), 1, 0, false));
    }

    static long ink(GlyphBitmap b) {
        long s = 0;
        for (byte v : b.coverage()) s += v & 0xFF;
        return s;
    }
}
