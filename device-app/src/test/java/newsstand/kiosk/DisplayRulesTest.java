package newsstand.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import newsstand.display.Button;
import newsstand.display.Press;
import newsstand.issue.Notice;
import newsstand.kiosk.Display.Banner;
import newsstand.kiosk.Display.Screen;
import newsstand.kiosk.DisplayRules.Change;
import newsstand.kiosk.DisplayRules.Facts;
import newsstand.kiosk.DisplayRules.Try;
import org.junit.jupiter.api.Test;

/** What the panel shows next, as data in and data out: every screen under every press, the clock, the shelf, the operator. */
class DisplayRulesTest {
    static final LocalDate TODAY = LocalDate.of(2025, 9, 10);
    static final Titles.Title QD = title("qd", "qd-2", "qd-1", TODAY);
    static final Titles.Title HB = title("hb", "hb-1", null, TODAY);
    /** Six pages: 要闻 on 1-2, 经济 on 3-5, 城市 on 6. */
    static final Navigation NAV = new Navigation(List.of("要闻", "要闻", "经济", "经济", "经济", "城市"));
    static final Facts TWO = new Facts(List.of(QD, HB), NAV, false, TODAY);
    static final Facts ONE = new Facts(List.of(QD), NAV, false, TODAY);
    static final Facts NONE = new Facts(List.of(), new Navigation(List.of()), false, TODAY);

    static final Press NEXT = new Press(Button.NEXT, false), PREVIOUS = new Press(Button.PREVIOUS, false), HOME = new Press(Button.HOME, false);
    static final Press HOLD_NEXT = new Press(Button.NEXT, true), HOLD_PREVIOUS = new Press(Button.PREVIOUS, true), HOLD_HOME = new Press(Button.HOME, true);

    static Titles.Title title(String publication, String issue, String previous, LocalDate date) {
        return new Titles.Title(publication, issue, previous, publication.toUpperCase() + " Daily", date, null, "zh-Hans", List.of(), 1);
    }

    /** Page `page` (0-based) of a title's shown issue. */
    static Display page(Facts f, int title, int page) {
        Titles.Title t = f.titles().get(title);
        return new Display(Screen.PAGE, title, t.publication(), t.issue(), page, 0, null, null, null, false);
    }

    /** The one value a change shows, drawn without opening anything. */
    static Display drawn(Change c) {
        assertEquals(1, c.tries().size(), "one value to show: " + c);
        assertFalse(c.tries().get(0).open(), "nothing to open: " + c);
        return c.tries().get(0).to();
    }

    /** The one issue a change opens, at its front page. */
    static Display opened(Change c) {
        assertEquals(1, c.tries().size(), "one value to show: " + c);
        Try t = c.tries().get(0);
        assertTrue(t.open(), "its issue opened: " + c);
        assertEquals(Screen.PAGE, t.to().screen());
        assertEquals(0, t.to().page(), "the front page");
        return t.to();
    }

    @Test
    void onAPageNextAndPreviousTurnAndHeldTheyJumpSections() {
        Display p4 = page(TWO, 0, 3);
        assertEquals(page(TWO, 0, 4), drawn(DisplayRules.press(p4, NEXT, TWO)));
        assertEquals(page(TWO, 0, 2), drawn(DisplayRules.press(p4, PREVIOUS, TWO)));
        assertEquals(page(TWO, 0, 5), drawn(DisplayRules.press(p4, HOLD_NEXT, TWO)), "to the next section, 城市");
        assertEquals(page(TWO, 0, 2), drawn(DisplayRules.press(p4, HOLD_PREVIOUS, TWO)), "to the start of 经济");
        assertEquals(page(TWO, 0, 0), drawn(DisplayRules.press(page(TWO, 0, 2), HOLD_PREVIOUS, TWO)), "from its start, to 要闻");
    }

    @Test
    void turningPastEitherEndDrawsNothing() {
        assertEquals(Change.NONE, DisplayRules.press(page(TWO, 0, 5), NEXT, TWO));
        assertEquals(Change.NONE, DisplayRules.press(page(TWO, 0, 5), HOLD_NEXT, TWO));
        assertEquals(Change.NONE, DisplayRules.press(page(TWO, 0, 0), PREVIOUS, TWO));
        assertEquals(Change.NONE, DisplayRules.press(page(TWO, 0, 0), HOLD_PREVIOUS, TWO));
    }

    @Test
    void homeOnAPageGoesToTheFrontPageAndFromThereToTheHomeScreen() {
        assertEquals(page(TWO, 1, 0), drawn(DisplayRules.press(page(TWO, 1, 4), HOME, TWO)));
        Display home = drawn(DisplayRules.press(page(TWO, 1, 0), HOME, TWO));
        assertEquals(Screen.HOME, home.screen());
        assertEquals(1, home.cursor(), "the cursor on the title being read");
        assertEquals("hb-1", home.issue(), "still reading it");
        assertEquals(Change.NONE, DisplayRules.press(page(ONE, 0, 0), HOME, ONE), "with one title there is no home screen");
    }

