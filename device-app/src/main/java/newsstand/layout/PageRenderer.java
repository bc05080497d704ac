package newsstand.layout;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import newsstand.display.Framebuffer;
import newsstand.display.GreyImage;
import newsstand.fonts.Face;
import newsstand.fonts.GlyphBitmap;
import newsstand.fonts.GlyphCache;
import newsstand.fonts.Typeface;
import newsstand.fonts.typeset.SetLine;
import org.tinylog.Logger;

/** Draws composed pages into a framebuffer: glyphs from the cache, rules, and photos decoded and dithered. */
public final class PageRenderer {
    /** Where the bytes of an issue's image files come from: the store on a kiosk, the package folder in a preview. */
    public interface PhotoSource {
        byte[] bytes(String file) throws IOException;
    }

    private final Typeface regular;
    private final Typeface bold;
    private final GlyphCache cache;
    private final PhotoSource photos;
    /** Decoded photos at their shown size, least recently used first, within PHOTO_CACHE_BYTES. */
    private final java.util.LinkedHashMap<String, GreyImage> decoded = new java.util.LinkedHashMap<>(16, 0.75f, true);
    private long decodedBytes;
    static final long PHOTO_CACHE_BYTES = 2L << 20;
    private ExecutorService decoder;

    PageRenderer(Typeface regular, Typeface bold, GlyphCache cache, PhotoSource photos) {
        this.regular = regular;
        this.bold = bold;
        this.cache = cache;
        this.photos = photos;
    }

    public void draw(Page page, Framebuffer fb) {
        draw(page, fb, false);
    }

    /** Draws a page's rules and text over what the framebuffer holds (a banner), clearing nothing. */
    public void drawOver(Page page, Framebuffer fb) {
        for (Page.Op op : page.ops) {
            if (op instanceof Page.Rule r) fb.fillRect(r.x(), r.y(), r.width(), r.height(), r.grey());
            else if (op instanceof Page.Text t) text(t, fb);
        }
    }

