package newsstand.issue;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import newsstand.config.Name;

/**
 * A page of plain text as the operator gives it (its bytes, its file's name, and optionally the date, the newspaper's
 * name and the publication), read into an issue by {@link TextImporter}: what `newsstand import-text` and the
 * console's upload both do, with the same defaults and the same messages. Each caller names its inputs its own way
 * (the command line "--date", the console "'date'"), so a message names what the operator typed.
 */
public final class TextImport {
    private static final Pattern DATE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})");

    /** A page refused: the message names the input and says what is allowed. */
    public static final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }

    /** The page read: how each block was read and the issue; a note for the operator, or null. */
    public record Result(TextImporter.Reading reading, String note) {
        public Issue issue() {
            return reading.issue();
        }
    }

    private TextImport() {}

    /**
     * Reads a page. {@code names} gives how the caller names each input: "file" (the page, e.g. its path), "date",
     * "title" and "publication". Refused: text that is not UTF-8, no date (given or in the file's name), a date that is
     * not one, no newspaper's name (given or in the bylines), a publication against the rule, a page without articles.
     */
    public static Result read(byte[] page, String fileName, String date, String title, String publication,
                              UnaryOperator<String> names) throws Refused {
        String text;
        ByteBuffer in = ByteBuffer.wrap(page);
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(in).toString();
        } catch (CharacterCodingException e) {
            throw new Refused(names.apply("file") + ": malformed UTF-8 at byte " + in.position() + " (the page must be UTF-8 text)");
        }
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        String stem = fileName.replaceFirst("\\.[^.]*$", "");
        LocalDate day = date(stem, date, names);
        String name = title != null ? title.strip() : TextImporter.paperName(text);
        if (name == null || name.isEmpty()) {
            throw new Refused(names.apply("file") + ": no byline names the newspaper; give " + names.apply("title") + " NAME");
        }
        String id = TextImporter.issueId(fileName, day);
        String pub;
        if (publication == null) {
            pub = TextImporter.publication(id, name);
        } else if (!Name.valid(publication)) {
            throw new Refused(names.apply("publication") + " '" + publication + "' is not allowed (allowed: " + Name.RULE + ")");
        } else {
            pub = publication;
        }
        TextImporter.Reading reading = TextImporter.read(text, id, pub, name, day);
        String note = null;
        if (publication == null && pub.startsWith("t-") && pub.equals(Issue.derivePublication(name))) {
            note = "note: publication " + pub + " is made from the newspaper's name; for a readable id, name the file "
                    + "PUBLICATION-YYYY-MM-DD.txt (qingdao-daily-2025-09-10.txt) or give " + names.apply("publication") + " ID";
        }
        return new Result(reading, note);
    }

    /** Refuses a page read into no article (after the caller showed how it was read). */
    public static void requireArticles(Result r, UnaryOperator<String> names) throws Refused {
        if (r.issue().articles().isEmpty()) throw new Refused(names.apply("file") + ": no article found in the text");
    }

    /** An article in a line: "a01: [kicker] headline / subhead — 5 paragraphs, 1 captions". */
    public static String summary(Article a) {
        return a.id() + ": " + (a.kicker() == null ? "" : "[" + a.kicker() + "] ") + a.headline()
                + (a.subhead() == null ? "" : " / " + a.subhead()) + " — " + a.paragraphs().size() + " paragraphs"
                + (a.photos().isEmpty() ? "" : ", " + a.photos().size() + " captions");
    }

    /**
     * What a role says, in one word: kicker, headline, subhead, byline, dateline, paragraph, caption, joined (a
     * paragraph joined with the block after it, or continuing the one before), moved, banner; "other" for none.
     */
    public static String kind(String role) {
        if (role == null) return "other";
        if (role.startsWith("paragraph, joined") || role.startsWith("paragraph, continuing")) return "joined";
        if (role.startsWith("moved")) return "moved";
        if (role.startsWith("banner")) return "banner";
        if (role.startsWith("dateline")) return "dateline";
        for (String k : new String[] {"kicker", "headline", "subhead", "byline", "paragraph", "caption"}) {
            if (role.startsWith(k)) return k;
        }
        return "other";
    }

    private static LocalDate date(String stem, String given, UnaryOperator<String> names) throws Refused {
        String text = given;
        if (text == null) {
            Matcher m = DATE.matcher(stem);
            if (!m.find()) throw new Refused(names.apply("file") + ": its name holds no date; give " + names.apply("date") + " YYYY-MM-DD");
            text = m.group(1);
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new Refused(names.apply("date") + " '" + text + "' is not a date (allowed: YYYY-MM-DD, such as 2025-09-10)");
        }
    }
}
