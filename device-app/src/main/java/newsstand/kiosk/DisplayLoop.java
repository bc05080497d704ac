package newsstand.kiosk;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import newsstand.config.OpeningHours;
import newsstand.config.PanelModel;
import newsstand.display.Panel;
import newsstand.display.Press;
import newsstand.display.Refresh;
import newsstand.fonts.FontException;
import newsstand.layout.IssueRenderer;
import newsstand.layout.Page;
import newsstand.layout.ShelfTitle;
import newsstand.store.IssueStore;
import newsstand.store.StoreException;
import org.tinylog.Logger;

/**
 * The kiosk's display loop. It shows the first title's front page; turns pages, jumps sections and opens the
 * index and the home screen (the shelf of titles) on button presses; shows a newly activated issue of the title
 * being read from its front page; goes back to the first title when nobody presses, and rotates through the
 * titles if told to; keeps to the opening hours; and says on the panel what state it is in. One thread takes
 * events from one queue; the sync and the buttons only add to it. A failure to show something is logged and the
 * kiosk goes on showing what it showed. It decides what to show and when; {@link PanelView} draws, {@link Schedule}
 * keeps the times.
 */
final class DisplayLoop {
    private final IssueStore store;
    private final PanelView view;
    private final PanelModel model;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private Titles titles = new Titles(List.of());
    /** The title being read (index into titles) and its publication; its issue is the view's. */
    private int at = -1;
    private String publication;
    private int page;
    /** The screen on the panel: page, index, home, waiting, closed, fault. */
    private String screen = "";
    /** The cursor on the index (a section) or the home screen (a title). */
    private int cursor;
    private final Schedule schedule = new Schedule();
    /** The banner over the page's footer (offline, stale), or null. */
    private String banner;
    private Shown shown;
    private Consumer<Shown> onShown = s -> {};
    private final ServiceManager service = ServiceManager.fromEnvironment();
    private java.util.function.LongConsumer onFirstFrame = handed -> {};
    /** Who the kiosk is, for its own screens: device id, fleet, broker. */
    private List<String> identity = List.of();

    DisplayLoop(IssueStore store, Panel panel, List<Path> fontFolders, int fullEvery, int minIntervalMs) {
        this.store = store;
        this.view = new PanelView(store, panel, fontFolders, fullEvery, minIntervalMs);
        this.model = panel.model();
    }

    /** The id of the issue being read, or null. */
    private String issueId() {
        return view.issue() == null ? null : view.issue().id();
    }

    BlockingQueue<Event> events() {
        return events;
    }

    /** Where each change of what the panel shows is told (the status); called on the display thread. */
    void onShown(Consumer<Shown> listener) {
        onShown = listener;
    }

    /** Told once, when the first frame is on the panel, with the time it was handed to the panel (epoch ms). */
    void onFirstFrame(java.util.function.LongConsumer listener) {
        onFirstFrame = listener;
    }

    /** What draws: the kiosk's start hands it the types being opened and the first frame's gate. */
    PanelView view() {
        return view;
    }

    /** When things fall due: the idle time, the rotation, the hours, the offline banner, the nightly clear. */
    Schedule schedule() {
        return schedule;
    }

    /** The publications shown first, in this order (kiosk.titles); the others follow in order of arrival. */
    void order(List<String> publications) {
        titles = new Titles(publications);
    }

