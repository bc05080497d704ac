package newsstand.delivery;

import newsstand.issue.Issue;
import newsstand.store.IssueStore;

/**
 * What a kiosk checks before an issue becomes the one it shows: that its pages compose and draw for the panel.
 * A trial that throws, runs out of memory or takes longer than the settings allow refuses the issue (a status
 * error and a "rejected" event), and the kiosk goes on showing what it showed.
 */
@FunctionalInterface
public interface Trial {
    /** Accepts every issue: for tools and tests that show nothing. */
    Trial NONE = (issue, images) -> {};

    /** Composes the issue, its images read from the package; throws with the reason when it must not be shown. */
    void compose(Issue issue, IssueStore.ImageSource images) throws Exception;
}
