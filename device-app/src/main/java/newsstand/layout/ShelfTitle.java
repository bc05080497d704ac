package newsstand.layout;

import java.util.List;

/** A title as the home screen shows it: the paper's name, its date line and its front page's lead headlines. */
public record ShelfTitle(String name, String dateLine, List<String> headlines) {
    public ShelfTitle {
        headlines = List.copyOf(headlines);
    }

    /** An issue as the home screen shows it: its name, date line and first five headlines. */
    public static ShelfTitle of(newsstand.issue.Issue issue) {
        return new ShelfTitle(issue.title(), dateLine(issue.date()) + (issue.edition() == null ? "" : "　" + issue.edition()),
                issue.articles().stream().limit(5).map(newsstand.issue.Article::headline).toList());
    }

    /** A date as a Chinese paper prints it: 2025年9月10日 星期三. */
    public static String dateLine(java.time.LocalDate d) {
        return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日 "
                + d.getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.CHINA);
    }
}