    @Test
    void homeHeldOnAPageOpensTheIndexAtThePagesSection() {
        Display index = drawn(DisplayRules.press(page(TWO, 0, 3), HOLD_HOME, TWO));
        assertEquals(Screen.INDEX, index.screen());
        assertEquals(1, index.cursor(), "经济");
        assertEquals(3, index.page(), "the page the reader left");
        assertEquals(2, drawn(DisplayRules.press(page(TWO, 0, 5), HOLD_HOME, TWO)).cursor(), "城市");
    }

    @Test
    void onTheIndexNextAndPreviousMoveTheCursorAndHomeOpensItsSection() {
        Display index = page(TWO, 0, 3).at(Screen.INDEX, 1);
        assertEquals(2, drawn(DisplayRules.press(index, NEXT, TWO)).cursor());
        assertEquals(2, drawn(DisplayRules.press(index.at(Screen.INDEX, 2), NEXT, TWO)).cursor(), "stays on the last");
        assertEquals(0, drawn(DisplayRules.press(index, PREVIOUS, TWO)).cursor());
        assertEquals(0, drawn(DisplayRules.press(index.at(Screen.INDEX, 0), PREVIOUS, TWO)).cursor(), "stays on the first");
        assertEquals(page(TWO, 0, 2).at(Screen.PAGE, 1), drawn(DisplayRules.press(index, HOME, TWO)), "经济's first page");
        assertEquals(page(TWO, 0, 3).at(Screen.PAGE, 1), drawn(DisplayRules.press(index, HOLD_HOME, TWO)), "back to the page left");
    }

    @Test
    void onTheHomeScreenNextAndPreviousGoRoundTheTitlesAndHomeOpensOne() {
        Display home = page(TWO, 0, 2).at(Screen.HOME, 0);
        assertEquals(1, drawn(DisplayRules.press(home, NEXT, TWO)).cursor());
        assertEquals(0, drawn(DisplayRules.press(home.at(Screen.HOME, 1), NEXT, TWO)).cursor(), "round to the first");
        assertEquals(1, drawn(DisplayRules.press(home, PREVIOUS, TWO)).cursor(), "round to the last");
        assertEquals(page(TWO, 0, 0), drawn(DisplayRules.press(home, HOME, TWO)), "the title being read: its front page, not opened again");

        Change other = DisplayRules.press(home.at(Screen.HOME, 1), HOME, TWO);
        assertEquals(2, other.tries().size());
        assertTrue(other.tries().get(0).open());
        assertEquals(page(TWO, 1, 0).at(Screen.PAGE, 1), other.tries().get(0).to(), "the other title's front page");
        assertEquals(home.at(Screen.HOME, 1), other.tries().get(1).to(), "the home screen stays when it cannot be opened");
    }

    @Test
    void aPressWhileClosedShowsTheNewspaperAndWaitingOrAFaultTakeNone() {
        Display closed = page(TWO, 1, 3).on(Screen.CLOSED);
        for (Press p : List.of(NEXT, PREVIOUS, HOME, HOLD_NEXT, HOLD_PREVIOUS, HOLD_HOME)) {
            assertEquals(DisplayRules.start(closed, TWO), DisplayRules.press(closed, p, TWO), "woken by " + p);
            assertEquals(Change.NONE, DisplayRules.press(Display.BLANK.on(Screen.WAITING), p, NONE));
            assertEquals(Change.NONE, DisplayRules.press(Display.BLANK.faulty("F2", "the stored issues cannot be shown"), p, TWO));
            assertEquals(Change.NONE, DisplayRules.press(Display.BLANK, p, TWO));
        }
    }

