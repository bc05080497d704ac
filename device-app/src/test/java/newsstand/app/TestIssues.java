package newsstand.app;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/** Issue packages for delivery tests: the sample issue under another id, with a photo of noise to make it big. */
final class TestIssues {
    private TestIssues() {}

    /**
     * The sample issue as {@code id}, dated today (an old date would bring the banner of an issue older than
     * expected), plus a PNG of random pixels of about {@code extraBytes} (0: none).
     */
    static Path write(Path dir, String id, int extraBytes) throws IOException {
        return write(dir, id, null, null, extraBytes);
    }

    /** As {@link #write(Path, String, int)}, as an issue of another publication and title (null: the sample's). */
    static Path write(Path dir, String id, String publication, String title, int extraBytes) throws IOException {
        SampleIssue.write(dir);
        Path json = dir.resolve("issue.json");
        JsonObject issue = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        issue.addProperty("id", id);
        issue.addProperty("date", java.time.LocalDate.now().toString());
        if (publication != null) issue.addProperty("publication", publication);
        if (title != null) issue.addProperty("title", title);
        if (extraBytes > 0) {
            int side = (int) Math.sqrt(extraBytes / 3.0);
            BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
            Random r = new Random(id.hashCode());
            for (int y = 0; y < side; y++) for (int x = 0; x < side; x++) img.setRGB(x, y, r.nextInt());
            ImageIO.write(img, "png", dir.resolve("images/noise.png").toFile());
            JsonObject photo = new JsonObject();
            photo.addProperty("file", "images/noise.png");
            photo.addProperty("caption", "测试图像");
            JsonObject article = issue.getAsJsonArray("sections").get(0).getAsJsonObject().getAsJsonArray("articles").get(1).getAsJsonObject();
            if (!article.has("photos")) article.add("photos", new JsonArray());
            article.getAsJsonArray("photos").add(photo);
        }
        Files.writeString(json, issue.toString());
        return dir;
    }
}
