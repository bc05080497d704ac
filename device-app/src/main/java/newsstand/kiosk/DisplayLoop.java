package newsstand.kiosk;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongConsumer;
import newsstand.config.OpeningHours;
import newsstand.config.PanelModel;
import newsstand.config.TitlePlan;
import newsstand.display.Panel;
import newsstand.display.Refresh;
import newsstand.fonts.FontException;
import newsstand.issue.Notice;
import newsstand.kiosk.Display.Screen;
import newsstand.kiosk.DisplayRules.Change;
import newsstand.kiosk.DisplayRules.Try;
import newsstand.layout.IssueRenderer;
import newsstand.layout.Page;
import newsstand.layout.ShelfTitle;
import newsstand.store.IssueStore;
import newsstand.store.StoreException;
import org.tinylog.Logger;

/**
 * The kiosk's display loop: one thread takes events from its {@link Inbox} (the sync, the buttons and the operator's
 * commands only add to it; presses come last and a flood of them is bounded), asks {@link DisplayRules} what each does to what the panel shows, and draws that through
 * {@link PanelView}; {@link Schedule} says when the clock's changes fall due. What can fail is tried in the order the
 * rules give; a failure to show something is logged and the kiosk goes on showing what it showed.
 */
final class DisplayLoop {
    private final IssueStore store;
    private final PanelView view;
    private final PanelModel model;
    private final Inbox events = new Inbox();
    private final Schedule schedule = new Schedule();
    private final ServiceManager service = ServiceManager.fromEnvironment();
    private Titles titles = new Titles(List.of());
    /** kiosk.titles: each named title's days, hours and duration. */
    private List<TitlePlan> plans = List.of();
    /** The publications outside their window at the last look (a change is acted on once). */
    private Set<String> outsideBefore = Set.of();
    /** What the panel shows; the issue it names is the one open in the view. */
    private Display now = Display.BLANK;
    private Shown shown;
    private Consumer<Shown> onShown = s -> {};
    private LongConsumer onFirstFrame = handed -> {};
    private Runnable afterStart = () -> {};
    /** Who the kiosk is and where its screens' QR codes lead: the device id and kiosk.help.url. */
    private Help help = Help.of("");
    /** The station notices in force, in {@link Notice#ORDER}; kept in the store. */
    private List<Notice> notices = List.of();
    /** The urgent notice on the panel (its id, the count of notices, the day), so that it is not drawn again alike. */
    private String urgentDrawn;

    DisplayLoop(IssueStore store, Panel panel, List<Path> fontFolders, int fullEvery, int minIntervalMs) {
        this.store = store;
        this.view = new PanelView(store, panel, fontFolders, fullEvery, minIntervalMs);
        this.model = panel.model();
    }

    Inbox events() {
        return events;
    }

    /** Where each change of what the panel shows is told (the status); called on the display thread. */
    void onShown(Consumer<Shown> listener) {
        onShown = listener;
    }

    /** Told once, when the first frame is on the panel, with the time it was handed to the panel (epoch ms). */
    void onFirstFrame(LongConsumer listener) {
        onFirstFrame = listener;
    }

    /**
     * Run once the first screen was tried at the start, drawn or not (the sync's start, when the first frame did not
     * start it already); on the display thread.
     */
    void afterStart(Runnable work) {
        afterStart = work;
    }

    /** What draws: the kiosk's start hands it the types being opened and the first frame's gate. */
    PanelView view() {
        return view;
    }

    /** When things fall due: the idle time, the rotation, the hours, the offline banner, the nightly clear. */
    Schedule schedule() {
        return schedule;
    }

    /**
     * kiosk.titles: the publications shown first, in this order (the others follow in order of arrival), each with its
     * days, hours and duration in the rotation. Given again from afar while the loop runs (on its thread), the shelf is
     * read again in the new order and the home screen drawn again.
     */
    void plan(List<TitlePlan> titlePlans) {
        List<String> order = titlePlans.stream().map(TitlePlan::publication).toList();
        boolean reorder = !order.equals(plans.stream().map(TitlePlan::publication).toList());
        plans = List.copyOf(titlePlans);
        schedule.windows(plans.stream().anyMatch(p -> !p.always()));
        if (reorder) titles = new Titles(order);
        if (now == Display.BLANK) return;
        if (reorder) reload();
        outsideBefore = facts().outside();
        if (now.screen() == Screen.HOME) apply(Change.to(now.at(Screen.HOME, now.cursor())));
        if (shown != null) shown(now, shown.outside(outsideBefore));
    }