    /** Every screen under every press: the screen it leads to (or none when nothing is drawn), from page 4 of 6. */
    @Test
    void everyScreenUnderEveryPress() {
        Display reading = page(TWO, 0, 3);
        Map<Screen, Display> on = new EnumMap<>(Screen.class);
        on.put(Screen.BLANK, Display.BLANK);
        on.put(Screen.PAGE, reading);
        on.put(Screen.INDEX, reading.at(Screen.INDEX, 1));
        on.put(Screen.HOME, reading.at(Screen.HOME, 1));
        on.put(Screen.WAITING, Display.BLANK.on(Screen.WAITING));
        on.put(Screen.CLOSED, reading.on(Screen.CLOSED));
        on.put(Screen.FAULT, Display.BLANK.faulty("F3", "the store cannot be read"));
        List<Press> presses = List.of(NEXT, PREVIOUS, HOME, HOLD_NEXT, HOLD_PREVIOUS, HOLD_HOME);
        Map<Screen, List<Screen>> leadsTo = Map.of(
                Screen.BLANK, listOf(null, null, null, null, null, null),
                Screen.PAGE, listOf(Screen.PAGE, Screen.PAGE, Screen.PAGE, Screen.PAGE, Screen.PAGE, Screen.INDEX),
                Screen.INDEX, listOf(Screen.INDEX, Screen.INDEX, Screen.PAGE, Screen.INDEX, Screen.INDEX, Screen.PAGE),
                Screen.HOME, listOf(Screen.HOME, Screen.HOME, Screen.PAGE, Screen.HOME, Screen.HOME, Screen.PAGE),
                Screen.WAITING, listOf(null, null, null, null, null, null),
                Screen.CLOSED, listOf(Screen.PAGE, Screen.PAGE, Screen.PAGE, Screen.PAGE, Screen.PAGE, Screen.PAGE),
                Screen.FAULT, listOf(null, null, null, null, null, null));
        for (Screen s : Screen.values()) {
            for (int i = 0; i < presses.size(); i++) {
                Change c = DisplayRules.press(on.get(s), presses.get(i), TWO);
                Screen expected = leadsTo.get(s).get(i);
                String what = presses.get(i) + " on " + s;
                if (expected == null) {
                    assertEquals(Change.NONE, c, what);
                } else {
                    assertFalse(c.tries().isEmpty(), what);
                    assertEquals(expected, c.tries().get(0).to().screen(), what);
                }
            }
        }
    }

    private static List<Screen> listOf(Screen... screens) {
        List<Screen> list = new ArrayList<>();
        for (Screen s : screens) list.add(s);
        return list;
    }

    @Test
    void theIdleTimeBringsBackTheFirstTitlesFrontPage() {
        assertEquals(Change.NONE, DisplayRules.idle(page(TWO, 0, 0), TWO), "already there");
        assertEquals(page(TWO, 0, 0), drawn(DisplayRules.idle(page(TWO, 0, 4), TWO)), "turned back, not opened again");
        assertEquals(page(TWO, 0, 0).at(Screen.PAGE, 1), drawn(DisplayRules.idle(page(TWO, 0, 4).at(Screen.INDEX, 1), TWO)), "from the index");
        assertEquals(page(TWO, 0, 0), opened(DisplayRules.idle(page(TWO, 1, 2), TWO)), "the first title opened");
        assertEquals(Change.NONE, DisplayRules.idle(page(TWO, 1, 2).on(Screen.CLOSED), TWO), "not while closed");
        assertEquals(Change.NONE, DisplayRules.idle(Display.BLANK.on(Screen.WAITING), NONE), "nothing to show");
    }

    static final Titles.Title EV = title("ev", "ev-1", null, TODAY), WK = title("wk", "wk-1", null, TODAY);
    static final java.time.ZoneId SHANGHAI = java.time.ZoneId.of("Asia/Shanghai");
    /** kiosk.titles = qd@06:00-12:00, ev@16:00-00:00/60s, wk@Sat-Sun, hb (hb always). */
    static final List<newsstand.config.TitlePlan> PLANS = java.util.Arrays.stream("qd@06:00-12:00, ev@16:00-00:00/60s, wk@Sat-Sun, hb".split(","))
            .map(e -> newsstand.config.TitlePlan.parse(e, SHANGHAI)).toList();

    /** The four titles as the kiosk sees them at a fixed time of day on a Wednesday (2025-09-10) or a Saturday. */
    static Facts at(int day, int hour) {
        java.time.ZonedDateTime t = java.time.ZonedDateTime.of(2025, 9, day, hour, 0, 0, 0, SHANGHAI);
        java.util.Set<String> out = new java.util.HashSet<>();
        for (newsstand.config.TitlePlan p : PLANS) if (!p.inside(t)) out.add(p.publication());
        return new Facts(List.of(QD, EV, WK, HB), NAV, false, TODAY, out);
    }

    @Test
    void theRotationShowsOnlyTitlesInsideTheirWindow() {
        Facts morning = at(10, 9), evening = at(10, 17), saturdayEvening = at(13, 17), night = at(10, 3);
        assertEquals(java.util.Set.of("ev", "wk"), morning.outside());
        assertEquals(3, opened(DisplayRules.rotation(page(morning, 0, 0), morning)).title(), "the morning paper, then past the evening paper and the weekly, hb");
        assertEquals(0, opened(DisplayRules.rotation(page(morning, 3, 0), morning)).title(), "round to the morning paper");
        assertEquals(1, opened(DisplayRules.rotation(page(evening, 3, 0), evening)).title(), "past the morning paper at 17:00, the evening one");
        assertEquals(3, opened(DisplayRules.rotation(page(evening, 1, 0), evening)).title());
        assertEquals(2, opened(DisplayRules.rotation(page(saturdayEvening, 1, 0), saturdayEvening)).title(), "the weekly on a Saturday");
        assertEquals(Change.NONE, DisplayRules.rotation(page(night, 3, 0), night), "at 03:00 only hb: nothing to rotate to");
        assertEquals(3, opened(DisplayRules.rotation(page(night, 1, 0), night)).title(), "from a title outside its window to the one inside");
        Facts none = new Facts(List.of(QD, EV), NAV, false, TODAY, java.util.Set.of("qd", "ev"));
        assertEquals(Change.NONE, DisplayRules.rotation(page(none, 0, 0), none), "none inside: the rotation stays on the first title");
    }

