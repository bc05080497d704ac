package newsstand.issue;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import newsstand.config.Language;
import newsstand.config.Name;

/**
 * An issue package: a folder holding {@code issue.json} and the image files it names. Reading validates all of
 * it, and every problem names the file and the field. The format is described in sync/PACKAGE.md.
 */
public final class IssuePackage {
    public static final String MANIFEST = "issue.json";
    public static final int FORMAT = 1;

    private static final Set<String> LANGUAGES = Set.copyOf(Language.OF_ISSUES);
    private static final Set<String> ISSUE_FIELDS = Set.of("format", "id", "publication", "title", "date", "edition", "language", "sections");
    private static final Set<String> SECTION_FIELDS = Set.of("id", "title", "articles");
    private static final Set<String> ARTICLE_FIELDS = Set.of("id", "kicker", "headline", "subhead", "byline", "dateline", "paragraphs", "photos");
    private static final Set<String> PHOTO_FIELDS = Set.of("file", "caption", "credit");

    private IssuePackage() {}

    /** Reads and validates the package in a folder. */
    public static Issue read(Path folder) throws PackageException {
        Path manifest = folder.resolve(MANIFEST);
        if (!Files.isDirectory(folder)) throw new PackageException(folder.toString(), List.of("not a folder"));
        if (!Files.exists(manifest, LinkOption.NOFOLLOW_LINKS)) throw new PackageException(manifest.toString(), List.of("file not found (every package has one)"));
        if (!Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS)) {
            throw new PackageException(manifest.toString(), List.of("is a symbolic link or not a plain file (allowed: a plain file)"));
        }
        String text;
        try {
            long size = Files.size(manifest);
            if (size > PackageLimits.MANIFEST_BYTES) {
                throw new PackageException(manifest.toString(), List.of("file is " + size + " bytes (allowed: at most " + PackageLimits.MANIFEST_BYTES + ")"));
            }
            text = utf8(Files.readAllBytes(manifest), manifest.toString());
        } catch (IOException e) {
            throw new PackageException(manifest.toString(), List.of("cannot read: " + e.getMessage()));
        }
        JsonObject root;
        try {
            JsonReader reader = new JsonReader(new StringReader(text));
            reader.setStrictness(Strictness.STRICT);
            JsonElement element = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) throw new JsonParseException("text after the JSON value");
            if (!element.isJsonObject()) throw new JsonParseException("the top level is not an object");
            root = element.getAsJsonObject();
        } catch (JsonParseException | IOException | IllegalStateException e) {
            String why = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
            throw new PackageException(manifest.toString(), List.of("not valid JSON: " + why));
        }
        Fields f = new Fields(MANIFEST);
        Issue issue = issue(root, f, folder);
        if (!f.problems.isEmpty()) throw new PackageException(folder.toString(), f.problems);
        return issue;
    }

    private static String utf8(byte[] bytes, String where) throws PackageException {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            String s = d.decode(in).toString();
            return s.startsWith("\uFEFF") ? s.substring(1) : s;
        } catch (CharacterCodingException e) {
            throw new PackageException(where, List.of("malformed UTF-8 at byte " + in.position() + " (the file must be UTF-8 text)"));
        }
    }

    private static Issue issue(JsonObject o, Fields f, Path folder) {
        f.known(o, "", ISSUE_FIELDS);
        JsonElement format = o.get("format");
        if (format == null || !format.isJsonPrimitive() || !format.getAsJsonPrimitive().isNumber() || format.getAsDouble() != FORMAT) {
            f.problem("format", "is " + (format == null ? "missing" : format.toString()) + " (allowed: " + FORMAT + ")");
        }
        String id = f.id(o, "", "id");
        String title = f.text(o, "", "title", true, 64);
        // Packages from before publications had none: their title names it.
        String publication = o.has("publication") ? f.id(o, "", "publication") : title == null ? null : Issue.derivePublication(title);
        String dateText = f.text(o, "", "date", true, 10);
        LocalDate date = null;
        if (dateText != null) {
            try {
                date = LocalDate.parse(dateText);
            } catch (DateTimeParseException e) {
                f.problem("date", "is '" + dateText + "' (allowed: a date written YYYY-MM-DD)");
            }
        }
        String edition = f.text(o, "", "edition", false, 64);
        String language = f.text(o, "", "language", false, 16);
        if (language == null) language = Language.ZH_HANS;
        else if (!LANGUAGES.contains(language)) f.problem("language", "is '" + language + "' (allowed: " + String.join(", ", new java.util.TreeSet<>(LANGUAGES)) + ")");
        List<Section> sections = new ArrayList<>();
        Set<String> articleIds = new HashSet<>();
        JsonArray array = f.array(o, "", "sections", true, PackageLimits.SECTIONS, "sections an issue");
        if (array != null) {
            for (int i = 0; i < array.size(); i++) {
                String at = "sections[" + i + "]";
                JsonObject s = f.object(array.get(i), at);
                if (s != null) sections.add(section(s, at, f, folder, articleIds));
            }
        }
        if (f.chars > PackageLimits.ISSUE_CHARS) {
            f.problem("", "the issue has " + f.chars + " characters of text (allowed: at most " + PackageLimits.ISSUE_CHARS + " an issue)");
        }
        if (f.photos > PackageLimits.PHOTOS) {
            f.problem("", "the issue has " + f.photos + " photos (allowed: at most " + PackageLimits.PHOTOS + " an issue)");
        }
        return new Issue(id, publication, title, date, edition, language, sections);
    }

    private static Section section(JsonObject s, String at, Fields f, Path folder, Set<String> articleIds) {
        f.known(s, at, SECTION_FIELDS);
        String id = f.id(s, at, "id");
        String title = f.text(s, at, "title", true, 32);
        List<Article> articles = new ArrayList<>();
        JsonArray array = f.array(s, at, "articles", true, PackageLimits.ARTICLES_PER_SECTION, "articles a section");
        if (array != null) {
            for (int i = 0; i < array.size(); i++) {
                String aAt = at + ".articles[" + i + "]";
                JsonObject a = f.object(array.get(i), aAt);
                if (a == null) continue;
                Article article = article(a, aAt, f, folder);
                if (article.id() != null && !articleIds.add(article.id())) {
                    f.problem(aAt + ".id", "'" + article.id() + "' is used by an earlier article (allowed: an id unique in the issue)");
                }
                articles.add(article);
            }
        }
        return new Section(id, title, articles);
    }

    private static Article article(JsonObject a, String at, Fields f, Path folder) {
        f.known(a, at, ARTICLE_FIELDS);
        String id = f.id(a, at, "id");
        String kicker = f.text(a, at, "kicker", false, 80);
        String headline = f.text(a, at, "headline", true, 200);
        String subhead = f.text(a, at, "subhead", false, 300);
        String byline = f.text(a, at, "byline", false, 200);
        String dateline = f.text(a, at, "dateline", false, 80);
        List<String> paragraphs = new ArrayList<>();
        JsonArray ps = f.array(a, at, "paragraphs", true, PackageLimits.ARTICLE_PARAGRAPHS, "paragraphs an article");
        long articleChars = 0;
        if (ps != null) {
            for (int i = 0; i < ps.size(); i++) {
                JsonElement p = ps.get(i);
                String pAt = at + ".paragraphs[" + i + "]";
                if (!p.isJsonPrimitive() || !p.getAsJsonPrimitive().isString() || p.getAsString().isBlank()) {
                    f.problem(pAt, "is " + Fields.abbreviate(p) + " (allowed: a non-empty string)");
                    continue;
                }
                String text = p.getAsString().strip();
                int chars = text.codePointCount(0, text.length());
                String bad = text.indexOf('\n') >= 0 ? null : TextRule.problem(text);
                if (text.indexOf('\n') >= 0) {
                    f.problem(pAt, "contains a line break (allowed: one paragraph per string)");
                } else if (bad != null) {
                    f.problem(pAt, "contains " + bad + " (allowed: printable text)");
                } else if (chars > PackageLimits.PARAGRAPH_CHARS) {
                    f.problem(pAt, "is " + chars + " characters (allowed: at most " + PackageLimits.PARAGRAPH_CHARS + " a paragraph)");
                } else {
                    paragraphs.add(text);
                    articleChars += chars;
                    f.chars += chars;
                }
            }
        }
        if (articleChars > PackageLimits.ARTICLE_CHARS) {
            f.problem(at + ".paragraphs", "have " + articleChars + " characters (allowed: at most " + PackageLimits.ARTICLE_CHARS + " an article)");
        }
        List<Photo> photos = new ArrayList<>();
        JsonArray ph = f.array(a, at, "photos", false, PackageLimits.PHOTOS_PER_ARTICLE, "photos an article");
        if (ph != null) {
            for (int i = 0; i < ph.size(); i++) {
                String pAt = at + ".photos[" + i + "]";
                JsonObject p = f.object(ph.get(i), pAt);
                if (p != null) photos.add(photo(p, pAt, f, folder));
                f.photos++;
            }
        }
        return new Article(id, kicker, headline, subhead, byline, dateline, paragraphs, photos);
    }

    private static Photo photo(JsonObject p, String at, Fields f, Path folder) {
        f.known(p, at, PHOTO_FIELDS);
        String file = f.text(p, at, "file", false, 200);
        String caption = f.text(p, at, "caption", false, 400);
        String credit = f.text(p, at, "credit", false, 80);
        if (file == null) {
            if (caption == null) f.problem(at, "has neither file nor caption (allowed: a photo file, a caption, or both)");
            return new Photo(null, 0, 0, caption, credit);
        }
        ImageHeader header = checkImage(folder, file, at + ".file", f);
        return header == null ? new Photo(file, 0, 0, caption, credit) : new Photo(file, header.width(), header.height(), caption, credit);
    }

    private static ImageHeader checkImage(Path folder, String file, String at, Fields f) {
        Path p;
        try {
            p = folder.resolve(file).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            f.problem(at, "'" + file + "' is not a usable path");
            return null;
        }
        if (file.startsWith("/") || file.contains("\\") || !p.startsWith(folder.normalize()) || file.contains("..")) {
            f.problem(at, "'" + file + "' leaves the package (allowed: a relative path inside it, such as images/a.jpg)");
            return null;
        }
        if (!FileName.valid(file)) {
            f.problem(at, "'" + file + "' is not an allowed file name (allowed: " + FileName.RULE + ")");
            return null;
        }
        String lower = file.toLowerCase(java.util.Locale.ROOT);
        String expected = lower.endsWith(".jpg") || lower.endsWith(".jpeg") ? "jpeg" : lower.endsWith(".png") ? "png" : null;
        if (expected == null) {
            f.problem(at, "'" + file + "' is not a supported image type (allowed: .jpg, .jpeg, .png)");
            return null;
        }
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            f.problem(at, "'" + file + "' is not in the package");
            return null;
        }
        if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            f.problem(at, "'" + file + "' is " + (Files.isSymbolicLink(p) ? "a symbolic link" : "not a plain file")
                    + " (allowed: a plain file inside the package)");
            return null;
        }
        try {
            long size = Files.size(p);
            if (size > PackageLimits.IMAGE_BYTES) {
                f.problem(at, "'" + file + "' is " + size + " bytes (allowed: at most " + PackageLimits.IMAGE_BYTES + ")");
                return null;
            }
            if (!p.toRealPath().startsWith(folder.toRealPath())) {
                f.problem(at, "'" + file + "' resolves outside the package through a linked folder (allowed: a plain file inside it)");
                return null;
            }
            ImageHeader h = ImageHeader.read(p);
            if (h == null || !h.type().equals(expected)) {
                f.problem(at, "'" + file + "' is not a " + expected.toUpperCase(java.util.Locale.ROOT) + " image"
                        + (h == null ? " (its header is not JPEG or PNG)" : " (its header says " + h.type() + ")"));
                return null;
            }
            if (h.width() <= 0 || h.height() <= 0 || h.width() > PackageLimits.IMAGE_SIDE || h.height() > PackageLimits.IMAGE_SIDE
                    || (long) h.width() * h.height() > PackageLimits.IMAGE_PIXELS) {
                f.problem(at, "'" + file + "' is " + h.width() + "x" + h.height() + " pixels (allowed: 1 to " + PackageLimits.IMAGE_SIDE
                        + " per side and at most " + PackageLimits.IMAGE_PIXELS + " pixels)");
                return null;
            }
            if (h.whole() && (long) h.width() * h.height() > PackageLimits.WHOLE_IMAGE_PIXELS) {
                String kind = h.type().equals("jpeg") ? "a progressive JPEG" : "an interlaced PNG";
                f.problem(at, "'" + file + "' is " + kind + " of " + h.width() + "x" + h.height() + " pixels, which a kiosk must decode whole (allowed:"
                        + " at most " + PackageLimits.WHOLE_IMAGE_PIXELS + " pixels for " + kind + "; save it as a baseline JPEG or a plain PNG)");
                return null;
            }
            return h;
        } catch (IOException e) {
            f.problem(at, "'" + file + "' cannot be read: " + e.getMessage());
            return null;
        }
    }

    /** Writes an issue's issue.json into a folder; the caller puts the image files beside it. */
    public static void writeManifest(Issue issue, Path folder) throws IOException {
        JsonObject root = new JsonObject();
        root.addProperty("format", FORMAT);
        root.addProperty("id", issue.id());
        root.addProperty("publication", issue.publication());
        root.addProperty("title", issue.title());
        root.addProperty("date", issue.date().toString());
        if (issue.edition() != null) root.addProperty("edition", issue.edition());
        root.addProperty("language", issue.language());
        JsonArray sections = new JsonArray();
        for (Section s : issue.sections()) {
            JsonObject so = new JsonObject();
            so.addProperty("id", s.id());
            so.addProperty("title", s.title());
            JsonArray articles = new JsonArray();
            for (Article a : s.articles()) {
                JsonObject ao = new JsonObject();
                ao.addProperty("id", a.id());
                if (a.kicker() != null) ao.addProperty("kicker", a.kicker());
                ao.addProperty("headline", a.headline());
                if (a.subhead() != null) ao.addProperty("subhead", a.subhead());
                if (a.byline() != null) ao.addProperty("byline", a.byline());
                if (a.dateline() != null) ao.addProperty("dateline", a.dateline());
                JsonArray ps = new JsonArray();
                a.paragraphs().forEach(ps::add);
                ao.add("paragraphs", ps);
                if (!a.photos().isEmpty()) {
                    JsonArray photos = new JsonArray();
                    for (Photo p : a.photos()) {
                        JsonObject po = new JsonObject();
                        if (p.file() != null) po.addProperty("file", p.file());
                        if (p.caption() != null) po.addProperty("caption", p.caption());
                        if (p.credit() != null) po.addProperty("credit", p.credit());
                        photos.add(po);
                    }
                    ao.add("photos", photos);
                }
                articles.add(ao);
            }
            so.add("articles", articles);
            sections.add(so);
        }
        root.add("sections", sections);
        Gson gson = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(MANIFEST), gson.toJson(root) + "\n", StandardCharsets.UTF_8);
    }

    /** Collects problems while reading fields; each names the manifest and the field's path. */
}
