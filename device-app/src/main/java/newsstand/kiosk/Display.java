package newsstand.kiosk;

import java.util.List;
import java.util.Locale;

/**
 * What the panel shows, as one value: the screen; the title being read (its place among the shelf's titles, -1 when
 * it is not there, and its publication), the issue being read and its page (0-based); the cursor on the index (a
 * section) or the home screen (a title); the banner over a page's footer when it was last drawn; on the fault screen
 * its code and reason; the first issue's download the waiting screen shows (issue and percent), or null; whether an
 * urgent notice covers the screen (all else is what lies under it, one press away).
 * {@link DisplayRules} says what comes next; {@link DisplayLoop} draws it.
 */
record Display(Screen screen, int title, String publication, String issue, int page, int cursor, Banner banner, Fault fault,
               String receiving, boolean urgent) {
    /** The kiosk's screens; the status names each in lower case ("page", "home"). */
    enum Screen {
        /** Nothing drawn yet. */
        BLANK, PAGE, INDEX, HOME, WAITING, CLOSED, FAULT;

        String status() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A banner over a page's footer: offline for a while, or an issue older than its publication's rhythm. */
    enum Banner {
        OFFLINE, STALE;

        String status() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What the fault screen says: a short code the README's technician section explains, and what is wrong. */
    record Fault(String code, String reason) {}

    /** The panel before the kiosk's first frame. */
    static final Display BLANK = new Display(Screen.BLANK, -1, null, null, 0, 0, null, null, null, false);

    /** Another screen, all else kept (a fault's code only on the fault screen). */
    Display on(Screen s) {
        return new Display(s, title, publication, issue, page, cursor, banner, s == Screen.FAULT ? fault : null, receiving, urgent);
    }

    /** A page of the issue being read, with the banner due over it. */
    Display atPage(int to, Banner due) {
        return new Display(Screen.PAGE, title, publication, issue, to, cursor, due, null, receiving, urgent);
    }

    /** A screen with a cursor: the index or the home screen. */
    Display at(Screen s, int to) {
        return new Display(s, title, publication, issue, page, to, banner, null, receiving, urgent);
    }

    /** Reading another issue (or nothing: -1, null, null), on the screen shown. */
    Display reading(int at, String pub, String id) {
        return new Display(screen, at, pub, id, page, cursor, banner, fault, receiving, urgent);
    }

    /** The title being read at another place among the titles (they were read again). */
    Display titleAt(int at) {
        return new Display(screen, at, publication, issue, page, cursor, banner, fault, receiving, urgent);
    }

    Display faulty(String code, String reason) {
        return new Display(Screen.FAULT, title, publication, issue, page, cursor, banner, new Fault(code, reason), receiving, urgent);
    }

    /** The urgent notice over the screen, or (false) the screen under it again. */
    Display covered(boolean notice) {
        return new Display(screen, title, publication, issue, page, cursor, banner, fault, receiving, notice);
    }

    /** The same with a banner (or none): on the waiting screen, offline (W2). */
    Display bannered(Banner b) {
        return new Display(screen, title, publication, issue, page, cursor, b, fault, receiving, urgent);
    }

    Display receiving(String download) {
        return new Display(screen, title, publication, issue, page, cursor, banner, fault, download, urgent);
    }

    /** As the status reports it, with the titles and the open issue's navigation it names. */
    Shown shown(List<Titles.Title> titles, Navigation nav) {
        if (urgent) return new Shown("notice", null, null, null, 0, 0, null, null);
        return switch (screen) {
            case PAGE -> {
                Titles.Title t = titles.get(title);
                yield new Shown(screen.status(), t.publication(), t.name(), issue, page + 1, nav.pages(), banner == null ? null : banner.status(), null);
            }
            case INDEX -> {
                Titles.Title t = titles.get(title);
                yield new Shown(screen.status(), t.publication(), t.name(), issue, nav.index().get(cursor).firstPage() + 1, nav.pages(), null, null);
            }
            case HOME -> {
                Titles.Title t = titles.get(cursor);
                yield new Shown(screen.status(), t.publication(), t.name(), t.issue(), 0, 0, null, null);
            }
            case FAULT -> new Shown(screen.status(), null, null, null, 0, 0, null, fault.code());
            case WAITING -> new Shown(screen.status(), null, null, null, 0, 0, banner == null ? null : banner.status(), null);
            default -> new Shown(screen.status(), null, null, null, 0, 0, null, null);
        };
    }
}
