package newsstand.kiosk;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import newsstand.issue.Issue;
import newsstand.layout.ShelfTitle;
import newsstand.store.IssueStore;
import newsstand.store.StoreException;

/**
 * The titles the kiosk carries, as its screens need them: each publication's shown issue with its name, date and
 * lead headlines, those named in kiosk.titles first and in that order, the others in order of first arrival. What
 * is read of an issue is kept by issue id, so a reload after an activation reads only the new issue.
 */
final class Titles {
    /** A publication's shown issue. */
    record Title(String publication, String issue, String previous, String name, LocalDate date, String edition, String language,
                 List<String> headlines, int cadenceDays) {
        /** As the home screen shows it. */
        ShelfTitle shelf() {
            return new ShelfTitle(name, ShelfTitle.dateLine(date, edition), headlines);
        }

        /** As the home screen shows it outside its window: its date line followed by when it is shown ("16:00起 · from 16:00"). */
        ShelfTitle shelf(String when) {
            return new ShelfTitle(name, ShelfTitle.dateLine(date, edition) + "　〔" + when + "〕", headlines);
        }

        /** Whether the issue is older than its publication's rhythm (days between its last two issues) allows. */
        boolean stale(LocalDate today) {
            return ChronoUnit.DAYS.between(date, today) > cadenceDays;
        }
    }

    private final List<String> order;
    private final Map<String, Title> read = new HashMap<>();
    private List<Title> list = List.of();

    Titles(List<String> order) {
        this.order = List.copyOf(order);
    }

    /** Reads the shelf again; titles whose issue cannot be read are left out (and logged by the caller's fault). */
    List<Title> reload(IssueStore store) throws StoreException {
        List<IssueStore.Shelved> shelf = new ArrayList<>(store.shelf());
        shelf.sort((a, b) -> Integer.compare(rank(a.publication()), rank(b.publication())));
        List<Title> titles = new ArrayList<>();
        Map<String, Title> kept = new HashMap<>();
        for (IssueStore.Shelved s : shelf) {
            Title t = read.get(s.issue());
            if (t == null) t = read(store, s);
            titles.add(t);
            kept.put(s.issue(), t);
        }
        read.clear();
        read.putAll(kept);
        list = List.copyOf(titles);
        return list;
    }

    List<Title> list() {
        return list;
    }

    private int rank(String publication) {
        int i = order.indexOf(publication);
        return i < 0 ? order.size() : i; // a stable sort keeps the others in order of arrival
    }

    private static Title read(IssueStore store, IssueStore.Shelved s) throws StoreException {
        Issue issue = store.head(s.issue());
        List<String> headlines = List.of();
        try {
            // Its headlines only: the issue's text is read once, when it is opened to be shown.
            headlines = List.copyOf(store.headlines(s.issue(), 5));
        } catch (StoreException | RuntimeException e) {
            // Its text cannot be read: the title is still listed, and opening it says why.
        }
        int cadence = 1;
        if (s.previous() != null) {
            try {
                long days = ChronoUnit.DAYS.between(store.head(s.previous()).date(), issue.date());
                cadence = (int) Math.max(1, Math.min(31, days));
            } catch (StoreException e) {
                // the previous issue is gone: a daily rhythm is assumed
            }
        }
        return new Title(s.publication(), s.issue(), s.previous(), issue.title(), issue.date(), issue.edition(), issue.language(), headlines, cadence);
    }
}
