package newsstand.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A package's zip taken apart within its limits: entries, bytes inflated in all and per entry, names inside the folder. */
class PackageZipTest {
    @TempDir Path dir;

    private Path zip(String... namesAndTexts) throws Exception {
        Path z = dir.resolve("p" + System.nanoTime() + ".zip");
        try (OutputStream o = Files.newOutputStream(z); ZipOutputStream out = new ZipOutputStream(o)) {
            for (int i = 0; i < namesAndTexts.length; i += 2) {
                out.putNextEntry(new ZipEntry(namesAndTexts[i]));
                out.write(namesAndTexts[i + 1].getBytes());
                out.closeEntry();
            }
        }
        return z;
    }

    @Test
    void aZipOfAFolderIsTakenFromInsideIt() throws Exception {
        Path into = dir.resolve("out");
        Path found = PackageZip.extract(zip("today/issue.json", "{}", "today/images/a.jpg", "x"), into);
        assertEquals(into.resolve("today"), found);
        assertTrue(Files.isRegularFile(found.resolve("images/a.jpg")));
    }

    @Test
    void tooManyEntriesAreRefusedBeforeAnyIsWritten() throws Exception {
        Path into = dir.resolve("out");
        ApiError e = assertThrows(ApiError.class, () -> PackageZip.extract(zip("issue.json", "{}", "a", "1", "b", "2"), into,
                new PackageZip.Limits(2, 1000, 100)));
        assertEquals(413, e.status);
        assertTrue(e.getMessage().contains("3 entries (allowed: up to 2)"), e.getMessage());
        assertFalse(Files.exists(into));
    }

    @Test
    void theBytesInflatedInAllAreCountedNotTakenFromTheHeaders() throws Exception {
        ApiError e = assertThrows(ApiError.class, () -> PackageZip.extract(zip("issue.json", "{}", "a", "x".repeat(600), "b", "y".repeat(600)),
                dir.resolve("out"), new PackageZip.Limits(10, 1000, 100)));
        assertEquals(413, e.status);
        assertTrue(e.getMessage().contains("inflates to more than 1000 bytes"), e.getMessage());
    }

    @Test
    void namesOutsideTheFolderAreRefused() throws Exception {
        for (String name : new String[] {"../x", "a/../../x", "/etc/x", "C:/x", "a\\..\\x", "a//b", "./a"}) {
            ApiError e = assertThrows(ApiError.class, () -> PackageZip.extract(zip(name, "x"), dir.resolve("out-" + System.nanoTime())), name);
            assertEquals(400, e.status, name);
        }
    }
}