    /**
     * The operator's `show PUBLICATION PAGE` (1-based): that title's shown issue at the page, as if a reader had turned
     * to it (the idle time brings the first title back). Returns what the panel shows; throws with the reason it cannot.
     */
    String showOrdered(String pub, int number) {
        int i = titles.indexOfPublication(pub);
        if (i < 0) {
            throw new IllegalArgumentException("publication " + pub + " is not on this kiosk (it has: "
                    + String.join(", ", titles.list().stream().map(Titles.Title::publication).toList()) + ")");
        }
        schedule.pressed();
        if (screen.equals("closed")) schedule.wake();
        if ((i != at || view.pages().isEmpty()) && !open(i)) throw new IllegalStateException("the issue of " + pub + " cannot be shown (see the kiosk's log)");
        int pages = view.pages().size();
        if (number > pages) throw new IllegalArgumentException("page " + number + " of " + pub + ": its issue " + issueId() + " has " + pages + " pages (allowed: 1 to " + pages + ")");
        show(number - 1, false, false);
        if (!screen.equals("page") || page != number - 1) throw new IllegalStateException("page " + number + " of " + pub + " could not be drawn (see the kiosk's log)");
        return "shows " + pub + " " + issueId() + " page " + number + " of " + pages;
    }

    /** What the panel shows, in words, for the operator's answers. */
    String describe() {
        return shown == null ? "nothing yet" : shown.words();
    }

    /** The kiosk's identity for its own screens (waiting for the first issue). */
    void identity(List<String> lines) {
        identity = List.copyOf(lines);
    }

    private void shown(Shown s) {
        if (s.equals(shown)) return;
        if (shown == null) {
            service.ready(s.screen() + (s.issue() != null ? " " + s.issue() + " page " + s.page() : ""));
            onFirstFrame.accept(view.firstHanded());
        }
        shown = s;
        onShown.accept(s);
    }

    /** Shows the first title, then handles events until a Stop. */
    void run() throws InterruptedException {
        if (reload()) start();
        keepHours();
        while (true) {
            Event e = next();
            if (e instanceof Event.Stop) return;
            if (e instanceof Event.Activated a) {
                if (reload() && !screen.equals("closed")) activated(a.issue());
            } else if (e instanceof Event.Connection c) {
                schedule.online(c.online());
            } else if (e instanceof Event.Progress p) {
                // The waiting screen shows the first issue coming, in steps of a tenth (each step a refresh).
                String step = p.issue() + " " + (p.percent() / 10 * 10) + "%";
                if (screen.equals("waiting") && !step.equals(receiving)) {
                    receiving = step;
                    Logger.info("kiosk: the waiting screen shows the first issue coming: {}", step);
                    waiting();
                }
            } else if (e instanceof Event.Ping p) {
                p.answer().run();
            } else if (e instanceof Event.Pressed p) {
                schedule.pressed();
                if (screen.equals("closed")) wake();
                else press(p.press());
            }
            if (schedule.idleDue()) idle();
            else if (schedule.rotationDue()) rotation();
            if (schedule.clearDue()) view.clearGhosting();
            service.alive();
            keepHours();
            if (screen.equals("page") && !java.util.Objects.equals(bannerDue(), banner)) show(page, false, true);
        }
    }

    /** The next event, or null when something falls due (see {@link Schedule#waitMs}). */
    private Event next() throws InterruptedException {
        long wait = Math.min(schedule.waitMs("offline".equals(banner)), service.heartbeatMs());
        return wait == Long.MAX_VALUE ? events.take() : events.poll(wait, TimeUnit.MILLISECONDS);
    }

