package newsstand.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import newsstand.config.PanelModel;
import newsstand.display.Panel;
import newsstand.display.SimulatedPanel;
import newsstand.display.hardware.Panels;
import newsstand.fonts.FontException;
import newsstand.issue.Issue;
import newsstand.layout.IssueRenderer;
import newsstand.layout.PageRenderer;

/** What the rendering commands share: the panel option, the output folder and the closing report. */
final class Outputs {
    private Outputs() {}

    /**
     * Renders every page of an issue into the folder and prints the closing line: through the simulated panel (PNGs),
     * or with traced set through the model's real driver against recording wires (DIR/panel-trace.txt).
     */
    static void render(Issue issue, PageRenderer.PhotoSource photos, PanelModel model, Path folder, long startNanos,
                       PrintWriter out, boolean traced) throws IOException, FontException {
        render(issue, photos, model, folder, startNanos, out, traced, false);
    }

    /** As above; with layout, also DIR/layout.json: where every line and photo went (LayoutDump). */
    static void render(Issue issue, PageRenderer.PhotoSource photos, PanelModel model, Path folder, long startNanos,
                       PrintWriter out, boolean traced, boolean layout) throws IOException, FontException {
        Path trace = folder.resolve("panel-trace.txt");
        IssueRenderer renderer = IssueRenderer.open(issue.language());
        if (layout) {
            Files.writeString(folder.resolve("layout.json"), newsstand.layout.LayoutDump.json(renderer.compose(issue, model), model));
        }
        int pages;
        try (Panel panel = traced ? Panels.traced(model, trace) : new SimulatedPanel(model, folder, "page-%03d.png")) {
            pages = renderer.renderAll(issue, photos, panel);
        }
        long ms = (System.nanoTime() - startNanos) / 1_000_000;
        out.println("rendered " + pages + " pages of " + issue.id() + " for " + model.id() + " in " + ms + " ms"
                + (traced ? " through the " + model.controller() + " driver, its traffic in " + trace : "")
                + (layout ? "; the layout in " + folder.resolve("layout.json") : ""));
    }

    /** Deletes a folder and everything in it, as far as it can; nothing when it does not exist. */
    static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) return;
        try (java.util.stream.Stream<Path> files = Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Creates the folder, and removes the pages, refresh log and layout an earlier run left there. */
    static void prepare(Path folder) throws IOException {
        if (Files.exists(folder) && !Files.isDirectory(folder)) throw new IOException(folder + ": exists and is not a folder");
        Files.createDirectories(folder);
        try (DirectoryStream<Path> old = Files.newDirectoryStream(folder, "{page-*.png,refresh.log,layout.json}")) {
            for (Path p : old) Files.delete(p);
        }
    }
}
