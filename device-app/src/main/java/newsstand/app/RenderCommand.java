package newsstand.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import newsstand.config.PanelModel;
import newsstand.display.SimulatedPanel;
import newsstand.fonts.Face;
import newsstand.fonts.FontCatalog;
import newsstand.sync.Issue;
import newsstand.sync.IssuePackage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Validates an issue package and renders its pages as a kiosk would show them, as DIR/page-001.png, "
                + "... (operators preview an issue before pushing it)."})
final class RenderCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--issue", paramLabel = "PATH", required = true, description = "The issue package folder (with issue.json).")
    Path issuePath;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder for the pages.")
    Path out;

    @Option(names = "--panel", paramLabel = "MODEL", defaultValue = "it8951-10in3",
            description = "Panel model: it8951-10in3, it8951-13in3, it8951-6in or waveshare-7in5-v2 (default: ${DEFAULT-VALUE}).")
    PanelModel panel;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        Issue issue = IssuePackage.read(issuePath);
        Outputs.prepare(out);
        Face face = FontCatalog.scan(List.of()).chineseFace();
        SimulatedPanel simulated = new SimulatedPanel(panel, out, "page-%03d.png");
        int pages = new IssueRenderer(face).renderAll(issue, file -> Files.readAllBytes(issuePath.resolve(file)), simulated);
        long ms = (System.nanoTime() - start) / 1_000_000;
        spec.commandLine().getOut().println("rendered " + pages + " pages of " + issue.id() + " for " + panel.id() + " in " + ms + " ms");
        return 0;
    }
}
