package newsstand.layout;

import java.util.ArrayList;
import java.util.List;
import newsstand.fonts.typeset.SetLine;
import newsstand.issue.Article;
import newsstand.issue.Photo;

/**
 * Stories set down columns: a kicker, headline, subhead and byline kept with the first lines of text, then the
 * paragraphs (the first opening with its dateline in bold) with the photos floating among them, a rule between two
 * stories in a column.
 */
final class Stories {
    /**
     * What is left of a story that ran out of room: from paragraph, line of it, the photos not placed; the page it
     * stopped on and where its jump line goes there; started: whether anything of it was set (its headline at least).
     */
    record Rest(Article article, int paragraph, int line, List<Photo> photos, Page page, int jumpX, int jumpY, boolean started) {}

    private final Flow f;
    private final Typography t;
    private final Photos photos;

    Stories(Flow flow, Photos photos) {
        this.f = flow;
        this.t = flow.typography();
        this.photos = photos;
    }

    /**
     * A story in the columns of a section's page, its headline kept with its first three lines; returns what did not
     * fit when the flow stops at the page's last column (nothing of it set, when not even that fitted), else null.
     */
    Rest article(Article a) {
        int needed = 3 * t.lineHeight() + header(a, t.headline());
        f.startStory(needed);
        if (f.overflow() || f.y() + needed > f.bottom()) return new Rest(a, 0, 0, a.photos(), f.page(), f.x(), f.y(), false);
        columnHeader(a, t.headline());
        return body(a, a.photos(), 0, 0);
    }

    /** The height of a column story's kicker, headline, subhead and byline. */
    int header(Article a, int headlinePx) {
        Headlines.Set h = f.headlines().set(a.headline(), headlinePx, step(headlinePx), t.columnWidth(), Headlines.context(a));
        return h.lines().size() * t.lineHeight(h.px()) + t.small() / 3
                + (a.kicker() == null ? 0 : blockHeight(a.kicker(), t.small(), true))
                + (a.subhead() == null ? 0 : f.headlines().deck(a.subhead(), t.subhead(), t.columnWidth(), Headlines.context(a)).size() * t.lineHeight(t.subhead()))
                + (a.byline() == null ? 0 : blockHeight(a.byline(), t.small(), false));
    }

    /** A column story's kicker, headline, subhead and byline; header gives their height. */
    void columnHeader(Article a, int headlinePx) {
        int w = t.columnWidth();
        if (a.kicker() != null) f.block(a.kicker(), t.small(), w, true, Page.GREY_TEXT, a.id(), "kicker");
        f.headline(a, headlinePx, step(headlinePx), w);
        if (a.subhead() != null) f.deck(a, w);
        if (a.byline() != null) f.block(a.byline(), t.small(), w, false, Page.GREY_TEXT, a.id(), "byline");
        f.space(t.small() / 3);
    }

    /**
     * Sets an article's photos and text from paragraph `from`, line `fromLine` of it. Returns what is left when a
     * front-page story runs out of room (overflow), else null.
     */
    Rest body(Article a, List<Photo> list, int from, int fromLine) {
        // A photo whose image did not come with the text (a printed page's caption) is left out with its caption:
        // a caption without its photo tells a reader nothing.
        List<Photo> waiting = new ArrayList<>(list.stream().filter(Photo::hasImage).toList());
        List<String> paragraphs = a.paragraphs();
        for (int i = from; i < paragraphs.size(); i++) {
            int skip = i == from ? fromLine : 0;
            photos.placeWaiting(waiting, a.id(), false);
            if (f.overflow()) return rest(a, i, skip, waiting);
            List<SetLine> lines = f.setter().set(paragraph(a, i), t.body(), t.columnWidth(), 2, true);
            int placed = f.paragraph(lines.subList(skip, lines.size()), a.id(), skip == 0 ? boldPrefix(a, i) : 0, skip == 0, i);
            if (f.overflow()) return rest(a, i, skip + placed, waiting);
        }
        photos.placeWaiting(waiting, a.id(), true);
        if (f.overflow()) return rest(a, paragraphs.size(), 0, waiting);
        f.space(t.lineHeight() / 3);
        return null;
    }

    private Rest rest(Article a, int paragraph, int line, List<Photo> waiting) {
        if (paragraph < a.paragraphs().size() && line >= f.setter().set(paragraph(a, paragraph), t.body(), t.columnWidth(), 2, true).size()) {
            paragraph++;
            line = 0;
        }
        return new Rest(a, paragraph, line, List.copyOf(waiting), f.page(), f.x(), f.y(), true);
    }

    /** Paragraph i of an article; the first opens with the dateline in bold, an ideographic space after it. */
    static String paragraph(Article a, int i) {
        String p = a.paragraphs().get(i);
        return i == 0 && a.dateline() != null ? a.dateline() + "\u3000" + p : p;
    }

    /** How many characters at the start of paragraph i are set bold: the dateline's. */
    static int boldPrefix(Article a, int i) {
        return i == 0 && a.dateline() != null ? a.dateline().codePointCount(0, a.dateline().length()) : 0;
    }

    /** The size a headline steps down to before it takes a third line: halfway to the subhead's. */
    int step(int headlinePx) {
        return Math.max(t.subhead(), (headlinePx + t.subhead()) / 2);
    }

    /** The height of a ragged block (headline, kicker, byline) set a column wide. */
    int blockHeight(String text, int px, boolean boldType) {
        return f.setter().set(text, px, t.columnWidth(), 0, false, boldType).size() * t.lineHeight(px);
    }
}
