package newsstand.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import newsstand.fonts.FontCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kiosk sets its pages in a font found under fonts.path, before the system's. */
class FontsPathTest {
    static final Path ZEN_HEI = Path.of("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc");

    @Test
    void theKioskUsesTheFontUnderFontsPath(@TempDir Path dir) throws Exception {
        assertTrue(Files.isRegularFile(ZEN_HEI), ZEN_HEI + " is missing: apt-get install fonts-wqy-zenhei");
        String standard = FontCatalog.scan(List.of()).typeface("zh-Hans", false).primary().family();
        assertFalse(standard.startsWith("WenQuanYi Zen Hei"), "without fonts.path the kiosk would choose " + standard
                + " (apt-get install fonts-noto-cjk fonts-wqy-microhei), so the test could not tell the configured font");
        Path fonts = Files.createDirectories(dir.resolve("fonts"));
        Files.copy(ZEN_HEI, fonts.resolve("station.ttc"));
        assertEquals(0, Cli.run("demo", "--panel", "waveshare-7in5-v2", "--out", dir.resolve("demo").toString()).exit());
        Path panel = dir.resolve("panel");
        Path config = dir.resolve("kiosk.properties");
        Files.writeString(config, String.join("\n",
                "device.id = kiosk-f",
                "panel.model = waveshare-7in5-v2",
                "panel.driver = simulated",
                "panel.output = " + panel,
                "storage.path = " + dir.resolve("demo/demo.db"),
                "fonts.path = " + fonts) + "\n");
        Path log = dir.resolve("kiosk.log");
        Process kiosk = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx32m",
                "-cp", System.getProperty("java.class.path"), "newsstand.app.Newsstand", "run", "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.exists(panel.resolve("page-001.png")) && kiosk.isAlive() && System.nanoTime() < deadline) Thread.sleep(50);
            String out = Files.readString(log);
            assertTrue(Files.exists(panel.resolve("page-001.png")), "the kiosk showed no page:\n" + out);
            assertTrue(out.contains("zh-Hans regular text: WenQuanYi Zen Hei"), "the font under fonts.path was not used:\n" + out);
            assertTrue(out.contains("zh-Hans bold text: WenQuanYi Zen Hei"), out);
        } finally {
            kiosk.destroyForcibly().waitFor();
        }
    }
}
