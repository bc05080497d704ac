package newsstand.issue;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IssuePackageTest {
    @TempDir Path dir;

    private List<String> problems(String manifest) throws Exception {
        Packages.write(dir, manifest);
        PackageException e = assertThrows(PackageException.class, () -> IssuePackage.read(dir));
        return e.problems();
    }

    private static void assertOne(List<String> problems, String expected) {
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(expected, problems.get(0));
    }

    @Test
    void readsAValidPackageWithImageSizes() throws Exception {
        Issue issue = IssuePackage.read(Packages.write(dir, Packages.MANIFEST));
        assertEquals("test-2025-09-10", issue.id());
        assertEquals("zh-Hans", issue.language());
        assertEquals(2, issue.articles().size());
        Photo a = issue.articles().get(0).photos().get(0);
        assertEquals(40, a.width());
        assertEquals(30, a.height());
        assertEquals(64, issue.articles().get(1).photos().get(0).width());
        assertEquals("本报9月9日讯", issue.articles().get(0).dateline());
    }

    @Test
    void namesAMissingField() throws Exception {
        assertOne(problems(Packages.MANIFEST.replace("\"headline\": \"海上风电并网\",", "")),
                "issue.json: sections[0].articles[0].headline is missing (allowed: a non-empty string of at most 200 characters)");
    }

    @Test
    void refusesTextOverTheLimitsNamingEach() throws Exception {
        String huge = "海".repeat(PackageLimits.PARAGRAPH_CHARS + 1);
        assertOne(problems(Packages.MANIFEST.replace("\"第二段。\"", "\"" + huge + "\"")),
                "issue.json: sections[0].articles[0].paragraphs[1] is 4001 characters (allowed: at most 4000 a paragraph)");
        String six = ("\"" + "海".repeat(3_500) + "\",").repeat(6);
        assertOne(problems(Packages.MANIFEST.replace("\"paragraphs\": [\"正文。\"]", "\"paragraphs\": [" + six + "\"正文。\"]")),
                "issue.json: sections[0].articles[1].paragraphs have 21003 characters (allowed: at most 20000 an article)");
        StringBuilder articles = new StringBuilder();
        for (int i = 0; i < 13; i++) {
            articles.append("{\"id\": \"x").append(i).append("\", \"headline\": \"长文\", \"paragraphs\": [")
                    .append(("\"" + "海".repeat(3_999) + "\",").repeat(4)).append("\"末。\"]},");
        }
        List<String> p = problems(Packages.MANIFEST.replace("\"articles\": [", "\"articles\": [" + articles));
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).matches("issue\\.json: the issue has 2\\d{5} characters of text \\(allowed: at most 200000 an issue\\)"), p.get(0));
    }

    @Test
    void refusesMoreArticlesSectionsAndPhotosThanAllowed() throws Exception {
        String photo = "{\"caption\": \"图\"},";
        assertOne(problems(Packages.MANIFEST.replace("\"photos\": [{\"file\": \"images/b.jpg\"", "\"photos\": [" + photo.repeat(8) + "{\"file\": \"images/b.jpg\"")),
                "issue.json: sections[0].articles[1].photos has 9 entries (allowed: at most 8 photos an article)");
        String article = "{\"id\": \"n%d\", \"headline\": \"短讯\", \"paragraphs\": [\"一句。\"]},";
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 59; i++) many.append(String.format(article, i));
        assertOne(problems(Packages.MANIFEST.replace("\"articles\": [", "\"articles\": [" + many)),
                "issue.json: sections[0].articles has 61 entries (allowed: at most 60 articles a section)");
    }

    @Test
    void refusesControlAndBidiCharactersInText() throws Exception {
        assertOne(problems(Packages.MANIFEST.replace("第二段。", "第二段\\u001b[31m。")),
                "issue.json: sections[0].articles[0].paragraphs[1] contains control character U+001B (allowed: printable text)");
        assertOne(problems(Packages.MANIFEST.replace("第二段。", "第二段\\u0085。")),
                "issue.json: sections[0].articles[0].paragraphs[1] contains control character U+0085 (allowed: printable text)");
        assertOne(problems(Packages.MANIFEST.replace("第二段。", "第二段\\u0000。")),
                "issue.json: sections[0].articles[0].paragraphs[1] contains control character U+0000 (allowed: printable text)");
        assertOne(problems(Packages.MANIFEST.replace("海上风电并网", "海上\\u202e风电并网")),
                "issue.json: sections[0].articles[0].headline contains bidirectional control U+202E (allowed: printable text)");
        assertOne(problems(Packages.MANIFEST.replace("风电场", "风电\\ud800场")),
                "issue.json: sections[0].articles[0].photos[0].caption contains unpaired surrogate U+D800 (allowed: printable text)");
    }

    @Test
    void refusesFileNamesTheKioskWouldRefuse() throws Exception {
        String rule = "(allowed: " + FileName.RULE + ")";
        for (String name : new String[] {"images/a b.png", "images/风电.png", "images/.a.png", "a/b/c/d/e.png",
                "images/" + "a".repeat(125) + ".png"}) {
            Path pkg = Packages.write(dir.resolve("p" + Math.abs(name.hashCode())), Packages.MANIFEST.replace("images/a.png", name));
            Path file = pkg.resolve(name);
            Files.createDirectories(file.getParent());
            Files.copy(pkg.resolve("images/a.png"), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            List<String> p = assertThrows(PackageException.class, () -> IssuePackage.read(pkg)).problems();
            assertOne(p, "issue.json: sections[0].articles[0].photos[0].file '" + name + "' is not an allowed file name " + rule);
            assertFalse(FileName.valid(name), name);
        }
        assertTrue(FileName.valid("images/a.png") && FileName.valid("a/b/c/d.png") && FileName.valid("_x/a-b_c.1.jpg"));
    }

    @Test
    void refusesLinksAndFilesOutsideThePackage() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Packages.image(outside.resolve("secret.png"), "png", 10, 10);
        Path pkg = Packages.write(dir.resolve("linked"), Packages.MANIFEST);
        Files.delete(pkg.resolve("images/a.png"));
        Files.createSymbolicLink(pkg.resolve("images/a.png"), outside.resolve("secret.png"));
        assertOne(assertThrows(PackageException.class, () -> IssuePackage.read(pkg)).problems(),
                "issue.json: sections[0].articles[0].photos[0].file 'images/a.png' is a symbolic link (allowed: a plain file inside the package)");

        Path viaFolder = Packages.write(dir.resolve("folder"), Packages.MANIFEST.replace("images/a.png", "pics/a.png"));
        Files.createSymbolicLink(viaFolder.resolve("pics"), outside);
        Files.copy(outside.resolve("secret.png"), outside.resolve("a.png"));
        assertOne(assertThrows(PackageException.class, () -> IssuePackage.read(viaFolder)).problems(),
                "issue.json: sections[0].articles[0].photos[0].file 'pics/a.png' resolves outside the package through a linked folder (allowed: a plain file inside it)");

        Path json = Packages.write(dir.resolve("json"), Packages.MANIFEST);
        Files.move(json.resolve("issue.json"), outside.resolve("issue.json"));
        Files.createSymbolicLink(json.resolve("issue.json"), outside.resolve("issue.json"));
        PackageException e = assertThrows(PackageException.class, () -> IssuePackage.read(json));
        assertEquals(List.of("is a symbolic link or not a plain file (allowed: a plain file)"), e.problems());
    }

    @Test
    void refusesALargeProgressiveJpegThatAKioskWouldDecodeWhole() throws Exception {
        Path pkg = Packages.write(dir.resolve("prog"), Packages.MANIFEST);
        progressiveJpeg(pkg.resolve("images/b.jpg"), 2400, 1700);
        assertOne(assertThrows(PackageException.class, () -> IssuePackage.read(pkg)).problems(),
                "issue.json: sections[0].articles[1].photos[0].file 'images/b.jpg' is a progressive JPEG of 2400x1700 pixels, which a kiosk must"
                        + " decode whole (allowed: at most 4000000 pixels for a progressive JPEG; save it as a baseline JPEG or a plain PNG)");
        progressiveJpeg(pkg.resolve("images/b.jpg"), 1600, 1200); // small enough to decode whole
        assertEquals("images/b.jpg", IssuePackage.read(pkg).sections().get(0).articles().get(1).photos().get(0).file());
    }

    static void progressiveJpeg(Path file, int w, int h) throws Exception {
        var img = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_RGB);
        var writer = javax.imageio.ImageIO.getImageWritersByFormatName("jpeg").next();
        var param = writer.getDefaultWriteParam();
        param.setProgressiveMode(javax.imageio.ImageWriteParam.MODE_DEFAULT);
        try (var out = javax.imageio.ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            writer.write(null, new javax.imageio.IIOImage(img, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    @Test
    void namesAFieldOfTheWrongType() throws Exception {
        assertOne(problems(Packages.MANIFEST.replace("\"paragraphs\": [\"正文。\"]", "\"paragraphs\": \"正文。\"")),
                "issue.json: sections[0].articles[1].paragraphs is \"正文。\" (allowed: a non-empty list)");
    }

    @Test
    void namesAnUnknownField() throws Exception {
        assertOne(problems(Packages.MANIFEST.replace("\"byline\"", "\"bylin\"")),
                "issue.json: sections[0].articles[0].bylin is not a known field (allowed: byline, dateline, headline, id, "
                        + "kicker, paragraphs, photos, subhead)");
    }

    @Test
    void rejectsABadDateIdAndFormat() throws Exception {
        List<String> p = problems(Packages.MANIFEST.replace("2025-09-10\",\n  \"sections", "2025-02-30\",\n  \"sections")
                .replace("\"format\": 1", "\"format\": 2").replace("test-2025-09-10", "Test Issue"));
        assertEquals(List.of(
                "issue.json: format is 2 (allowed: 1)",
                "issue.json: id is 'Test Issue' (allowed: 1 to 64 of a-z, 0-9 and '-', starting with a letter or digit)",
                "issue.json: date is '2025-02-30' (allowed: a date written YYYY-MM-DD)"), p);
    }

    @Test
    void rejectsADuplicateArticleId() throws Exception {
        assertOne(problems(Packages.MANIFEST.replace("\"id\": \"a2\"", "\"id\": \"a1\"")),
                "issue.json: sections[0].articles[1].id 'a1' is used by an earlier article (allowed: an id unique in the issue)");
    }

    @Test
    void rejectsAnUnknownImageType() throws Exception {
        Packages.write(dir, Packages.MANIFEST.replace("images/b.jpg", "images/b.gif"));
        Files.writeString(dir.resolve("images/b.gif"), "GIF89a");
        assertOne(assertThrows(PackageException.class, () -> IssuePackage.read(dir)).problems(),
                "issue.json: sections[0].articles[1].photos[0].file 'images/b.gif' is not a supported image type (allowed: .jpg, .jpeg, .png)");
    }

    @Test
    void rejectsAnImageWhoseBytesAreNotItsType() throws Exception {
        Packages.write(dir, Packages.MANIFEST);
        Files.copy(dir.resolve("images/a.png"), dir.resolve("images/b.jpg"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertOne(assertThrows(PackageException.class, () -> IssuePackage.read(dir)).problems(),
                "issue.json: sections[0].articles[1].photos[0].file 'images/b.jpg' is not a JPEG image (its header says png)");
    }

    @Test
    void rejectsAMissingImageAndAPathLeavingThePackage() throws Exception {
        List<String> p = problems(Packages.MANIFEST.replace("images/a.png", "images/none.png").replace("images/b.jpg", "../b.jpg"));
        assertEquals(List.of(
                "issue.json: sections[0].articles[0].photos[0].file 'images/none.png' is not in the package",
                "issue.json: sections[0].articles[1].photos[0].file '../b.jpg' leaves the package (allowed: a relative path inside it, such as images/a.jpg)"),
                p);
    }

    @Test
    void refusesADecompressionBombBeforeDecodingIt() throws Exception {
        Packages.write(dir, Packages.MANIFEST);
        // A valid PNG header declaring 30000 x 30000 pixels: a few bytes that would expand to 900 megapixels.
        byte[] png = Files.readAllBytes(dir.resolve("images/a.png"));
        java.nio.ByteBuffer.wrap(png).putInt(16, 30000).putInt(20, 30000);
        Files.write(dir.resolve("images/a.png"), png);
        assertOne(assertThrows(PackageException.class, () -> IssuePackage.read(dir)).problems(),
                "issue.json: sections[0].articles[0].photos[0].file 'images/a.png' is 30000x30000 pixels (allowed: 1 to 8192 per side and at most 24000000 pixels)");
    }

    @Test
    void namesMalformedUtf8ByByteOffset() throws Exception {
        Packages.write(dir, Packages.MANIFEST);
        byte[] bytes = Files.readAllBytes(dir.resolve("issue.json"));
        byte[] bad = new byte[bytes.length + 2];
        System.arraycopy(bytes, 0, bad, 0, 10);
        bad[10] = (byte) 0xE6;
        bad[11] = (byte) 0x28;
        System.arraycopy(bytes, 10, bad, 12, bytes.length - 10);
        Files.write(dir.resolve("issue.json"), bad);
        PackageException e = assertThrows(PackageException.class, () -> IssuePackage.read(dir));
        assertEquals(List.of("malformed UTF-8 at byte 10 (the file must be UTF-8 text)"), e.problems());
        assertTrue(e.getMessage().startsWith(dir.resolve("issue.json").toString()), e.getMessage());
    }

    @Test
    void rejectsBrokenJsonAndAMissingManifest() throws Exception {
        List<String> p = problems("{\"format\": 1, ");
        assertEquals(1, p.size());
        assertTrue(p.get(0).startsWith("not valid JSON"), p.get(0));
        Files.delete(dir.resolve("issue.json"));
        PackageException e = assertThrows(PackageException.class, () -> IssuePackage.read(dir));
        assertTrue(e.getMessage().contains("issue.json: 1 problem") && e.getMessage().contains("file not found"), e.getMessage());
    }

    @Test
    void writesAManifestThatReadsBackTheSame() throws Exception {
        Issue issue = IssuePackage.read(Packages.write(dir, Packages.MANIFEST));
        Path copy = dir.resolve("copy");
        IssuePackage.writeManifest(issue, copy);
        Files.createDirectories(copy.resolve("images"));
        Files.copy(dir.resolve("images/a.png"), copy.resolve("images/a.png"));
        Files.copy(dir.resolve("images/b.jpg"), copy.resolve("images/b.jpg"));
        assertEquals(issue, IssuePackage.read(copy));
    }
}
