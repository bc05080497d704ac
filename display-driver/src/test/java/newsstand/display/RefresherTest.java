package newsstand.display;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import newsstand.config.PanelModel;
import newsstand.display.trace.TraceIo;
import newsstand.display.uc8179.Uc8179;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The refresh policy, through the simulated panel's log and through the UC8179 driver's traffic. */
class RefresherTest {
    @TempDir Path dir;

    long now;
    final List<Long> pauses = new ArrayList<>();

    Refresher refresher(Panel panel, int fullEvery, long minInterval) {
        return new Refresher(panel, fullEvery, minInterval, () -> now, ms -> {
            pauses.add(ms);
            now += ms;
        });
    }

    static Framebuffer page(PanelModel m, int textX) {
        Framebuffer fb = new Framebuffer(m.width(), m.height(), m.greyLevels());
        fb.fill(255);
        fb.fillRect(textX, 100, 50, 20, 0);
        return fb;
    }

    List<String> log() throws Exception {
        return Files.readAllLines(dir.resolve("refresh.log")).stream().map(l -> l.split(" ")[1] + " " + l.split(" ")[2]).toList();
    }

    @Test
    void partialsOfTheChangedRegionThenAFullEveryNAndOnANewIssue() throws Exception {
        PanelModel m = PanelModel.IT8951_6IN;
        Refresher r = refresher(new SimulatedPanel(m, dir, "r-%d.png"), 3, 0);
        assertEquals(RefreshMode.FULL, r.show(page(m, 10), Refresh.CHANGES), "the first page flashes");
        assertEquals(RefreshMode.PARTIAL, r.show(page(m, 101), Refresh.CHANGES));
        assertNull(r.show(page(m, 101), Refresh.CHANGES), "nothing changed: no refresh");
        assertEquals(RefreshMode.PARTIAL, r.show(page(m, 10), Refresh.CHANGES));
        assertEquals(RefreshMode.PARTIAL, r.show(page(m, 101), Refresh.CHANGES));
        assertEquals(RefreshMode.FULL, r.show(page(m, 10), Refresh.CHANGES), "after three partials");
        assertEquals(RefreshMode.FULL, r.show(page(m, 101), Refresh.FLASH), "a new issue");
        assertEquals(RefreshMode.FULL, r.show(page(m, 10), Refresh.FLASH), "a page with large photos");
        // Partial regions: the union of the old and new marks, widened to whole bytes at 4 bpp (2 pixels).
        assertEquals(List.of("FULL 0,0,800,600", "PARTIAL 10,100,142,20", "PARTIAL 10,100,142,20",
                "PARTIAL 10,100,142,20", "FULL 0,0,800,600", "FULL 0,0,800,600", "FULL 0,0,800,600"), log());
    }

    @Test
    void aMarkIsFastAndTheNextTurnRefreshesItsRegion() throws Exception {
        PanelModel m = PanelModel.WAVESHARE_7IN5_V2;
        Refresher r = refresher(new SimulatedPanel(m, dir, "r-%d.png"), 6, 0);
        Framebuffer fb = page(m, 10);
        r.show(fb, Refresh.CHANGES);
        fb.fillRect(700, 450, 40, 16, 0);
        r.mark(fb, new Region(700, 450, 40, 16));
        r.show(page(m, 10), Refresh.CHANGES);
        assertEquals(List.of("FULL 0,0,800,480", "FAST 700,450,40,16", "PARTIAL 696,450,48,16"), log());
    }

    @Test
    void refreshesKeepTheMinimumIntervalAndThePanelSleepsAfterEach() throws Exception {
        PanelModel m = PanelModel.WAVESHARE_7IN5_V2;
        TraceIo io = new TraceIo(m, 4096);
        Refresher r = refresher(new Uc8179(io, m), 6, 180_000);
        r.show(page(m, 10), Refresh.CHANGES);
        now += 1000;
        r.show(page(m, 200), Refresh.CHANGES);
        assertEquals(List.of(179_000L), pauses, "waited for the rest of the interval");
        List<String> e = io.events();
        assertEquals(2, e.stream().filter("CMD 0x07"::equals).count(), "deep sleep after each refresh");
        assertEquals(2, e.stream().filter("RESET"::equals).count(), "and a reset to wake before each");
        assertTrue(e.contains("CMD 0x91"), "the second is partial");
    }
}
