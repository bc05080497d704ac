package newsstand.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import newsstand.issue.Issue;
import newsstand.issue.IssuePackage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Validates an issue package and renders its pages as a kiosk would show them, as DIR/page-001.png, "
                + "... (operators preview an issue before pushing it)."})
final class RenderCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--issue", paramLabel = "PATH", required = true, description = "The issue package folder (with issue.json).")
    Path issuePath;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder for the pages.")
    Path out;

    @Mixin Options.PanelOption panel;

    @Option(names = "--layout", description = "Also write DIR/layout.json: every line (kind, article, paragraph, box, size, text, "
            + "justification gap) and photo of every page, to check or diff.")
    boolean layout;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        Issue issue = IssuePackage.read(issuePath);
        Outputs.prepare(out);
        Outputs.render(issue, file -> Files.readAllBytes(issuePath.resolve(file)), panel.model, out, start,
                spec.commandLine().getOut(), false, layout);
        return 0;
    }
}