    /**
     * Draws a page; for a fast black-and-white refresh (A2, DU) photos take an ordered dither. Photos not yet decoded
     * are decoded on a second core while the text is drawn on this one.
     */
    void draw(Page page, Framebuffer fb, boolean fastRefresh) {
        List<Page.Picture> pictures = new ArrayList<>();
        List<Future<GreyImage>> pending = new ArrayList<>();
        for (Page.Op op : page.ops) {
            if (op instanceof Page.Picture p) {
                pictures.add(p);
                GreyImage known = decoded.get(key(p));
                pending.add(known != null ? CompletableFuture.completedFuture(known) : decodeLater(p));
            }
        }
        fb.fill(255);
        for (Page.Op op : page.ops) {
            if (op instanceof Page.Rule r) fb.fillRect(r.x(), r.y(), r.width(), r.height(), r.grey());
            else if (op instanceof Page.Text t) text(t, fb);
        }
        for (int i = 0; i < pictures.size(); i++) {
            Page.Picture p = pictures.get(i);
            try {
                GreyImage img = pending.get(i).get();
                remember(key(p), img);
                fb.drawPicture(img, p.x(), p.y(), fastRefresh);
            } catch (ExecutionException e) {
                // A broken photo costs its own box, never the page.
                Logger.warn("photo {} cannot be shown: {}", p.photo().file(), e.getCause().getMessage());
                fb.fillRect(p.x(), p.y(), p.width(), p.height(), 0xE0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Stops the photo decoder's thread, if one was started. */
    public void close() {
        if (decoder != null) decoder.shutdownNow();
    }

    /** The photo's bytes are read here (the store stays on one thread); the decoding goes to the second core. */
    private Future<GreyImage> decodeLater(Page.Picture p) {
        try {
            byte[] bytes = photos.bytes(p.photo().file());
            return decoder().submit(() -> PhotoDecoder.decode(bytes, p.width(), p.height()));
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static String key(Page.Picture p) {
        return p.photo().file() + "@" + p.width() + "x" + p.height();
    }

    /** Turning back and forth between pages shows the same photos again: the latest few stay decoded. */
    private void remember(String key, GreyImage img) {
        if (decoded.put(key, img) != null) return;
        decodedBytes += img.pixels().length;
        var eldest = decoded.entrySet().iterator();
        while (decodedBytes > PHOTO_CACHE_BYTES && decoded.size() > 1) {
            decodedBytes -= eldest.next().getValue().pixels().length;
            eldest.remove();
        }
    }

    private ExecutorService decoder() {
        if (decoder == null) {
            decoder = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "photo-decoder");
                t.setDaemon(true);
                return t;
            });
        }
        return decoder;
    }

    private void text(Page.Text t, Framebuffer fb) {
        SetLine line = t.line();
        // Black-and-white panels never dither text: grey ink becomes solid black (or white, on a dark tag).
        int ink = fb.levels() == 2 ? (t.ink() < 128 ? 0 : 255) : t.ink();
        int[] glyphs = line.glyphs();
        int[] cps = t.boldPrefix() > 0 || hasDash(line.text()) ? line.text().codePoints().toArray() : null;
        for (int i = 0; i < glyphs.length; i++) {
            if (glyphs[i] == Typeface.NONE) continue;
            // A bold run at the start of a regular line (the dateline) takes its glyphs from the bold type.
            boolean boldRun = cps != null && i < t.boldPrefix();
            Typeface type = t.bold() || boldRun ? bold : regular;
            int glyph = boldRun ? bold.textGlyph(cps[i], i + 1 < cps.length ? cps[i + 1] : 0) : glyphs[i];
            // Dashes i to end, the same glyph one after another, are drawn as one rule (a 破折号).
            int end = i;
            while (cps != null && end + 1 < glyphs.length && isDash(cps[end]) && cps[end + 1] == cps[end]
                    && glyphs[end + 1] == glyphs[i] && (end + 1 < t.boldPrefix()) == boldRun && !line.sideways()[end]) {
                end++;
            }
            if (!t.vertical()) {
                GlyphBitmap g = type.bitmap(cache, glyph, t.px());
                int x = t.x() + Math.round(line.x()[i]) + g.left(), y = t.baseline() - g.top();
                if (end == i) draw(fb, g, x, y, ink);
                else rule(fb, g, x, t.x() + Math.round(line.x()[end]) + g.left(), y, false, ink);
            } else if (line.sideways()[i]) {
                // Latin down a vertical line: turned a quarter clockwise, its em box centred on the column.
                GlyphBitmap g = type.turnedBitmap(cache, glyph, t.px());
                Face f = type.face(glyph);
                float emCentre = (f.ascender() + f.descender()) * t.px() / 2f / f.unitsPerEm();
                int x = Math.round(t.baseline() - emCentre) + g.left();
                draw(fb, g, x, t.y() + Math.round(line.x()[i]) - g.top(), ink);
            } else {
                if (boldRun) glyph = bold.verticalGlyph(cps[i], glyph);
                GlyphBitmap g = type.bitmap(cache, glyph, t.px());
                int x = Math.round(t.baseline() - type.advance(glyph, t.px()) / 2) + g.left();
                float origin = type.verticalOrigin(glyph, t.px());
                int y = t.y() + Math.round(line.x()[i] + origin) - g.top();
                if (end == i) draw(fb, g, x, y, ink);
                else rule(fb, g, y, t.y() + Math.round(line.x()[end] + origin) - g.top(), x, true, ink);
            }
            i = end;
        }
    }

    /** Dashes that run on as one rule: the em dash, the horizontal bar, the two- and three-em dashes. */
    private static boolean isDash(int cp) {
        return cp == 0x2014 || cp == 0x2015 || cp == 0x2E3A || cp == 0x2E3B;
    }

    private static boolean hasDash(String text) {
        for (int i = 0; i < text.length(); i++) if (isDash(text.charAt(i))) return true;
        return false;
    }

    /**
     * Draws a run of the same dash glyph, the first's bitmap at from along the line (x across, or y down a vertical
     * line), the last's at to, at across: a 破折号 is one unbroken rule, where fonts leave a margin at each end of
     * the glyph. The first dash's head up to its first fully inked step, then the dash's own profile across its
     * middle, then the last dash's tail from its last fully inked step: one mask, so that no pixel is inked twice
     * (overlapping glyphs darkened the seams) and the rule keeps its thickness and antialiased edges.
     */
    private static void rule(Framebuffer fb, GlyphBitmap g, int from, int to, int across, boolean down, int ink) {
        int along = down ? g.height() : g.width(), thick = down ? g.width() : g.height();
        if (along == 0 || thick == 0 || to < from) return;
        int mid = along / 2, peak = 0;
        for (int k = 1; k < thick; k++) if (coverage(g, mid, k, down) > coverage(g, mid, peak, down)) peak = k;
        int solid = coverage(g, mid, peak, down) - 16;
        int first = 0, last = along - 1;
        while (first < mid && coverage(g, first, peak, down) < solid) first++;
        while (last > mid && coverage(g, last, peak, down) < solid) last--;
        int length = to - from + along, tail = to - from + last;
        byte[] mask = new byte[length * thick];
        for (int i = 0; i < length; i++) {
            int step = i < first ? i : i > tail ? i - (to - from) : mid;
            for (int k = 0; k < thick; k++) mask[down ? i * thick + k : k * length + i] = (byte) coverage(g, step, k, down);
        }
        if (down) fb.drawMask(across, from, thick, length, mask, 8, ink);
        else fb.drawMask(from, across, length, thick, mask, 8, ink);
    }

    /** A glyph's coverage at a step along a line and across it. */
    private static int coverage(GlyphBitmap g, int along, int across, boolean down) {
        return down ? g.at(across, along) : g.at(along, across);
    }

    private static void draw(Framebuffer fb, GlyphBitmap g, int x, int y, int ink) {
        if (g.width() > 0) fb.drawMask(x, y, g.width(), g.height(), g.coverage(), g.depth(), ink);
    }
}
