package newsstand.app;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
        SampleIssue.write(dir, id, java.time.LocalDate.now(), extraBytes);
        if (publication == null && title == null) return dir;
        Path json = dir.resolve("issue.json");
        JsonObject issue = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        if (publication != null) issue.addProperty("publication", publication);
        if (title != null) issue.addProperty("title", title);
        Files.writeString(json, issue.toString());
        return dir;
    }
}
