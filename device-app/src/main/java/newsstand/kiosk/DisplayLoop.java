package newsstand.kiosk;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
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
 * The kiosk's display loop. It shows the first title's front page; turns pages, jumps sections and opens the
 * index and the home screen (the shelf of titles) on button presses; shows a newly activated issue of the title
 * being read from its front page; goes back to the first title when nobody presses, and rotates through the
 * titles if told to; keeps to the opening hours; and says on the panel what state it is in. One thread takes
 * events from one queue; the sync and the buttons only add to it. A failure to show something is logged and the
 * kiosk goes on showing what it showed.
 */
final class DisplayLoop {
    /** Something the display loop reacts to. */
    sealed interface Event permits Activated, Pressed, Connection, Progress, Ping, Stop {}

    /** A download's progress: the issue and the percent of its chunks stored. */
    record Progress(String issue, int percent) implements Event {}

    /** The sync connected to the broker (true) or lost it (false). */
    record Connection(boolean online) implements Event {}

    /** An issue came on the shelf or went off it (withdrawn). */
    record Activated(String issue) implements Event {}

    record Pressed(Buttons.Press press) implements Event {}

    record Stop() implements Event {}

    /** Answered when the loop reaches it: proof that it is alive and done with everything queued before. */
    record Ping(Runnable answer) implements Event {}

    private final IssueStore store;
    /** The configured font folders (fonts.path), searched before the system's. */
    private final List<Path> fontFolders;
    private final Panel panel;
    private final Refresher refresher;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Map<String, IssueRenderer> renderers = new HashMap<>();
    private final Framebuffer fb;
    private Titles titles = new Titles(List.of());
    /** The title being read (index into titles), its issue composed into pages. */
    private int at = -1;
    private String issueId;
    private String publication;
    /** The issue being read, its text (for the index's headlines). */
    private Issue issue;
    private List<Page> pages = List.of();
    private PageRenderer pageRenderer;
    private int page;
    private Navigation nav = new Navigation(List.of());
    private IssueRenderer current;
    /** The screen on the panel: page, index, home, waiting, closed, fault. */
    private String screen = "";
    /** The cursor on the index (a section) or the home screen (a title). */
    private int cursor;
    /** Without a press for this long, the first title's front page comes back (0: never). */
    private long idleMs;
    /** Once idle, each title's front page for this long in turn (0: no rotation). */
    private long rotateMs;
    /** When the last press came (System.nanoTime), 0 once the idle return has happened. */
    private long lastPress;
    /** When the rotation shows the next title (System.nanoTime), 0 when not rotating. */
    private long nextRotation;
    /** Opening hours (null: always open); outside them the closed screen, unless a press woke the kiosk. */
    private OpeningHours hours;
    private long awakeUntil;
    /** Offline since (System.nanoTime), 0 when connected; the banner comes after bannerAfterMs of it. */
    private long offlineSince;
    private long bannerAfterMs = 60 * 60_000L;
    private String banner;
    /** The kiosk's time zone (kiosk.timezone), for the times its screens give. */
    private ZoneId zone = ZoneId.systemDefault();
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

    /** Without a press for this long, the kiosk goes back to the first title's front page (0: never). */
    void idle(long ms) {
        idleMs = ms;
    }

    /** Once idle, each title's front page for this long in turn (0: no rotation). */
    void rotate(long ms) {
        rotateMs = ms;
    }

    /** The publications shown first, in this order (kiosk.titles); the others follow in order of arrival. */
    void order(List<String> publications) {
        titles = new Titles(publications);
    }

    /** A full clear of the panel against ghosting every day at this time (null: never), then what it showed. */
    void nightlyClear(LocalTime at) {
        nightly = at;
        nextClear = at == null ? null : nextOccurrence(at);
    }

    /** The next clear at an instant (a test's), then daily at the nightly time. */
    void clearAt(java.time.Instant when) {
        if (nightly == null) nightly = LocalTime.of(3, 0);
        nextClear = when;
    }

