package newsstand.kiosk;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import newsstand.config.Language;
import newsstand.config.PanelModel;
import newsstand.display.Framebuffer;
import newsstand.display.Panel;
import newsstand.display.Refresh;
import newsstand.display.Refresher;
import newsstand.fonts.FontException;
import newsstand.issue.Issue;
import newsstand.layout.IssueRenderer;
import newsstand.layout.Page;
import newsstand.layout.PageRenderer;
import newsstand.store.IssueStore;
import newsstand.store.StoreException;
import org.tinylog.Logger;

/**
 * How things are drawn on the panel: the issue being read, composed into pages for it, a page with a banner over
 * its footer, and any other screen (the kiosk's own, the index, the home screen), each through the refresh policy,
 * in the issue's types (Simplified Chinese ones before the first issue). It decides nothing: {@link DisplayLoop}
 * says what to show. Display thread only.
 */
final class PanelView {
    private final IssueStore store;
    private final Panel panel;
    /** The configured font folders (fonts.path), searched before the system's. */
    private final List<Path> fontFolders;
    private final Refresher refresher;
    private final Framebuffer fb;
    private final Map<String, IssueRenderer> renderers = new HashMap<>();
    private Issue issue;
    private List<Page> pages = List.of();
    private Navigation nav = new Navigation(List.of());
    private PageRenderer pageRenderer;
    private IssueRenderer current;
    /** A renderer being opened on another thread (at the kiosk's start), and its language; or null. */
    private java.util.concurrent.Future<IssueRenderer> opening;
    private String openingLanguage;
    /** When the first frame was handed to the panel (epoch milliseconds), or 0 before it. */
    private long firstHanded;
    private Runnable afterFirst = () -> {};

    PanelView(IssueStore store, Panel panel, List<Path> fontFolders, int fullEvery, int minIntervalMs) {
        this.store = store;
        this.panel = panel;
        this.fontFolders = List.copyOf(fontFolders);
        this.refresher = new Refresher(panel, fullEvery, minIntervalMs);
        this.fb = new Framebuffer(panel.model().width(), panel.model().height(), panel.model().greyLevels());
    }

    PanelModel model() {
        return panel.model();
    }

    /** The issue being read, or null. */
    Issue issue() {
        return issue;
    }

    List<Page> pages() {
        return pages;
    }

    Navigation nav() {
        return nav;
    }

    /**
     * Reads and composes a stored issue for the panel and makes it the one being read; on any failure what was read
     * before stays. Throws FontException when no font can set the issue's language.
     */
    void open(String id) throws StoreException, FontException {
        Issue read = store.issue(id);
        IssueRenderer r = renderer(read.language());
        List<Page> composed = r.compose(read, panel);
        if (pageRenderer != null) pageRenderer.close();
        pageRenderer = r.renderer(file -> {
            try {
                return store.image(id, file);
            } catch (StoreException ex) {
                throw new IOException(ex.getMessage(), ex);
            }
        }, panel.model());
        issue = read;
        pages = composed;
        nav = new Navigation(composed.stream().map(Page::section).toList());
        current = r;
    }

    /** Nothing is being read any more (its issue was withdrawn). */
    void close() {
        issue = null;
        pages = List.of();
        nav = new Navigation(List.of());
    }

    /**
     * Draws a page of the issue being read, with a banner (or null) over its footer: in full for a new issue or a
     * page of large photos, else the changed region.
     */
    void page(int to, boolean newIssue, Function<IssueRenderer, Page> banner) throws IOException {
        pageRenderer.draw(pages.get(to), fb);
        if (banner != null) pageRenderer.drawOver(banner.apply(current), fb);
        handed();
        refresher.show(fb, newIssue || IssueRenderer.largePhotos(pages.get(to), panel.model()) ? Refresh.FLASH : Refresh.CHANGES);
    }

    /** Draws a screen set in the issue's types (Simplified Chinese ones when none), with a flash or without. */
    void screen(Function<IssueRenderer, Page> compose, Refresh hint) throws FontException, IOException {
        IssueRenderer r = current != null ? current : renderer(Language.ZH_HANS);
        if (pageRenderer == null) pageRenderer = r.renderer(file -> new byte[0], panel.model());
        pageRenderer.draw(compose.apply(r), fb);
        handed();
        refresher.show(fb, hint);
    }

    /** Fault F1 in the built-in letters, when no font can set anything, with its QR code. */
    void noFont(Help help) {
        NoFont.show(panel, fb, refresher, "F1", help);
    }

    /** The nightly full clear: the panel flashed white, then what it showed drawn again in full; false when it failed. */
    boolean clearGhosting() {
        try {
            Logger.info("kiosk: full clear against ghosting");
            panel.clear();
            refresher.show(fb, Refresh.FLASH);
            return true;
        } catch (IOException | RuntimeException e) {
            Logger.error("kiosk: the full clear failed: {}", e.toString());
            return false;
        }
    }

    /** A full refresh of what the panel shows (the operator's `refresh`); false when nothing was shown yet. */
    boolean refresh() throws IOException {
        if (firstHanded == 0) return false;
        refresher.show(fb, Refresh.FLASH);
        return true;
    }

    /** What the panel shows as a PNG at its depth, or null before the first frame. */
    byte[] screenshot() throws IOException {
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream(64 * 1024);
        return refresher.screenshot(png) ? png.toByteArray() : null;
    }

    /** The panel's health for the status: its model, refreshes, failures. Any thread. */
    com.google.gson.JsonObject health() {
        Refresher.Health h = refresher.health();
        com.google.gson.JsonObject o = new com.google.gson.JsonObject();
        o.addProperty("model", panel.model().id());
        o.addProperty("refreshes", h.refreshes());
        o.addProperty("fullRefreshes", h.fullRefreshes());
        o.addProperty("failures", h.failures());
        o.addProperty("failing", h.failing());
        o.addProperty("lastFailure", h.lastFailure());
        o.addProperty("lastRefreshMs", h.lastRefreshMs());
        return o;
    }

    /** Partial refreshes before a full one, from now on (set from afar). */
    void fullEvery(int partials) {
        refresher.fullEvery(partials);
    }

    private void handed() {
        lastHanded = System.nanoTime();
        if (firstHanded != 0) return;
        firstHanded = System.currentTimeMillis();
        afterFirst.run();
    }

    /**
     * Run once the first frame is handed to the panel, before the panel's refresh (work that waited for it starts
     * while the panel updates).
     */
    void afterFirstFrame(Runnable work) {
        this.afterFirst = work;
    }

    /** When the last frame was handed to the panel (System.nanoTime). */
    long lastHanded() {
        return lastHanded;
    }

    private long lastHanded;

    /** When the first frame was handed to the panel (epoch milliseconds), or 0 before it. */
    long firstHanded() {
        return firstHanded;
    }

    /** The renderer of a language being opened elsewhere (the kiosk's start): taken when first needed. */
    void opening(String language, java.util.concurrent.Future<IssueRenderer> renderer) {
        openingLanguage = language;
        opening = renderer;
    }

    private IssueRenderer renderer(String language) throws FontException {
        IssueRenderer r = renderers.get(language);
        if (r == null && opening != null && language.equals(openingLanguage)) {
            try {
                r = opening.get();
                renderers.put(language, r);
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof FontException f) throw f;
                throw new IllegalStateException("opening the " + language + " fonts failed: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the fonts opened", e);
            } finally {
                opening = null;
            }
        }
        if (r == null) {
            r = IssueRenderer.open(language, fontFolders);
            renderers.put(language, r);
        }
        return r;
    }
}
