package newsstand.kiosk;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;
import newsstand.issue.Notice;

/**
 * What the panel shows, as the status reports it (PROTOCOL.md), made from a {@link Display}: the screen (home, page, index, waiting, closed,
 * fault, setup); on a page or the index the publication, its title, the issue, the page (1-based) and the issue's
 * pages; on the home screen the title under the cursor; the banner over the footer (offline, stale) and a fault's code;
 * the publications outside their window now (kiosk.titles: not rotated, marked on the home screen), sorted; the
 * station notices in force (screen "notice" while an urgent one covers the screen).
 */
record Shown(String screen, String publication, String title, String issue, int page, int pages, String banner, String fault,
             List<String> outside, List<Notice> notices) {
    Shown(String screen, String publication, String title, String issue, int page, int pages, String banner, String fault) {
        this(screen, publication, title, issue, page, pages, banner, fault, List.of(), List.of());
    }

    /** The same, with the publications outside their window now. */
    Shown outside(java.util.Collection<String> publications) {
        return new Shown(screen, publication, title, issue, page, pages, banner, fault, new java.util.TreeSet<>(publications).stream().toList(), notices);
    }

    /** The same with the notices in force (shown in the band, or the urgent one over the screen). */
    Shown with(List<Notice> shown) {
        return new Shown(screen, publication, title, issue, page, pages, banner, fault, outside, shown);
    }

    /** As the status reports it. */
    JsonObject json() {
        JsonObject o = new JsonObject();
        o.addProperty("screen", screen);
        o.addProperty("publication", publication);
        o.addProperty("title", title);
        o.addProperty("issue", issue);
        o.addProperty("page", page);
        o.addProperty("pages", pages);
        o.addProperty("banner", banner);
        o.addProperty("fault", fault);
        JsonArray out = new JsonArray();
        outside.forEach(out::add);
        o.add("outsideWindow", out);
        JsonArray list = new JsonArray();
        for (Notice n : notices) {
            JsonObject j = new JsonObject();
            j.addProperty("id", n.id());
            j.addProperty("level", n.level().word());
            j.addProperty("title", n.title());
            j.addProperty("text", n.text());
            j.addProperty("until", n.until().toString());
            list.add(j);
        }
        o.add("notices", list);
        return o;
    }

    // equals and hashCode written out: a record's own are linked at their first call through java.lang.runtime's
    // method handles, spun before the first frame is reported (bench startup).
    @Override
    public boolean equals(Object o) {
        return o instanceof Shown s && java.util.Objects.equals(screen, s.screen) && java.util.Objects.equals(publication, s.publication)
                && java.util.Objects.equals(title, s.title) && java.util.Objects.equals(issue, s.issue) && page == s.page
                && pages == s.pages && java.util.Objects.equals(banner, s.banner) && java.util.Objects.equals(fault, s.fault)
                && outside.equals(s.outside) && notices.equals(s.notices);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(screen, publication, title, issue, page, pages, banner, fault, outside, notices);
    }

    /** In words: "page qd-2025-09-10 page 3 of 8", "home", "fault F2". */
    String words() {
        return screen + (fault != null ? " " + fault : "") + (issue != null ? " " + issue + (page > 0 ? " page " + page + " of " + pages : "") : "");
    }
}
