package newsstand.layout;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import newsstand.config.PanelModel;
import newsstand.display.Framebuffer;
import newsstand.display.Panel;
import newsstand.display.Refresh;
import newsstand.display.Refresher;
import newsstand.fonts.FontCatalog;
import newsstand.fonts.FontException;
import newsstand.fonts.GlyphCache;
import newsstand.fonts.Typeface;
import newsstand.issue.Issue;

/** Composes an issue for a panel and shows its pages one after another, through one reused framebuffer. */
public final class IssueRenderer {
    static final long GLYPH_CACHE_BYTES = 4L << 20;
    static final long TRIAL_CACHE_BYTES = 1L << 20;

    private final Typeface regular;
    private final Typeface bold;
    private GlyphCache cache;

    private IssueRenderer(Typeface regular, Typeface bold) {
        this.regular = regular;
        this.bold = bold;
    }

    /** A renderer with the regular and bold types for a language, from the standard font folders. */
    public static IssueRenderer open(String language) throws FontException {
        return open(language, List.of());
    }

    /** A renderer with the regular and bold types for a language, from the given folders first, then the standard ones. */
    public static IssueRenderer open(String language, List<Path> fontFolders) throws FontException {
        IssueRenderer r = choose(language, fontFolders);
        // To choose, the catalog mapped every font file and read its names and cmap; the mappings of those not
        // chosen go only when collected, and until then their pages count in the kiosk's memory (2 MB each for the
        // Serif CJK collections). Opening a renderer is rare (at start, per language, per trial): collect once.
        System.gc();
        return r;
    }

    /**
     * The same without the collection, for the kiosk's start: the caller collects once its first frame is on the
     * panel (a full collection stops every thread, about 10 ms on the development VM, before it).
     */
    public static IssueRenderer openUncollected(String language, List<Path> fontFolders) throws FontException {
        return choose(language, fontFolders);
    }

    /** The faces chosen, in fallback order: "regular: A > B; bold: C > D". */
    public String types() {
        return "regular: " + regular + "; bold: " + bold;
    }

    /** The types for a language; the catalog that chose them is unreachable once this returns. */
    private static IssueRenderer choose(String language, List<Path> fontFolders) throws FontException {
        FontCatalog fonts = FontCatalog.scan(fontFolders);
        return new IssueRenderer(fonts.typeface(language, false), fonts.typeface(language, true));
    }

    public List<Page> compose(Issue issue, Panel panel) {
        return compose(issue, panel.model());
    }

    public List<Page> compose(Issue issue, PanelModel model) {
        return new Composer(Typography.of(model), regular, bold).compose(issue);
    }

    /**
     * A banner drawn over a page's footer (offline), the page of the total of the page under it kept in it: the
     * first of the texts (longest first) that fits; see {@link PageRenderer#drawOver}.
     */
    public Page banner(List<String> texts, Page under, PanelModel model) {
        return Notice.banner(Typography.of(model), new Setter(regular, bold), texts, under);
    }

    /**
     * A station notice's band across the top of a page or screen: reversed (a warning, an urgent notice) or outlined
     * (information), its label and text set by this renderer's types.
     */
    public Page noticeBand(boolean reversed, String label, String text, PanelModel model) {
        return Notice.band(Typography.of(model), new Setter(regular, bold), reversed, label, text, false);
    }

    /**
     * A screen of the kiosk's own (home, index, waiting, closed, a fault) under a station notice's band of one line,
     * moved down to make room for it.
     */
    public Page underNoticeBand(Page screen, boolean reversed, String label, String text, PanelModel model) {
        Typography t = Typography.of(model);
        return Notice.above(t, Notice.band(t, new Setter(regular, bold), reversed, label, text, true), screen);
    }

    /** An urgent notice over the whole screen: its label, title and text, and lines at the foot. */
    public Page urgentNotice(String label, String title, String text, List<String> foot, PanelModel model) {
        return Notice.urgent(Typography.of(model), new Setter(regular, bold), label, title, text, foot);
    }

