package newsstand.kiosk;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import newsstand.config.OpeningHours;
import newsstand.display.Framebuffer;
import newsstand.display.Panel;
import newsstand.display.Refresher;
import newsstand.display.pi4j.Buttons;
import newsstand.fonts.FontException;
import newsstand.issue.Issue;
import newsstand.layout.IssueRenderer;
import newsstand.layout.Page;
import newsstand.layout.PageRenderer;
import newsstand.store.IssueStore;
import newsstand.store.StoreException;
import org.tinylog.Logger;

/**
 * The kiosk's display loop: shows the active issue's front page, turns pages on button presses and shows a newly
 * activated issue from its front page. One thread takes events from one queue; the sync and the buttons only add
 * to it. A failure to show an issue is logged and the kiosk goes on showing what it showed.
 */
final class DisplayLoop {
    /** Something the display loop reacts to. */
    sealed interface Event permits Activated, Pressed, Connection, Stop {}

    /** The sync connected to the broker (true) or lost it (false). */
    record Connection(boolean online) implements Event {}

    record Activated(String issue) implements Event {}

    record Pressed(Buttons.Press press) implements Event {}

    record Stop() implements Event {}

    /**
     * What the panel shows, as the status reports it: the screen (waiting, page, fault), and on a page the title,
     * the issue, the page (1-based) and the issue's pages.
     */
    record Shown(String screen, String title, String issue, int page, int pages, String banner, String fault) {
        Shown(String screen, String title, String issue, int page, int pages, String banner) {
            this(screen, title, issue, page, pages, banner, null);
        }

        /** As the status reports it. */
        com.google.gson.JsonObject json() {
            com.google.gson.JsonObject o = new com.google.gson.JsonObject();
            o.addProperty("screen", screen);
            o.addProperty("title", title);
            o.addProperty("issue", issue);
            o.addProperty("page", page);
            o.addProperty("pages", pages);
            o.addProperty("banner", banner);
            o.addProperty("fault", fault);
            return o;
        }
    }

    private final IssueStore store;
    /** The configured font folders (fonts.path), searched before the system's. */
    private final List<Path> fontFolders;
    private final Panel panel;
    private final Refresher refresher;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Map<String, IssueRenderer> renderers = new HashMap<>();
    private final Framebuffer fb;
    private String issueId;
    private List<Page> pages = List.of();
    private PageRenderer pageRenderer;
    private int page;
    private String title;
    private Navigation nav = new Navigation(List.of());
    private IssueRenderer current;
    /** The index is on the panel, its cursor on a section. */
    private boolean indexOpen;
    private int cursor;
    /** Without a press for this long, the front page comes back (0: never). */
    private long idleMs;
    /** When the last press came (System.nanoTime), 0 once the idle return has happened. */
    private long lastPress;
    /** Opening hours (null: always open); outside them the closed screen, unless a press woke the kiosk. */
    private OpeningHours hours;
    private boolean closedShown;
    private long awakeUntil;
    /** Offline since (System.nanoTime), 0 when connected; the banner comes after bannerAfterMs of it. */
    private long offlineSince;
    private long bannerAfterMs = 60 * 60_000L;
    private boolean bannerShown;
    /** The kiosk's time zone (kiosk.timezone), for the times its screens give. */
    private java.time.ZoneId zone = java.time.ZoneId.systemDefault();
    private Shown shown;
    private Consumer<Shown> onShown = s -> {};
    /** Who the kiosk is, for its own screens: device id, fleet, broker. */
    private List<String> identity = List.of();

    DisplayLoop(IssueStore store, Panel panel, List<Path> fontFolders, int fullEvery, int minIntervalMs) {
        this.store = store;
        this.fontFolders = List.copyOf(fontFolders);
        this.panel = panel;
        this.refresher = new Refresher(panel, fullEvery, minIntervalMs);
        this.fb = new Framebuffer(panel.model().width(), panel.model().height(), panel.model().greyLevels());
    }

    BlockingQueue<Event> events() {
        return events;
    }

    /** Where each change of what the panel shows is told (the status); called on the display thread. */
    void onShown(Consumer<Shown> listener) {
        onShown = listener;
    }

    /** Without a press for this long, the kiosk goes back to the front page (0: never). */
    void idle(long ms) {
        idleMs = ms;
    }

    /** The time zone the kiosk's screens give times in. */
    void timezone(java.time.ZoneId z) {
        zone = z;
    }

    /** Minutes offline before a banner over the page's footer says so. */
    void offlineBanner(int minutes) {
        bannerAfterMs = minutes * 60_000L;
    }

    /** Opening hours: outside them the panel shows the closed screen and sleeps; a press wakes it for a while. */
    void hours(OpeningHours h) {
        hours = h;
    }

    /** The kiosk's identity for its own screens (waiting for the first issue). */
    void identity(List<String> lines) {
        identity = List.copyOf(lines);
    }

    private void shown(Shown s) {
        if (s.equals(shown)) return;
        shown = s;
        onShown.accept(s);
    }

