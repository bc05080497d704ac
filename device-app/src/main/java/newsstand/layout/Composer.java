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
        List<FrontPage.Taken> taken = List.of();
        int frontIndex = 0;
        List<Section> sections = issue.sections();
        for (int k = 0; k < sections.size(); k++) {
            Section s = sections.get(k);
            flow.startSection(s.title());
            if (front && !vertical && !s.articles().isEmpty()) {
                taken = new FrontPage(flow, stories, photos).compose(sections.subList(k, sections.size()));
                frontIndex = k;
                front = false;
                continue;
            }
            if (!vertical) {
                // The stories the front page took: those that jumped go on first, the rest of the section after them.
                int i = k - frontIndex - 1;
                FrontPage.Taken t = i >= 0 && i < taken.size() ? taken.get(i) : FrontPage.Taken.NONE;
                if (t.stories() < s.articles().size() || !t.rests().isEmpty()) {
                    new SectionPages(flow, stories).compose(t.rests(), s.articles().subList(t.stories(), s.articles().size()));
                }
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