    @Test
    void theIdleReturnAndTheStartGoToTheFirstTitleInsideItsWindow() {
        Facts evening = at(10, 17);
        assertEquals(1, opened(DisplayRules.idle(page(evening, 3, 2), evening)).title(), "the evening paper comes first at 17:00");
        assertEquals(page(evening, 1, 0), drawn(DisplayRules.idle(page(evening, 1, 2), evening)));
        assertEquals(0, opened(DisplayRules.idle(page(at(10, 9), 3, 0), at(10, 9))).title());
        Facts none = new Facts(List.of(QD, EV), NAV, false, TODAY, java.util.Set.of("qd", "ev"));
        assertEquals(0, opened(DisplayRules.idle(page(none, 1, 0), none)).title(), "none inside: the first title");
        List<Try> start = DisplayRules.start(Display.BLANK, evening).tries();
        assertEquals(List.of("ev-1", "hb-1", "qd-2", "qd-1", "wk-1"), start.stream().filter(Try::open).map(t -> t.to().issue()).toList(),
                "inside their window first, each with its previous issue");
    }

    @Test
    void aReaderStillOpensATitleOutsideItsWindowFromTheHomeScreen() {
        Facts morning = at(10, 9);
        Display home = page(morning, 0, 0).at(Screen.HOME, 0);
        Display onEvening = drawn(DisplayRules.press(home, NEXT, morning));
        assertEquals(1, onEvening.cursor(), "the cursor stops on the evening paper too");
        assertEquals("ev-1", DisplayRules.press(onEvening, HOME, morning).tries().get(0).to().issue(), "and it opens");
    }

    @Test
    void whileNobodyReadsAWindowThatClosesOrOpensMovesThePage() {
        Facts night = at(10, 3), evening = at(10, 17);
        assertEquals(3, opened(DisplayRules.windows(page(night, 1, 0), night, true)).title(), "the evening paper's window closed at midnight");
        assertEquals(Change.NONE, DisplayRules.windows(page(evening, 3, 0), evening, true), "rotating and inside: the rotation goes on");
        assertEquals(1, opened(DisplayRules.windows(page(evening, 3, 0), evening, false)).title(), "no rotation: the first title inside, as after the idle time");
        assertEquals(Change.NONE, DisplayRules.windows(page(evening, 3, 0).at(Screen.HOME, 0), evening, false), "not on the home screen");
    }

    @Test
    void theRotationOpensTheNextTitleRound() {
        assertEquals(page(TWO, 1, 0), opened(DisplayRules.rotation(page(TWO, 0, 0), TWO)));
        assertEquals(page(TWO, 0, 0), opened(DisplayRules.rotation(page(TWO, 1, 0), TWO)));
        assertEquals(Change.NONE, DisplayRules.rotation(page(ONE, 0, 0), ONE), "one title: nothing to rotate");
        assertEquals(Change.NONE, DisplayRules.rotation(page(TWO, 0, 0).on(Screen.CLOSED), TWO), "not while closed");
    }

    @Test
    void outsideTheHoursTheClosedScreenAndBackInThemTheFrontPage() {
        Display reading = page(TWO, 1, 3);
        Display closed = drawn(DisplayRules.hours(reading, false, TWO));
        assertEquals(Screen.CLOSED, closed.screen());
        assertEquals("hb-1", closed.issue(), "still reading it behind the closed screen");
        assertEquals(Change.NONE, DisplayRules.hours(closed, false, TWO));
        assertEquals(Change.NONE, DisplayRules.hours(reading, true, TWO));
        assertEquals(DisplayRules.start(closed, TWO), DisplayRules.hours(closed, true, TWO));
    }

    @Test
    void theBannerComesAndGoesWithTheConnectionAndTheIssuesAge() {
        Facts offline = new Facts(TWO.titles(), NAV, true, TODAY);
        assertEquals(page(TWO, 0, 3).atPage(3, Banner.OFFLINE), drawn(DisplayRules.banner(page(TWO, 0, 3), offline)));
        assertEquals(Change.NONE, DisplayRules.banner(page(TWO, 0, 3).atPage(3, Banner.OFFLINE), offline));
        assertEquals(page(TWO, 0, 3), drawn(DisplayRules.banner(page(TWO, 0, 3).atPage(3, Banner.OFFLINE), TWO)), "back online");
        Facts old = new Facts(List.of(title("qd", "qd-2", "qd-1", TODAY.minusDays(3))), NAV, false, TODAY);
        assertEquals(Banner.STALE, drawn(DisplayRules.banner(page(old, 0, 1), old)).banner(), "three days old, daily");
        assertEquals(Change.NONE, DisplayRules.banner(page(TWO, 0, 3).at(Screen.INDEX, 1), offline), "only over a page");
        assertEquals(Banner.OFFLINE, drawn(DisplayRules.press(page(TWO, 0, 3), NEXT, offline)).banner(), "a turned page carries it");
    }