    /** Shows the active issue, then handles events until a Stop. */
    void run() throws InterruptedException {
        try {
            Optional<String> active = store.active();
            if (active.isEmpty()) {
                Logger.info("kiosk: no issue yet; waiting for the first delivery");
                waiting();
            } else if (!open(active.get())) {
                // What the kiosk showed before the active issue, rather than nothing.
                Optional<String> previous = store.previous();
                if (previous.isEmpty() || !open(previous.get())) {
                    fault("F2", "the stored issues cannot be shown (" + active.get() + (previous.isPresent() ? ", " + previous.get() : "") + ")");
                }
            }
        } catch (StoreException e) {
            Logger.error("kiosk: {}", e.getMessage());
            fault("F3", "the store cannot be read");
        }
        schedule();
        while (true) {
            long wait = hours != null ? (idleMs > 0 ? Math.min(idleMs, 15_000) : 15_000) : idleMs;
            if (offlineSince != 0 && !bannerShown) {
                long due = Math.max(1, bannerAfterMs - (System.nanoTime() - offlineSince) / 1_000_000);
                wait = wait > 0 ? Math.min(wait, due) : due;
            }
            Event e = wait > 0 ? events.poll(wait, TimeUnit.MILLISECONDS) : events.take();
            if (e instanceof Stop) return;
            if (e instanceof Activated a) {
                if (closedShown) pendingIssue = a.issue(); // shown when the kiosk opens or is woken
                else open(a.issue());
            } else if (e instanceof Connection c) {
                if (!c.online() && offlineSince == 0) offlineSince = System.nanoTime();
                if (c.online()) offlineSince = 0;
            } else if (e instanceof Pressed p) {
                lastPress = System.nanoTime();
                if (closedShown) wake();
                else if (!pages.isEmpty()) press(p.press());
            }
            if (idleMs > 0 && lastPress != 0 && System.nanoTime() - lastPress >= idleMs * 1_000_000) {
                lastPress = 0;
                idle();
            }
            schedule();
            if (!closedShown && !indexOpen && !pages.isEmpty() && bannerDue() != bannerShown) show(page, false, true);
        }
    }

    private boolean bannerDue() {
        return offlineSince != 0 && System.nanoTime() - offlineSince >= bannerAfterMs * 1_000_000;
    }

    /** An issue activated while the closed screen was on: opened when the kiosk next shows pages. */
    private String pendingIssue;

    /** Outside the opening hours (and not woken by a press), the closed screen; back in them, the front page. */
    private void schedule() {
        if (hours == null) return;
        boolean open = hours.isOpen(java.time.ZonedDateTime.now()) || System.nanoTime() < awakeUntil;
        if (!open && !closedShown) {
            closed();
        } else if (open && closedShown) {
            reopen();
        }
    }

    /** A press while closed: the newspaper for the idle time (a minute without one), then closed again. */
    private void wake() {
        awakeUntil = System.nanoTime() + (idleMs > 0 ? idleMs : 60_000) * 1_000_000;
        Logger.info("kiosk: woken outside the opening hours ({})", hours);
        reopen();
    }

    private void reopen() {
        closedShown = false;
        if (pendingIssue != null) {
            String id = pendingIssue;
            pendingIssue = null;
            if (open(id)) return;
        }
        if (pages.isEmpty()) waiting();
        else show(0, true);
    }

    /** The closed screen: when the kiosk opens, and that a press shows the newspaper meanwhile. */
    private void closed() {
        closedShown = true;
        indexOpen = false;
        Logger.info("kiosk: closed until {} ({})", hours.open(), hours);
        screen(r -> Screens.closed(r, panel.model(), hours), new Shown("closed", null, null, 0, 0, null));
    }

    /**
     * A press on a page: next and previous page; held, the next section or the start of this one (or the one before);
     * home, the front page; home held, the index.
     */
    private void press(Buttons.Press p) {
        if (indexOpen) {
            indexPress(p);
            return;
        }
        switch (p.button()) {
            case NEXT -> show(p.longPress() ? nav.nextSection(page) : nav.next(page), false);
            case PREVIOUS -> show(p.longPress() ? nav.previousSection(page) : nav.previous(page), false);
            case HOME -> {
                if (p.longPress()) openIndex();
                else show(0, false);
            }
        }
    }

    /** On the index: next and previous move the cursor; home opens the section under it; home held goes back. */
    private void indexPress(Buttons.Press p) {
        List<Navigation.Section> sections = nav.index();
        switch (p.button()) {
            case NEXT -> cursor = Math.min(sections.size() - 1, cursor + 1);
            case PREVIOUS -> cursor = Math.max(0, cursor - 1);
            case HOME -> {
                indexOpen = false;
                show(p.longPress() ? page : sections.get(cursor).firstPage(), false);
                return;
            }
        }
        drawIndex();
    }

    private void openIndex() {
        List<Navigation.Section> sections = nav.index();
        cursor = 0;
        for (int i = 0; i < sections.size(); i++) if (sections.get(i).firstPage() <= page) cursor = i;
        indexOpen = true;
        drawIndex();
    }

