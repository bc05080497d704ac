package newsstand.console;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is logged in: a random session token (kept in an HttpOnly, SameSite=Strict cookie) to a user, its role, its
 * CSRF token and when it expires (after {@code idle} without a request, and at the latest {@code longest} after the
 * login). Kept in memory: a restart of the console logs everyone out. Failed logins are slowed down: each failure of
 * a name or of an address doubles the wait before the answer (from half a second up to 8 s), and ten in a quarter of
 * an hour close logins for that name or address for a quarter of an hour.
 */
final class Sessions {
    static final String COOKIE = "newsstand_session";
    static final int LOCK_AFTER = 10;
    static final Duration LOCK_FOR = Duration.ofMinutes(15);
    private static final SecureRandom RANDOM = new SecureRandom();

    record Session(String token, String user, Role role, String csrf, Instant started, Instant expires) {}

    private record Failures(int count, Instant first) {}

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Duration idle;
    private final Duration longest;
    private final Clock clock;

    Sessions(Duration idle, Duration longest, Clock clock) {
        this.idle = idle;
        this.longest = longest;
        this.clock = clock;
    }

    Duration idle() {
        return idle;
    }

    Session start(String user, Role role) {
        Instant now = clock.instant();
        Session s = new Session(token(), user, role, token(), now, now.plus(idle));
        sessions.put(s.token(), s);
        return s;
    }

    /** The live session of a token, its expiry pushed on; null when there is none or it expired. */
    Session find(String token) {
        if (token == null) return null;
        Session s = sessions.get(token);
        if (s == null) return null;
        Instant now = clock.instant();
        if (!now.isBefore(s.expires())) {
            sessions.remove(token);
            return null;
        }
        Instant until = now.plus(idle);
        Instant last = s.started().plus(longest);
        Session renewed = new Session(s.token(), s.user(), s.role(), s.csrf(), s.started(), until.isAfter(last) ? last : until);
        sessions.put(token, renewed);
        return renewed;
    }

    void end(String token) {
        if (token != null) sessions.remove(token);
    }

    /** Ends every session of a user (removed, or its role changed). */
    void endAll(String user) {
        sessions.values().removeIf(s -> s.user().equals(user));
    }

    /** Whether logins for this key (a name or an address) are closed now. */
    boolean locked(String key) {
        Failures f = failures.get(key);
        if (f == null) return false;
        if (clock.instant().isAfter(f.first().plus(LOCK_FOR))) {
            failures.remove(key);
            return false;
        }
        return f.count() >= LOCK_AFTER;
    }

    /** Counts a failed login of each key; returns how long to wait before answering. */
    Duration failed(String... keys) {
        int most = 0;
        Instant now = clock.instant();
        for (String k : keys) {
            Failures f = failures.compute(k, (key, old) -> old == null || now.isAfter(old.first().plus(LOCK_FOR))
                    ? new Failures(1, now) : new Failures(old.count() + 1, old.first()));
            most = Math.max(most, f.count());
        }
        return Duration.ofMillis(Math.min(8_000, 500L << Math.min(4, most - 1)));
    }

    void succeeded(String... keys) {
        for (String k : keys) failures.remove(k);
    }

    private static String token() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
