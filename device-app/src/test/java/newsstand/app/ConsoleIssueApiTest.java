package newsstand.app;

import static newsstand.app.ConsoleAccountsTest.assertBad;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The day's issue through the console's API, without kiosks: a page of text read as `import-text` reads it, packages
 * taken from zips (and every bad zip refused: not a zip, '..', absolute paths, symbolic links, bombs, too big), previews,
 * the rules of publishing and withdrawing; each refusal a clear message, never a trace, nothing left behind.
 */
class ConsoleIssueApiTest {
    @TempDir Path dir;

    static final String PAGE = "/api/issues/text?name=qingdao-daily-2025-09-10.txt";

    @Test
    void aPageOfTextIsReadAsImportTextReadsIt() throws Exception {
        try (ConsoleHarness h = new ConsoleHarness(dir)) {
            ConsoleHarness.Api editor = h.api().login("editor");
            byte[] page = Files.readAllBytes(CommandsTest.FIXTURE);
            ConsoleHarness.Reply r = editor.post(PAGE, page, "text/plain; charset=utf-8");
            assertEquals(200, r.status(), r.body());
            JsonObject u = r.json();
            assertEquals("qingdao-daily-2025-09-10", u.get("issue").getAsString());
            assertEquals("qingdao-daily", u.get("publication").getAsString());
            assertEquals("uploaded", u.get("state").getAsString());
            assertEquals(8, u.get("articles").getAsInt());
            String explain = u.getAsJsonObject("explain").toString();
            assertTrue(explain.contains("\"kind\":\"headline\"") && explain.contains("\"kind\":\"joined\"") && explain.contains("\"kind\":\"moved\"")
                    && explain.contains("\"kind\":\"banner\"") && explain.contains("\"kind\":\"byline\""), explain);

            // The command line reads the same page into the same issue.
            Path cli = dir.resolve("cli");
            assertEquals(0, Cli.run("import-text", CommandsTest.FIXTURE.toString(), "--out", cli.toString()).exit());
            String id = u.get("id").getAsString();
            assertEquals(Files.readString(cli.resolve("issue.json")),
                    Files.readString(h.dir.resolve("console/uploads/" + id + "/package/issue.json")));
            assertEquals(explain, editor.get("/api/issues/" + id).json().getAsJsonObject("explain").toString());

            // The previews: the fleet reports no model, so the default; a page as a PNG.
            JsonObject list = editor.get("/api/issues").json();
            assertEquals("[\"it8951-10in3\"]", list.get("models").toString());
            ConsoleHarness.Reply png = editor.get("/api/issues/" + id + "/pages/waveshare-7in5-v2/1.png");
            assertEquals(200, png.status(), png.body());
            assertEquals("image/png", png.type());
            assertEquals("ready", editor.get("/api/issues/" + id + "/previews/waveshare-7in5-v2").json().get("state").getAsString());
            assertBad(editor.get("/api/issues/" + id + "/pages/waveshare-7in5-v2/999.png"), 404, "no page 999");
            assertBad(editor.get("/api/issues/" + id + "/pages/it8951-99in/1.png"), 404, "no panel model");

            // Bad pages: each refused with what is wrong, nothing kept.
            assertBad(editor.post("/api/issues/text", page, "text/plain"), 400, "'name' is missing");
            assertBad(editor.post("/api/issues/text?name=page.txt", page, "text/plain"), 400, "its name holds no date; give 'date' YYYY-MM-DD");
            assertBad(editor.post("/api/issues/text?name=page.txt&date=2025-13-01", page, "text/plain"), 400, "'date' '2025-13-01' is not a date");
            assertBad(editor.post(PAGE + "&publication=Qingdao!", page, "text/plain"), 400, "'publication' 'Qingdao!' is not allowed");
            assertBad(editor.post(PAGE, new byte[] {'a', (byte) 0xE6, (byte) 0x88}, "text/plain"), 400, "malformed UTF-8 at byte 1 (the page must be UTF-8 text)");
            assertBad(editor.post(PAGE, new byte[0], "text/plain"), 400, "the page is empty");
            assertBad(editor.post(PAGE, "短句。".getBytes(StandardCharsets.UTF_8), "text/plain"), 400, "no byline names the newspaper; give 'title' NAME");
            assertBad(editor.post(PAGE, new byte[3 << 20], "text/plain"), 413, "allowed: up to");
            assertBad(h.api().login("viewer").post(PAGE, page, "text/plain"), 403, "viewer");
            assertEquals(1, editor.get("/api/issues").json().getAsJsonArray("uploads").size());
            assertEquals(1, Files.list(h.dir.resolve("console/uploads")).filter(p -> !p.getFileName().toString().startsWith(".")).count());
            String audit = editor.get("/api/audit").body();
            assertTrue(audit.contains("\"action\":\"upload text\",\"targets\":\"qingdao-daily-2025-09-10\""), audit);
            assertTrue(audit.contains("refused (400): 'file' 'qingdao-daily-2025-09-10.txt': malformed UTF-8"), audit);
        }
    }

