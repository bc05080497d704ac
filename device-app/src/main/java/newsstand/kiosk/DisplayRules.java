package newsstand.kiosk;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import newsstand.display.Press;
import newsstand.issue.Notice;
import newsstand.kiosk.Display.Banner;
import newsstand.kiosk.Display.Screen;

/**
 * What the panel shows next: what a press or a hold does on each screen, and what the clock (the idle return, the
 * rotation, the opening hours, a banner falling due), an issue activated or withdrawn, a download's progress and the
 * operator's `show` do to what it shows. Each is a function of what is shown and the facts it needs; none draws.
 * What can fail (composing an issue, drawing) is a {@link Change}: the values to try in turn, which
 * {@link DisplayLoop} draws.
 */
final class DisplayRules {
    private DisplayRules() {}

    /**
     * What a change needs to know besides what is shown: the titles on the shelf (kiosk.titles first), the sections
     * of the issue being read, whether the kiosk has been offline longer than the banner waits, today's date, the
     * publications outside their window now (kiosk.titles' days and hours: not rotated to, nor returned to), whether
     * the clock is unset (before the build's day: signatures' times and the hours cannot be judged), and whether the
     * waiting screen says the kiosk is offline (W2: a minute, or the banner's time when shorter).
     */
    record Facts(List<Titles.Title> titles, Navigation nav, boolean offline, LocalDate today, Set<String> outside, boolean clockUnset,
                 boolean offlineWaiting, List<Notice> notices) {
        Facts(List<Titles.Title> titles, Navigation nav, boolean offline, LocalDate today) {
            this(titles, nav, offline, today, Set.of(), false, offline, List.of());
        }

        Facts(List<Titles.Title> titles, Navigation nav, boolean offline, LocalDate today, Set<String> outside) {
            this(titles, nav, offline, today, outside, false, offline, List.of());
        }

        Facts(List<Titles.Title> titles, Navigation nav, boolean offline, LocalDate today, boolean clockUnset, boolean offlineWaiting) {
            this(titles, nav, offline, today, Set.of(), clockUnset, offlineWaiting, List.of());
        }

        Facts(List<Titles.Title> titles, Navigation nav, boolean offline, LocalDate today, List<Notice> notices) {
            this(titles, nav, offline, today, Set.of(), false, offline, notices);
        }

        /** The same facts without the notices in force. */
        Facts withoutNotices() {
            return new Facts(titles, nav, offline, today, outside, clockUnset, offlineWaiting, List.of());
        }

        /** Whether an urgent notice is in force (the notices come in {@link Notice#ORDER}: urgent first). */
        boolean urgent() {
            return !notices.isEmpty() && notices.get(0).level() == Notice.Level.URGENT;
        }

        /** Whether a title is inside its window now. */
        boolean inside(int title) {
            return title >= 0 && title < titles.size() && !outside.contains(titles.get(title).publication());
        }

        /** The first title inside its window; the first of all when none is. */
        int first() {
            for (int i = 0; i < titles.size(); i++) if (inside(i)) return i;
            return 0;
        }

        int indexOfIssue(String issue) {
            for (int i = 0; i < titles.size(); i++) if (titles.get(i).issue().equals(issue)) return i;
            return -1;
        }

        int indexOfPublication(String publication) {
            for (int i = 0; i < titles.size(); i++) if (titles.get(i).publication().equals(publication)) return i;
            return -1;
        }
    }

    /** A value to show, and whether its issue is read and composed first (then its front page flashes in full). */
    record Try(Display to, boolean open) {}

    /** Values to try in turn until one is shown (none shown: what was shown stays), and a line for the log, or null. */
    record Change(List<Try> tries, String note) {
        static final Change NONE = new Change(List.of(), null);

        static Change to(Display d) {
            return new Change(List.of(new Try(d, false)), null);
        }
    }

    /** The titles were read again: the title being read is found by its issue, or as its publication's issue before. */
    static Display reloaded(Display d, List<Titles.Title> titles) {
        Facts f = new Facts(titles, null, false, null);
        int at = d.issue() == null ? -1 : f.indexOfIssue(d.issue());
        if (at < 0 && d.publication() != null) {
            // Shown as its publication's fallback (the shown issue could not be composed): still that title.
            int p = f.indexOfPublication(d.publication());
            if (p >= 0 && Objects.equals(d.issue(), titles.get(p).previous())) at = p;
        }
        return d.titleAt(at);
    }

