package newsstand.issue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Builds small real issue packages for tests. */
public final class Packages {
    public static final String MANIFEST = """
            {
              "format": 1,
              "id": "test-2025-09-10",
              "title": "测试日报",
              "date": "2025-09-10",
              "sections": [
                {"id": "news", "title": "要闻", "articles": [
                  {"id": "a1", "headline": "海上风电并网", "byline": "本报记者 林海", "dateline": "本报9月9日讯",
                   "paragraphs": ["第一段，2025年装机1000MW。", "第二段。"],
                   "photos": [{"file": "images/a.png", "caption": "风电场", "credit": "王浩 摄"}]},
                  {"id": "a2", "headline": "港口吞吐量增长8.3%", "paragraphs": ["正文。"],
                   "photos": [{"file": "images/b.jpg", "caption": "码头"}]}
                ]}
              ]
            }
            """;

    public static Path write(Path dir, String manifest) throws IOException {
        Files.createDirectories(dir.resolve("images"));
        Files.writeString(dir.resolve("issue.json"), manifest);
        image(dir.resolve("images/a.png"), "png", 40, 30);
        image(dir.resolve("images/b.jpg"), "jpeg", 64, 48);
        return dir;
    }

    public static void image(Path file, String type, int w, int h) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) img.setRGB(x, y, (x * 4) << 16 | (y * 4) << 8);
        ImageIO.write(img, type, file.toFile());
    }

    private Packages() {}
}
