package newsstand.layout;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import newsstand.issue.Article;
import newsstand.issue.Issue;
import newsstand.issue.Section;

/**
 * Chinese prose the project did not write: the manual pages Debian's manpages-zh ships (/usr/share/man/zh_CN),
 * full of option names, numbers, paths, quotes and book-title marks, read from their roff source into an issue: a
 * section a page, a story a heading (名称, 描述, 选项...), a paragraph a roff paragraph.
 */
final class ManPages {
    private ManPages() {}

    static final Path FOLDER = Path.of("/usr/share/man/zh_CN/man1");
    /** manpages-zh's Traditional Chinese pages. */
    static final Path TRADITIONAL = Path.of("/usr/share/man/zh_TW/man1");
    /** The Japanese translations Debian's packages ship (passwd, man-db, vim, login, dpkg). */
    static final Path JAPANESE = Path.of("/usr/share/man/ja/man1");

    static Issue issue(String... pages) throws IOException {
        return issue(FOLDER, "zh-Hans", "中文手册", pages);
    }

    /** Manual pages of a folder as an issue in a language. */
    static Issue issue(Path folder, String language, String title, String... pages) throws IOException {
        List<Section> sections = new ArrayList<>();
        for (String name : pages) sections.add(section(folder, name));
        return new Issue("man-" + language, "man-" + language, title, LocalDate.of(2025, 9, 10), null, language, sections);
    }

    private static Section section(Path folder, String name) throws IOException {
        String roff;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(folder.resolve(name + ".1.gz")))) {
            roff = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<Article> articles = new ArrayList<>();
        String heading = null;
        List<String> paragraphs = new ArrayList<>();
        StringBuilder paragraph = new StringBuilder();
        for (String line : roff.split("\n")) {
            if (line.startsWith(".SH") || line.startsWith(".SS")) {
                flush(paragraph, paragraphs);
                if (heading != null && !paragraphs.isEmpty()) articles.add(article(name, articles.size(), heading, paragraphs));
                heading = text(line.substring(3)).replace("\"", "").strip();
                paragraphs = new ArrayList<>();
            } else if (line.startsWith(".PP") || line.startsWith(".TP") || line.startsWith(".IP") || line.startsWith(".LP")
                    || line.startsWith(".P") || line.startsWith(".br") || line.startsWith(".sp")) {
                flush(paragraph, paragraphs);
            } else if (line.matches("^\\.(B|I|BR|BI|IR|RB|RI|IB|SM|SB) .*") && heading != null) {
                // a font request's words: the text of its arguments, run together as troff sets them
                String t = text(line.substring(line.indexOf(' ') + 1)).replace("\"", "").strip();
                if (!t.isEmpty()) paragraph.append(paragraph.length() > 0 ? " " : "").append(t);
            } else if (line.startsWith(".") || line.startsWith("'")) {
                // other requests (indents, comments) carry no prose
            } else if (heading != null) {
                String t = text(line).strip();
                if (!t.isEmpty()) {
                    if (paragraph.length() > 0 && !Character.isIdeographic(t.codePointAt(0)) && !kana(t.codePointAt(0))) paragraph.append(' ');
                    paragraph.append(t);
                }
            }
        }
        flush(paragraph, paragraphs);
        if (heading != null && !paragraphs.isEmpty()) articles.add(article(name, articles.size(), heading, paragraphs));
        return new Section(name, name, articles);
    }

    private static Article article(String page, int n, String heading, List<String> paragraphs) {
        return new Article(page + "-" + n, null, page + "：" + heading, null, null, null, List.copyOf(paragraphs), List.of());
    }

    private static void flush(StringBuilder paragraph, List<String> paragraphs) {
        String p = paragraph.toString().strip();
        paragraph.setLength(0);
        if (p.isEmpty()) return;
        // A mark on a line of its own after a request ends the sentence before it, as troff joins it.
        if ("，。、；：！？”）".indexOf(p.charAt(0)) >= 0 && !paragraphs.isEmpty()) {
            paragraphs.set(paragraphs.size() - 1, paragraphs.get(paragraphs.size() - 1) + p);
        } else {
            paragraphs.add(p);
        }
    }

    /** Japanese kana and the prolonged sound mark: a line of Japanese runs on without a space, as Han does. */
    private static boolean kana(int cp) {
        return cp >= 0x3040 && cp <= 0x30FF;
    }

    /** A roff line's text: font escapes dropped, escaped characters as themselves. */
    private static String text(String line) {
        return line.replaceAll("\\\\f[BIRP]|\\\\f\\(..|\\\\[,/&]", "").replace("\\-", "-").replace("\\(em", "—")
                .replace("\\(en", "–").replace("\\(aq", "'").replace("\\(dq", "\"").replace("\\e", "\\").replace("\\ ", " ")
                .replaceAll("\\\\\\(..", "").replace("\\", "");
    }
}
