package newsstand.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** When the rotation's next turn falls due: after the title shown has stayed its own time, or kiosk.rotate.seconds. */
class ScheduleTest {
    @Test
    void eachTitleStaysItsOwnTimeElseTheCommonOne() {
        Schedule s = new Schedule();
        s.readers(0, 10_000, null);
        assertTrue(s.resting(), "nobody has pressed yet");
        s.rotate(3, 0);
        assertTrue(s.rotating());
        long common = s.waitMs(false, false);
        assertTrue(common > 9_000 && common <= 10_000, "kiosk.rotate.seconds' 10 s: " + common);
        s.rotate(3, 60_000);
        long own = s.waitMs(false, false);
        assertTrue(own > 59_000 && own <= 60_000, "the title's own 60 s: " + own);
        assertFalse(s.rotationDue(), "not yet");
        s.pressed();
        assertFalse(s.rotating(), "a press stops it");
        assertFalse(s.resting());
        assertEquals(Long.MAX_VALUE, s.waitMs(false, false), "nothing falls due");
    }

    @Test
    void noRotationWithoutTheCommonTimeOrWithOneTitle() {
        Schedule s = new Schedule();
        s.readers(0, 0, null);
        s.rotate(3, 60_000);
        assertFalse(s.rotating(), "kiosk.rotate.seconds = 0 turns the rotation off, a title's own time or not");
        s.readers(0, 10_000, null);
        s.rotate(1, 0);
        assertFalse(s.rotating(), "one title: nothing to rotate");
    }

    @Test
    void titlesWithWindowsAreLookedAtEveryFifteenSeconds() {
        Schedule s = new Schedule();
        s.station(java.time.ZoneOffset.UTC, 3_600_000, null);
        assertEquals(Long.MAX_VALUE, s.waitMs(false, false));
        s.windows(true);
        assertEquals(Schedule.WALL_LOOK_MS, s.waitMs(false, false));
    }
}
