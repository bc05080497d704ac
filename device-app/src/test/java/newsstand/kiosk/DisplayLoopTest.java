package newsstand.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import newsstand.app.SampleIssue;
import newsstand.config.PanelModel;
import newsstand.display.Framebuffer;
import newsstand.display.Panel;
import newsstand.display.RefreshMode;
import newsstand.display.Region;
import newsstand.store.IssueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The display loop in-process against a panel that records what it is asked to do. */
class DisplayLoopTest {
    @TempDir Path dir;

    /** Records each refresh's mode and each clear, in order. */
    static final class Recording implements Panel {
        final PanelModel model = PanelModel.byId("waveshare-7in5-v2");
        final List<String> calls = new CopyOnWriteArrayList<>();
        int ink;

        public PanelModel model() { return model; }
        public void refresh(Framebuffer frame, Region region, RefreshMode mode) {
            calls.add(mode.name());
            ink = 0;
            for (int y = 0; y < frame.height(); y++) for (int x = 0; x < frame.width(); x++) if (frame.get(x, y) < 128) ink++;
        }
        public void clear() { calls.add("clear"); }
        public void sleep() {}
        public void close() {}
    }

    private static void settle(DisplayLoop loop) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        loop.events().add(new Event.Ping(done::countDown));
        assertTrue(done.await(60, TimeUnit.SECONDS), "the loop answers");
    }

    @Test
    void theNightlyClearFlashesThePanelWhiteThenShowsThePageAgainInFull() throws Exception {
        Path pkg = dir.resolve("pkg");
        SampleIssue.write(pkg);
        try (IssueStore store = IssueStore.open(dir.resolve("k.db"))) {
            store.activate(store.importPackage(pkg).id());
            Recording panel = new Recording();
            DisplayLoop loop = new DisplayLoop(store, panel, List.of(), 6, 0);
            Thread t = new Thread(() -> {
                try {
                    loop.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            t.start();
            settle(loop);
            assertEquals(List.of("FULL"), panel.calls, "the front page, in full");
            int front = panel.ink;
            loop.schedule().clearAt(Instant.now().plusMillis(300));
            loop.events().add(new Event.Pressed(new newsstand.display.Press(newsstand.display.Button.NEXT, false)));
            settle(loop);
            Thread.sleep(600);
            settle(loop);
            assertEquals(List.of("FULL", "PARTIAL", "clear", "FULL"), panel.calls);
            assertTrue(panel.ink > 1000 && panel.ink != front, "page 2 drawn again after the clear: " + panel.ink);
            loop.events().add(new Event.Stop());
            t.join(10_000);
        }
    }

    @Test
    void withoutAFontTheFaultCodeIsStillDrawn() throws Exception {
        Recording panel = new Recording();
        Framebuffer fb = new Framebuffer(panel.model.width(), panel.model.height(), panel.model.greyLevels());
        NoFont.show(panel, fb, new newsstand.display.Refresher(panel, 6, 0), "F1", Help.of("kiosk-001"));
        assertEquals(List.of("FULL"), panel.calls);
        assertTrue(panel.ink > 2000, "F1 and what to do, in the built-in letters: " + panel.ink);
        assertEquals("https://github.com/newsstand-kiosk/newsstand?device=kiosk-001#F1", HelpScreensTest.decode(fb), "its QR code");
    }
}
