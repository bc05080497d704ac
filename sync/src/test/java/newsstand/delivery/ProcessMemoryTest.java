package newsstand.delivery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessMemoryTest {
    @TempDir Path dir;

    @Test
    void aFileJustWrittenAndReadIsCountedInThePageCacheToTheByte() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "Linux only");
        Path file = dir.resolve("font.ttf");
        byte[] bytes = new byte[300_000]; // 73 pages and a part one
        Files.write(file, bytes);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ch.read(java.nio.ByteBuffer.allocate(bytes.length), 0);
        }
        // Written and read a moment ago: the kernel holds every page (a tmpfs holds them in any case).
        assertArrayEquals(new long[] {300_000, 300_000}, ProcessMemory.cached(file));
    }

    @Test
    void aFontThisProcessHoldsOpenIsFoundWithItsSize() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "Linux only");
        Path file = dir.resolve("held.otf");
        Files.write(file, new byte[8192]);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ProcessMemory.Fonts fonts = ProcessMemory.fonts();
            assertTrue(fonts.files() >= 1 && fonts.sizeBytes() >= 8192 && fonts.cachedBytes() <= fonts.sizeBytes(), fonts.toString());
            assertTrue(ProcessMemory.fontFiles().contains(file.toRealPath()), ProcessMemory.fontFiles().toString());
            assertTrue(ProcessMemory.isFontFile(file) && !ProcessMemory.isFontFile(dir.resolve("notes.txt")));
        }
    }

    @Test
    void majorFaultsAreCountedAndOnlyGrow() {
        assumeTrue(Files.isRegularFile(Path.of("/proc/self/stat")), "Linux only");
        long first = ProcessMemory.majorFaults();
        assertTrue(first >= 0, Long.toString(first));
        assertTrue(ProcessMemory.majorFaults() >= first);
    }

    @Test
    void theAnonymousPartIsWithinTheResidentSet() {
        assumeTrue(Files.isRegularFile(Path.of("/proc/self/status")), "Linux only");
        double rss = ProcessMemory.statusMb("VmRSS"), anon = ProcessMemory.statusMb("RssAnon");
        assertTrue(anon > 0 && anon <= rss, anon + " of " + rss);
        assertEquals(-1, ProcessMemory.statusMb("NoSuchField"));
    }
}