    @Test
    void aNewIssueOfTheTitleBeingReadIsShownFromItsFrontPage() {
        Facts newer = new Facts(List.of(title("qd", "qd-3", "qd-2", TODAY), HB), NAV, false, TODAY);
        Display reading = DisplayRules.reloaded(page(TWO, 0, 4), newer.titles());
        assertEquals(0, reading.title(), "qd-2 is its publication's issue before: still that title");
        Display shown = opened(DisplayRules.activated(reading, "qd-3", newer));
        assertEquals("qd-3", shown.issue());
        assertEquals(Change.NONE, DisplayRules.activated(page(TWO, 1, 4), "qd-3", newer), "a reader of another title is left alone");
        assertEquals(Change.NONE, DisplayRules.activated(page(TWO, 0, 4).on(Screen.CLOSED), "qd-3", newer), "not while closed");
    }

    @Test
    void theFirstIssueEndsTheWaitingAndAnyEndsAFault() {
        assertEquals("qd-2", opened(DisplayRules.activated(Display.BLANK.on(Screen.WAITING), "qd-2", ONE)).issue());
        assertEquals("hb-1", opened(DisplayRules.activated(page(TWO, 0, 1).faulty("F2", "cannot be shown"), "hb-1", TWO)).issue());
    }

    @Test
    void theHomeScreenShowsAChangeOfTheShelf() {
        Display home = page(TWO, 0, 1).at(Screen.HOME, 1);
        assertEquals(home, drawn(DisplayRules.activated(home, "hb-1", TWO)), "drawn again with the new issue");
        Change own = DisplayRules.activated(home, "qd-2", TWO);
        assertEquals(2, own.tries().size(), "its own title's issue opened, else the home screen again");
        assertEquals(home, own.tries().get(1).to());
    }

    @Test
    void aWithdrawnIssueGivesWayToItsPublicationsIssueThenTheFirstTitleThenTheWaitingScreen() {
        Display reading = new Display(Screen.PAGE, 1, "qd", "qd-9", 2, 0, null, null, null, false);
        Display lost = DisplayRules.reloaded(reading, TWO.titles());
        assertEquals(-1, lost.title(), "qd-9 is neither qd's issue nor the one before");
        Change c = DisplayRules.activated(lost, "qd-9", TWO);
        assertEquals("qd-9 was withdrawn", c.note());
        assertEquals(page(TWO, 0, 0), c.tries().get(0).to(), "qd's issue now");
        assertTrue(c.tries().stream().skip(1).allMatch(t -> t.to().issue() == null || t.open()), "then nothing is read unless opened");
        assertEquals(Screen.FAULT, c.tries().get(c.tries().size() - 1).to().screen(), "the fault screen last");

        Display gone = drawn(DisplayRules.activated(DisplayRules.reloaded(reading, List.of()), "qd-9", NONE));
        assertEquals(Screen.WAITING, gone.screen(), "nothing left on the shelf");
        assertNull(gone.issue(), "nothing read any more");
    }

    @Test
    void theStartTriesEachTitleAndTheIssueBeforeThenSaysFaultF2() {
        Change c = DisplayRules.start(Display.BLANK, TWO);
        assertEquals(List.of("qd-2", "qd-1", "hb-1"), c.tries().stream().filter(Try::open).map(t -> t.to().issue()).toList());
        Display fault = c.tries().get(3).to();
        assertEquals(new Display.Fault("F2", "the stored issues cannot be shown (qd-2, qd-1, hb-1)"), fault.fault());
        Change empty = DisplayRules.start(Display.BLANK, NONE);
        assertEquals(Screen.WAITING, drawn(empty).screen());
        assertEquals("no issue yet; waiting for the first delivery", empty.note());
    }

    @Test
    void theWaitingScreenShowsTheFirstIssueComingInTenths() {
        Display waiting = Display.BLANK.on(Screen.WAITING);
        Display at40 = drawn(DisplayRules.progress(waiting, "qd-1", 47));
        assertEquals("qd-1 40%", at40.receiving());
        assertEquals(Change.NONE, DisplayRules.progress(at40, "qd-1", 49), "the same tenth");
        assertEquals(Change.NONE, DisplayRules.progress(page(TWO, 0, 0), "qd-1", 50), "only while waiting");
    }

