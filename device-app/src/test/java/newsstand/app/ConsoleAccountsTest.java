package newsstand.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's door: logins (a wrong password refused and slowed down), sessions in HttpOnly SameSite=Strict cookies
 * that expire, the CSRF token on every change, roles, the users an admin manages, the audit log, and bad input
 * answered with a message and nothing done; in a real browser and through the API.
 */
class ConsoleAccountsTest {
    @TempDir Path dir;

    @Test
    void aWrongPasswordIsRefusedAndTheRightOneOpensTheFleetInTheBrowser() throws Exception {
        try (ConsoleHarness h = new ConsoleHarness(dir); Browser b = new Browser(dir, "en")) {
            b.login(h.base, "editor", "not the password");
            b.await("the login's refusal", 20, () -> b.find("#login-error").getText().contains("wrong name or password"));
            b.find("#login-password").clear();
            b.find("#login-password").sendKeys(ConsoleHarness.PASSWORD);
            b.find("#login-submit").click();
            b.await("the header naming the user", 20, () -> b.find("#who").getText().contains("editor"));
            assertEquals("", b.find("#nav-users").getAttribute("hidden") == null ? "shown" : "", "an editor sees no users page");
            b.screenshot(dir.resolve("fleet.png"));
            var audit = h.api().login("viewer").get("/api/audit").json().getAsJsonArray("lines").toString();
            assertTrue(audit.contains("refused: wrong name or password") && audit.contains("\"user\":\"editor\",\"action\":\"login\""), audit);
        }
    }

    @Test
    void anExpiredSessionGoesBackToTheLoginForm() throws Exception {
        try (ConsoleHarness h = new ConsoleHarness(dir, Duration.ofSeconds(3)); Browser b = new Browser(dir, "en")) {
            b.login(h.base, "viewer", ConsoleHarness.PASSWORD);
            b.await("the header", 20, () -> b.find("#who").getText().contains("viewer"));
            Mosquitto.sleep(4_000);
            b.find("#nav-audit").click();
            b.await("the login form again", 20, () -> b.find("#login-error").getText().contains("session ended"));
        }
    }

    @Test
    void theApiKeepsItsRules() throws Exception {
        try (ConsoleHarness h = new ConsoleHarness(dir)) {
            ConsoleHarness.Api anonymous = h.api();
            assertEquals(401, anonymous.get("/api/me").status());
            assertEquals(401, anonymous.get("/api/audit").status());

            ConsoleHarness.Api admin = h.api().login("admin");
            ConsoleHarness.Reply login = h.api().post("/api/login", "{\"name\":\"admin\",\"password\":\"" + ConsoleHarness.PASSWORD + "\"}");
            String cookie = login.cookies().get(0);
            assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/"), cookie);
            assertTrue(!login.body().contains(ConsoleHarness.PASSWORD) && !login.body().contains("PRIVATE KEY"), login.body());

            // A change without the session's CSRF token, or with another session's, is refused and does nothing.
            String token = admin.csrf;
            admin.csrf = null;
            ConsoleHarness.Reply noToken = admin.post("/api/users", "{\"name\":\"mallory\",\"role\":\"admin\",\"password\":\"0123456789ab\"}");
            assertEquals(403, noToken.status(), noToken.body());
            assertTrue(noToken.error().contains("CSRF"), noToken.error());
            admin.csrf = "x" + token;
            assertEquals(403, admin.post("/api/users", "{\"name\":\"mallory\",\"role\":\"admin\",\"password\":\"0123456789ab\"}").status());
            admin.csrf = token;
            // From another site: refused even with the token.
            ConsoleHarness.Reply foreign = admin.send(HttpRequest.newBuilder(URI.create(h.base + "/api/users"))
                    .header("Content-Type", "application/json").header("X-CSRF-Token", token).header("Origin", "http://evil.example")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"mallory\",\"role\":\"admin\",\"password\":\"0123456789ab\"}")));
            assertEquals(403, foreign.status(), foreign.body());
            assertTrue(!admin.get("/api/users").body().contains("mallory"));