    private LocalTime nightly;
    private java.time.Instant nextClear;

    private java.time.Instant nextOccurrence(LocalTime at) {
        ZonedDateTime now = ZonedDateTime.now(zone), next = now.with(at);
        return (next.isAfter(now) ? next : next.plusDays(1)).toInstant();
    }

    /** The time zone the kiosk's screens give times in. */
    void timezone(ZoneId z) {
        zone = z;
        if (nightly != null) nextClear = nextOccurrence(nightly);
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

    /** Shows the first title, then handles events until a Stop. */
    void run() throws InterruptedException {
        if (reload()) start();
        schedule();
        while (true) {
            Event e = next();
            if (e instanceof Stop) return;
            if (e instanceof Activated a) {
                if (reload() && !screen.equals("closed")) activated(a.issue());
            } else if (e instanceof Connection c) {
                if (!c.online() && offlineSince == 0) offlineSince = System.nanoTime();
                if (c.online()) offlineSince = 0;
            } else if (e instanceof Progress p) {
                // The waiting screen shows the first issue coming, in steps of a tenth (each step a refresh).
                String step = p.issue() + " " + (p.percent() / 10 * 10) + "%";
                if (screen.equals("waiting") && !step.equals(receiving)) {
                    receiving = step;
                    Logger.info("kiosk: the waiting screen shows the first issue coming: {}", step);
                    waiting();
                }
            } else if (e instanceof Ping p) {
                p.answer().run();
            } else if (e instanceof Pressed p) {
                lastPress = System.nanoTime();
                nextRotation = 0;
                if (screen.equals("closed")) wake();
                else press(p.press());
            }
            long now = System.nanoTime();
            if (idleMs > 0 && lastPress != 0 && now - lastPress >= idleMs * 1_000_000) {
                lastPress = 0;
                idle();
            } else if (nextRotation != 0 && now >= nextRotation) {
                rotation();
            }
            if (nextClear != null && !java.time.Instant.now().isBefore(nextClear)) {
                nextClear = nextOccurrence(nightly);
                clearGhosting();
            }
            schedule();
            if (screen.equals("page") && !java.util.Objects.equals(bannerDue(), banner)) show(page, false, true);
        }
    }

    /**
     * The next event, or null when something falls due: the idle return, the rotation, the nightly clear, the
     * offline banner, a look at the opening hours.
     */
    private Event next() throws InterruptedException {
        long wait = hours != null ? 15_000 : Long.MAX_VALUE;
        long now = System.nanoTime();
        if (idleMs > 0 && lastPress != 0) wait = Math.min(wait, Math.max(1, idleMs - (now - lastPress) / 1_000_000));
        if (nextRotation != 0) wait = Math.min(wait, Math.max(1, (nextRotation - now) / 1_000_000));
        if (nextClear != null) wait = Math.min(wait, Math.max(1, java.time.Duration.between(java.time.Instant.now(), nextClear).toMillis()));
        if (offlineSince != 0 && !"offline".equals(banner)) {
            wait = Math.min(wait, Math.max(1, bannerAfterMs - (now - offlineSince) / 1_000_000));
        }
        return wait == Long.MAX_VALUE ? events.take() : events.poll(wait, TimeUnit.MILLISECONDS);
    }

    /** The nightly full clear: the panel flashed white, then what it showed drawn again in full. */
    private void clearGhosting() {
        try {
            Logger.info("kiosk: nightly full clear against ghosting");
            panel.clear();
            refresher.show(fb, true, false);
        } catch (IOException | RuntimeException e) {
            Logger.error("kiosk: the nightly clear failed: {}", e.toString());
        }
    }

    /** Reads the shelf again; false, with the fault screen, when the store cannot be read. */
    private boolean reload() {
        try {
            titles.reload(store);
            at = issueId == null ? -1 : titles.indexOfIssue(issueId);
            if (at < 0 && publication != null) {
                // Shown as its publication's fallback (the shown issue could not be composed): still that title.
                int p = titles.indexOfPublication(publication);
                if (p >= 0 && issueId.equals(titles.list().get(p).previous())) at = p;
            }
            return true;
        } catch (StoreException | RuntimeException e) {
            Logger.error("kiosk: {}", e.getMessage());
            if (pages.isEmpty()) fault("F3", "the store cannot be read");
            return false;
        }
    }

    /**
     * The first title's front page; failing that, the issue its publication showed before, then the other titles;
     * the waiting screen before the first issue.
     */
    private void start() {
        List<Titles.Title> list = titles.list();
        if (list.isEmpty()) {
            Logger.info("kiosk: no issue yet; waiting for the first delivery");
            waiting();
            return;
        }
        List<String> tried = new java.util.ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Titles.Title t = list.get(i);
            tried.add(t.issue());
            if (open(i, t.issue())) return;
            if (t.previous() != null) {
                tried.add(t.previous());
                if (open(i, t.previous())) return;
            }
        }
        fault("F2", "the stored issues cannot be shown (" + String.join(", ", tried) + ")");
    }