    /**
     * The first title's front page (the first inside its window); failing that, the issue its publication showed
     * before, then the other titles (those inside their window first); the fault screen F2 when none can be shown; the
     * waiting screen before the first issue.
     */
    static Change start(Display d, Facts f) {
        if (f.titles().isEmpty()) {
            if (f.clockUnset()) return Change.to(d.faulty("F7", "the clock reads " + f.today() + ", before this software was built: no issue yet, and"
                    + " the times of signatures cannot be judged"));
            // A download named before (while closed, or before a withdrawal) is not said again until its next step.
            return new Change(List.of(new Try(d.on(Screen.WAITING).receiving(null).bannered(f.offlineWaiting() ? Banner.OFFLINE : null), false)),
                    "no issue yet; waiting for the first delivery");
        }
        List<Try> tries = new ArrayList<>();
        List<String> tried = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < f.titles().size(); i++) if (f.inside(i)) order.add(i);
        for (int i = 0; i < f.titles().size(); i++) if (!f.inside(i)) order.add(i);
        for (int i : order) {
            Titles.Title t = f.titles().get(i);
            tried.add(t.issue());
            tries.add(opening(d, f, i, t.issue()));
            if (t.previous() != null) {
                tried.add(t.previous());
                tries.add(opening(d, f, i, t.previous()));
            }
        }
        tries.add(new Try(d.faulty("F2", "the stored issues cannot be shown (" + String.join(", ", tried) + ")"), false));
        return new Change(tries, null);
    }

    /**
     * A press or a hold. On a page: next and previous page; held, the next section or the start of this one (or the
     * one before); home, the front page, and from the front page the home screen (with two titles or more); home
     * held, the index. On the index: next and previous move the cursor; home opens the section under it; home held
     * goes back to the page. On the home screen: next and previous move between titles (round); home opens the one
     * under the cursor. While closed, any press shows the newspaper (for the idle time). Waiting, fault: nothing.
     */
    static Change press(Display d, Press p, Facts f) {
        if (d.urgent()) {
            // The newspaper one press away: the page (or the screen) under the notice, which the idle time covers again.
            Display under = d.covered(false);
            return d.screen() == Screen.PAGE ? Change.to(under.atPage(d.page(), bannerDue(d.title(), f)))
                    : d.screen() == Screen.BLANK || d.screen() == Screen.CLOSED ? start(under, f) : Change.to(under);
        }
        Navigation nav = f.nav();
        boolean held = p.longPress();
        return switch (d.screen()) {
            case PAGE -> switch (p.button()) {
                case NEXT -> turn(d, f, held ? nav.nextSection(d.page()) : nav.next(d.page()));
                case PREVIOUS -> turn(d, f, held ? nav.previousSection(d.page()) : nav.previous(d.page()));
                case HOME -> held ? Change.to(d.at(Screen.INDEX, sectionOf(nav, d.page())))
                        : d.page() != 0 || f.titles().size() < 2 ? turn(d, f, 0) : home(d, f, Math.max(0, d.title()));
            };
            case INDEX -> {
                int last = nav.index().size() - 1;
                yield switch (p.button()) {
                    case NEXT -> Change.to(d.at(Screen.INDEX, Math.min(last, d.cursor() + 1)));
                    case PREVIOUS -> Change.to(d.at(Screen.INDEX, Math.max(0, d.cursor() - 1)));
                    case HOME -> Change.to(d.atPage(held ? d.page() : nav.index().get(d.cursor()).firstPage(), bannerDue(d.title(), f)));
                };
            }
            case HOME -> {
                int n = f.titles().size();
                if (n == 0) yield Change.NONE;
                yield switch (p.button()) {
                    case NEXT -> home(d, f, (d.cursor() + 1) % n);
                    case PREVIOUS -> home(d, f, (d.cursor() + n - 1) % n);
                    case HOME -> d.cursor() == d.title() && d.issue() != null ? turn(d, f, 0)
                            : new Change(List.of(opening(d, f, d.cursor(), f.titles().get(d.cursor()).issue()), new Try(d.at(Screen.HOME, d.cursor()), false)), null);
                };
            }
            case CLOSED -> start(d, f);
            case BLANK, WAITING, FAULT -> Change.NONE;
        };
    }

    /**
     * No press for the idle time: back to the front page of the first title inside its window, for the next reader
     * (of the first title of all when none is inside its window).
     */
    static Change idle(Display d, Facts f) {
        if (f.urgent() && !d.urgent()) {
            // The urgent notice comes back, over the first title's front page for the reader after it.
            Change back = idle(d, f.withoutNotices());
            if (back.tries().isEmpty()) return Change.to(d.covered(true));
            return new Change(back.tries().stream().map(t -> new Try(t.to().covered(true), t.open())).toList(), back.note());
        }
        if (d.screen() == Screen.CLOSED || f.titles().isEmpty()) return Change.NONE;
        int first = f.first();
        if (d.title() == first && d.screen() == Screen.PAGE && d.page() == 0) return Change.NONE;
        return d.title() == first && d.issue() != null ? turn(d, f, 0) : opening(d, f, first);
    }

    /** The next title inside its window (round), its front page, while nobody reads; none when no other one is. */
    static Change rotation(Display d, Facts f) {
        if (d.screen() == Screen.CLOSED || d.urgent()) return Change.NONE;
        int n = f.titles().size(), from = Math.max(0, d.title());
        for (int k = 1; k < n; k++) {
            if (f.inside((from + k) % n)) return opening(d, f, (from + k) % n);
        }
        return Change.NONE;
    }

    /**
     * While nobody reads, a window opened or closed: with the rotation, a title that went out of its window gives way
     * to the first inside its own; without it, the front page is the first title inside its window, as after the idle
     * time. Only on a page (the home screen and the index are a reader's).
     */
    static Change windows(Display d, Facts f, boolean rotating) {
        if (d.screen() != Screen.PAGE || d.title() < 0 || rotating && f.inside(d.title())) return Change.NONE;
        return idle(d, f);
    }

    /** Outside the opening hours (and not woken by a press), the closed screen; back in them, the front page. */
    static Change hours(Display d, boolean open, Facts f) {
        if (!open && d.screen() != Screen.CLOSED) return Change.to(d.on(Screen.CLOSED));
        if (open && d.screen() == Screen.CLOSED) return start(d, f);
        return Change.NONE;
    }

    /**
     * The page again when its banner is due or gone (offline for a while, or its issue older than expected); the
     * waiting screen again when the kiosk goes offline for a while or comes back; the start again when the clock that
     * was unset (F7) is set.
     */
    static Change banner(Display d, Facts f) {
        if (d.screen() == Screen.WAITING && (f.offlineWaiting() ? Banner.OFFLINE : null) != d.banner()) {
            // No issue yet, and no connection for a while (W2), or back again (W1).
            return Change.to(d.bannered(f.offlineWaiting() ? Banner.OFFLINE : null));
        }
        if (d.screen() == Screen.FAULT && d.fault().code().equals("F7") && !f.clockUnset()) return start(d, f);
        Banner due = bannerDue(d.title(), f);
        return d.screen() == Screen.PAGE && due != d.banner() ? Change.to(d.atPage(d.page(), due)) : Change.NONE;
    }

    /**
     * An issue came on the shelf or went off it (the titles read again; not while closed). A new issue of the title
     * being read (or the first of all, or one that ends the waiting or a fault) is shown from its front page; the
     * issue being read, withdrawn, is replaced by what its publication shows now, else by the first title, else the
     * waiting screen; the home screen shows the change. The download the waiting screen named is on the shelf now, or
     * withdrawn: its progress goes (the next step of a download still going on shows it again).
     */
    static Change activated(Display shown, String issue, Facts f) {
        if (shown.screen() == Screen.CLOSED) return Change.NONE;
        Display d = shown.receiving(null);
        List<Try> tries = new ArrayList<>();
        int i = f.indexOfIssue(issue);
        if (i >= 0) {
            boolean sameTitle = f.titles().get(i).publication().equals(d.publication());
            if (d.issue() == null || sameTitle || d.screen() == Screen.FAULT || d.screen() == Screen.WAITING) tries.add(opening(d, f, i, issue));
        } else if (d.issue() != null && d.title() < 0) {
            int same = f.indexOfPublication(d.publication());
            if (same >= 0) tries.add(opening(d, f, same, f.titles().get(same).issue()));
            Display none = d.reading(-1, null, null);
            tries.addAll(start(none, f).tries());
            return new Change(tries, d.issue() + " was withdrawn");
        }
        if (d.screen() == Screen.HOME) tries.add(new Try(d.at(Screen.HOME, d.cursor()), false));
        if (d.screen() == Screen.WAITING && shown.receiving() != null) tries.add(new Try(d, false));
        return new Change(tries, null);
    }

    /**
     * The waiting screen shows the first issue coming, in steps of a tenth (each step a refresh), also in place of
     * the storage full fault (F6) once there is room; {@link Schedule}
     * hands on a step once the download has gone on a second, then at most one a second.
     */
    static Change progress(Display d, String issue, int percent) {
        String step = issue + " " + (percent / 10 * 10) + "%";
        // Room came back (F6): the issue is coming.
        if (d.screen() == Screen.FAULT && d.fault().code().equals("F6")) return Change.to(d.on(Screen.WAITING).receiving(step));
        if (d.screen() != Screen.WAITING || step.equals(d.receiving())) return Change.NONE;
        return new Change(List.of(new Try(d.receiving(step), false)), "the waiting screen shows the first issue coming: " + step);
    }

    /**
     * An issue waits for room in the store: the fault screen F6 in place of the waiting screen (there is nothing to
     * read, and it will not come by itself until there is room); a kiosk showing an issue keeps showing it.
     */
    static Change noRoom(Display d, String reason) {
        return d.screen() == Screen.WAITING ? Change.to(d.faulty("F6", "no room for an issue: " + reason)) : Change.NONE;
    }

    /** The store cannot be read: the fault screen F3 when nothing is being read, else what is shown stays. */
    static Change storeUnreadable(Display d) {
        return d.issue() == null ? Change.to(d.faulty("F3", "the store cannot be read")) : Change.NONE;
    }

    /**
     * The sync cannot start: the fault screen naming what is wrong, whatever was shown: F5 when a trusted key cannot
     * be used (a file that is not one, unreadable), F4 for anything else (the store's second connection refused); the
     * kiosk stops after it (newsstand.service starts it again).
     */
    static Change syncFailed(Display d, String code, String reason) {
        return Change.to(d.faulty(code, (code.equals("F5") ? "no trusted key can be used: " : "the sync cannot start: ") + reason).covered(false));
    }

    /**
     * The operator's `show PUBLICATION PAGE`, first step: that title's shown issue opened, unless it is the one being
     * read. Throws, with the titles there are, when the publication is not on this kiosk.
     */
    static Change showTitle(Display d, String publication, Facts f) {
        int i = f.indexOfPublication(publication);
        if (i < 0) {
            throw new IllegalArgumentException("publication " + publication + " is not on this kiosk (it has: "
                    + String.join(", ", f.titles().stream().map(Titles.Title::publication).toList()) + ")");
        }
        if (d.urgent()) return i != d.title() || d.issue() == null ? opening(d.covered(false), f, i) : Change.to(d.covered(false).atPage(d.page(), bannerDue(i, f)));
        return i != d.title() || d.issue() == null ? opening(d, f, i) : Change.NONE;
    }

    /** The operator's `show`, second step: the page (1-based) of the issue being read; throws when it has no such page. */
    static Change showPage(Display d, int number, Facts f) {
        int pages = f.nav().pages();
        if (number > pages) {
            throw new IllegalArgumentException("page " + number + " of " + d.publication() + ": its issue " + d.issue() + " has " + pages
                    + " pages (allowed: 1 to " + pages + ")");
        }
        return turn(d, f, number - 1);
    }

    /**
     * The notices in force changed: one came ({@code urgentCame}: an urgent one, which covers the screen at once,
     * even over a reader's page: a press gives it back), one was cancelled or ran out. The urgent notice covering the
     * screen gives way to the screen under it when none is left; else what is shown is drawn again with the notices
     * now in force (the band, or the next urgent notice).
     */
    static Change notices(Display d, boolean urgentCame, Facts f) {
        if (d.screen() == Screen.BLANK) return Change.NONE;
        if (urgentCame && f.urgent()) return Change.to(d.covered(true));
        if (d.urgent() && !f.urgent()) {
            Display under = d.covered(false);
            return d.screen() == Screen.PAGE ? Change.to(under.atPage(d.page(), bannerDue(d.title(), f))) : Change.to(under);
        }
        return Change.to(d);
    }

    /** A page of the issue being read; nothing when it is the page on the panel. */
    private static Change turn(Display d, Facts f, int to) {
        if (d.screen() == Screen.PAGE && d.page() == to) return Change.NONE;
        return Change.to(d.atPage(to, bannerDue(d.title(), f)));
    }

    /** The home screen, its cursor on a title; nothing without titles. */
    private static Change home(Display d, Facts f, int on) {
        if (f.titles().isEmpty()) return Change.NONE;
        return Change.to(d.at(Screen.HOME, Math.max(0, Math.min(on, f.titles().size() - 1))));
    }

    private static Change opening(Display d, Facts f, int title) {
        return new Change(List.of(opening(d, f, title, f.titles().get(title).issue())), null);
    }

    /** A title's issue (its shown one, or the one before), read and composed, at its front page. */
    private static Try opening(Display d, Facts f, int title, String issue) {
        return new Try(d.reading(title, f.titles().get(title).publication(), issue).atPage(0, bannerDue(title, f)), true);
    }

    /** The section a page is in, on the index. */
    private static int sectionOf(Navigation nav, int page) {
        List<Navigation.Section> sections = nav.index();
        int at = 0;
        for (int i = 0; i < sections.size(); i++) if (sections.get(i).firstPage() <= page) at = i;
        return at;
    }

    private static Banner bannerDue(int title, Facts f) {
        if (f.offline()) return Banner.OFFLINE;
        if (title >= 0 && title < f.titles().size() && f.titles().get(title).stale(f.today())) return Banner.STALE;
        return null;
    }
}
