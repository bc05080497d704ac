package newsstand.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import newsstand.issue.Issue;
import newsstand.issue.IssuePackage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "sample-issue", mixinStandardHelpOptions = true,
        description = "Writes the bundled sample issue package (issue.json and its photos) into a folder.")
final class SampleIssueCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder to write the package to.")
    Path out;

    @Override
    public Integer call() throws Exception {
        SampleIssue.write(out);
        Issue issue = IssuePackage.read(out);
        spec.commandLine().getOut().println("wrote sample issue " + issue.id() + " (" + issue.sections().size() + " sections, "
                + issue.articles().size() + " articles) to " + out);
        return 0;
    }
}