    /** One page drawn over another: what both draw, the second's over the first's. */
    public static Page over(Page under, Page over) {
        Page p = new Page(under.number, under.section);
        p.pageOfTotal = under.pageOfTotal;
        p.ops.addAll(under.ops);
        p.ops.addAll(over.ops);
        return p;
    }

    /** A screen of the kiosk's own (closed, setup): a heading and lines, centred, in this renderer's types. */
    public Page notice(String heading, List<String> lines, PanelModel model) {
        return notice(heading, lines, List.of(), model);
    }

    /**
     * A screen of the kiosk's own for passers-by (waiting, a fault): a heading and lines, centred, and small print
     * at the foot for the technician.
     */
    public Page notice(String heading, List<String> lines, List<String> smallPrint, PanelModel model) {
        return Notice.compose(Typography.of(model), new Setter(regular, bold), heading, lines, smallPrint);
    }

    /**
     * A screen of the kiosk's own because something is wrong or missing: the same, with a QR code of the URL of the
     * next step at the right, its symbol 50 mm wide on the panel where there is the room.
     */
    public Page notice(String heading, List<String> lines, List<String> smallPrint, String helpUrl, PanelModel model) {
        HelpCode code = HelpCode.of(helpUrl);
        return Notice.compose(Typography.of(model), new Setter(regular, bold), heading, lines, smallPrint, code, code.modulePx(model));
    }

    /** The home screen: the titles with their dates and lead headlines, the one under the cursor marked. */
    public Page shelf(String heading, List<ShelfTitle> titles, int cursor, String hint, PanelModel model) {
        return Shelf.compose(Typography.of(model), new Setter(regular, bold), heading, titles, cursor, hint);
    }

    /** A page renderer with glyphs kept at the panel's depth: 4 bits for 16 greys, 1 bit (strokes kept) for 2. */
    public PageRenderer renderer(PageRenderer.PhotoSource photos, PanelModel model) {
        int depth = model.bitsPerPixel();
        if (cache == null || cache.depth() != depth) cache = new GlyphCache(GLYPH_CACHE_BYTES, depth);
        return new PageRenderer(regular, bold, cache, photos);
    }

    /**
     * What a kiosk does before it shows a new issue: composes every page and draws each into a scratch framebuffer,
     * through a glyph cache of its own (1 MB) beside the one of the pages shown. Returns the page count; a page that
     * cannot be composed or drawn throws (a photo that cannot be decoded is drawn as a grey box, as when shown).
     */
    public int trial(Issue issue, PageRenderer.PhotoSource photos, PanelModel model) {
        List<Page> pages = compose(issue, model);
        Framebuffer fb = new Framebuffer(model.width(), model.height(), model.greyLevels());
        PageRenderer renderer = new PageRenderer(regular, bold, new GlyphCache(TRIAL_CACHE_BYTES, model.bitsPerPixel()), photos);
        try {
            for (Page page : pages) renderer.draw(page, fb);
        } finally {
            renderer.close();
        }
        return pages.size();
    }

    /**
     * Shows every page on the panel as a kiosk turns them, through the refresh policy: the first page (a new issue)
     * and pages with large photos flash fully, the others refresh what changed, with a full one every few pages.
     * Returns how many pages there were.
     */
    public int renderAll(Issue issue, PageRenderer.PhotoSource photos, Panel panel) throws IOException {
        List<Page> pages = compose(issue, panel);
        Framebuffer fb = new Framebuffer(panel.model().width(), panel.model().height(), panel.model().greyLevels());
        PageRenderer renderer = renderer(photos, panel.model());
        Refresher refresher = new Refresher(panel, panel.model().fullRefreshEvery(), 0);
        boolean first = true;
        for (Page page : pages) {
            renderer.draw(page, fb);
            refresher.show(fb, first || largePhotos(page, panel.model()) ? Refresh.FLASH : Refresh.CHANGES);
            first = false;
        }
        return pages.size();
    }

    /** Photos covering a fifth of the page or more leave ghosts that only a full refresh clears. */
    public static boolean largePhotos(Page page, PanelModel model) {
        long area = 0;
        for (Page.Op op : page.ops) {
            if (op instanceof Page.Picture p) area += (long) p.width() * p.height();
        }
        return area * 5 >= (long) model.width() * model.height();
    }
}
