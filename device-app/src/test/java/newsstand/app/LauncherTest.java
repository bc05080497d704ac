package newsstand.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, `./newsstand setup && ./newsstand demo`, on a fresh Debian image as root (no sudo) and
 * as a user with sudo: the launcher's setup step run against a fake apt-get, dpkg-query, id and sudo that record what
 * they were asked, with nothing else on the PATH.
 */
class LauncherTest {
    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    static final String PACKAGES = "openjdk-17-jdk maven mosquitto openssl systemd adduser fonts-noto-cjk fonts-wqy-microhei "
            + "fonts-wqy-zenhei fonts-ipafont-gothic fonts-nanum manpages-zh faketime chromium chromium-driver nginx-light";

    @TempDir Path dir;
    Path bin;
    Path asked;

    record Run(int exit, String err, String asked) {}

    @BeforeEach
    void fakeDebian() throws IOException {
        bin = Files.createDirectories(dir.resolve("bin"));
        asked = dir.resolve("asked");
        Files.createFile(asked);
        for (String tool : List.of("dirname", "grep", "env")) {
            Files.createSymbolicLink(bin.resolve(tool), Path.of("/usr/bin", tool));
        }
        tool("apt-get", "echo \"apt-get $*\" >> " + asked);
        tool("id", "echo \"$FAKE_UID\"");
        // Installed packages are named in $INSTALLED; dpkg-query's last argument is the package.
        tool("dpkg-query", "case \" $INSTALLED \" in *\" ${!#} \"*) printf 'install ok installed' ;; *) exit 1 ;; esac");
    }

    void tool(String name, String body) throws IOException {
        Path f = bin.resolve(name);
        Files.writeString(f, "#!/bin/bash\n" + body + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    Run setup(int uid, String installed) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("/bin/bash", REPO.resolve("newsstand").toString(), "setup");
        pb.environment().put("PATH", bin.toString());
        pb.environment().put("FAKE_UID", Integer.toString(uid));
        pb.environment().put("INSTALLED", installed);
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return new Run(p.exitValue(), out, Files.readString(asked));
    }

    @Test
    void rootWithoutSudoInstallsEveryMissingPackageWithAptGet() throws Exception {
        Run r = setup(0, "");
        assertEquals(0, r.exit(), r.err());
        assertEquals("apt-get update -qq\napt-get install -y -qq " + PACKAGES + "\n", r.asked());
        assertEquals("newsstand: setup: installing " + PACKAGES + "\n", r.err());
    }

    @Test
    void aUserWithSudoInstallsThroughSudo() throws Exception {
        tool("sudo", "echo -n 'sudo ' >> " + asked + "; exec \"$@\"");
        Run r = setup(1000, "maven openssl");
        assertEquals(0, r.exit(), r.err());
        String missing = PACKAGES.replace(" maven ", " ").replace(" openssl ", " ");
        assertEquals("sudo apt-get update -qq\nsudo apt-get install -y -qq " + missing + "\n", r.asked());
        assertTrue(r.err().endsWith("(with sudo)\n"), r.err());
    }

    @Test
    void aUserWithoutSudoIsToldToBeRootAndNothingRuns() throws Exception {
        Run r = setup(1000, "");
        assertEquals(1, r.exit());
        assertEquals("newsstand: setup: installing " + PACKAGES + " needs root: run it as root, or as a user with sudo\n", r.err());
        assertEquals("", r.asked());
    }

    @Test
    void aMachineWithEveryPackageAsksNothing() throws Exception {
        Run r = setup(1000, PACKAGES);
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.asked());
        assertEquals("newsstand: setup: installed already: " + PACKAGES + "\n", r.err());
    }

    @Test
    void theReadmeAndTheContinuousIntegrationInstallThroughTheSetupOnly() throws Exception {
        String readme = Files.readString(REPO.resolve("README.md"));
        String first = readme.substring(readme.indexOf("```sh\n") + 6, readme.indexOf("\n```", readme.indexOf("```sh\n")));
        assertEquals("./newsstand setup && ./newsstand demo", first);
        String ci = Files.readString(REPO.resolve(".ci/run"));
        assertTrue(ci.contains("\n./newsstand setup\n"), ci);
        assertTrue(!ci.contains("apt-get") && !ci.contains("openjdk"), "the packages are listed once, in the launcher:\n" + ci);
    }
}