            // Bad input: a clear message naming the field, never a stack trace.
            assertBad(admin.post("/api/users", "{\"name\":\"Mallory!\",\"role\":\"admin\",\"password\":\"0123456789ab\"}"), 400, "'name'");
            assertBad(admin.post("/api/users", "{\"name\":\"mallory\",\"role\":\"root\",\"password\":\"0123456789ab\"}"), 400, "allowed: viewer, editor, admin");
            assertBad(admin.post("/api/users", "{\"name\":\"mallory\",\"role\":\"admin\",\"password\":\"short\"}"), 400, "10 or more");
            assertBad(admin.post("/api/users", "{\"name\":\"mallory\",\"role\":\"admin\"}"), 400, "'password' is missing");
            assertBad(admin.post("/api/users", "{\"name\":7,\"role\":\"admin\",\"password\":\"0123456789ab\"}"), 400, "'name' must be text");
            assertBad(admin.post("/api/users", "[1,2"), 400, "not JSON");
            assertBad(admin.post("/api/users", "x".repeat(300_000)), 413, "allowed: up to");
            assertBad(admin.get("/api/audit?limit=-1"), 400, "'limit'");
            assertBad(admin.get("/api/nothing"), 404, "no such address");
            assertBad(admin.delete("/api/users/admin"), 400, "own user");
            assertBad(admin.delete("/api/users/nobody"), 404, "no user nobody");
            assertEquals(404, admin.get("/static/../console.db").status());

            // Roles: a viewer sees but may not manage users; an admin adds one, who can log in.
            ConsoleHarness.Api viewer = h.api().login("viewer");
            assertEquals(200, viewer.get("/api/audit").status());
            assertBad(viewer.post("/api/users", "{\"name\":\"eve\",\"role\":\"admin\",\"password\":\"0123456789ab\"}"), 403, "viewer");
            assertEquals(200, admin.post("/api/users", "{\"name\":\"desk-2\",\"role\":\"editor\",\"password\":\"0123456789ab\"}").status());
            ConsoleHarness.Reply desk2 = h.api().post("/api/login", "{\"name\":\"desk-2\",\"password\":\"0123456789ab\"}");
            assertEquals("editor", desk2.json().get("role").getAsString());
            String audit = admin.get("/api/audit").body();
            assertTrue(audit.contains("\"action\":\"user added\",\"targets\":\"desk-2\""), audit);

            // Logging out ends the session.
            assertEquals(200, viewer.post("/api/logout", "{}").status());
            assertEquals(401, viewer.get("/api/me").status());
        }
    }

    @Test
    void failedLoginsAreSlowedDown() throws Exception {
        try (ConsoleHarness h = new ConsoleHarness(dir)) {
            ConsoleHarness.Api a = h.api();
            long start = System.nanoTime();
            for (int i = 0; i < 3; i++) assertEquals(401, a.post("/api/login", "{\"name\":\"admin\",\"password\":\"guess " + i + "\"}").status());
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms >= 500 + 1000 + 2000, "three failures waited " + ms + " ms (0.5 s, then 1 s, then 2 s at least)");
        }
    }

    @Test
    void userAddTakesThePasswordFromStandardInputAndRefusesBadOnes() throws Exception {
        Path data = dir.resolve("console");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Newsstand.class.getName(), "console", "user", "add", "chief", "--role", "admin",
                "--data", data.toString()).redirectErrorStream(true);
        Process p = pb.start();
        p.getOutputStream().write("a long enough password\n".getBytes());
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("user chief is an admin"), out);
        try (var store = newsstand.console.ConsoleStore.open(data)) {
            assertEquals(newsstand.console.Role.ADMIN, store.users().get(0).role());
        }
        assertEquals(1, Cli.run("console", "user", "add", "chief", "--role", "boss", "--data", data.toString()).exit());
        Cli bad = Cli.run("console", "user", "add", "Chief!", "--role", "admin", "--data", data.toString());
        assertEquals(1, bad.exit());
        assertTrue(bad.err().contains("user 'Chief!' is not allowed"), bad.err());
        Cli missing = Cli.run("console", "--fleet", "qd");
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("--broker is required"), missing.err());
        Cli open = Cli.run("console", "--broker", "tcp://127.0.0.1:1", "--fleet", "qd", "--key", dir.resolve("none.key").toString(),
                "--data", data.toString(), "--listen", "0.0.0.0:0");
        assertEquals(1, open.exit());
    }

    static void assertBad(ConsoleHarness.Reply r, int status, String says) {
        assertEquals(status, r.status(), r.body());
        assertTrue(r.error().contains(says), "'" + r.error() + "' should say " + says);
        assertTrue(!r.body().contains("at newsstand.") && !r.body().contains("Exception:"), r.body());
    }
}
