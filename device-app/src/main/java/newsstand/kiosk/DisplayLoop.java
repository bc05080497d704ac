package newsstand.kiosk;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import newsstand.display.Framebuffer;
import newsstand.display.Panel;
import newsstand.display.Refresher;
import newsstand.display.pi4j.Buttons;
import newsstand.fonts.FontException;
import newsstand.issue.Issue;
import newsstand.layout.IssueRenderer;
import newsstand.layout.Page;
import newsstand.layout.PageRenderer;
import newsstand.store.IssueStore;
import newsstand.store.StoreException;
import org.tinylog.Logger;

/**
 * The kiosk's display loop: shows the active issue's front page, turns pages on button presses and shows a newly
 * activated issue from its front page. One thread takes events from one queue; the sync and the buttons only add
 * to it. A failure to show an issue is logged and the kiosk goes on showing what it showed.
 */
final class DisplayLoop {
    /** Something the display loop reacts to. */
    sealed interface Event permits Activated, Pressed, Stop {}

    record Activated(String issue) implements Event {}

    record Pressed(Buttons.Press press) implements Event {}

    record Stop() implements Event {}

    private final IssueStore store;
    /** The configured font folders (fonts.path), searched before the system's. */
    private final List<Path> fontFolders;
    private final Panel panel;
    private final Refresher refresher;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Map<String, IssueRenderer> renderers = new HashMap<>();
    private final Framebuffer fb;
    private String issueId;
    private List<Page> pages = List.of();
    private PageRenderer pageRenderer;
    private int page;

    DisplayLoop(IssueStore store, Panel panel, List<Path> fontFolders, int fullEvery, int minIntervalMs) {
        this.store = store;
        this.fontFolders = List.copyOf(fontFolders);
        this.panel = panel;
        this.refresher = new Refresher(panel, fullEvery, minIntervalMs);
        this.fb = new Framebuffer(panel.model().width(), panel.model().height(), panel.model().greyLevels());
    }

    BlockingQueue<Event> events() {
        return events;
    }

    /** Shows the active issue, then handles events until a Stop. */
    void run() throws InterruptedException {
        try {
            Optional<String> active = store.active();
            if (active.isEmpty()) {
                Logger.info("kiosk: no issue yet; waiting for the first delivery");
            } else if (!open(active.get())) {
                // What the kiosk showed before the active issue, rather than nothing.
                Optional<String> previous = store.previous();
                if (previous.isPresent()) open(previous.get());
            }
        } catch (StoreException e) {
            Logger.error("kiosk: {}", e.getMessage());
        }
        while (true) {
            Event e = events.take();
            if (e instanceof Stop) return;
            if (e instanceof Activated a) open(a.issue());
            else if (e instanceof Pressed p && !pages.isEmpty()) {
                int to = switch (p.press().button()) {
                    case NEXT -> Math.min(pages.size() - 1, page + 1);
                    case PREVIOUS -> Math.max(0, page - 1);
                    case HOME -> 0;
                };
                if (to != page) show(to, false);
            }
        }
    }

    /** Composes an issue and shows its front page; false, still showing what it showed, when that fails. */
    private boolean open(String id) {
        try {
            Issue issue = store.issue(id);
            IssueRenderer r = renderers.get(issue.language());
            if (r == null) {
                r = IssueRenderer.open(issue.language(), fontFolders);
                renderers.put(issue.language(), r);
            }
            List<Page> composed = r.compose(issue, panel);
            if (pageRenderer != null) pageRenderer.close();
            pageRenderer = r.renderer(file -> {
                try {
                    return store.image(id, file);
                } catch (StoreException ex) {
                    throw new IOException(ex.getMessage(), ex);
                }
            }, panel.model());
            issueId = id;
            pages = composed;
            Logger.info("kiosk: showing {} ({} pages)", id, pages.size());
            show(0, true);
            return true;
        } catch (StoreException | FontException | RuntimeException | OutOfMemoryError | StackOverflowError e) {
            Logger.error("kiosk: cannot show issue {}: {}; still showing {}", id, e.toString(), issueId == null ? "nothing" : issueId);
            return false;
        }
    }

    private void show(int to, boolean newIssue) {
        try {
            pageRenderer.draw(pages.get(to), fb);
            refresher.show(fb, newIssue, IssueRenderer.largePhotos(pages.get(to), panel.model()));
            page = to;
        } catch (IOException | RuntimeException | OutOfMemoryError e) {
            Logger.error("kiosk: page {} of {} not shown: {}", to + 1, issueId, e.toString());
        }
    }
}
