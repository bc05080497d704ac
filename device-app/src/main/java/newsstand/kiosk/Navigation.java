package newsstand.kiosk;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a press takes a reader in an issue of pages, each with its section: next and previous page, a long press
 * next to the next section's first page, a long press previous to the start of this section (or of the one before,
 * from its first page). Pages are 0-based here.
 */
final class Navigation {
    private final List<String> sections;

    Navigation(List<String> sectionOfEachPage) {
        this.sections = List.copyOf(sectionOfEachPage);
    }

    int pages() {
        return sections.size();
    }

    int next(int page) {
        return Math.min(sections.size() - 1, page + 1);
    }

    int previous(int page) {
        return Math.max(0, page - 1);
    }

    int nextSection(int page) {
        for (int i = page + 1; i < sections.size(); i++) {
            if (!sections.get(i).equals(sections.get(page))) return i;
        }
        return page;
    }

    int previousSection(int page) {
        int start = start(page);
        return start < page || start == 0 ? start : start(start - 1);
    }

    /** The first page of the section a page is in. */
    int start(int page) {
        int i = page;
        while (i > 0 && sections.get(i - 1).equals(sections.get(page))) i--;
        return i;
    }

    /** Each section once, in page order, with its first page: the index. */
    List<Section> index() {
        List<Section> list = new ArrayList<>();
        for (int i = 0; i < sections.size(); i++) {
            if (i == 0 || !sections.get(i).equals(sections.get(i - 1))) list.add(new Section(sections.get(i), i));
        }
        return list;
    }

    /** A section of the index: its title and first page (0-based). */
    record Section(String title, int firstPage) {}
}
