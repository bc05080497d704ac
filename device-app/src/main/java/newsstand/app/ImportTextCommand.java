package newsstand.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import newsstand.issue.Issue;
import newsstand.issue.IssuePackage;
import newsstand.issue.TextImport;
import newsstand.issue.TextImporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "import-text", mixinStandardHelpOptions = true,
        description = {"Turns a newspaper page given as plain UTF-8 text into an issue package: short lines become "
                + "headlines and subheads, lines starting with □ bylines, 本报…讯 datelines, lines ending in 摄 photo captions."})
final class ImportTextCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The page as plain text.")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder to write the package to.")
    Path out;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "The issue's date (default: the date in FILE's name).")
    String date;

    @Option(names = "--title", paramLabel = "NAME", description = "The newspaper's name (default: the paper its bylines name).")
    String title;

    @Option(names = "--explain", description = "Also print how each block of the page was read: its line, the role it was given "
            + "(kicker, headline, subhead, byline, dateline, paragraph, caption, joined with the next, moved, banner) and the article it went to.")
    boolean explain;

    @Option(names = "--publication", paramLabel = "ID", description = "The publication the issue belongs to: a kiosk shows the newest "
            + "issue of each (default: FILE's name without its date, qingdao-daily for qingdao-daily-2025-09-10.txt; "
            + "without one, derived from the newspaper's name). 1 to 64 of a-z, 0-9 and '-'.")
    String publication;

    @Override
    public Integer call() throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        UnaryOperator<String> names = input -> input.equals("file") ? file.toString() : "--" + input;
        TextImport.Result read;
        try {
            read = TextImport.read(bytes, file.getFileName().toString(), date, title, publication, names);
            if (explain) explain(read.reading());
            TextImport.requireArticles(read, names);
        } catch (TextImport.Refused e) {
            throw new Newsstand.UserError(e.getMessage());
        }
        Issue issue = read.issue();
        IssuePackage.writeManifest(issue, out);
        IssuePackage.read(out);
        if (read.note() != null) spec.commandLine().getOut().println(read.note());
        spec.commandLine().getOut().println("wrote issue " + issue.id() + " of publication " + issue.publication() + " ("
                + Printable.of(issue.title(), 64) + ", " + issue.articles().size() + " articles) to " + out);
        return 0;
    }

    /** Each block: line, article, role, and its text (the start of a long one), then each article in a line. */
    private void explain(TextImporter.Reading reading) {
        java.io.PrintWriter out = spec.commandLine().getOut();
        out.printf("%-5s %-8s %-58s %s%n", "LINE", "ARTICLE", "READ AS", "TEXT");
        for (TextImporter.Block b : reading.blocks()) {
            String text = b.text().codePointCount(0, b.text().length()) > 40
                    ? b.text().substring(0, b.text().offsetByCodePoints(0, 40)) + "…" : b.text();
            out.printf("%-5d %-8s %-58s %s%n", b.line(), b.article() == null ? "-" : b.article(), b.role(), Printable.of(text, 200));
        }
        for (newsstand.issue.Article a : reading.issue().articles()) out.println(TextImport.summary(a));
    }
}
