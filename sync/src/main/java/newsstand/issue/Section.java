package newsstand.issue;

import java.util.List;

/** A section of an issue (要闻, 经济, 城市...): a title and its articles, most important first. */
public record Section(String id, String title, List<Article> articles) {
    public Section {
        articles = List.copyOf(articles);
    }
}