    @Test
    void theWaitingScreenSaysNothingMoreOfADownloadOnceTheShelfChanged() {
        Display at100 = drawn(DisplayRules.progress(Display.BLANK.on(Screen.WAITING), "qd-2", 100));
        assertEquals("qd-2 100%", at100.receiving());
        // Finished: its issue opened, else the waiting screen again, neither naming the download any more.
        Change arrived = DisplayRules.activated(at100, "qd-2", ONE);
        assertEquals(2, arrived.tries().size(), "the issue opened, else the waiting screen: " + arrived);
        assertTrue(arrived.tries().get(0).open());
        assertNull(arrived.tries().get(0).to().receiving(), "the page's value names no download");
        assertEquals(Display.BLANK.on(Screen.WAITING), arrived.tries().get(1).to());
        // Then every issue withdrawn: the waiting screen, without the withdrawn download's 100%.
        Display front = arrived.tries().get(0).to();
        Display gone = drawn(DisplayRules.activated(DisplayRules.reloaded(front, List.of()), "qd-2", NONE));
        assertEquals(Screen.WAITING, gone.screen());
        assertNull(gone.receiving(), "no stale progress");
        // Another issue's change while waiting: drawn again without the progress; its next step shows it again.
        Display redrawn = drawn(DisplayRules.activated(at100, "qd-9", NONE));
        assertEquals(Display.BLANK.on(Screen.WAITING), redrawn);
        assertEquals("qd-2 40%", drawn(DisplayRules.progress(redrawn, "qd-2", 40)).receiving());
        assertEquals(Change.NONE, DisplayRules.activated(Display.BLANK.on(Screen.WAITING), "qd-9", NONE), "nothing named: nothing drawn");
        // Closed meanwhile: opening again shows the waiting screen without it.
        assertNull(drawn(DisplayRules.hours(at100.on(Screen.CLOSED), true, NONE)).receiving());
    }

    @Test
    void aStoreThatCannotBeReadIsFaultF3OnlyWhenNothingIsShown() {
        assertEquals("F3", drawn(DisplayRules.storeUnreadable(Display.BLANK)).fault().code());
        assertEquals(Change.NONE, DisplayRules.storeUnreadable(page(TWO, 0, 0)));
    }

    @Test
    void aSyncThatCannotStartIsFaultF4OverWhateverIsShownNamingWhy() {
        Display d = drawn(DisplayRules.syncFailed(page(TWO, 0, 3), "F4", "the store's second connection: database is locked"));
        assertEquals(Screen.FAULT, d.screen());
        assertEquals("F4", d.fault().code());
        assertEquals("the sync cannot start: the store's second connection: database is locked", d.fault().reason());
        Display key = drawn(DisplayRules.syncFailed(page(TWO, 0, 3), "F5", "/etc/newsstand/trust/operator.pub: not an Ed25519 public key"));
        assertEquals("F5", key.fault().code());
        assertEquals("no trusted key can be used: /etc/newsstand/trust/operator.pub: not an Ed25519 public key", key.fault().reason());
    }

    @Test
    void withNoIssueAndNoConnectionForAWhileTheWaitingScreenSaysSoAndStopsSayingItWhenBack() {
        Facts offline = new Facts(List.of(), new Navigation(List.of()), true, TODAY);
        Display w2 = drawn(DisplayRules.start(Display.BLANK, offline));
        assertEquals(Screen.WAITING, w2.screen());
        assertEquals(Banner.OFFLINE, w2.banner(), "W2 from the start");
        Display w1 = drawn(DisplayRules.start(Display.BLANK, NONE));
        assertNull(w1.banner(), "W1 online");
        assertEquals(w2, drawn(DisplayRules.banner(w1, offline)), "offline for a while: W2");
        assertEquals(w1, drawn(DisplayRules.banner(w2, NONE)), "back: W1");
        assertEquals(Change.NONE, DisplayRules.banner(w2, offline));
        assertEquals("offline", w2.shown(List.of(), new Navigation(List.of())).banner(), "the status says it");
        // An issue arriving while offline is shown (its page with the offline banner).
        assertEquals(Screen.PAGE, opened(DisplayRules.activated(w2, "qd-2", new Facts(TWO.titles(), NAV, true, TODAY))).screen());
        // The waiting screen says it sooner than the banner over a page (a minute): what it goes by is its own.
        Facts aMinute = new Facts(List.of(), new Navigation(List.of()), false, TODAY, false, true);
        assertEquals(w2, drawn(DisplayRules.banner(w1, aMinute)));
        Display onAPage = page(TWO, 0, 1);
        assertEquals(Change.NONE, DisplayRules.banner(onAPage, new Facts(TWO.titles(), NAV, false, TODAY, false, true)), "no banner over a page yet");
    }