    /** The kiosk's device id and kiosk.help.url, for its own screens' small print and QR codes (waiting, a fault). */
    void help(Help h) {
        help = h;
    }

    /**
     * The operator's `show PUBLICATION PAGE` (1-based): that title's shown issue at the page, as if a reader had turned
     * to it (the idle time brings the first title back). Returns what the panel shows; throws with the reason it cannot.
     */
    String showOrdered(String pub, int number) {
        Change opening = DisplayRules.showTitle(now, pub, facts());
        schedule.pressed();
        if (now.screen() == Screen.CLOSED) schedule.wake();
        apply(opening);
        if (!opening.tries().isEmpty() && now.title() != opening.tries().get(0).to().title()) throw new IllegalStateException("the issue of " + pub + " cannot be shown (see the kiosk's log)");
        apply(DisplayRules.showPage(now, number, facts()));
        if (now.screen() != Screen.PAGE || now.page() != number - 1) throw new IllegalStateException("page " + number + " of " + pub + " could not be drawn (see the kiosk's log)");
        return "shows " + pub + " " + now.issue() + " page " + number + " of " + view.pages().size();
    }

    /** What the panel shows, in words, for the operator's answers. */
    String describe() {
        return shown == null ? "nothing yet" : shown.words();
    }

    /**
     * The operator's notice: kept in the store, then shown (an urgent one over the screen at once, the others in the
     * band). Returns what the panel shows.
     */
    String notice(Notice n) throws StoreException {
        if (!n.until().isAfter(java.time.Instant.now())) throw new IllegalArgumentException("notice " + n.id() + " ended at " + n.until() + " (this kiosk's clock: " + java.time.Instant.now() + ")");
        store.notices().post(n);
        readNotices();
        apply(DisplayRules.notices(now, n.level() == Notice.Level.URGENT, facts()));
        return "notice " + n.id() + " (" + n.level().word() + ") shown until " + n.until() + "; the panel shows " + describe();
    }

    /** The operator's cancel: the notice taken down (an answer, not a failure, when this kiosk had none with that id). */
    String cancelNotice(String id) throws StoreException {
        if (!store.notices().cancel(id)) return "notice " + id + " is not on this kiosk (it ran out, was cancelled or never came); nothing to take down";
        readNotices();
        apply(DisplayRules.notices(now, false, facts()));
        return "notice " + id + " taken down; the panel shows " + describe();
    }

    /** The notices in force read from the store, those run out taken down first; the schedule told the next end. */
    private void readNotices() throws StoreException {
        int gone = store.notices().expire(java.time.Instant.now());
        if (gone > 0) Logger.info("kiosk: {} notice(s) ran out", gone);
        notices = store.notices().list();
        schedule.noticesEnd(firstEnd(notices));
    }

    /** The first of the notices' ends, or null for none. */
    private static java.time.Instant firstEnd(List<Notice> notices) {
        java.time.Instant first = null;
        for (Notice n : notices) if (first == null || n.until().isBefore(first)) first = n.until();
        return first;
    }

    /** A notice ran out by the kiosk's clock: taken down from the store (from the panel even when that fails). */
    private void noticesRanOut() {
        try {
            readNotices();
        } catch (StoreException | RuntimeException e) {
            Logger.error("kiosk: the notices cannot be read: {}", e.getMessage());
            notices = notices.stream().filter(n -> n.until().isAfter(java.time.Instant.now())).toList();
            schedule.noticesEnd(firstEnd(notices));
        }
        apply(DisplayRules.notices(now, false, facts()));
    }