    /**
     * An issue came on the shelf or went off it. A new issue of the title being read (or the first of all) is shown
     * from its front page; one that went off the panel is replaced by what its publication shows now, or the first
     * title; the home screen shows the change.
     */
    private void activated(String issue) {
        List<Titles.Title> list = titles.list();
        int i = titles.indexOfIssue(issue);
        if (i >= 0) {
            boolean sameTitle = list.get(i).publication().equals(publication);
            if ((pages.isEmpty() || sameTitle || screen.equals("fault") || screen.equals("waiting")) && open(i)) return;
        } else if (issueId != null && at < 0) {
            // What the panel showed was withdrawn: its publication's issue now, else the first title.
            Logger.info("kiosk: {} was withdrawn", issueId);
            int same = titles.indexOfPublication(publication);
            if (same >= 0 && open(same)) return;
            clearIssue();
            if (list.isEmpty()) waiting();
            else start();
            return;
        }
        if (screen.equals("home")) drawHome(cursor);
    }

    private void clearIssue() {
        issueId = null;
        issue = null;
        publication = null;
        pages = List.of();
        at = -1;
    }

    private String bannerDue() {
        if (offlineSince != 0 && System.nanoTime() - offlineSince >= bannerAfterMs * 1_000_000) return "offline";
        if (at >= 0 && at < titles.list().size() && titles.list().get(at).stale(LocalDate.now(zone))) return "stale";
        return null;
    }

