package newsstand.app;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import newsstand.delivery.Publisher;
import newsstand.issue.Keys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "publish", mixinStandardHelpOptions = true,
        description = {"Validates an issue package, signs its manifest and publishes it to a fleet: every chunk retained "
                + "on its own topic, then the manifest. Ends with a line naming the issue and the bytes sent."})
final class PublishCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Options.BrokerOption broker;
    @Mixin Options.FleetOption fleet;

    @Option(names = "--key", paramLabel = "FILE", required = true,
            description = "The operator's private key (operator.key); its operator.pub must lie beside it.")
    Path key;

    @Option(names = "--issue", paramLabel = "PATH", required = true, description = "The issue package folder (with issue.json).")
    Path issue;

    @Option(names = "--sequence", paramLabel = "N", description = "The issue's sequence; it must grow from issue to issue (default: now, in ms since 1970).")
    Long sequence;

    @Option(names = "--expires", paramLabel = "WHEN", description = "When kiosks stop taking it: a date (YYYY-MM-DD, UTC midnight) or an instant (default: 7 days from now).")
    String expires;

    @Override
    public Integer call() throws Exception {
        PrivateKey priv = Keys.readPrivate(key);
        Path pubFile = key.resolveSibling(Keys.PUBLIC_FILE);
        if (!Files.isRegularFile(pubFile)) {
            throw new Newsstand.UserError("--key " + key + ": " + pubFile + " is missing (keygen writes both; the key id comes from it)");
        }
        PublicKey pub = Keys.readPublic(pubFile);
        if (!pair(priv, pub)) throw new Newsstand.UserError("--key " + key + " and " + pubFile + " are not one key pair");
        Instant until = Instant.now().plus(Duration.ofDays(7));
        if (expires != null) {
            try {
                until = expires.length() == 10 ? LocalDate.parse(expires).atStartOfDay().toInstant(ZoneOffset.UTC) : Instant.parse(expires);
            } catch (DateTimeParseException e) {
                throw new Newsstand.UserError("--expires '" + expires + "' is not allowed (allowed: YYYY-MM-DD or an instant such as 2025-09-17T04:00:00Z)");
            }
        }
        long seq = sequence != null ? sequence : System.currentTimeMillis();
        if (seq < 1) throw new Newsstand.UserError("--sequence " + seq + " is not allowed (allowed: 1 or more)");
        PrintWriter out = spec.commandLine().getOut();
        Publisher.Published p = Publisher.publish(broker.broker(), fleet.fleet(), priv, Keys.id(pub), issue, seq, until,
                line -> out.println("  " + line));
        out.println("published issue " + p.issue() + " (sequence " + p.sequence() + ") to fleet " + fleet.fleet() + ": "
                + p.bytes() + " bytes sent in " + p.chunks() + " chunks and a manifest");
        return 0;
    }

    private static boolean pair(PrivateKey priv, PublicKey pub) throws Exception {
        byte[] probe = "newsstand".getBytes();
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(priv);
        s.update(probe);
        byte[] sig = s.sign();
        s.initVerify(pub);
        s.update(probe);
        return s.verify(sig);
    }
}
