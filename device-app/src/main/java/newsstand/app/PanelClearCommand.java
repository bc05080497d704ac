package newsstand.app;

import java.io.IOException;
import java.util.concurrent.Callable;
import newsstand.display.Panel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "clear", mixinStandardHelpOptions = true,
        description = "Clears the panel to white with a full, flashing refresh (after ghosting, before storage).")
final class PanelClearCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @picocli.CommandLine.Mixin Options.PanelTarget target;

    @Override
    public Integer call() throws IOException, Exception {
        try (Panel panel = target.open()) {
            panel.clear();
            panel.sleep();
            spec.commandLine().getOut().println("cleared " + panel.model().id());
        }
        return 0;
    }
}