    /** Reads the shelf again; false, with the fault screen, when the store cannot be read. */
    private boolean reload() {
        try {
            titles.reload(store);
            String id = issueId();
            at = id == null ? -1 : titles.indexOfIssue(id);
            if (at < 0 && publication != null) {
                // Shown as its publication's fallback (the shown issue could not be composed): still that title.
                int p = titles.indexOfPublication(publication);
                if (p >= 0 && id.equals(titles.list().get(p).previous())) at = p;
            }
            return true;
        } catch (StoreException | RuntimeException e) {
            Logger.error("kiosk: {}", e.getMessage());
            if (view.pages().isEmpty()) fault("F3", "the store cannot be read");
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
            if ((view.pages().isEmpty() || sameTitle || screen.equals("fault") || screen.equals("waiting")) && open(i)) return;
        } else if (issueId() != null && at < 0) {
            // What the panel showed was withdrawn: its publication's issue now, else the first title.
            Logger.info("kiosk: {} was withdrawn", issueId());
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
        view.close();
        publication = null;
        at = -1;
    }

    private String bannerDue() {
        if (schedule.offlineDue()) return "offline";
        if (at >= 0 && at < titles.list().size() && titles.list().get(at).stale(LocalDate.now(schedule.zone))) return "stale";
        return null;
    }

    /** Outside the opening hours (and not woken by a press), the closed screen; back in them, the front page. */
    private void keepHours() {
        boolean open = schedule.open();
        if (!open && !screen.equals("closed")) {
            closed();
        } else if (open && screen.equals("closed")) {
            reopen();
        }
    }

    /** A press while closed: the newspaper for the idle time (a minute without one), then closed again. */
    private void wake() {
        schedule.wake();
        Logger.info("kiosk: woken outside the opening hours ({})", schedule.hours);
        reopen();
    }

    private void reopen() {
        screen = "";
        start();
    }

    /** The closed screen: when the kiosk opens, and that a press shows the newspaper meanwhile. */
    private void closed() {
        OpeningHours hours = schedule.hours;
        Logger.info("kiosk: closed until {} ({})", hours.open(), hours);
        screen(r -> Screens.closed(r, model, hours), Shown.of("closed"), true);
    }

    /**
     * A press. On a page: next and previous page; held, the next section or the start of this one (or the one
     * before); home, the front page, and from the front page the home screen; home held, the index.
     */
    private void press(Press p) {
        Navigation nav = view.nav();
        switch (screen) {
            case "index" -> indexPress(p);
            case "home" -> homePress(p);
            case "page" -> {
                switch (p.button()) {
                    case NEXT -> show(p.longPress() ? nav.nextSection(page) : nav.next(page), false, false);
                    case PREVIOUS -> show(p.longPress() ? nav.previousSection(page) : nav.previous(page), false, false);
                    case HOME -> {
                        if (p.longPress()) openIndex();
                        else if (page != 0 || titles.list().size() < 2) show(0, false, false);
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
    private void homePress(Press p) {
        int n = titles.list().size();
        switch (p.button()) {
            case NEXT -> drawHome((cursor + 1) % n);
            case PREVIOUS -> drawHome((cursor + n - 1) % n);
            case HOME -> {
                if (cursor == at && !view.pages().isEmpty()) show(0, false, false);
                else if (!open(cursor)) drawHome(cursor);
            }
        }
    }

    /** On the index: next and previous move the cursor; home opens the section under it; home held goes back. */
    private void indexPress(Press p) {
        List<Navigation.Section> sections = view.nav().index();
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
        List<Navigation.Section> sections = view.nav().index();
        cursor = 0;
        for (int i = 0; i < sections.size(); i++) if (sections.get(i).firstPage() <= page) cursor = i;
        drawIndex();
    }

    /** The index of the issue: each section with its first page, the cursor's marked. */
    private void drawIndex() {
        List<Navigation.Section> sections = view.nav().index();
        Titles.Title t = titles.list().get(at);
        screen(r -> Screens.index(r, model, view.issue(), sections.stream().map(Navigation.Section::title).toList(),
                sections.stream().map(s -> s.firstPage() + 1).toList(), cursor),
                new Shown("index", t.publication(), t.name(), issueId(), sections.get(cursor).firstPage() + 1, view.pages().size(), null, null), false);
    }

    /** The home screen: every title, its date and lead headlines, the cursor on one. */
    private void drawHome(int on) {
        List<Titles.Title> list = titles.list();
        if (list.isEmpty()) return;
        cursor = Math.max(0, Math.min(on, list.size() - 1));
        Titles.Title t = list.get(cursor);
        screen(r -> Screens.home(r, model, list.stream().map(Titles.Title::shelf).toList(), cursor),
                new Shown("home", t.publication(), t.name(), t.issue(), 0, 0, null, null), false);
    }

    /** No press for the idle time: back to the first title's front page, for the next reader; then the rotation. */
    private void idle() {
        if (screen.equals("closed") || titles.list().isEmpty()) return;
        schedule.rotate(titles.list().size());
        if (at == 0 && screen.equals("page") && page == 0) return;
        Logger.info("kiosk: no press for {} s; back to the first title's front page", schedule.idleMs / 1000);
        if (at == 0 && !view.pages().isEmpty()) show(0, false, false);
        else open(0);
    }

    /** The next title's front page, while nobody reads. */
    private void rotation() {
        if (screen.equals("closed") || titles.list().size() < 2) return;
        open((Math.max(0, at) + 1) % titles.list().size());
    }

    /**
     * The fault screen, when nothing can be shown: what the kiosk cannot do, a short code the README's technician
     * section explains, and who the kiosk is. Never a blank panel, never a stack trace.
     */
    private void fault(String code, String what) {
        Logger.error("kiosk: fault {}: {}", code, what);
        screen(r -> Screens.fault(r, model, code, what, identity), new Shown("fault", null, null, null, 0, 0, null, code), true);
    }

    /** The download the waiting screen shows (issue and percent, in tenths), or null. */
    private String receiving;

    /** The waiting screen: never a blank panel before the first issue; the first one's download as it comes. */
    private void waiting() {
        String progress = receiving;
        screen(r -> Screens.waiting(r, model, identity, progress), Shown.of("waiting"), progress == null);
    }

    /** A screen other than a page, said in the status once it is on the panel. */
    private void screen(Function<IssueRenderer, Page> compose, Shown what, boolean flash) {
        try {
            view.screen(compose, flash ? Refresh.FLASH : Refresh.CHANGES);
            screen = what.screen();
            shown(what);
        } catch (FontException e) {
            Logger.error("kiosk: the {} screen cannot be shown: {}", what.screen(), e.getMessage());
            noFont();
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            Logger.error("kiosk: the {} screen cannot be shown: {}", what.screen(), e.toString());
        }
    }

    /** Fault F1: no font for anything, said in the built-in letters. */
    private void noFont() {
        view.noFont();
        screen = "fault";
        shown(new Shown("fault", null, null, null, 0, 0, null, "F1"));
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
            view.open(id);
            publication = t.publication();
            at = title;
            Logger.info("kiosk: showing {} ({} pages) of {}", id, view.pages().size(), t.publication());
            show(0, true, false);
            return true;
        } catch (FontException e) {
            Logger.error("kiosk: cannot show issue {}: {}", id, e.getMessage());
            if (view.pages().isEmpty()) noFont();
            return false;
        } catch (StoreException | RuntimeException | OutOfMemoryError | StackOverflowError e) {
            Logger.error("kiosk: cannot show issue {}: {}; still showing {}", id, e.toString(), issueId() == null ? "nothing" : issueId());
            return false;
        }
    }

    /** Shows a page (again, with force: its banner changed), a banner over its footer when one is due. */
    private void show(int to, boolean newIssue, boolean force) {
        if (!force && to == page && !newIssue && screen.equals("page")) return;
        try {
            String was = banner;
            banner = bannerDue();
            if (!java.util.Objects.equals(banner, was)) Logger.info("kiosk: banner over the footer: {}", banner == null ? "none" : banner);
            Titles.Title t = titles.list().get(at);
            Function<IssueRenderer, Page> over = null;
            if ("offline".equals(banner)) {
                String since = schedule.offlineSince();
                over = r -> Screens.offline(r, model, since);
            } else if ("stale".equals(banner)) {
                over = r -> Screens.stale(r, model, ShelfTitle.dateLine(t.date()));
            }
            view.page(to, newIssue, over);
            page = to;
            screen = "page";
            shown(new Shown("page", t.publication(), t.name(), issueId(), to + 1, view.pages().size(), banner, null));
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            Logger.error("kiosk: page {} of {} not shown: {}", to + 1, issueId(), e.toString());
        }
    }
}