    /** Shows the first title, then handles events until a Stop. */
    void run() throws InterruptedException {
        try {
            readNotices();
            if (!notices.isEmpty()) Logger.info("kiosk: {} notice(s) in force", notices.size());
        } catch (StoreException | RuntimeException e) {
            Logger.error("kiosk: the notices cannot be read: {}", e.getMessage());
        }
        outsideBefore = facts().outside();
        if (reload()) apply(DisplayRules.start(now, facts()));
        apply(DisplayRules.hours(now, schedule.open(), facts()));
        keepRotating();
        if (facts().urgent()) apply(DisplayRules.notices(now, true, facts()));
        afterStart.run();
        while (true) {
            Event e = next();
            if (e instanceof Event.Stop) return;
            if (e instanceof Event.SyncFailed f) {
                apply(DisplayRules.syncFailed(now, f.code(), f.reason()));
                return;
            }
            if (e instanceof Event.Activated a) {
                schedule.progressEnded(a.issue());
                if (reload()) apply(DisplayRules.activated(now, a.issue(), facts()));
            } else if (e instanceof Event.Connection c) {
                schedule.online(c.online());
            } else if (e instanceof Event.NoRoom n) {
                apply(DisplayRules.noRoom(now, n.reason()));
            } else if (e instanceof Event.Progress p) {
                schedule.progress(p);
            } else if (e instanceof Event.Ping p) {
                p.answer().run();
            } else if (e instanceof Event.Pressed p) {
                schedule.pressed();
                if (now.screen() == Screen.CLOSED) {
                    schedule.wake();
                    Logger.info("kiosk: woken outside the opening hours ({})", schedule.hours());
                }
                // The download waits before its next chunk while the page is drawn: on one core the reader comes first.
                newsstand.delivery.ReaderFirst.drawing();
                try {
                    apply(DisplayRules.press(now, p.press(), facts()));
                } finally {
                    newsstand.delivery.ReaderFirst.drawn();
                }
                // How long a reader waited: from the press read to the frame handed to the panel (DeliveryBenchmark's turns).
                long waited = view.lastHanded() - p.at();
                if (waited >= 0 && Logger.isDebugEnabled()) Logger.debug("kiosk: press {} drawn in {} ms", p.press().button(), String.format(java.util.Locale.ROOT, "%.1f", waited / 1e6));
            }
            Event.Progress step = schedule.progressDue();
            if (step != null) apply(DisplayRules.progress(now, step.issue(), step.percent()));
            if (schedule.idleDue()) idle();
            else if (schedule.rotationDue()) {
                apply(DisplayRules.rotation(now, facts()));
                schedule.rotate(titles.list().size(), ownMs(now.title()));
            }
            windows();
            keepRotating();
            if (schedule.clearDue()) view.clearGhosting();
            if (schedule.noticeDue()) noticesRanOut();
            service.alive();
            apply(DisplayRules.hours(now, schedule.open(), facts()));
            apply(DisplayRules.banner(now, facts()));
        }
    }

    /** The next event, or null when something falls due (see {@link Schedule#waitMs}). */
    private Event next() throws InterruptedException {
        long wait = Math.min(schedule.waitMs(now.banner() == Display.Banner.OFFLINE, now.screen() == Screen.WAITING), service.heartbeatMs());
        // An unset clock (F7) is looked at again every 15 s: the network's time may have come.
        if (now.fault() != null && now.fault().code().equals("F7")) wait = Math.min(wait, 15_000);
        return events.poll(wait);
    }

    private DisplayRules.Facts facts() {
        LocalDate today = LocalDate.now(schedule.zone());
        return new DisplayRules.Facts(titles.list(), view.nav(), schedule.offlineDue(), today, outside(), today.isBefore(built()),
                schedule.offlineWaitingDue(), notices);
    }

    /** The publications of kiosk.titles outside their days and hours now, in the kiosk's time zone. */
    private Set<String> outside() {
        if (plans.stream().allMatch(TitlePlan::always)) return Set.of();
        ZonedDateTime at = ZonedDateTime.now(schedule.zone());
        Set<String> out = new HashSet<>();
        for (TitlePlan p : plans) if (!p.inside(at)) out.add(p.publication());
        return out;
    }

    /** A title's own time in the rotation (ms), 0 for kiosk.rotate.seconds'. */
    private long ownMs(int title) {
        if (title < 0 || title >= titles.list().size()) return 0;
        String pub = titles.list().get(title).publication();
        return plans.stream().filter(p -> p.publication().equals(pub)).findFirst().map(p -> p.seconds() * 1000L).orElse(0L);
    }

    /**
     * A title's window opened or closed since the last look: the home screen shows it; while nobody reads, the page
     * follows ({@link DisplayRules#windows}).
     */
    private void windows() {
        DisplayRules.Facts f = facts();
        if (f.outside().equals(outsideBefore)) return;
        outsideBefore = f.outside();
        Logger.info("kiosk: outside their window now: {}", f.outside().isEmpty() ? "none" : String.join(", ", new java.util.TreeSet<>(f.outside())));
        if (now.screen() == Screen.HOME) apply(Change.to(now.at(Screen.HOME, now.cursor())));
        else if (schedule.resting()) apply(DisplayRules.windows(now, f, schedule.rotating()));
        if (shown != null) shown(now, shown.outside(outsideBefore));
    }

