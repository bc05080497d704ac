package newsstand.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import newsstand.issue.Keys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = {"Writes a new Ed25519 key pair: DIR/operator.key (signs issues; keep it at the operator's desk) "
                + "and DIR/operator.pub (goes to every kiosk, named in trust.keys). Never overwrites a key."})
final class KeygenCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder for the two key files.")
    Path out;

    @Override
    public Integer call() throws Exception {
        String id = Keys.generate(out);
        spec.commandLine().getOut().println("wrote " + out.resolve(Keys.PRIVATE_FILE) + " and " + out.resolve(Keys.PUBLIC_FILE)
                + " (key id " + id + ")");
        return 0;
    }
}
