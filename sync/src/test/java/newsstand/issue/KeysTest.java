package newsstand.issue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A key file that is not one says what it is instead. */
class KeysTest {
    @TempDir Path dir;

    @Test
    void anEmptyBinaryOrFolderKeyFileIsNamedForWhatItIs() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.pub"));
        assertEquals(empty + ": is empty (allowed: a PEM PUBLIC KEY, as newsstand keygen wrote it)",
                assertThrows(IOException.class, () -> Keys.readPublic(empty)).getMessage());
        byte[] noise = new byte[300];
        new Random(1).nextBytes(noise);
        Path binary = Files.write(dir.resolve("binary.key"), noise);
        assertEquals(binary + ": is not text, so not a PEM PRIVATE KEY (allowed: the file newsstand keygen wrote)",
                assertThrows(IOException.class, () -> Keys.readPrivate(binary)).getMessage());
        Path folder = Files.createDirectories(dir.resolve("keys.pub"));
        assertEquals(folder + ": is a folder (allowed: a PEM PUBLIC KEY file, as newsstand keygen wrote it)",
                assertThrows(IOException.class, () -> Keys.readPublic(folder)).getMessage());
    }
}