    @Test
    void aPackageComesAsAZipAndEveryBadZipIsRefusedLeavingNothing() throws Exception {
        Path pkg = dir.resolve("sample");
        assertEquals(0, Cli.run("sample-issue", "--out", pkg.toString()).exit());
        try (ConsoleHarness h = new ConsoleHarness(dir)) {
            ConsoleHarness.Api editor = h.api().login("editor");
            ConsoleHarness.Reply ok = editor.post("/api/issues/package?name=haibin.zip", zipOf(pkg, "haibin-daily/"), "application/zip");
            assertEquals(200, ok.status(), ok.body());
            assertEquals("haibin-daily-2025-09-10", ok.json().get("issue").getAsString());
            assertEquals("package", ok.json().get("source").getAsString());

            String zip = "/api/issues/package?name=x.zip";
            assertBad(editor.post(zip, "this is no zip".getBytes(), "application/zip"), 400, "not a zip file");
            byte[] cut = zipOf(pkg, "");
            assertBad(editor.post(zip, java.util.Arrays.copyOf(cut, cut.length / 2), "application/zip"), 400, "not a zip file that can be read");
            assertBad(editor.post(zip, zip("../evil.txt", "x".getBytes()), "application/zip"), 400, "climbs out of its folder with '..'");
            assertBad(editor.post(zip, zip("images/../../evil.txt", "x".getBytes()), "application/zip"), 400, "'..'");
            assertBad(editor.post(zip, zip("/etc/evil.txt", "x".getBytes()), "application/zip"), 400, "is an absolute path");
            assertBad(editor.post(zip, symlink(zip("issue.json", "/etc/passwd".getBytes()), "issue.json"), "application/zip"), 400, "is a symbolic link");
            assertBad(editor.post(zip, zip("issue.json", new byte[200 << 20]), "application/zip"), 413, "a zip bomb?");
            assertBad(editor.post(zip, zip("notes.txt", "x".getBytes()), "application/zip"), 400, "the zip holds no issue.json");
            assertBad(editor.post(zip, zip("issue.json", "{\"format\":1}".getBytes()), "application/zip"), 400, "the zip holds no valid issue package: issue.json");
            assertBad(editor.post(zip, new byte[(64 << 20) + 1], "application/zip"), 413, "allowed: up to 67108864");
            assertBad(editor.post("/api/issues/package", cut, "application/zip"), 400, "'name' is missing");
            assertFalse(Files.list(h.dir.resolve("console")).anyMatch(p -> p.getFileName().toString().equals("evil.txt")));
            assertEquals(1, editor.get("/api/issues").json().getAsJsonArray("uploads").size());
            try (var left = Files.walk(h.dir.resolve("console/uploads/.incoming"))) {
                assertEquals(1, left.count(), "the staging folder is empty");
            }
        }
    }

