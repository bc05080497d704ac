package newsstand.layout;

import java.util.List;
import newsstand.config.Language;
import newsstand.fonts.Typeface;
import newsstand.issue.Issue;
import newsstand.issue.Section;

/**
 * Lays an issue out as newspaper pages for one panel: the {@link FrontPage}, then each section on new pages, its
 * {@link Stories} flowing down columns and on to the next page ({@link Flow}), photos floating among the paragraphs
 * ({@link Photos}), every page with its {@link Furniture}. Traditional Chinese and Japanese issues are set in
 * {@link VerticalPages}.
 */
final class Composer {
    private final Typography t;
    private final Setter setter;

    Composer(Typography typography, Typeface regular, Typeface bold) {
        this.t = typography;
        this.setter = new Setter(regular, bold);
    }

    List<Page> compose(Issue issue) {
        boolean vertical = isVertical(issue.language());
        Flow flow = new Flow(t, setter, issue, vertical);
        Photos photos = new Photos(flow);
        Stories stories = new Stories(flow, photos);
        boolean front = true;
        for (Section s : issue.sections()) {
            flow.startSection(s.title());
            if (front && !vertical && !s.articles().isEmpty()) {
                new FrontPage(flow, stories, photos).compose(s, issue.sections().size());
                front = false;
                continue;
            }
            if (!vertical) {
                new SectionPages(flow, stories).compose(List.of(), s.articles());
                front = false;
                continue;
            }
            flow.newPage(front);
            flow.tiers().section(s.articles(), front);
            front = false;
        }
        return flow.finish();
    }

    /** Traditional Chinese and Japanese issues are set vertically, as their printed papers are. */
    static boolean isVertical(String language) {
        return language != null && (language.startsWith(Language.ZH_HANT) || language.equals(Language.ZH_TW) || language.equals(Language.ZH_HK)
                || language.equals(Language.JA) || language.startsWith(Language.JA + "-"));
    }
}