    @Test
    void anIssueWaitingForRoomWithNothingToReadIsFaultF6UntilItComes() {
        Display waiting = drawn(DisplayRules.start(Display.BLANK, NONE));
        Display f6 = drawn(DisplayRules.noRoom(waiting, "it is 17.0 MB and storage.quota-mb allows 16.0 MB for all issues"));
        assertEquals(Screen.FAULT, f6.screen());
        assertEquals("F6", f6.fault().code());
        assertEquals("no room for an issue: it is 17.0 MB and storage.quota-mb allows 16.0 MB for all issues", f6.fault().reason());
        assertEquals(Change.NONE, DisplayRules.noRoom(page(TWO, 0, 2), "no room"), "a reader keeps the paper");
        Display coming = drawn(DisplayRules.progress(f6, "qd-3", 12));
        assertEquals(Screen.WAITING, coming.screen(), "room again: the issue is coming");
        assertEquals("qd-3 10%", coming.receiving());
    }

    @Test
    void aClockBeforeTheBuildWithNoIssueIsFaultF7UntilTheClockIsSet() {
        LocalDate unset = LocalDate.of(1970, 1, 1);
        Facts clockUnset = new Facts(List.of(), new Navigation(List.of()), false, unset, true, false);
        Display f7 = drawn(DisplayRules.start(Display.BLANK, clockUnset));
        assertEquals(Screen.FAULT, f7.screen());
        assertEquals("F7", f7.fault().code());
        assertTrue(f7.fault().reason().contains("1970-01-01"), f7.fault().reason());
        assertEquals(Change.NONE, DisplayRules.banner(f7, clockUnset), "stays while the clock is unset");
        assertEquals(Screen.WAITING, drawn(DisplayRules.banner(f7, NONE)).screen(), "the clock set: waiting for the first issue");
        // With issues the paper is shown all the same: a reader loses nothing to a wrong clock.
        Facts withIssues = new Facts(TWO.titles(), NAV, false, unset, true, false);
        Try first = DisplayRules.start(Display.BLANK, withIssues).tries().get(0);
        assertTrue(first.open() && first.to().screen() == Screen.PAGE && "qd-2".equals(first.to().issue()), first.toString());
    }

