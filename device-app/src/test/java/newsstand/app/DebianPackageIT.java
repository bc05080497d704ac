package newsstand.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Debian package as a technician gets it, on this machine: `mvn verify` builds it, this installs it with dpkg,
 * checks the files (the copyright file and changelog too), the user, the unit (systemd-analyze verify), runs the installed
 * command (--version, doctor, the kiosk as the service's user taking a bundle from an import folder with no network,
 * and a bundle imported by hand as that user), the operator's console (its unit installed but not enabled, a user
 * added and the console started as its service's user, from a file as console.properties gives it), removes it (configuration and state stay) and purges it (what the
 * package made goes, and it says so; the operator.pub the technician copied stays, named). Needs root or
 * password-less sudo; says so when it has neither.
 */
class DebianPackageIT {
    static final List<String> SUDO = new ArrayList<>();
    static Path deb;
    static Path work;

    record Run(int exit, String out) {}

    static Run run(List<String> command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(SUDO);
        cmd.addAll(command);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "timed out: " + cmd);
        return new Run(p.exitValue(), out);
    }

    static Run run(String... command) throws IOException, InterruptedException {
        return run(List.of(command));
    }

    /** test(1) with an operator (-e, -f, -L) on a path, as root: the service's folders are not readable by others. */
    static boolean exists(String operator, String path) throws IOException, InterruptedException {
        return run("test", operator, path).exit() == 0;
    }

    static Run ok(String... command) throws IOException, InterruptedException {
        Run r = run(command);
        assertEquals(0, r.exit(), String.join(" ", command) + ":\n" + r.out());
        return r;
    }

    @BeforeAll
    static void install() throws Exception {
        if (!"root".equals(System.getProperty("user.name"))) {
            Process p = new ProcessBuilder("sudo", "-n", "true").start();
            if (p.waitFor() != 0) {
                throw new AssertionError("the package test installs a .deb: run the tests as root or with password-less sudo");
            }
            SUDO.add("sudo");
        }
        try (var files = Files.list(Path.of("target"))) {
            deb = files.filter(f -> f.getFileName().toString().matches("newsstand_.*_all\\.deb")).findFirst()
                    .orElseThrow(() -> new AssertionError("no target/newsstand_*_all.deb: mvn package builds it"));
        }
        Run installed = run("dpkg-query", "-W", "-f=${Status}", "newsstand");
        if (installed.exit() == 0 && installed.out().contains("installed")) {
            throw new AssertionError("newsstand is installed on this machine already; this test installs and purges it: "
                    + "sudo dpkg -P newsstand first (" + installed.out() + ")");
        }
        work = Files.createTempDirectory(Path.of("/tmp"), "newsstand-deb", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        ok("dpkg", "-i", deb.toAbsolutePath().toString());
    }

    @AfterAll
    static void purge() throws Exception {
        run("dpkg", "-P", "newsstand");
        // What the test put into /etc/newsstand as a technician would: purge leaves it (and says so).
        run("rm", "-f", "/etc/newsstand/operator.pub");
        run("rmdir", "/etc/newsstand");
        if (work != null) Outputs.deleteTree(work);
    }

    @Test
    void installsRunsRemovesAndPurgesCleanly() throws Exception {
        // What dpkg put where.
        for (String f : List.of("/usr/share/newsstand/newsstand.jar", "/usr/share/newsstand/jvm.options", "/usr/bin/newsstand",
                "/lib/systemd/system/newsstand.service", "/etc/newsstand/newsstand.properties", "/var/cache/newsstand/newsstand.jsa",
                "/lib/systemd/system/newsstand-console.service", "/etc/newsstand/console.properties")) {
            assertTrue(exists("-f", f), f + " is missing");
        }
        assertTrue(ok("stat", "-c", "%U:%G %a", "/etc/newsstand/newsstand.properties").out().strip().equals("root:newsstand 640"),
                "the configuration holds the broker's password");
        assertEquals("newsstand:newsstand 750", ok("stat", "-c", "%U:%G %a", "/var/lib/newsstand").out().strip());
        assertEquals("newsstand:newsstand 750", ok("stat", "-c", "%U:%G %a", "/var/log/newsstand").out().strip());
        assertTrue(ok("getent", "passwd", "newsstand").out().contains("/usr/sbin/nologin"), "a system user with no login");
        assertEquals("root:newsstand-console 640", ok("stat", "-c", "%U:%G %a", "/etc/newsstand/console.properties").out().strip(),
                "the console's configuration may hold the broker's password");
        assertEquals("newsstand-console:newsstand-console 750", ok("stat", "-c", "%U:%G %a", "/var/lib/newsstand-console").out().strip());
        assertTrue(ok("getent", "passwd", "newsstand-console").out().contains("/usr/sbin/nologin"), "the console's own system user");
        String conffiles = ok("dpkg-query", "-W", "-f=${Conffiles}", "newsstand").out();
        assertTrue(conffiles.contains("/etc/newsstand/newsstand.properties") && conffiles.contains("/etc/newsstand/console.properties"), conffiles);
        // Debian policy 12.5 and 12.7: the copyright file, machine-readable, and a native package's changelog.gz.
        assertTrue(ok("cat", "/usr/share/doc/newsstand/copyright").out().startsWith(
                "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n"));
        String version = ok("dpkg-query", "-W", "-f=${Version}", "newsstand").out();
        assertTrue(ok("zcat", "/usr/share/doc/newsstand/changelog.gz").out().startsWith("newsstand (" + version + ") "),
                "the changelog's newest entry is the package's version " + version);

        // The units, as systemd reads them; the kiosk's enabled, the console's installed but not enabled.
        for (String unit : List.of("newsstand.service", "newsstand-console.service")) {
            Run verify = run("systemd-analyze", "verify", "/lib/systemd/system/" + unit);
            assertEquals(0, verify.exit(), verify.out());
            assertFalse(verify.out().contains(unit + ":"), "systemd-analyze has something to say about " + unit + ":\n" + verify.out());
        }
        assertEquals("enabled", run("systemctl", "--root=/", "is-enabled", "newsstand.service").out().strip());
        assertEquals("disabled", run("systemctl", "--root=/", "is-enabled", "newsstand-console.service").out().strip());
        assertFalse(exists("-L", "/etc/systemd/system/multi-user.target.wants/newsstand-console.service"));

        // The installed command.
        assertEquals("newsstand " + newsstand.config.Version.CURRENT, ok("/usr/bin/newsstand", "--version").out().strip());
        Run doctor = run("runuser", "-u", "newsstand", "--", "/usr/bin/newsstand", "doctor");
        assertEquals(1, doctor.exit(), doctor.out());
        assertTrue(doctor.out().matches("(?s).*\nFAIL +broker +broker ssl://broker.example.org:8883 cannot be reached: .*UnknownHostException.*"), "the example's broker is named as a FAIL:\n" + doctor.out());
        assertTrue(doctor.out().matches("(?s).*\nFAIL +configuration .*trust.keys.*"), doctor.out());

        // The operator's key in place, as a careless copy leaves it (root's only): the doctor says the service cannot read it.
        assertEquals(0, Cli.run("keygen", "--out", work.resolve("desk").toString()).exit());
        ok("install", "-m", "0600", work.resolve("desk/operator.pub").toString(), "/etc/newsstand/operator.pub");
        Run careless = run("/usr/bin/newsstand", "doctor");
        assertTrue(careless.out().matches("(?s).*\nOK +configuration .*"), careless.out());
        assertTrue(careless.out().matches("(?s).*\nFAIL +trust keys +/etc/newsstand/operator.pub: owned by root:root rw-------: the service's user newsstand cannot read it.*"),
                careless.out());
        ok("chmod", "644", "/etc/newsstand/operator.pub");
        assertTrue(run("/usr/bin/newsstand", "doctor").out().matches("(?s).*\nOK +trust keys +/etc/newsstand/operator.pub \\(key id [0-9a-f]{16}\\).*"));

        // The kiosk as the service runs it: its user, its log folder, a bundle from an import folder, no network.
        kioskTakesABundle();

        // The operator's console as its service runs it: its user, its folder, a user added with the installed command.
        consoleStarts();

        // Installed again over itself (an upgrade's path): the technician's configuration and the stored issues stay.
        ok("sh", "-c", "echo '# edited by the technician' >> /etc/newsstand/newsstand.properties");
        ok("dpkg", "-i", deb.toAbsolutePath().toString());
        assertTrue(ok("cat", "/etc/newsstand/newsstand.properties").out().contains("# edited by the technician"));
        assertTrue(exists("-e", "/var/lib/newsstand/newsstand.db"));
        assertTrue(exists("-f", "/var/cache/newsstand/newsstand.jsa"), "the class-data archive is made again");

        // Remove: the program goes, configuration, state and logs stay.
        ok("dpkg", "-r", "newsstand");
        assertFalse(exists("-e", "/usr/bin/newsstand"));
        assertFalse(exists("-e", "/usr/share/newsstand"));
        assertTrue(exists("-e", "/etc/newsstand/newsstand.properties"));
        assertTrue(exists("-e", "/var/lib/newsstand/newsstand.db"), "the stored issues stay on remove");
        assertTrue(exists("-e", "/var/log/newsstand/newsstand.log"));

        // Purge: what the package made goes, and it says so; the operator.pub the technician copied stays, named.
        String purged = ok("dpkg", "-P", "newsstand").out();
        assertTrue(purged.contains("newsstand: purge removed the stored issues (/var/lib/newsstand), the logs (/var/log/newsstand), "
                + "the cache (/var/cache/newsstand), the console's users, audit log and uploads (/var/lib/newsstand-console), the user newsstand, "
                + "the user newsstand-console\n"), purged);
        assertTrue(purged.contains("newsstand: purge left /etc/newsstand: these files are not the package's (remove them by hand when "
                + "no kiosk needs them):\n  /etc/newsstand/operator.pub\n"), purged);
        assertTrue(exists("-f", "/etc/newsstand/operator.pub"), "the technician's file stays");
        assertFalse(exists("-e", "/etc/newsstand/newsstand.properties"), "the package's configuration goes");
        for (String f : List.of("/var/lib/newsstand", "/var/log/newsstand", "/var/cache/newsstand", "/var/lib/newsstand-console",
                "/etc/newsstand/console", "/etc/newsstand/console.properties", "/etc/systemd/system/multi-user.target.wants/newsstand.service")) {
            assertFalse(exists("-e", f) || exists("-L", f), f + " is left after purge");
        }
        assertEquals(2, run("getent", "passwd", "newsstand").exit(), "the user is gone");
        assertEquals(2, run("getent", "group", "newsstand").exit(), "the group is gone");
        assertEquals(2, run("getent", "passwd", "newsstand-console").exit(), "the console's user is gone");
        Run known = run("dpkg-query", "-W", "-f=${db:Status-Abbrev}", "newsstand");
        assertTrue(known.exit() != 0 || !known.out().startsWith("rc"), "dpkg keeps nothing of the package: " + known.out());
    }

    /**
     * `newsstand console user add` with the installed command as the console's service user, then the console as
     * newsstand-console.service starts it (its user, its environment, a file of the same keys as console.properties)
     * against a Mosquitto of the test's: the page answers, and the user added logs in.
     */
    private void consoleStarts() throws Exception {
        Run added = run("runuser", "-u", "newsstand-console", "--", "sh", "-c",
                "echo 'a long enough password' | /usr/bin/newsstand console user add chief --role admin --data /var/lib/newsstand-console");
        assertEquals(0, added.exit(), added.out());
        assertTrue(added.out().contains("user chief is an admin of the console in /var/lib/newsstand-console"), added.out());
        try (Mosquitto broker = new Mosquitto(work.resolve("broker"))) {
            int port = Mosquitto.freePort();
            Path config = work.resolve("console.properties");
            // The package's file, its values set as an operator sets them.
            String packaged = ok("cat", "/etc/newsstand/console.properties").out()
                    .replace("broker = ssl://broker.example.org:8883", "broker = " + broker.url())
                    .replace("username = operator", "username =")
                    .replace("fleet = qingdao-stations", "fleet = qd")
                    .replace("key = /etc/newsstand/console/operator.key", "key = " + work.resolve("keys/operator.key"))
                    .replace("listen = 127.0.0.1:8080", "listen = 127.0.0.1:" + port);
            assertTrue(packaged.contains("fleet = qd\n") && packaged.contains("listen = 127.0.0.1:" + port + "\n"), packaged);
            Files.writeString(config, packaged);
            ok("chmod", "-R", "a+rX", work.toString());
            String unit = ok("cat", "/lib/systemd/system/newsstand-console.service").out();
            String javaOpts = unit.replaceFirst("(?s).*\nEnvironment=NEWSSTAND_JAVA_OPTS=([^\n]*)\n.*", "$1");
            assertTrue(unit.contains("\nExecStart=/usr/bin/newsstand console --config /etc/newsstand/console.properties\n"), unit);
            List<String> cmd = new ArrayList<>(SUDO);
            cmd.addAll(List.of("runuser", "-u", "newsstand-console", "--", "env", "NEWSSTAND_JAVA_OPTS=" + javaOpts, "/usr/bin/newsstand", "console",
                    "--config", config.toString()));
            Process console = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            try {
                ConsoleCommandTest.awaitLine(console.getInputStream(), java.util.regex.Pattern.compile("console of fleet qd at http://127\\.0\\.0\\.1:" + port + "/"), 90);
                java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
                var page = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertEquals(200, page.statusCode(), page.body());
                var login = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/api/login"))
                        .header("Content-Type", "application/json")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\":\"chief\",\"password\":\"a long enough password\"}")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertEquals(200, login.statusCode(), login.body());
            } finally {
                console.destroy();
                assertTrue(console.waitFor(30, TimeUnit.SECONDS), "the console stops on SIGTERM");
            }
        }
        assertEquals("newsstand-console", ok("stat", "-c", "%U", "/var/lib/newsstand-console/console.db").out().strip());
    }

    private void kioskTakesABundle() throws Exception {
        assertEquals(0, Cli.run("keygen", "--out", work.resolve("keys").toString()).exit());
        Path stick = Files.createDirectories(work.resolve("stick"));
        Path config = work.resolve("kiosk.properties");
        Files.writeString(config, String.join("\n", "device.id = kiosk-deb", "device.fleet = qd", "panel.model = waveshare-7in5-v2",
                "panel.driver = simulated", "panel.output = /var/lib/newsstand/panel", "storage.path = /var/lib/newsstand/newsstand.db",
                "trust.keys = " + work.resolve("keys/operator.pub"), "import.path = " + stick) + "\n");
        Path pkg = TestIssues.write(work.resolve("pkg"), "qd-deb", 0);
        Cli b = Cli.run("bundle", "--fleet", "qd", "--key", work.resolve("keys/operator.key").toString(), "--issue", pkg.toString(),
                "--out", stick.resolve("today.nsb").toString(), "--sequence", "7");
        assertEquals(0, b.exit(), b.err());
        ok("chmod", "-R", "a+rX", work.toString());
        List<String> cmd = new ArrayList<>(SUDO);
        cmd.addAll(List.of("runuser", "-u", "newsstand", "--", "env", "NEWSSTAND_LOGS=/var/log/newsstand", "/usr/bin/newsstand", "run", "--config", config.toString()));
        Process kiosk = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(work.resolve("kiosk.out").toFile()).start();
        try {
            Path log = Path.of("/var/log/newsstand/newsstand.log");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!run("cat", log.toString()).out().contains("kiosk: showing qd-deb")) {
                if (!kiosk.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("the installed kiosk did not show the bundle's issue:\n" + Files.readString(work.resolve("kiosk.out"))
                            + "\nlog:\n" + run("cat", log.toString()).out());
                }
                Thread.sleep(100);
            }
            String text = ok("cat", log.toString()).out();
            assertTrue(text.contains("bundle today.nsb: qd-deb (sequence 7) imported and activated"), text);
            assertTrue(text.matches("(?s)\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO \\[.*"), "the log file's lines carry the time:\n" + text);
        } finally {
            kiosk.destroy();
            kiosk.waitFor(20, TimeUnit.SECONDS);
        }
        assertTrue(exists("-e", "/var/lib/newsstand/panel/page-001.png"), "the simulated panel shows the page");
        assertEquals("newsstand", ok("stat", "-c", "%U", "/var/lib/newsstand/newsstand.db").out().strip());

        // By hand, as the README says: a bundle written by another user, imported as the service's user.
        Path later = work.resolve("later.nsb");
        Cli b2 = Cli.run("bundle", "--fleet", "qd", "--key", work.resolve("keys/operator.key").toString(), "--issue",
                TestIssues.write(work.resolve("pkg-later"), "qd-later", 0).toString(),
                "--out", later.toString(), "--sequence", "8");
        assertEquals(0, b2.exit(), b2.err());
        Run imported = run("runuser", "-u", "newsstand", "--", "/usr/bin/newsstand", "import", later.toString(), "--config", config.toString());
        assertEquals(0, imported.exit(), imported.out());
        assertTrue(imported.out().contains("qd-later (sequence 8) imported and activated"), imported.out());
    }
}
