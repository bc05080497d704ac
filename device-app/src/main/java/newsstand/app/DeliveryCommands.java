package newsstand.app;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
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
import java.util.Map;
import java.util.concurrent.Callable;
import newsstand.config.Name;
import newsstand.delivery.Broker;
import newsstand.delivery.Publisher;
import newsstand.issue.Keys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The operator's delivery tools: keys, publishing, withdrawing, and the fleet's status. */
final class DeliveryCommands {
    private DeliveryCommands() {}

    /** --broker, --username, --password, --ca: how an operator tool reaches the broker. */
    static final class BrokerOptions {
        @Option(names = "--broker", paramLabel = "URL", required = true, description = "The broker: tcp://HOST:PORT or ssl://HOST:PORT.")
        String url;

        @Option(names = "--username", paramLabel = "U", description = "User name on the broker.")
        String username;

        @Option(names = "--password", paramLabel = "P", description = "Password on the broker (or the environment variable NEWSSTAND_MQTT_PASSWORD).")
        String password;

        @Option(names = "--ca", paramLabel = "FILE", description = "PEM certificate of the CA that signed the broker's (ssl:// only; default: the system's CAs).")
        Path ca;

        Broker broker() throws Newsstand.UserError {
            String pw = password != null ? password : System.getenv("NEWSSTAND_MQTT_PASSWORD");
            if (ca != null && !Files.isRegularFile(ca)) throw new Newsstand.UserError("--ca " + ca + ": no such file (allowed: a PEM CA certificate)");
            try {
                return new Broker(url, username, pw, ca);
            } catch (IllegalArgumentException e) {
                throw new Newsstand.UserError("--broker " + e.getMessage());
            }
        }
    }

    static final class FleetOption {
        @Option(names = "--fleet", paramLabel = "NAME", required = true, description = "The fleet: 1 to 64 of a-z, 0-9 and '-'.")
        String fleet;

        String fleet() throws Newsstand.UserError {
            if (!Name.valid(fleet)) {
                throw new Newsstand.UserError("--fleet '" + fleet + "' is not allowed (allowed: " + Name.RULE + ")");
            }
            return fleet;
        }
    }

    @Command(name = "keygen", mixinStandardHelpOptions = true,
            description = {"Writes a new Ed25519 key pair: DIR/operator.key (signs issues; keep it at the operator's desk) "
                    + "and DIR/operator.pub (goes to every kiosk, named in trust.keys). Never overwrites a key."})
    static final class Keygen implements Callable<Integer> {
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

    @Command(name = "publish", mixinStandardHelpOptions = true,
            description = {"Validates an issue package, signs its manifest and publishes it to a fleet: every chunk retained "
                    + "on its own topic, then the manifest. Ends with a line naming the issue and the bytes sent."})
    static final class Publish implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin BrokerOptions broker;
        @Mixin FleetOption fleet;

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

    @Command(name = "withdraw", mixinStandardHelpOptions = true,
            description = {"Removes an issue from the broker (its manifest and chunks), so no kiosk starts taking it. "
                    + "Kiosks that already show it keep it."})
    static final class Withdraw implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin BrokerOptions broker;
        @Mixin FleetOption fleet;

        @Option(names = "--issue", paramLabel = "ID", required = true, description = "The issue's id.")
        String issue;

        @Override
        public Integer call() throws Exception {
            int chunks = Publisher.withdraw(broker.broker(), fleet.fleet(), issue);
            spec.commandLine().getOut().println("withdrew issue " + issue + " from fleet " + fleet.fleet() + " (manifest and " + chunks + " chunks)");
            return 0;
        }
    }

    @Command(name = "fleet", mixinStandardHelpOptions = true, subcommands = FleetStatus.class,
            description = "The fleet's kiosks, as their retained statuses on the broker tell.")
    static final class Fleet implements Runnable {
        @Spec CommandSpec spec;

        @Override
        public void run() {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (status)");
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = {"Lists each kiosk of the fleet: online or offline, active issue, sync progress, last error, last seen."})
    static final class FleetStatus implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin BrokerOptions broker;
        @Mixin FleetOption fleet;

        @Option(names = "--wait", paramLabel = "MS", defaultValue = "1000", description = "How long to collect statuses (default: ${DEFAULT-VALUE} ms).")
        int waitMs;

        @Override
        public Integer call() throws Exception {
            Map<String, JsonObject> devices = Publisher.fleet(broker.broker(), fleet.fleet(), Duration.ofMillis(Math.max(100, waitMs)));
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%-20s %-8s %-24s %-16s %-25s %s%n", "DEVICE", "STATE", "ACTIVE ISSUE", "SYNC", "LAST SEEN", "LAST ERROR");
            for (Map.Entry<String, JsonObject> e : devices.entrySet()) {
                JsonObject s = e.getValue();
                String state = s.has("unreadable") ? "unreadable" : bool(s, "online") ? "online" : "offline";
                String sync = "-";
                if (s.get("syncing") instanceof JsonObject y) {
                    sync = text(y, "issue") + " " + text(y, "percent") + "%";
                }
                String error = s.get("lastError") instanceof JsonObject le ? text(le, "message") : "-";
                out.printf("%-20s %-8s %-24s %-16s %-25s %s%n", e.getKey(), state, text(s, "activeIssue"), sync, text(s, "updated"), error);
            }
            out.println(devices.size() + " kiosks in fleet " + fleet.fleet());
            return 0;
        }

        private static boolean bool(JsonObject o, String f) {
            JsonElement e = o.get(f);
            return e != null && e.isJsonPrimitive() && e.getAsBoolean();
        }

        private static String text(JsonObject o, String f) {
            JsonElement e = o.get(f);
            return e == null || e.isJsonNull() ? "-" : e.getAsString();
        }
    }
}