    @Test
    void theOperatorsShowOpensTheTitleThenTurnsToThePage() {
        assertEquals(page(TWO, 1, 0), opened(DisplayRules.showTitle(page(TWO, 0, 3), "hb", TWO)));
        assertEquals(Change.NONE, DisplayRules.showTitle(page(TWO, 0, 3), "qd", TWO), "already read");
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> DisplayRules.showTitle(page(TWO, 0, 3), "xx", TWO));
        assertEquals("publication xx is not on this kiosk (it has: qd, hb)", unknown.getMessage());
        assertEquals(page(TWO, 0, 5), drawn(DisplayRules.showPage(page(TWO, 0, 3), 6, TWO)));
        assertEquals(page(TWO, 0, 2), drawn(DisplayRules.showPage(page(TWO, 0, 3).on(Screen.CLOSED), 3, TWO)), "over the closed screen");
        IllegalArgumentException beyond = assertThrows(IllegalArgumentException.class, () -> DisplayRules.showPage(page(TWO, 0, 3), 7, TWO));
        assertEquals("page 7 of qd: its issue qd-2 has 6 pages (allowed: 1 to 6)", beyond.getMessage());
    }

    @Test
    void theStatusIsMadeFromWhatIsShown() {
        assertEquals(new Shown("page", "qd", "QD Daily", "qd-2", 4, 6, "offline", null),
                page(TWO, 0, 3).atPage(3, Banner.OFFLINE).shown(TWO.titles(), NAV));
        assertEquals(new Shown("index", "qd", "QD Daily", "qd-2", 3, 6, null, null), page(TWO, 0, 3).at(Screen.INDEX, 1).shown(TWO.titles(), NAV));
        assertEquals(new Shown("home", "hb", "HB Daily", "hb-1", 0, 0, null, null), page(TWO, 0, 3).at(Screen.HOME, 1).shown(TWO.titles(), NAV));
        assertEquals(new Shown("closed", null, null, null, 0, 0, null, null), page(TWO, 0, 3).on(Screen.CLOSED).shown(TWO.titles(), NAV));
        assertEquals(new Shown("fault", null, null, null, 0, 0, null, "F1"), page(TWO, 0, 3).faulty("F1", "no font").shown(TWO.titles(), NAV));
        assertEquals("waiting", Display.BLANK.on(Screen.WAITING).shown(NONE.titles(), NONE.nav()).screen());
    }

    static final java.time.Instant T = java.time.Instant.parse("2025-09-10T08:00:00Z");
    static final Notice URGENT = new Notice("n-urgent", Notice.Level.URGENT, "停运", "2号线停运", T.plusSeconds(3600), T);
    static final Notice INFO = new Notice("n-info", Notice.Level.INFO, "", "电梯维修", T.plusSeconds(3600), T);

    static Facts with(Facts f, Notice... notices) {
        return new Facts(f.titles(), f.nav(), f.offline(), f.today(), List.of(notices));
    }

    @Test
    void anUrgentNoticeCoversWhateverIsShownAtOnceAndAnyPressShowsWhatLiesUnder() {
        Facts urgent = with(TWO, URGENT, INFO);
        Display reading = page(TWO, 1, 3);
        Display covered = drawn(DisplayRules.notices(reading, true, urgent));
        assertEquals(reading.covered(true), covered, "over a reader's page too: the page kept under it");
        assertEquals("notice", covered.shown(TWO.titles(), NAV).screen());
        for (Press p : List.of(NEXT, PREVIOUS, HOME, HOLD_NEXT, HOLD_PREVIOUS, HOLD_HOME)) {
            assertEquals(reading, drawn(DisplayRules.press(covered, p, urgent)), "a press shows the page under it: " + p);
        }
        assertEquals(reading.at(Screen.HOME, 1), drawn(DisplayRules.press(reading.at(Screen.HOME, 1).covered(true), NEXT, urgent)), "or the screen");
        Display closed = reading.on(Screen.CLOSED).covered(true);
        assertEquals(new Try(page(TWO, 0, 0), true), DisplayRules.press(closed, NEXT, urgent).tries().get(0), "from under the closed screen, the newspaper");
    }

    @Test
    void theIdleTimeBringsTheUrgentNoticeBackOverTheFirstTitleAndTheRotationWaitsUnderIt() {
        Facts urgent = with(TWO, URGENT);
        Display back = opened(DisplayRules.idle(page(TWO, 1, 3), urgent).tries().stream().map(t -> new Change(List.of(new Try(t.to().covered(false), t.open())), null))
                .findFirst().orElseThrow());
        assertEquals(page(TWO, 0, 0), back, "the first title's front page under it");
        assertTrue(DisplayRules.idle(page(TWO, 1, 3), urgent).tries().get(0).to().urgent());
        assertEquals(page(TWO, 0, 0).covered(true), drawn(DisplayRules.idle(page(TWO, 0, 0), urgent)), "already on the front page: covered");
        assertEquals(Change.NONE, DisplayRules.idle(page(TWO, 0, 0).covered(true), urgent));
        assertEquals(Change.NONE, DisplayRules.rotation(page(TWO, 0, 0).covered(true), urgent), "no rotation under an urgent notice");
        assertEquals(Change.NONE, DisplayRules.idle(page(TWO, 0, 0), with(TWO, INFO)), "information does not cover the screen");
        assertEquals(page(TWO, 0, 0).on(Screen.CLOSED).covered(true), drawn(DisplayRules.hours(page(TWO, 0, 0).covered(true), false, urgent)),
                "closing time: the closed screen under the notice");
    }

    @Test
    void noticesThatComeOrGoDrawWhatIsShownAgainOrUncoverIt() {
        Display reading = page(TWO, 0, 2);
        assertEquals(reading, drawn(DisplayRules.notices(reading, false, with(TWO, INFO))), "the band drawn over the page");
        assertEquals(reading.at(Screen.INDEX, 1), drawn(DisplayRules.notices(reading.at(Screen.INDEX, 1), false, with(TWO, INFO))), "over a screen");
        assertEquals(reading, drawn(DisplayRules.notices(reading.covered(true), false, with(TWO, INFO))), "the last urgent one gone: the page");
        assertEquals(reading.covered(true), drawn(DisplayRules.notices(reading.covered(true), false, with(TWO, URGENT))), "the next urgent one");
        assertEquals(reading, drawn(DisplayRules.notices(reading, false, with(TWO, URGENT, INFO))), "an info one came: a reader keeps the page");
        assertEquals(Change.NONE, DisplayRules.notices(Display.BLANK, true, with(TWO, URGENT)), "nothing drawn yet");
        assertFalse(drawn(DisplayRules.syncFailed(reading.covered(true), "F4", "no key")).urgent(), "F4 is shown, the kiosk stops");
        assertEquals(page(TWO, 1, 0), opened(DisplayRules.showTitle(reading.covered(true), "hb", with(TWO, URGENT))), "the operator's show uncovers");
        assertEquals(reading, drawn(DisplayRules.showTitle(reading.covered(true), "qd", with(TWO, URGENT))));
    }

    @Test
    void theStatusNamesTheNoticesShown() {
        Shown s = page(TWO, 0, 0).shown(TWO.titles(), NAV).with(List.of(URGENT, INFO));
        com.google.gson.JsonArray list = s.json().getAsJsonArray("notices");
        assertEquals(2, list.size());
        assertEquals("{\"id\":\"n-urgent\",\"level\":\"urgent\",\"title\":\"停运\",\"text\":\"2号线停运\",\"until\":\"2025-09-10T09:00:00Z\"}",
                list.get(0).toString());
        assertEquals(0, page(TWO, 0, 0).shown(TWO.titles(), NAV).json().getAsJsonArray("notices").size());
    }
}