    @Test
    void publishingAndWithdrawingKeepTheirRules() throws Exception {
        try (ConsoleHarness h = new ConsoleHarness(dir)) {
            ConsoleHarness.Api editor = h.api().login("editor");
            String id = editor.post(PAGE, Files.readAllBytes(CommandsTest.FIXTURE), "text/plain").json().get("id").getAsString();
            String base = "/api/issues/" + id;
            assertBad(h.api().login("viewer").post(base + "/publish", "{}"), 403, "viewer");
            assertBad(editor.post("/api/issues/0123456789ab/publish", "{}"), 404, "no upload 0123456789ab");
            assertBad(editor.get("/api/issues/nothing"), 404, "no upload 'nothing'");
            assertBad(editor.post(base + "/withdraw", "{\"reason\":\"test\"}"), 409, "was never published");
            assertBad(editor.post(base + "/publish", "{\"activateAt\":\"tomorrow\"}"), 400, "'activateAt' 'tomorrow' is not a time");
            assertBad(editor.post(base + "/publish", "{\"expires\":\"2020-01-01\"}"), 400, "'expires' 2020-01-01T00:00:00Z is not in the future");
            assertBad(editor.post(base + "/publish", "{\"expires\":7}"), 400, "'expires' must be text");
            assertBad(editor.post(base + "/publish", "{\"devices\":\"kiosk-a\"}"), 400, "'devices' must be a list");
            assertBad(editor.post(base + "/publish", "{\"devices\":[\"Kiosk A\"]}"), 400, "'devices': 'Kiosk A' is not allowed");
            assertBad(editor.post(base + "/publish", "[1"), 400, "not JSON");
            assertEquals("uploaded", editor.get(base).json().get("state").getAsString());

            // A trial under an embargo, then the release to the whole fleet.
            String at = java.time.Instant.now().plusSeconds(3600).toString();
            ConsoleHarness.Reply trial = editor.post(base + "/publish", "{\"activateAt\":\"" + at + "\",\"devices\":[\"kiosk-x\",\"kiosk-x\"]}");
            assertEquals(200, trial.status(), trial.body());
            assertEquals("[\"kiosk-x\"]", trial.json().get("targets").toString());
            assertEquals(at, trial.json().get("activateAt").getAsString());
            long trialSequence = trial.json().get("sequence").getAsLong();
            ConsoleHarness.Reply published = editor.post(base + "/publish", "{}");
            assertTrue(published.json().get("sequence").getAsLong() > trialSequence, published.body());
            assertEquals("[]", published.json().get("targets").toString());
            assertEquals(200, published.status(), published.body());
            assertEquals("published", published.json().get("state").getAsString());
            assertBad(editor.post(base + "/publish", "{}"), 409, "already published to the whole fleet");
            assertBad(editor.post(base + "/withdraw", "{}"), 400, "'reason' is missing");
            assertBad(editor.post(base + "/withdraw", "{\"reason\":\"   \"}"), 400, "'reason' is blank");
            assertBad(h.api().login("viewer").post(base + "/withdraw", "{\"reason\":\"no\"}"), 403, "viewer");
            ConsoleHarness.Reply withdrawn = editor.post(base + "/withdraw", "{\"reason\":\"a wrong date in the masthead\"}");
            assertEquals(200, withdrawn.status(), withdrawn.body());
            assertEquals("a wrong date in the masthead", withdrawn.json().get("reason").getAsString());
            assertBad(editor.post(base + "/withdraw", "{\"reason\":\"again\"}"), 409, "already withdrawn");
            assertBad(editor.post(base + "/publish", "{}"), 409, "was withdrawn");
            String audit = editor.get("/api/audit").body();
            assertTrue(audit.contains("\"action\":\"publish\",\"targets\":\"qingdao-daily-2025-09-10\""), audit);
            assertTrue(audit.contains("reason: a wrong date in the masthead\",\"result\":\"ok\""), audit);
            assertTrue(audit.contains("refused (409): upload " + id + " (qingdao-daily-2025-09-10) was never published"), audit);
        }
    }

    /** A zip of a folder's files, each name prefixed. */
    static byte[] zipOf(Path folder, String prefix) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b); var files = Files.walk(folder)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                z.putNextEntry(new ZipEntry(prefix + folder.relativize(p).toString().replace('\\', '/')));
                z.write(Files.readAllBytes(p));
                z.closeEntry();
            }
        }
        return b.toByteArray();
    }

    static byte[] zip(String name, byte[] content) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(b)) {
            z.putNextEntry(new ZipEntry(name));
            z.write(content);
            z.closeEntry();
        }
        return b.toByteArray();
    }

    /** The zip with its entry marked, as Info-ZIP on Unix marks one, a symbolic link (mode 0120777, made by host 3). */
    static byte[] symlink(byte[] zip, String name) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + 46 < zip.length; i++) {
            if (zip[i] == 0x50 && zip[i + 1] == 0x4b && zip[i + 2] == 1 && zip[i + 3] == 2
                    && java.util.Arrays.equals(zip, i + 46, i + 46 + n.length, n, 0, n.length)) {
                zip[i + 5] = 3;
                int external = 0120777 << 16;
                for (int k = 0; k < 4; k++) zip[i + 38 + k] = (byte) (external >>> (8 * k));
                return zip;
            }
        }
        throw new AssertionError("no central entry " + name);
    }
}
