package newsstand.store;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import newsstand.issue.Article;
import newsstand.issue.Issue;
import newsstand.issue.PackageLimits;
import newsstand.issue.Photo;
import newsstand.issue.Section;

/**
 * An issue's content as rows: its sections, articles (paragraphs as a JSON array) and photos, and its images' bytes,
 * written inside the caller's transaction and read back in order.
 */
final class IssueRows {
    private IssueRows() {}

    static void insert(Connection db, Issue issue, IssueStore.ImageSource images) throws SQLException, IOException {
        Set<String> files = new HashSet<>();
        try (PreparedStatement sec = db.prepareStatement("INSERT INTO section (issue_id, ord, id, title) VALUES (?,?,?,?)");
             PreparedStatement art = db.prepareStatement("INSERT INTO article (issue_id, section_ord, ord, id, kicker, headline,"
                     + " subhead, byline, dateline, paragraphs) VALUES (?,?,?,?,?,?,?,?,?,?)");
             PreparedStatement pho = db.prepareStatement("INSERT INTO photo (issue_id, article_id, ord, file, width, height,"
                     + " caption, credit) VALUES (?,?,?,?,?,?,?,?)");
             PreparedStatement img = db.prepareStatement("INSERT INTO image (issue_id, file, bytes) VALUES (?,?,?)")) {
            for (int s = 0; s < issue.sections().size(); s++) {
                Section section = issue.sections().get(s);
                sec.setString(1, issue.id());
                sec.setInt(2, s);
                sec.setString(3, section.id());
                sec.setString(4, section.title());
                sec.executeUpdate();
                for (int a = 0; a < section.articles().size(); a++) {
                    Article article = section.articles().get(a);
                    JsonArray paragraphs = new JsonArray();
                    article.paragraphs().forEach(paragraphs::add);
                    art.setString(1, issue.id());
                    art.setInt(2, s);
                    art.setInt(3, a);
                    art.setString(4, article.id());
                    art.setString(5, article.kicker());
                    art.setString(6, article.headline());
                    art.setString(7, article.subhead());
                    art.setString(8, article.byline());
                    art.setString(9, article.dateline());
                    art.setString(10, paragraphs.toString());
                    art.executeUpdate();
                    for (int p = 0; p < article.photos().size(); p++) {
                        Photo photo = article.photos().get(p);
                        pho.setString(1, issue.id());
                        pho.setString(2, article.id());
                        pho.setInt(3, p);
                        pho.setString(4, photo.file());
                        pho.setInt(5, photo.width());
                        pho.setInt(6, photo.height());
                        pho.setString(7, photo.caption());
                        pho.setString(8, photo.credit());
                        pho.executeUpdate();
                        if (photo.hasImage() && files.add(photo.file())) {
                            // One image at a time passes through the heap; an issue's images never do together.
                            byte[] bytes;
                            try (InputStream in = images.open(photo.file())) {
                                bytes = in.readNBytes((int) PackageLimits.IMAGE_BYTES + 1);
                            }
                            if (bytes.length > PackageLimits.IMAGE_BYTES) throw new IOException(photo.file() + " grew past the size limit");
                            img.setString(1, issue.id());
                            img.setString(2, photo.file());
                            img.setBytes(3, bytes);
                            img.executeUpdate();
                        }
                    }
                }
            }
        }
    }

    /** The sections of a stored issue, each with its articles and their photos, in order. */
    static List<Section> sections(Connection db, String id) throws SQLException {
        List<Section> sections = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT ord, id, title FROM section WHERE issue_id = ? ORDER BY ord")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) sections.add(new Section(rs.getString(2), rs.getString(3), articles(db, id, rs.getInt(1))));
            }
        }
        return sections;
    }

    private static List<Article> articles(Connection db, String issueId, int sectionOrd) throws SQLException {
        List<Article> articles = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT id, kicker, headline, subhead, byline, dateline, paragraphs"
                + " FROM article WHERE issue_id = ? AND section_ord = ? ORDER BY ord")) {
            ps.setString(1, issueId);
            ps.setInt(2, sectionOrd);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<String> paragraphs = new ArrayList<>();
                    JsonParser.parseString(rs.getString(7)).getAsJsonArray().forEach(e -> paragraphs.add(e.getAsString()));
                    articles.add(new Article(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), paragraphs, photos(db, issueId, rs.getString(1))));
                }
            }
        }
        return articles;
    }

    private static List<Photo> photos(Connection db, String issueId, String articleId) throws SQLException {
        List<Photo> photos = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT file, width, height, caption, credit FROM photo"
                + " WHERE issue_id = ? AND article_id = ? ORDER BY ord")) {
            ps.setString(1, issueId);
            ps.setString(2, articleId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) photos.add(new Photo(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getString(4), rs.getString(5)));
            }
        }
        return photos;
    }

    /**
     * Writes an issue, complete, inside the caller's transaction; an issue stored under the same id before (a
     * correction published later) has its content replaced. sequence is the delivery's, null for a local import.
     */
    static void put(Connection db, Issue issue, IssueStore.ImageSource images, Long sequence) throws SQLException, IOException {
        if (exists(db, issue.id())) {
            for (String table : new String[] {"image", "photo", "article", "section"}) {
                try (PreparedStatement ps = db.prepareStatement("DELETE FROM " + table + " WHERE issue_id = ?")) {
                    ps.setString(1, issue.id());
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = db.prepareStatement("UPDATE issue SET title = ?, date = ?, edition = ?, language = ?,"
                    + " imported_at = ?, publication = ?, complete = 0 WHERE id = ?")) {
                ps.setString(1, issue.title());
                ps.setString(2, issue.date().toString());
                ps.setString(3, issue.edition());
                ps.setString(4, issue.language());
                ps.setString(5, java.time.Instant.now().toString());
                ps.setString(6, issue.publication());
                ps.setString(7, issue.id());
                ps.executeUpdate();
            }
        } else {
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO issue (id, title, date, edition, language, imported_at,"
                    + " publication, complete) VALUES (?,?,?,?,?,?,?,0)")) {
                ps.setString(1, issue.id());
                ps.setString(2, issue.title());
                ps.setString(3, issue.date().toString());
                ps.setString(4, issue.edition());
                ps.setString(5, issue.language());
                ps.setString(6, java.time.Instant.now().toString());
                ps.setString(7, issue.publication());
                ps.executeUpdate();
            }
        }
        IssueRows.insert(db, issue, images);
        try (PreparedStatement ps = db.prepareStatement("UPDATE issue SET complete = 1, sequence = ? WHERE id = ?")) {
            if (sequence == null) ps.setNull(1, java.sql.Types.INTEGER);
            else ps.setLong(1, sequence);
            ps.setString(2, issue.id());
            ps.executeUpdate();
        }
    }

    static boolean exists(Connection db, String id) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("SELECT 1 FROM issue WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
