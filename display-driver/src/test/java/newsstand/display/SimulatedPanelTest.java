package newsstand.display;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import newsstand.config.PanelModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatedPanelTest {
    @TempDir Path dir;

    private static int bitDepth(Path png) throws Exception {
        byte[] b = Files.readAllBytes(png);
        assertEquals('I', b[12]);
        assertEquals('H', b[13]);
        return b[24];
    }

    @Test
    void writesSixteenGreyPanelsAsFourBitPngsOfWhatIsShown() throws Exception {
        PanelModel model = PanelModel.IT8951_6IN;
        Framebuffer fb = new Framebuffer(model.width(), model.height(), model.greyLevels());
        fb.fillRect(10, 20, 100, 50, 0);
        fb.fillRect(200, 20, 100, 50, 0x88);
        try (SimulatedPanel panel = new SimulatedPanel(model, dir, "page-%03d.png")) {
            panel.refresh(fb, Region.of(fb), RefreshMode.FULL);
            Path png = dir.resolve("page-001.png");
            assertEquals(4, bitDepth(png));
            BufferedImage img = ImageIO.read(png.toFile());
            assertEquals(800, img.getWidth());
            assertEquals(600, img.getHeight());
            assertEquals(0, img.getRaster().getSample(15, 25, 0));
            assertEquals(8, img.getRaster().getSample(250, 40, 0));
            assertEquals(15, img.getRaster().getSample(5, 5, 0));
        }
    }

    @Test
    void aPartialRefreshChangesOnlyItsRegionAndIsLogged() throws Exception {
        PanelModel model = PanelModel.IT8951_6IN;
        Framebuffer fb = new Framebuffer(model.width(), model.height(), 16);
        SimulatedPanel panel = new SimulatedPanel(model, dir, "r-%d.png");
        panel.refresh(fb, Region.of(fb), RefreshMode.FULL);
        fb.fill(0);
        panel.refresh(fb, new Region(100, 100, 50, 40), RefreshMode.PARTIAL);
        BufferedImage img = ImageIO.read(dir.resolve("r-2.png").toFile());
        assertEquals(0, img.getRaster().getSample(100, 100, 0));
        assertEquals(0, img.getRaster().getSample(149, 139, 0));
        assertEquals(15, img.getRaster().getSample(150, 139, 0));
        assertEquals(15, img.getRaster().getSample(99, 100, 0));
        assertEquals(List.of("0001 FULL 0,0,800,600 r-1.png", "0002 PARTIAL 100,100,50,40 r-2.png"),
                Files.readAllLines(dir.resolve("refresh.log")));
    }

    @Test
    void writesBlackAndWhitePanelsAsOneBitPngs() throws Exception {
        PanelModel model = PanelModel.WAVESHARE_7IN5_V2;
        Framebuffer fb = new Framebuffer(model.width(), model.height(), 2);
        fb.fillRect(0, 0, 8, 1, 0);
        fb.fillRect(400, 200, 1, 1, 100);
        new SimulatedPanel(model, dir, "bw-%d.png").refresh(fb, Region.of(fb), RefreshMode.FULL);
        Path png = dir.resolve("bw-1.png");
        assertEquals(1, bitDepth(png));
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(0, img.getRaster().getSample(7, 0, 0));
        assertEquals(1, img.getRaster().getSample(8, 0, 0));
        assertEquals(0, img.getRaster().getSample(400, 200, 0));
    }

    @Test
    void fastModeShowsOnlyBlackAndWhite() throws Exception {
        PanelModel model = PanelModel.IT8951_6IN;
        Framebuffer fb = new Framebuffer(model.width(), model.height(), 16);
        fb.fillRect(0, 0, 10, 10, 0x40);
        fb.fillRect(10, 0, 10, 10, 0xC0);
        new SimulatedPanel(model, dir, "f-%d.png").refresh(fb, new Region(0, 0, 20, 10), RefreshMode.FAST);
        BufferedImage img = ImageIO.read(dir.resolve("f-1.png").toFile());
        assertEquals(0, img.getRaster().getSample(5, 5, 0));
        assertEquals(15, img.getRaster().getSample(15, 5, 0));
    }

    @Test
    void aKiosksPanelKeepsItsNewestFramesAndNoneOfAnEarlierRun() throws Exception {
        PanelModel model = PanelModel.WAVESHARE_7IN5_V2;
        Framebuffer fb = new Framebuffer(model.width(), model.height(), 2);
        Files.writeString(dir.resolve("page-900.png"), "an earlier run's frame");
        Files.writeString(dir.resolve("page-notes.png"), "not a frame");
        Files.writeString(dir.resolve("doctor-001.png"), "another pattern's");
        SimulatedPanel panel = new SimulatedPanel(model, dir, "page-%03d.png", 3);
        for (int i = 0; i < 7; i++) panel.refresh(fb, Region.of(fb), RefreshMode.FULL);
        try (var files = Files.list(dir)) {
            assertEquals(List.of("doctor-001.png", "page-005.png", "page-006.png", "page-007.png", "page-notes.png", "refresh.log"),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
        assertEquals(7, Files.readAllLines(dir.resolve("refresh.log")).size(), "every refresh logged");
        assertEquals(panel.file(7), dir.resolve("page-007.png"));
    }

    @Test
    void rejectsAFramebufferOfAnotherSize() throws Exception {
        SimulatedPanel panel = new SimulatedPanel(PanelModel.IT8951_6IN, dir, "x-%d.png");
        Framebuffer fb = new Framebuffer(100, 100, 16);
        var e = assertThrows(IllegalArgumentException.class, () -> panel.refresh(fb, Region.of(fb), RefreshMode.FULL));
        assertTrue(e.getMessage().contains("it8951-6in is 800x600"), e.getMessage());
    }
}
