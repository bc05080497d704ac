package newsstand.layout;

import java.util.ArrayList;
import java.util.List;
import newsstand.fonts.typeset.SetLine;
import newsstand.issue.Photo;

/** One composed page: what to draw where, in panel pixels, before anything is drawn. */
public final class Page {
    /** The greys a page is drawn in: text, secondary text (kickers, bylines, captions), rules between stories. */
    static final int INK = 0;
    static final int GREY_TEXT = 0x50;
    static final int RULE_GREY = 0x90;

    /** Something drawn on a page, with the box it occupies. */
    sealed interface Op permits Text, Rule, Picture {
        int x();
        int y();
        int width();
        int height();
    }

    /**
     * A set line. Horizontal: its box top is y and the baseline is at y = baseline. Vertical: the line runs down
     * from y, and baseline is the x of the column's centre line. The first boldPrefix characters are bold. kind says
     * what the line is (headline, kicker, deck, byline, body, caption, jump, folio, masthead, header, ...: the layout
     * dump's), paragraph its paragraph's index in the article for body lines (-1 otherwise).
     */
    record Text(int x, int y, int width, int height, int baseline, SetLine line, int px, boolean bold, int ink,
                int boldPrefix, String articleId, boolean vertical, String kind, int paragraph) implements Op {}

    /** A filled rectangle: rules and reversed tags. */
    record Rule(int x, int y, int width, int height, int grey) implements Op {}

    /** A photo scaled into its box. */
    record Picture(int x, int y, int width, int height, Photo photo) implements Op {}

    final int number;
    final String section;
    final List<Op> ops = new ArrayList<>();
    /** The page of the total as its folio says it ("第1版 / 共5版"; "" for a screen), kept visible under a banner. */
    String pageOfTotal = "";

    /** The page's number in its issue (1-based). */
    public int number() {
        return number;
    }

    /** The title of the section the page belongs to. */
    public String section() {
        return section;
    }

    Page(int number, String section) {
        this.number = number;
        this.section = section;
    }
}
