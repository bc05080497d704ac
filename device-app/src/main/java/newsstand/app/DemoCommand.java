package newsstand.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import newsstand.issue.Issue;
import newsstand.store.IssueStore;
import newsstand.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Imports the bundled sample issue into a fresh SQLite store, activates it and renders every page "
                + "through the simulated panel, as DIR/page-001.png, page-002.png, ... (or with --traced through the panel's real driver)"})
final class DemoCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out", description = "Folder for the pages (default: ${DEFAULT-VALUE}).")
    Path out;

    @Mixin Options.PanelOption panel;

    @Option(names = "--traced", description = "Show the pages through the panel model's real driver (UC8179 or IT8951) "
            + "against recording wires and a simulated controller, instead of the simulated panel; the traffic goes to "
            + "DIR/panel-trace.txt.")
    boolean traced;

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
            Outputs.render(store.issue(id), file -> {
                try {
                    return store.image(id, file);
                } catch (StoreException e) {
                    throw new IOException(e.getMessage(), e);
                }
            }, panel.model, out, start, spec.commandLine().getOut(), traced);
            return 0;
        } finally {
            try (Stream<Path> files = Files.walk(pkg)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
