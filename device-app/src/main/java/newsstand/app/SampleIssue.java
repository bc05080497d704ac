package newsstand.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import newsstand.issue.PackageException;
import newsstand.store.IssueStore;
import newsstand.store.StoreException;

/** The sample issue bundled in the jar: a day of the fictional 海滨日报, written for this project. */
public final class SampleIssue {
    private static final String ROOT = "/sample-issue/";

    private SampleIssue() {}

    /** Writes the sample issue package into a folder. */
    public static void write(Path folder) throws IOException {
        write(folder, null, null, null);
    }

    /**
     * Writes the sample issue as an issue of another publication, title or date (each null: the sample's own); its
     * id is then the publication's and the date's.
     */
    public static void write(Path folder, String publication, String title, java.time.LocalDate date) throws IOException {
        copy(folder);
        if (publication == null && title == null && date == null) return;
        Path json = folder.resolve("issue.json");
        com.google.gson.JsonObject o = com.google.gson.JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        if (title != null) o.addProperty("title", title);
        if (publication != null) o.addProperty("publication", publication);
        if (date != null) o.addProperty("date", date.toString());
        o.addProperty("id", o.get("publication").getAsString() + "-" + o.get("date").getAsString());
        Files.writeString(json, new com.google.gson.GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(o));
    }

    /**
     * The sample issue as {@code id} dated {@code date} (an old date would bring the banner of an issue older than
     * expected), plus a PNG of random pixels of about {@code extraBytes} (0: none): an issue of a chosen size.
     */
    public static void write(Path folder, String id, java.time.LocalDate date, int extraBytes) throws IOException {
        write(folder);
        Path json = folder.resolve("issue.json");
        com.google.gson.JsonObject issue = com.google.gson.JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        issue.addProperty("id", id);
        issue.addProperty("date", date.toString());
        if (extraBytes > 0) {
            int side = (int) Math.sqrt(extraBytes / 3.0);
            java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(side, side, java.awt.image.BufferedImage.TYPE_INT_RGB);
            java.util.Random r = new java.util.Random(id.hashCode());
            for (int y = 0; y < side; y++) for (int x = 0; x < side; x++) img.setRGB(x, y, r.nextInt());
            javax.imageio.ImageIO.write(img, "png", folder.resolve("images/noise.png").toFile());
            com.google.gson.JsonObject photo = new com.google.gson.JsonObject();
            photo.addProperty("file", "images/noise.png");
            photo.addProperty("caption", "测试图像");
            com.google.gson.JsonObject article = issue.getAsJsonArray("sections").get(0).getAsJsonObject().getAsJsonArray("articles").get(1).getAsJsonObject();
            if (!article.has("photos")) article.add("photos", new com.google.gson.JsonArray());
            article.getAsJsonArray("photos").add(photo);
        }
        Files.writeString(json, issue.toString());
    }

    private static void copy(Path folder) throws IOException {
        String index;
        try (InputStream in = resource("index")) {
            index = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String file : index.split("\n")) {
            if (file.isBlank()) continue;
            Path target = folder.resolve(file.strip());
            Files.createDirectories(target.getParent());
            try (InputStream in = resource(file.strip())) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Imports the sample issue into a store and makes it the active one, through a package folder removed after. */
    static String activate(IssueStore store) throws IOException, PackageException, StoreException {
        Path pkg = Files.createTempDirectory("newsstand-sample");
        try {
            write(pkg);
            String id = store.importPackage(pkg).id();
            store.activate(id);
            return id;
        } finally {
            Outputs.deleteTree(pkg);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = SampleIssue.class.getResourceAsStream(ROOT + name);
        if (in == null) throw new IOException("sample issue file " + name + " is missing from the jar");
        return in;
    }
}