    /** The build's day: a clock before it is unset (fault F7). */
    private LocalDate built() {
        if (built == null) built = newsstand.config.Version.built();
        return built;
    }

    private LocalDate built;

    /** Reads the shelf again; false, with the fault screen when nothing is shown, when the store cannot be read. */
    private boolean reload() {
        try {
            now = DisplayRules.reloaded(now, titles.reload(store));
            return true;
        } catch (StoreException | RuntimeException e) {
            Logger.error("kiosk: {}", e.getMessage());
            apply(DisplayRules.storeUnreadable(now));
            return false;
        }
    }

    /**
     * No press for the idle time: back to the front page of the first title inside its window, then the rotation (not
     * while closed).
     */
    private void idle() {
        Change back = DisplayRules.idle(now, facts());
        if (!back.tries().isEmpty()) Logger.info("kiosk: no press for {} s; back to the first title's front page", schedule.idleMs() / 1000);
        apply(back);
        if (now.screen() != Screen.CLOSED) schedule.rotate(titles.list().size(), ownMs(now.title()));
    }

    /**
     * While nobody reads (since the start, or since the idle return), the rotation runs: from the start too, and once a
     * second title comes, not only after a reader's press has run out (not while closed).
     */
    private void keepRotating() {
        if (schedule.resting() && !schedule.rotating() && now.screen() != Screen.CLOSED) schedule.rotate(titles.list().size(), ownMs(now.title()));
    }

    /** Tries a change's values in turn until one is shown. */
    private void apply(Change change) {
        if (change.note() != null) Logger.info("kiosk: {}", change.note());
        for (Try t : change.tries()) {
            if (t.open() && !open(t.to())) continue;
            if (t.to().urgent()) {
                if (urgent(t.to())) return;
                continue;
            }
            if (t.to().screen() == Screen.PAGE ? page(t.to(), t.open()) || t.open() : screen(t.to())) return;
        }
    }

    /** Reads and composes a title's issue; false, still showing what it showed, when that fails. */
    private boolean open(Display to) {
        String id = to.issue();
        try {
            view.open(id);
            now = now.reading(to.title(), to.publication(), id);
            Logger.info("kiosk: showing {} ({} pages) of {}", id, view.pages().size(), to.publication());
            return true;
        } catch (FontException e) {
            Logger.error("kiosk: cannot show issue {}: {}", id, e.getMessage());
            if (view.issue() == null) noFont();
            return false;
        } catch (StoreException | RuntimeException | OutOfMemoryError | StackOverflowError e) {
            Logger.error("kiosk: cannot show issue {}: {}; still showing {}", id, e.toString(), now.issue() == null ? "nothing" : now.issue());
            return false;
        }
    }

    /** Draws a page of the issue being read, in full for a new issue, with its banner over the footer. */
    private boolean page(Display to, boolean newIssue) {
        try {
            if (to.banner() != now.banner()) Logger.info("kiosk: banner over the footer: {}", to.banner() == null ? "none" : to.banner().status());
            Titles.Title t = titles.list().get(to.title());
            Function<IssueRenderer, Page> over = null;
            if (to.banner() == Display.Banner.OFFLINE) {
                String since = schedule.offlineSince();
                over = r -> Screens.offline(r, model, since, view.pages().get(to.page()));
            } else if (to.banner() == Display.Banner.STALE) {
                over = r -> Screens.stale(r, model, ShelfTitle.dateLine(t.date()), view.pages().get(to.page()));
            }
            if (!notices.isEmpty()) {
                Function<IssueRenderer, Page> banner = over;
                List<Notice> band = notices;
                over = r -> banner == null ? Screens.band(r, model, band) : IssueRenderer.over(banner.apply(r), Screens.band(r, model, band));
            }
            Shown s = to.shown(titles.list(), view.nav()).outside(outsideBefore);
            view.page(to.page(), newIssue, over);
            shown(to, s);
            return true;
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            Logger.error("kiosk: page {} of {} not shown: {}", to.page() + 1, now.issue(), e.toString());
            return false;
        }
    }

