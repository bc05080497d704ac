package newsstand.kiosk;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import newsstand.config.PanelModel;
import newsstand.delivery.Trial;
import newsstand.issue.Issue;
import newsstand.layout.IssueRenderer;
import newsstand.store.IssueStore;
import org.tinylog.Logger;

/** The kiosk's trial of a new issue: every page composed and drawn for its panel, in the fonts it shows them in. */
final class IssueTrial implements Trial {
    private final PanelModel model;
    private final List<Path> fontFolders;

    IssueTrial(PanelModel model, List<Path> fontFolders) {
        this.model = model;
        this.fontFolders = List.copyOf(fontFolders);
    }

    @Override
    public void compose(Issue issue, IssueStore.ImageSource images) throws Exception {
        int pages = IssueRenderer.open(issue.language(), fontFolders).trial(issue, file -> {
            try (InputStream in = images.open(file)) {
                return in.readAllBytes();
            }
        }, model);
        Logger.info("kiosk: {} composes into {} pages for {}", issue.id(), pages, model.id());
    }
}
