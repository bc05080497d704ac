package newsstand.app;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import newsstand.issue.Issue;
import newsstand.issue.IssuePackage;
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
    private static final Pattern DATE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})");

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
        String text;
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(in).toString();
        } catch (CharacterCodingException e) {
            throw new Newsstand.UserError(file + ": malformed UTF-8 at byte " + in.position() + " (the page must be UTF-8 text)");
        }
        String stem = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        LocalDate day = date(stem);
        String name = title != null ? title.strip() : TextImporter.paperName(text);
        if (name == null || name.isEmpty()) {
            throw new Newsstand.UserError(file + ": no byline names the newspaper; give --title NAME");
        }
        String id = TextImporter.issueId(file.getFileName().toString(), day);
        String pub = publication != null ? Options.publication(publication, name) : TextImporter.publication(id, name);
        TextImporter.Reading reading = TextImporter.read(text, id, pub, name, day);
        Issue issue = reading.issue();
        if (explain) explain(reading);
        if (issue.articles().isEmpty()) throw new Newsstand.UserError(file + ": no article found in the text");
        IssuePackage.writeManifest(issue, out);
        IssuePackage.read(out);
        if (publication == null && pub.startsWith("t-") && pub.equals(newsstand.issue.Issue.derivePublication(name))) {
            spec.commandLine().getOut().println("note: publication " + pub + " is made from the newspaper's name; for a readable id, name the file "
                    + "PUBLICATION-YYYY-MM-DD.txt (qingdao-daily-2025-09-10.txt) or give --publication ID");
        }
        spec.commandLine().getOut().println("wrote issue " + issue.id() + " of publication " + issue.publication() + " ("
                + Printable.of(name, 64) + ", " + issue.articles().size() + " articles) to " + out);
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
        for (newsstand.issue.Article a : reading.issue().articles()) {
            out.println(a.id() + ": " + (a.kicker() == null ? "" : "[" + a.kicker() + "] ") + a.headline()
                    + (a.subhead() == null ? "" : " / " + a.subhead()) + " — " + a.paragraphs().size() + " paragraphs"
                    + (a.photos().isEmpty() ? "" : ", " + a.photos().size() + " captions"));
        }
    }

    private LocalDate date(String stem) throws Newsstand.UserError {
        String text = date;
        if (text == null) {
            Matcher m = DATE.matcher(stem);
            if (!m.find()) throw new Newsstand.UserError(file + ": its name holds no date; give --date YYYY-MM-DD");
            text = m.group(1);
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new Newsstand.UserError("--date '" + text + "' is not a date (allowed: YYYY-MM-DD, such as 2025-09-10)");
        }
    }
}