    /** Draws one of the other screens; the issue being read is let go when the value reads none. */
    private boolean screen(Display to) {
        Refresh hint = Refresh.FLASH;
        Function<IssueRenderer, Page> compose;
        switch (to.screen()) {
            case INDEX -> {
                List<Navigation.Section> sections = view.nav().index();
                compose = r -> Screens.index(r, model, view.issue(), sections.stream().map(Navigation.Section::title).toList(),
                        sections.stream().map(s -> s.firstPage() + 1).toList(), to.cursor());
                hint = Refresh.CHANGES;
            }
            case HOME -> {
                Set<String> out = outsideBefore;
                List<ShelfTitle> shelf = titles.list().stream().map(t -> out.contains(t.publication()) ? t.shelf(when(t.publication())) : t.shelf()).toList();
                compose = r -> Screens.home(r, model, shelf, to.cursor());
                hint = Refresh.CHANGES;
            }
            case WAITING -> {
                String offline = to.banner() == Display.Banner.OFFLINE ? schedule.offlineSince() : null;
                compose = r -> Screens.waiting(r, model, help, to.receiving(), offline);
                if (to.receiving() != null) hint = Refresh.CHANGES;
            }
            case CLOSED -> {
                OpeningHours hours = schedule.hours();
                Logger.info("kiosk: closed until {} ({})", hours.open(), hours);
                compose = r -> Screens.closed(r, model, hours);
            }
            case FAULT -> {
                Logger.error("kiosk: fault {}: {}", to.fault().code(), to.fault().reason());
                compose = r -> Screens.fault(r, model, help, to.fault().code(), to.fault().reason());
            }
            default -> throw new IllegalArgumentException("no screen to draw for " + to.screen());
        }
        if (!notices.isEmpty()) {
            Function<IssueRenderer, Page> under = compose;
            List<Notice> band = notices;
            compose = r -> Screens.withBand(r, model, under.apply(r), band);
        }
        try {
            Shown s = to.shown(titles.list(), view.nav()).outside(outsideBefore);
            view.screen(compose, hint);
            if (to.issue() == null && view.issue() != null) view.close();
            shown(to, s);
            return true;
        } catch (FontException e) {
            Logger.error("kiosk: the {} screen cannot be shown: {}", to.screen().status(), e.getMessage());
            noFont();
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            Logger.error("kiosk: the {} screen cannot be shown: {}", to.screen().status(), e.toString());
        }
        return false;
    }

    /** When a title of kiosk.titles is in the rotation, as its home screen entry says it ("16:00起 · from 16:00"). */
    private String when(String publication) {
        return plans.stream().filter(p -> p.publication().equals(publication)).findFirst().map(TitlePlan::when).orElse("");
    }

    /**
     * The urgent notice over the whole screen (the first of the notices), the screen under it kept as the value says;
     * not drawn again when the same is on the panel.
     */
    private boolean urgent(Display to) {
        if (notices.isEmpty() || notices.get(0).level() != Notice.Level.URGENT) return false;
        LocalDate today = LocalDate.now(schedule.zone());
        String key = notices.get(0).id() + " " + notices.size() + " " + today;
        if (now.urgent() && key.equals(urgentDrawn)) {
            shown(to, to.shown(titles.list(), view.nav()).outside(outsideBefore));
            return true;
        }
        List<Notice> shownNotices = notices;
        try {
            Shown s = to.shown(titles.list(), view.nav()).outside(outsideBefore);
            view.screen(r -> Screens.urgent(r, model, shownNotices, schedule.zone(), today), Refresh.FLASH);
            Logger.info("kiosk: urgent notice {} over the screen", notices.get(0).id());
            urgentDrawn = key;
            shown(to, s);
            return true;
        } catch (FontException e) {
            Logger.error("kiosk: the urgent notice cannot be shown: {}", e.getMessage());
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            Logger.error("kiosk: the urgent notice cannot be shown: {}", e.toString());
        }
        return false;
    }

    /** Fault F1: no font for anything, said in the built-in letters. */
    private void noFont() {
        view.noFont(help);
        Display f1 = now.faulty("F1", "no font");
        shown(f1, f1.shown(titles.list(), view.nav()));
    }

    /** What the panel shows now, said in the status (once per change) and, the first time, to the service manager. */
    private void shown(Display d, Shown without) {
        now = d;
        if (!d.urgent()) urgentDrawn = null;
        Shown s = without.with(notices);
        if (s.equals(shown)) return;
        if (shown == null) {
            service.ready(s.screen() + (s.issue() != null ? " " + s.issue() + " page " + s.page() : ""));
            onFirstFrame.accept(view.firstHanded());
        }
        shown = s;
        onShown.accept(s);
    }
}
