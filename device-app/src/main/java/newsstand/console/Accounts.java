package newsstand.console;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Duration;
import newsstand.config.Name;

/**
 * Logging in and out, who is logged in, the users (admins manage them) and the audit log. A login answers the same
 * "wrong name or password" for an unknown name and a wrong password, after the same slow hash, and waits longer
 * after each failure (Sessions).
 */
final class Accounts {
    /** A hash of a password nobody has, checked for unknown names so that they take as long as known ones. */
    private static final String NOBODY = Passwords.hash("no-such-user-here".toCharArray());

    private final Console console;

    Accounts(Console console) {
        this.console = console;
    }

    void routes(Routes r) {
        r.post("/api/login", null, this::login);
        r.post("/api/logout", null, this::logout);
        r.get("/api/me", Role.VIEWER, this::me);
        r.get("/api/audit", Role.VIEWER, this::audit);
        r.get("/api/users", Role.ADMIN, this::users);
        r.post("/api/users", Role.ADMIN, this::putUser);
        r.delete("/api/users/([^/]+)", Role.ADMIN, this::deleteUser);
    }

    private Object login(Call c) throws Exception {
        JsonObject body = c.json();
        String name = Call.text(body, "name", 64, true);
        String password = Call.text(body, "password", 1024, true);
        String address = c.exchange.getRemoteAddress().getAddress().getHostAddress();
        String[] keys = {"name:" + name, "address:" + address};
        if (console.sessions.locked(keys[0]) || console.sessions.locked(keys[1])) {
            console.store.audit(name, "login", "", "from " + address, "refused: too many failed logins");
            throw new ApiError(429, "too many failed logins: wait " + Sessions.LOCK_FOR.toMinutes() + " minutes");
        }
        ConsoleStore.User u = console.store.user(name);
        boolean ok = Passwords.matches(password.toCharArray(), u == null ? NOBODY : u.hash()) && u != null;
        if (!ok) {
            Duration wait = console.sessions.failed(keys);
            console.store.audit(name, "login", "", "from " + address, "refused: wrong name or password");
            Thread.sleep(wait.toMillis());
            throw new ApiError(401, "wrong name or password");
        }
        console.sessions.succeeded(keys);
        Sessions.Session s = console.sessions.start(u.name(), u.role());
        c.exchange.getResponseHeaders().add("Set-Cookie", Sessions.COOKIE + "=" + s.token() + "; Path=/; HttpOnly; SameSite=Strict"
                + (console.tls() ? "; Secure" : "") + "; Max-Age=" + Duration.ofHours(12).toSeconds());
        console.store.audit(u.name(), "login", "", "from " + address, "ok");
        return me(s);
    }

    private Object logout(Call c) {
        String token = Routes.cookie(c.exchange, Sessions.COOKIE);
        Sessions.Session s = console.sessions.find(token);
        if (s != null && s.csrf().equals(c.exchange.getRequestHeaders().getFirst("X-CSRF-Token"))) {
            console.sessions.end(token);
            console.store.audit(s.user(), "logout", "", "", "ok");
        }
        c.exchange.getResponseHeaders().add("Set-Cookie", Sessions.COOKIE + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
        return new JsonObject();
    }

    private Object me(Call c) {
        return me(c.session);
    }

    private JsonObject me(Sessions.Session s) {
        JsonObject o = new JsonObject();
        o.addProperty("name", s.user());
        o.addProperty("role", s.role().id());
        o.addProperty("csrf", s.csrf());
        o.addProperty("fleet", console.settings.fleet());
        o.addProperty("idleSeconds", console.sessions.idle().toSeconds());
        return o;
    }

    private Object audit(Call c) throws Exception {
        long before = number(c.query("before"), "before", 0, Long.MAX_VALUE, 0);
        int limit = (int) number(c.query("limit"), "limit", 1, 1000, 200);
        JsonObject o = new JsonObject();
        o.add("lines", console.store.audit(before, limit));
        return o;
    }

    private Object users(Call c) throws Exception {
        JsonArray all = new JsonArray();
        for (ConsoleStore.User u : console.store.users()) {
            JsonObject o = new JsonObject();
            o.addProperty("name", u.name());
            o.addProperty("role", u.role().id());
            o.addProperty("created", u.created().toString());
            all.add(o);
        }
        JsonObject o = new JsonObject();
        o.add("users", all);
        return o;
    }

    private Object putUser(Call c) throws Exception {
        JsonObject body = c.json();
        String name = Call.text(body, "name", 64, true);
        if (!Name.valid(name)) throw ApiError.bad("'name' " + name + " is not allowed (allowed: " + Name.RULE + ")");
        Role role;
        try {
            role = Role.of(Call.text(body, "role", 16, true));
        } catch (IllegalArgumentException e) {
            throw ApiError.bad("'role': " + e.getMessage());
        }
        char[] password = Call.text(body, "password", 1024, true).toCharArray();
        String problem = Passwords.problem(password);
        if (problem != null) throw ApiError.bad("'password': " + problem);
        boolean existed = console.store.user(name) != null;
        console.store.putUser(name, role, password);
        console.sessions.endAll(name);
        console.audit(c, existed ? "user changed" : "user added", name, "role " + role.id(), "ok");
        return users(c);
    }

    private Object deleteUser(Call c) throws Exception {
        String name = c.path(1);
        if (name.equals(c.user())) throw ApiError.bad("an admin cannot remove their own user");
        if (!console.store.deleteUser(name)) throw ApiError.notFound("no user " + name);
        console.sessions.endAll(name);
        console.audit(c, "user removed", name, "", "ok");
        return users(c);
    }

    /** A number given in the query, checked; the default when absent. */
    static long number(String text, String field, long min, long max, long otherwise) throws ApiError {
        if (text == null) return otherwise;
        try {
            long n = Long.parseLong(text);
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException e) {
            // said below
        }
        throw ApiError.bad("'" + field + "' " + text + " is not allowed (allowed: " + min + " to " + max + ")");
    }
}
