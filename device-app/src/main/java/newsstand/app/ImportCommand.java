package newsstand.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import newsstand.config.DeviceConfig;
import newsstand.delivery.DeviceSync;
import newsstand.delivery.SyncSettings;
import newsstand.issue.Keys;
import newsstand.kiosk.Kiosk;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Imports a signed bundle (.nsb, made by `newsstand bundle`) into a kiosk's store by hand, with the "
                + "kiosk's own checks (its trusted keys, fleet, the sequence, each chunk's hash, a trial composition). "
                + "A kiosk running on the store shows the issue within seconds, or, under an embargo, from its time. It says what "
                + "became of the bundle: imported and activated, imported and held until its embargo (with the time), "
                + "already stored, or refused (with the reason). Exit status 0 unless it is refused, then 1."})
final class ImportCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE.nsb", description = "The bundle.")
    Path bundle;

    @Option(names = "--config", paramLabel = "FILE", required = true, description = "The kiosk's configuration file.")
    Path config;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(bundle)) throw new Newsstand.UserError(bundle + ": no such file (allowed: a bundle made by `newsstand bundle`)");
        DeviceConfig c = DeviceConfig.load(config);
        if (c.delivery().trustKeys().isEmpty()) throw new Newsstand.UserError(config + ": trust.keys is empty; a bundle is taken only when signed by a trusted operator key");
        List<PublicKey> trusted = new ArrayList<>();
        for (Path p : c.delivery().trustKeys()) trusted.add(Keys.readPublic(p));
        SyncSettings settings = SyncSettings.of(null, c.device().fleet(), c.device().id(), trusted, c.storage().path(), c.storage().keepIssues(), c.storage().quotaBytes());
        String result;
        try (DeviceSync sync = DeviceSync.start(settings, Kiosk.trial(c), id -> {})) {
            result = sync.importBundle(bundle);
        }
        boolean taken = !result.contains(": refused: ");
        (taken ? spec.commandLine().getOut() : spec.commandLine().getErr()).println((taken ? "" : "newsstand: ") + result);
        return taken ? 0 : Newsstand.BAD_INPUT;
    }
}
