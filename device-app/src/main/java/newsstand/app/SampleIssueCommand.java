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

    @Option(names = "--publication", paramLabel = "ID", description = "Write it as an issue of this publication (default: "
            + "haibin-daily, or derived from --title); the id becomes PUBLICATION-DATE.")
    String publication;

    @Option(names = "--title", paramLabel = "NAME", description = "Write it under this newspaper's name (default: 海滨日报).")
    String title;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "Write it as the issue of this day (default: 2025-09-10).")
    java.time.LocalDate date;

    @Override
    public Integer call() throws Exception {
        if (title != null && (title.isBlank() || title.length() > 64)) {
            throw new Newsstand.UserError("--title '" + title + "' is not allowed (allowed: 1 to 64 characters)");
        }
        String pub = publication == null && title == null ? null : Options.publication(publication, title == null ? "haibin-daily" : title.strip());
        SampleIssue.write(out, pub, title == null ? null : title.strip(), date);
        Issue issue = IssuePackage.read(out);
        spec.commandLine().getOut().println("wrote sample issue " + issue.id() + " (" + issue.sections().size() + " sections, "
                + issue.articles().size() + " articles) to " + out);
        return 0;
    }
}
