package newsstand.issue;

import java.util.List;

/**
 * One story. Only the headline and the paragraphs are required; kicker (the line above the headline), subhead,
 * byline and dateline (本报9月9日讯) are null when the story has none.
 */
public record Article(String id, String kicker, String headline, String subhead, String byline, String dateline,
                      List<String> paragraphs, List<Photo> photos) {
    public Article {
        paragraphs = List.copyOf(paragraphs);
        photos = List.copyOf(photos);
    }
}
