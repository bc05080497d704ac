package newsstand.layout;

import java.util.List;

/** A title as the home screen shows it: the paper's name, its date line and its front page's lead headlines. */
public record ShelfTitle(String name, String dateLine, List<String> headlines) {
    public ShelfTitle {
        headlines = List.copyOf(headlines);
    }

    /** An issue as the home screen shows it: its name, date line and first five headlines. */
    public static ShelfTitle of(newsstand.issue.Issue issue) {
        return new ShelfTitle(issue.title(), dateLine(issue.date(), issue.edition()),
                issue.articles().stream().limit(5).map(newsstand.issue.Article::headline).toList());
    }

    /** A page count of the print edition in an edition line ("今日12版", "共16版"), not a page's number ("第3版"). */
    private static final java.util.regex.Pattern PRINT_PAGES = java.util.regex.Pattern.compile("(?<![第\\d])(今日|本期|今|共|全)?\\s*\\d+\\s*版");

    /**
     * An issue's edition (第8126期) without the print edition's page count ("今日12版"): the kiosk shows its own
     * pages, not the printed ones; "" for none.
     */
    static String editionOnly(String edition) {
        return edition == null ? "" : PRINT_PAGES.matcher(edition).replaceAll("").strip();
    }

    /** Whether an edition line names the print edition's page count. */
    static boolean countsPages(String edition) {
        return edition != null && PRINT_PAGES.matcher(edition).find();
    }

    /** The date line and the edition (without the print edition's page count) as the home screen shows them. */
    public static String dateLine(java.time.LocalDate d, String edition) {
        String e = editionOnly(edition);
        return dateLine(d) + (e.isEmpty() ? "" : "　" + e);
    }

    /** A date as a Chinese paper prints it: 2025年9月10日 星期三. */
    public static String dateLine(java.time.LocalDate d) {
        return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日 "
                + d.getDayOfWeek().getDisplayName(java.time.format.TextStyle.FULL, java.util.Locale.CHINA);
    }
}