    /** Outside the opening hours (and not woken by a press), the closed screen; back in them, the front page. */
    private void schedule() {
        if (hours == null) return;
        boolean open = hours.isOpen(ZonedDateTime.now()) || System.nanoTime() < awakeUntil;
        if (!open && !screen.equals("closed")) {
            closed();
        } else if (open && screen.equals("closed")) {
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
        screen = "";
        start();
    }

    /** The closed screen: when the kiosk opens, and that a press shows the newspaper meanwhile. */
    private void closed() {
        Logger.info("kiosk: closed until {} ({})", hours.open(), hours);
        screen(r -> Screens.closed(r, panel.model(), hours), Shown.of("closed"));
    }

    /**
     * A press. On a page: next and previous page; held, the next section or the start of this one (or the one
     * before); home, the front page, and from the front page the home screen; home held, the index.
     */
    private void press(Buttons.Press p) {
        switch (screen) {
            case "index" -> indexPress(p);
            case "home" -> homePress(p);
            case "page" -> {
                switch (p.button()) {
                    case NEXT -> show(p.longPress() ? nav.nextSection(page) : nav.next(page), false);
                    case PREVIOUS -> show(p.longPress() ? nav.previousSection(page) : nav.previous(page), false);
                    case HOME -> {
                        if (p.longPress()) openIndex();
                        else if (page != 0 || titles.list().size() < 2) show(0, false);
                        else drawHome(Math.max(0, at));
                    }
                }
            }
            default -> {
                // waiting, fault: nothing to turn
            }
        }
    }

    /** On the home screen: next and previous move between titles; home opens the one under the cursor. */
    private void homePress(Buttons.Press p) {
        int n = titles.list().size();
        switch (p.button()) {
            case NEXT -> drawHome((cursor + 1) % n);
            case PREVIOUS -> drawHome((cursor + n - 1) % n);
            case HOME -> {
                if (cursor == at && !pages.isEmpty()) show(0, false);
                else if (!open(cursor)) drawHome(cursor);
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
                show(p.longPress() ? page : sections.get(cursor).firstPage(), false, true);
                return;
            }
        }
        drawIndex();
    }

    private void openIndex() {
        List<Navigation.Section> sections = nav.index();
        cursor = 0;
        for (int i = 0; i < sections.size(); i++) if (sections.get(i).firstPage() <= page) cursor = i;
        drawIndex();
    }

    /** The index of the issue: each section with its first page, the cursor's marked. */
    private void drawIndex() {
        try {
            List<Navigation.Section> sections = nav.index();
            Titles.Title t = titles.list().get(at);
            pageRenderer.draw(Screens.index(current, panel.model(), issue, sections.stream().map(Navigation.Section::title).toList(),
                    sections.stream().map(s -> s.firstPage() + 1).toList(), cursor), fb);
            refresher.show(fb, false, false);
            screen = "index";
            shown(new Shown("index", t.publication(), t.name(), issueId, sections.get(cursor).firstPage() + 1, pages.size(), null, null));
        } catch (IOException | RuntimeException e) {
            Logger.error("kiosk: the index of {} cannot be shown: {}", issueId, e.toString());
        }
    }

    /** The home screen: every title, its date and lead headlines, the cursor on one. */
    private void drawHome(int on) {
        List<Titles.Title> list = titles.list();
        if (list.isEmpty()) return;
        cursor = Math.max(0, Math.min(on, list.size() - 1));
        Titles.Title t = list.get(cursor);
        screen(r -> Screens.home(r, panel.model(), list.stream().map(Titles.Title::shelf).toList(), cursor),
                new Shown("home", t.publication(), t.name(), t.issue(), 0, 0, null, null), false);
    }

    /** No press for the idle time: back to the first title's front page, for the next reader; then the rotation. */
    private void idle() {
        if (screen.equals("closed") || titles.list().isEmpty()) return;
        if (rotateMs > 0 && titles.list().size() > 1) nextRotation = System.nanoTime() + rotateMs * 1_000_000;
        if (at == 0 && screen.equals("page") && page == 0) return;
        Logger.info("kiosk: no press for {} s; back to the first title's front page", idleMs / 1000);
        if (at == 0 && !pages.isEmpty()) show(0, false);
        else open(0);
    }

    /** The next title's front page, while nobody reads. */
    private void rotation() {
        nextRotation = System.nanoTime() + rotateMs * 1_000_000;
        if (screen.equals("closed") || titles.list().size() < 2) return;
        open((Math.max(0, at) + 1) % titles.list().size());
    }

    /**
     * The fault screen, when nothing can be shown: what the kiosk cannot do, a short code the README's technician
     * section explains, and who the kiosk is. Never a blank panel, never a stack trace.
     */
    private void fault(String code, String what) {
        Logger.error("kiosk: fault {}: {}", code, what);
        screen(r -> Screens.fault(r, panel.model(), code, what, identity), new Shown("fault", null, null, null, 0, 0, null, code));
    }

    /** The download the waiting screen shows (issue and percent, in tenths), or null. */
    private String receiving;

    /** The waiting screen: never a blank panel before the first issue; the first one's download as it comes. */
    private void waiting() {
        String progress = receiving;
        screen(r -> Screens.waiting(r, panel.model(), identity, progress), Shown.of("waiting"), progress == null);
    }

    private void screen(Function<IssueRenderer, Page> compose, Shown what) {
        screen(compose, what, true);
    }

    /** One of the kiosk's own screens, full-screen, in the issue's types or Simplified Chinese ones. */
    private void screen(Function<IssueRenderer, Page> compose, Shown what, boolean flash) {
        try {
            IssueRenderer r = current != null ? current : renderer("zh-Hans");
            if (pageRenderer == null) pageRenderer = r.renderer(file -> new byte[0], panel.model());
            pageRenderer.draw(compose.apply(r), fb);
            refresher.show(fb, flash, false);
            screen = what.screen();
            shown(what);
        } catch (FontException e) {
            Logger.error("kiosk: the {} screen cannot be shown: {}", what.screen(), e.getMessage());
            NoFont.show(panel, fb, refresher, "F1");
            screen = "fault";
            shown(new Shown("fault", null, null, null, 0, 0, null, "F1"));
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
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

    private boolean open(int title) {
        return open(title, titles.list().get(title).issue());
    }

    /**
     * Composes an issue of a title (its shown one, or the one before when that cannot be) and shows its front page;
     * false, still showing what it showed, when that fails.
     */
    private boolean open(int title, String id) {
        Titles.Title t = titles.list().get(title);
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
            this.issue = issue;
            publication = t.publication();
            at = title;
            pages = composed;
            nav = new Navigation(composed.stream().map(Page::section).toList());
            current = r;
            Logger.info("kiosk: showing {} ({} pages) of {}", id, pages.size(), t.publication());
            show(0, true);
            return true;
        } catch (FontException e) {
            Logger.error("kiosk: cannot show issue {}: {}", id, e.getMessage());
            if (pages.isEmpty()) {
                NoFont.show(panel, fb, refresher, "F1");
                screen = "fault";
                shown(new Shown("fault", null, null, null, 0, 0, null, "F1"));
            }
            return false;
        } catch (StoreException | RuntimeException | OutOfMemoryError | StackOverflowError e) {
            Logger.error("kiosk: cannot show issue {}: {}; still showing {}", id, e.toString(), issueId == null ? "nothing" : issueId);
            return false;
        }
    }

    private void show(int to, boolean newIssue) {
        show(to, newIssue, false);
    }

    /** Shows a page (again, with force: its banner changed), a banner over its footer when one is due. */
    private void show(int to, boolean newIssue, boolean force) {
        if (!force && to == page && !newIssue && screen.equals("page")) return;
        try {
            pageRenderer.draw(pages.get(to), fb);
            String was = banner;
            banner = bannerDue();
            if (!java.util.Objects.equals(banner, was)) Logger.info("kiosk: banner over the footer: {}", banner == null ? "none" : banner);
            Titles.Title t = titles.list().get(at);
            if ("offline".equals(banner)) {
                String since = LocalTime.now(zone).minusNanos(System.nanoTime() - offlineSince).withSecond(0).withNano(0).toString();
                pageRenderer.drawOver(Screens.offline(current, panel.model(), since), fb);
            } else if ("stale".equals(banner)) {
                pageRenderer.drawOver(Screens.stale(current, panel.model(), newsstand.layout.ShelfTitle.dateLine(t.date())), fb);
            }
            refresher.show(fb, newIssue, IssueRenderer.largePhotos(pages.get(to), panel.model()));
            page = to;
            screen = "page";
            shown(new Shown("page", t.publication(), t.name(), issueId, to + 1, pages.size(), banner, null));
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            Logger.error("kiosk: page {} of {} not shown: {}", to + 1, issueId, e.toString());
        }
    }
}
