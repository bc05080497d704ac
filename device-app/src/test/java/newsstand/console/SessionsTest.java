package newsstand.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Sessions expire when idle and at the latest after their longest life; failed logins wait longer and then lock. */
class SessionsTest {
    /** A clock the test moves. */
    static final class Hands extends Clock {
        Instant now = Instant.parse("2026-12-07T08:00:00Z");

        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    @Test
    void aSessionLivesWhileUsedButNotBeyondItsLongestLife() {
        Hands clock = new Hands();
        Sessions s = new Sessions(Duration.ofMinutes(30), Duration.ofHours(2), clock);
        Sessions.Session a = s.start("desk", Role.EDITOR);
        assertNotEquals(a.token(), a.csrf());
        assertTrue(a.token().length() >= 40, a.token());
        for (int i = 0; i < 4; i++) {
            clock.now = clock.now.plus(Duration.ofMinutes(25));
            assertNotNull(s.find(a.token()), "used every 25 minutes, after " + (i + 1) * 25 + " minutes");
        }
        clock.now = clock.now.plus(Duration.ofMinutes(25)); // 125 minutes after the login: past its longest life
        assertNull(s.find(a.token()));
        Sessions.Session b = s.start("desk", Role.EDITOR);
        clock.now = clock.now.plus(Duration.ofMinutes(31));
        assertNull(s.find(b.token()), "idle for 31 minutes");
        assertNull(s.find(null));
        assertNull(s.find("forged"));
    }

    @Test
    void endAllEndsEverySessionOfAUser() {
        Sessions s = new Sessions(Duration.ofMinutes(30), Duration.ofHours(12), new Hands());
        Sessions.Session a = s.start("desk", Role.ADMIN);
        Sessions.Session b = s.start("desk", Role.ADMIN);
        Sessions.Session other = s.start("night", Role.VIEWER);
        s.endAll("desk");
        assertNull(s.find(a.token()));
        assertNull(s.find(b.token()));
        assertNotNull(s.find(other.token()));
    }

    @Test
    void failedLoginsWaitLongerEachTimeThenLockForAQuarterOfAnHour() {
        Hands clock = new Hands();
        Sessions s = new Sessions(Duration.ofMinutes(30), Duration.ofHours(12), clock);
        assertEquals(500, s.failed("name:desk", "address:10.0.0.9").toMillis());
        assertEquals(1000, s.failed("name:desk", "address:10.0.0.9").toMillis());
        assertEquals(2000, s.failed("name:desk", "address:10.0.0.9").toMillis());
        for (int i = 4; i < Sessions.LOCK_AFTER; i++) assertFalse(s.locked("name:desk"));
        for (int i = 4; i <= Sessions.LOCK_AFTER; i++) assertTrue(s.failed("name:desk").toMillis() <= 8000);
        assertTrue(s.locked("name:desk"));
        assertFalse(s.locked("name:other"));
        clock.now = clock.now.plus(Sessions.LOCK_FOR).plusSeconds(1);
        assertFalse(s.locked("name:desk"), "open again after a quarter of an hour");
        s.failed("address:10.0.0.9");
        s.succeeded("address:10.0.0.9");
        assertEquals(500, s.failed("address:10.0.0.9").toMillis(), "a success forgets the failures");
    }

    @Test
    void passwordsAreSaltedSlowHashes() {
        String a = Passwords.hash("a long enough password".toCharArray());
        String b = Passwords.hash("a long enough password".toCharArray());
        assertNotEquals(a, b, "each hash has its own salt");
        assertTrue(a.startsWith("pbkdf2-sha256$" + Passwords.ITERATIONS + "$"), a);
        assertTrue(Passwords.matches("a long enough password".toCharArray(), a));
        assertFalse(Passwords.matches("a long enough passwore".toCharArray(), a));
        assertFalse(Passwords.matches("x".toCharArray(), "not a hash"));
        assertFalse(Passwords.matches("x".toCharArray(), null));
        assertNotNull(Passwords.problem("short".toCharArray()));
        assertNull(Passwords.problem("0123456789".toCharArray()));
    }
}
