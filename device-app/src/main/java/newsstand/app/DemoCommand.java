package newsstand.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import newsstand.config.PanelModel;
import newsstand.display.SimulatedPanel;
import newsstand.fonts.Face;
import newsstand.fonts.FontCatalog;
import newsstand.sync.Issue;
import newsstand.sync.IssueStore;
import newsstand.sync.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Imports the bundled sample issue into a fresh SQLite store, activates it and renders every page "
                + "through the simulated panel, as DIR/page-001.png, page-002.png, ..."})
final class DemoCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out", description = "Folder for the pages (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--panel", paramLabel = "MODEL", defaultValue = "it8951-10in3",
            description = "Panel model: it8951-10in3, it8951-13in3, it8951-6in or waveshare-7in5-v2 (default: ${DEFAULT-VALUE}).")
    PanelModel panel;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        Outputs.prepare(out);
        Path db = out.resolve("demo.db");
        for (String suffix : new String[] {"", "-wal", "-shm"}) Files.deleteIfExists(Path.of(db + suffix));
        Path pkg = Files.createTempDirectory("newsstand-sample");
        try (IssueStore store = IssueStore.open(db)) {
            SampleIssue.write(pkg);
            Issue imported = store.importPackage(pkg);
            store.activate(imported.id());
            String id = store.active().orElseThrow();
            Issue issue = store.issue(id);
            Face face = FontCatalog.scan(List.of()).chineseFace();
            SimulatedPanel simulated = new SimulatedPanel(panel, out, "page-%03d.png");
            int pages = new IssueRenderer(face).renderAll(issue, file -> {
                try {
                    return store.image(id, file);
                } catch (StoreException e) {
                    throw new IOException(e.getMessage(), e);
                }
            }, simulated);
            long ms = (System.nanoTime() - start) / 1_000_000;
            spec.commandLine().getOut().println("rendered " + pages + " pages of " + id + " for " + panel.id() + " in " + ms + " ms");
            return 0;
        } finally {
            try (Stream<Path> files = Files.walk(pkg)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
