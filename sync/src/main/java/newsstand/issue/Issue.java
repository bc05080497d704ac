package newsstand.issue;

import java.time.LocalDate;
import java.util.List;

/** One day's issue of a newspaper: its masthead facts and its sections, in reading order. */
public record Issue(String id, String title, LocalDate date, String edition, String language, List<Section> sections) {
    public Issue {
        sections = List.copyOf(sections);
    }

    /** Every article in reading order, the lead story first. */
    public List<Article> articles() {
        return sections.stream().flatMap(s -> s.articles().stream()).toList();
    }
}
