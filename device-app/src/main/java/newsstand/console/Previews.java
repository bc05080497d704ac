package newsstand.console;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import newsstand.config.PanelModel;
import newsstand.display.SimulatedPanel;
import newsstand.issue.Issue;
import newsstand.issue.IssuePackage;
import newsstand.layout.IssueRenderer;
import org.tinylog.Logger;

/**
 * The pages of an upload as each panel model shows them, rendered by the kiosks' own engine (IssueRenderer through a
 * simulated panel, as `newsstand render` does) on one thread of their own, one issue and model at a time, and kept as
 * files: DATA/uploads/ID/previews/MODEL/1.png, ... A rendering is written beside its place and moved in when whole,
 * so a folder in place is a finished one; the console's memory holds one issue's pages at a time.
 */
final class Previews implements AutoCloseable {
    /** A rendering's state: rendering, ready (with its pages) or failed (with why). */
    record State(String state, int pages, String error) {
        JsonObject json(String model) {
            JsonObject o = new JsonObject();
            o.addProperty("model", model);
            o.addProperty("state", state);
            o.addProperty("pages", pages);
            if (error != null) o.addProperty("error", error);
            return o;
        }
    }

    private final Live live;
    private final ExecutorService renderer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "console-render");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, CompletableFuture<State>> running = new ConcurrentHashMap<>();
    /** The renderers by language, made once (choosing the fonts maps every font file); used on the render thread only. */
    private final Map<String, IssueRenderer> renderers = new HashMap<>();

    Previews(Live live) {
        this.live = live;
    }

    /** The folder of an upload's pages for a model. */
    static Path folder(Path upload, PanelModel model) {
        return upload.resolve("previews").resolve(model.id());
    }

    /** The state of an upload's pages for a model; starts rendering them when they are neither there nor on the way. */
    State state(String id, Path upload, PanelModel model) {
        int pages = pages(upload, model);
        if (pages > 0) return new State("ready", pages, null);
        CompletableFuture<State> f = render(id, upload, model);
        return f.isDone() ? f.join() : new State("rendering", 0, null);
    }

    /** The rendering of an upload's pages for a model: done at once when they are there. */
    CompletableFuture<State> render(String id, Path upload, PanelModel model) {
        String key = id + "/" + model.id();
        int pages = pages(upload, model);
        if (pages > 0) return CompletableFuture.completedFuture(new State("ready", pages, null));
        return running.computeIfAbsent(key, k -> CompletableFuture.supplyAsync(() -> {
            State s = renderNow(upload, model);
            JsonObject event = s.json(model.id());
            event.addProperty("upload", id);
            live.publish("preview", event);
            // A failure is kept (asking again would fail again); a success is on disk and needs no entry.
            if (s.state().equals("ready")) running.remove(k);
            return s;
        }, renderer));
    }

    /** How many pages are rendered for a model (0: none yet). */
    static int pages(Path upload, PanelModel model) {
        Path done = folder(upload, model).resolve("pages");
        try {
            return Files.isRegularFile(done) ? Integer.parseInt(Files.readString(done).strip()) : 0;
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    private State renderNow(Path upload, PanelModel model) {
        Path target = folder(upload, model);
        Path scratch = target.resolveSibling(model.id() + ".rendering");
        long start = System.nanoTime();
        try {
            Uploads.deleteTree(scratch);
            Path pkg = upload.resolve("package");
            Issue issue = IssuePackage.read(pkg);
            IssueRenderer r = renderers.get(issue.language());
            if (r == null) {
                r = IssueRenderer.open(issue.language());
                renderers.put(issue.language(), r);
            }
            int pages;
            try (SimulatedPanel panel = new SimulatedPanel(model, scratch, "%d.png")) {
                pages = r.renderAll(issue, file -> Files.readAllBytes(safe(pkg, file)), panel);
            }
            Files.deleteIfExists(scratch.resolve("refresh.log"));
            Files.writeString(scratch.resolve("pages"), Integer.toString(pages));
            Files.move(scratch, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            Logger.info("console: rendered {} pages of {} for {} in {} ms", pages, upload.getFileName(), model.id(), (System.nanoTime() - start) / 1_000_000);
            return new State("ready", pages, null);
        } catch (Exception | OutOfMemoryError | StackOverflowError e) {
            Logger.warn("console: rendering {} for {} failed: {}", upload.getFileName(), model.id(), e.toString());
            try {
                Uploads.deleteTree(scratch);
            } catch (IOException ignored) {
                // what is left is removed with the next attempt
            }
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new State("failed", 0, why);
        }
    }

    /** A photo's file inside the package (IssuePackage checked the names; this keeps it so whatever they are). */
    private static Path safe(Path pkg, String file) throws IOException {
        Path p = pkg.resolve(file).normalize();
        if (!p.startsWith(pkg)) throw new IOException(file + " is outside the package");
        return p;
    }

    @Override
    public void close() {
        renderer.shutdownNow();
    }
}