    /** The index of the issue: each section with its first page, the cursor's marked. */
    private void drawIndex() {
        try {
            List<Navigation.Section> sections = nav.index();
            pageRenderer.draw(Screens.index(current, panel.model(), title, sections.stream().map(Navigation.Section::title).toList(),
                    sections.stream().map(s -> s.firstPage() + 1).toList(), cursor), fb);
            refresher.show(fb, false, false);
            shown(new Shown("index", title, issueId, sections.get(cursor).firstPage() + 1, pages.size(), null));
        } catch (IOException | RuntimeException e) {
            Logger.error("kiosk: the index of {} cannot be shown: {}", issueId, e.toString());
            indexOpen = false;
        }
    }

    /** No press for the idle time: back to the front page, for the next reader. */
    private void idle() {
        if (closedShown || pages.isEmpty() || (!indexOpen && page == 0)) return;
        Logger.info("kiosk: no press for {} s; back to the front page", idleMs / 1000);
        indexOpen = false;
        show(0, false);
    }

    /**
     * The fault screen, when nothing can be shown: what the kiosk cannot do, a short code the README's technician
     * section explains, and who the kiosk is. Never a blank panel, never a stack trace.
     */
    private void fault(String code, String what) {
        Logger.error("kiosk: fault {}: {}", code, what);
        screen(r -> Screens.fault(r, panel.model(), code, what, identity), new Shown("fault", null, null, 0, 0, null, code));
    }

    /** The waiting screen: never a blank panel before the first issue. */
    private void waiting() {
        screen(r -> Screens.waiting(r, panel.model(), identity), new Shown("waiting", null, null, 0, 0, null));
    }

    /** One of the kiosk's own screens, full-screen with a flash, in the issue's types or Simplified Chinese ones. */
    private void screen(java.util.function.Function<IssueRenderer, Page> compose, Shown what) {
        try {
            IssueRenderer r = current != null ? current : renderer("zh-Hans");
            if (pageRenderer == null) pageRenderer = r.renderer(file -> new byte[0], panel.model());
            pageRenderer.draw(compose.apply(r), fb);
            refresher.show(fb, true, false);
            shown(what);
        } catch (FontException | IOException | RuntimeException | OutOfMemoryError e) {
            Logger.error("kiosk: the {} screen cannot be shown: {}", what.screen(), e.toString());
        }
    }

    private IssueRenderer renderer(String language) throws FontException {
        IssueRenderer r = renderers.get(language);
        if (r == null) {
            r = IssueRenderer.open(language, fontFolders);
            renderers.put(language, r);
        }
        return r;
    }

    /** Composes an issue and shows its front page; false, still showing what it showed, when that fails. */
    private boolean open(String id) {
        try {
            Issue issue = store.issue(id);
            IssueRenderer r = renderer(issue.language());
            List<Page> composed = r.compose(issue, panel);
            if (pageRenderer != null) pageRenderer.close();
            pageRenderer = r.renderer(file -> {
                try {
                    return store.image(id, file);
                } catch (StoreException ex) {
                    throw new IOException(ex.getMessage(), ex);
                }
            }, panel.model());
            issueId = id;
            title = issue.title();
            pages = composed;
            nav = new Navigation(composed.stream().map(Page::section).toList());
            current = r;
            indexOpen = false;
            Logger.info("kiosk: showing {} ({} pages)", id, pages.size());
            show(0, true);
            return true;
        } catch (StoreException | FontException | RuntimeException | OutOfMemoryError | StackOverflowError e) {
            Logger.error("kiosk: cannot show issue {}: {}; still showing {}", id, e.toString(), issueId == null ? "nothing" : issueId);
            return false;
        }
    }

    private void show(int to, boolean newIssue) {
        show(to, newIssue, false);
    }

    /** Shows a page (again, with force: its banner changed), the offline banner over its footer when due. */
    private void show(int to, boolean newIssue, boolean force) {
        if (!force && to == page && !newIssue && shown != null && "page".equals(shown.screen()) && shown.page() == to + 1) return;
        try {
            pageRenderer.draw(pages.get(to), fb);
            boolean was = bannerShown;
            bannerShown = bannerDue();
            if (bannerShown != was) Logger.info(bannerShown ? "kiosk: offline; a banner over the footer says so" : "kiosk: online again; the banner is gone");
            if (bannerShown) {
                String since = java.time.LocalTime.now(zone).minusNanos(System.nanoTime() - offlineSince).withSecond(0).withNano(0).toString();
                pageRenderer.drawOver(Screens.offline(current, panel.model(), since), fb);
            }
            refresher.show(fb, newIssue, IssueRenderer.largePhotos(pages.get(to), panel.model()));
            page = to;
            shown(new Shown("page", title, issueId, to + 1, pages.size(), bannerShown ? "offline" : null));
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            Logger.error("kiosk: page {} of {} not shown: {}", to + 1, issueId, e.toString());
        }
    }
}
