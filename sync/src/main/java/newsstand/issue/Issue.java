package newsstand.issue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * One day's issue of a newspaper: the publication it belongs to (a stable id: a kiosk keeps the newest issue of
 * each), its masthead facts and its sections, in reading order.
 */
public record Issue(String id, String publication, String title, LocalDate date, String edition, String language,
                    List<Section> sections) {
    public Issue {
        sections = List.copyOf(sections);
    }

    /** Every article in reading order, the lead story first. */
    public List<Article> articles() {
        return sections.stream().flatMap(s -> s.articles().stream()).toList();
    }

    /** The same issue in another language tag (a test's vertical or Traditional setting). */
    public Issue withLanguage(String language) {
        return new Issue(id, publication, title, date, edition, language, sections);
    }

    /**
     * The publication id a title gives when none is named: its Latin letters and digits, lowercased and joined by
     * '-' ("Qingdao Daily" is qingdao-daily); a title without enough of them (青岛日报) gets "t-" and 8 hex digits of
     * its SHA-256, stable for the same title.
     */
    public static String derivePublication(String title) {
        String slug = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() >= 3) return slug.length() > 64 ? slug.substring(0, 64).replaceAll("-+$", "") : slug;
        return "t-" + Manifest.sha256(title.getBytes(StandardCharsets.UTF_8), title.getBytes(StandardCharsets.UTF_8).length).substring(0, 8);
    }
}
