package newsstand.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import newsstand.issue.Issue;
import newsstand.kiosk.Soak;
import newsstand.store.IssueStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "soak", mixinStandardHelpOptions = true,
        description = {"Drives the kiosk's display loop with simulated presses through the sample issue, back and forth, and "
                + "prints the heap and the RSS every 1,000 turns; ends with soak_turns=N p50_ms=X p99_ms=Y heap_mb=Z rss_mb=W "
                + "(the time from a press to the frame handed to the panel)."})
final class BenchSoakCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Options.PanelOption panel;

    @Option(names = "--turns", paramLabel = "N", defaultValue = "10000", description = "Page turns (default: ${DEFAULT-VALUE}).")
    int turns;

    @Override
    public Integer call() throws Exception {
        if (turns < 1 || turns > 10_000_000) throw new Newsstand.UserError("--turns " + turns + " is not allowed (allowed: 1 to 10000000)");
        Path dir = Files.createTempDirectory("newsstand-soak");
        try {
            try (IssueStore store = IssueStore.open(dir.resolve("soak.db"))) {
                SampleIssue.activate(store);
                Soak.run(store, panel.model, turns, spec.commandLine().getOut());
            }
            return 0;
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
