package newsstand.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The kiosk process on storage it cannot write: it stops at start, naming the folder. Run as a user without the
 * right to write there: as root (who may write anywhere) the kiosk runs as nobody, on a copy of its class path
 * that nobody can read.
 */
class ReadOnlyStorageTest {
    Path dir;

    @AfterEach
    void cleanUp() throws Exception {
        if (dir == null) return;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                p.toFile().setWritable(true);
                Files.deleteIfExists(p);
            }
        }
    }

    @Test
    void aStoreFolderTheKioskCannotWriteStopsTheStartNamingIt() throws Exception {
        dir = Files.createTempDirectory(Path.of("/tmp"), "newsstand-ro-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path storage = Files.createDirectories(dir.resolve("storage"));
        Files.createDirectories(dir.resolve("panel")).toFile().setWritable(true, false);
        Path config = dir.resolve("kiosk.properties");
        Files.writeString(config, String.join("\n", "device.id = kiosk-ro", "panel.model = waveshare-7in5-v2", "panel.driver = simulated",
                "panel.output = " + dir.resolve("panel"), "storage.path = " + storage.resolve("kiosk.db")) + "\n");
        List<String> cmd = new ArrayList<>();
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            cmd.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        } else {
            storage.toFile().setWritable(false, false);
        }
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx32m", "-cp", readableClassPath(),
                "newsstand.app.Newsstand", "run", "--config", config.toString()));
        Process kiosk = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(kiosk.waitFor(60, TimeUnit.SECONDS), "the kiosk did not stop");
        String out = new String(kiosk.getInputStream().readAllBytes());
        assertEquals(1, kiosk.exitValue(), out);
        assertTrue(out.contains("newsstand: store " + storage.resolve("kiosk.db") + ": folder " + storage
                + " is read-only (storage.path must be on storage the kiosk can write)"), out);
    }

    /** The test's class path, copied where every user can read it (root's Maven repository is its own). */
    String readableClassPath() throws Exception {
        Path copy = Files.createDirectories(dir.resolve("classpath"));
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path from = Path.of(entry);
            if (!Files.exists(from)) continue;
            Path to = copy.resolve((n++) + "-" + from.getFileName());
            if (Files.isDirectory(from)) {
                try (Stream<Path> files = Files.walk(from)) {
                    for (Path p : files.toList()) {
                        Path target = to.resolve(from.relativize(p).toString());
                        if (Files.isDirectory(p)) Files.createDirectories(target);
                        else Files.copy(p, target);
                    }
                }
            } else {
                Files.copy(from, to);
            }
            entries.add(to.toString());
        }
        try (Stream<Path> files = Files.walk(copy)) {
            for (Path p : files.toList()) p.toFile().setReadable(true, false);
        }
        return String.join(File.pathSeparator, entries);
    }
}
