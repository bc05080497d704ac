package newsstand.layout;

import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * What a page says about pages, in the language: the jump lines of a story that goes on elsewhere, the
 * folio's page of the total, the front page's pointer to the other sections and the date line. Simplified Chinese
 * papers print （下转第3版） and （上接第1版）, Traditional ones （下轉第3版）, Japanese papers count pages as 面
 * (（3面に続く）, （1面から続く）, きょうの紙面), Latin-script issues get English.
 */
record Folio(String continuedOn, String continuedFrom, String page, String pageOfTotal, String index, String seePage, Locale dates) {
    static final Folio SIMPLIFIED = new Folio("（下转第%d版）", "（上接第%d版）", "第%d版", "第%d版 / 共%d版", "本期导读", "（详见第%d版）", Locale.CHINA);
    static final Folio TRADITIONAL = new Folio("（下轉第%d版）", "（上接第%d版）", "第%d版", "第%d版 / 共%d版", "本期導讀", "（詳見第%d版）", Locale.TAIWAN);
    static final Folio JAPANESE = new Folio("（%d面に続く）", "（%d面から続く）", "%d面", "%d面 / 全%d面", "きょうの紙面", "（詳報%d面）", Locale.JAPAN);
    static final Folio ENGLISH = new Folio("Continued on page %d", "Continued from page %d", "page %d", "Page %d of %d", "Inside", "Page %d", Locale.UK);

    /** The wording of an issue in a language (a BCP 47 tag; none is Simplified Chinese, as the kiosk's own). */
    static Folio of(String language) {
        String l = language == null ? "zh-Hans" : language;
        if (l.equals("ja") || l.startsWith("ja-")) return JAPANESE;
        if (l.startsWith("zh-Hant") || l.equals("zh-TW") || l.equals("zh-HK") || l.equals("zh-MO")) return TRADITIONAL;
        if (l.startsWith("zh") || l.startsWith("ko") || l.isEmpty()) return SIMPLIFIED;
        return ENGLISH;
    }

    /** "（下转第3版）": where the story goes on. */
    String continuedOn(int toPage) {
        return String.format(continuedOn, toPage);
    }

    /** "（上接第1版）": where the story came from. */
    String continuedFrom(int fromPage) {
        return String.format(continuedFrom, fromPage);
    }

    /** "第3版": a section's first page, in the index. */
    String page(int number) {
        return String.format(page, number);
    }

    /** "第3版 / 共5版". */
    String pageOfTotal(int number, int total) {
        return String.format(pageOfTotal, number, total);
    }

    /** "共5版": the kiosk's page count beside the masthead's edition, where the print edition's stood. */
    String pageCount(int total) {
        if (this == JAPANESE) return "全" + total + "面";
        if (latin()) return total + " pages";
        return "共" + total + "版";
    }

    /** "（详见第3版）": the page a front-page teaser points to. */
    String seePage(int number) {
        return String.format(seePage, number);
    }

    /** Whether words are set apart by spaces (English) rather than ideographic ones. */
    boolean latin() {
        return this == ENGLISH;
    }

    /** The space between two parts of a line: an ideographic one, or an en space in English. */
    String space() {
        return latin() ? "  " : "　";
    }

    /** A date as the papers print it: 2025年9月10日 星期三, 2025年9月10日 水曜日, Wednesday 10 September 2025. */
    String date(LocalDate d) {
        if (latin()) {
            return d.getDayOfWeek().getDisplayName(TextStyle.FULL, dates) + " " + d.getDayOfMonth() + " "
                    + d.getMonth().getDisplayName(TextStyle.FULL, dates) + " " + d.getYear();
        }
        if (this == SIMPLIFIED) return ShelfTitle.dateLine(d);
        return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日 " + d.getDayOfWeek().getDisplayName(TextStyle.FULL, dates);
    }
}
