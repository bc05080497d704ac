package newsstand.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.stream.Collectors;
import newsstand.config.DeviceConfig;
import newsstand.config.Name;
import newsstand.config.PanelModel;
import newsstand.delivery.Broker;
import newsstand.desk.Signer;
import newsstand.display.Panel;
import newsstand.display.SimulatedPanel;
import newsstand.display.hardware.Panels;
import newsstand.fonts.Face;
import newsstand.fonts.FontException;
import newsstand.fonts.FontFile;
import newsstand.issue.Keys;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** The options several commands share, checked in one place: each names the option and what is allowed. */
final class Options {
    private Options() {}

    /** --broker, --username, --password, --ca: how an operator tool reaches the broker. */
    static final class BrokerOption {
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
        @Option(names = "--fleet", paramLabel = "NAME", required = true, description = "The fleet: " + Name.RULE + ".")
        String fleet;

        String fleet() throws Newsstand.UserError {
            if (!Name.valid(fleet)) {
                throw new Newsstand.UserError("--fleet '" + fleet + "' is not allowed (allowed: " + Name.RULE + ")");
            }
            return fleet;
        }
    }

    /** Where test-pattern and clear show: the configured panel, or a simulated one writing PNGs. */
    static final class PanelTarget {
        @ArgGroup(exclusive = true, multiplicity = "1")
        Choice choice;

        static final class Choice {
            @Option(names = "--config", paramLabel = "FILE", description = "The kiosk's configuration: its panel and driver.")
            Path config;

            @Option(names = "--panel", paramLabel = "MODEL", description = "A simulated panel of this model (PNGs into --out).")
            PanelModel model;
        }

        @Option(names = "--out", paramLabel = "DIR", defaultValue = "out/panel", description = "Folder for a simulated panel's PNGs (default: ${DEFAULT-VALUE}).")
        Path out;

        Panel open() throws Exception {
            if (choice.model != null) {
                Files.createDirectories(out);
                return new SimulatedPanel(choice.model, out, "panel-%03d.png");
            }
            return Panels.open(DeviceConfig.load(choice.config).panel(), "panel-%03d.png");
        }
    }

    /** The --panel option of demo and render. */
    static final class PanelOption {
        @Option(names = "--panel", paramLabel = "MODEL", defaultValue = "it8951-10in3",
                description = "Panel model: it8951-10in3, it8951-13in3, it8951-6in or waveshare-7in5-v2 (default: ${DEFAULT-VALUE}).")
        PanelModel model;
    }

    /** The --font, --face and --px options of the font tools: a file, in a collection the face by family name, a size. */
    static final class FontOption {
        @Option(names = "--font", paramLabel = "FILE", required = true, description = "A .ttf, .otf, .ttc or .otc file.")
        Path font;

        @Option(names = "--face", paramLabel = "NAME", description = "The face's family name; required for a collection (.ttc, .otc).")
        String face;

        @Option(names = "--px", paramLabel = "N", required = true, description = "Size in pixels per em (4 to 512).")
        int px;

        /** The size, checked. */
        int px() throws Newsstand.UserError {
            if (px < 4 || px > 512) throw new Newsstand.UserError("--px " + px + " is not allowed (allowed: 4 to 512)");
            return px;
        }

        Face open() throws FontException, Newsstand.UserError {
            FontFile file = FontFile.open(font);
            if (face != null) return file.face(face);
            if (file.faceCount() == 1) return file.face(0);
            String names = file.faces().stream().map(Face::family).collect(Collectors.joining(", "));
            throw new Newsstand.UserError(font + " is a collection of " + file.faceCount() + " faces; give --face NAME (one of: " + names + ")");
        }
    }

    /** --sequence, --expires and --activate-at of an issue signed for the fleet (publish, bundle). */
    static final class Release {
        @Option(names = "--sequence", paramLabel = "N", description = "The issue's sequence; it must grow from issue to issue (default: now, in ms since 1970).")
        Long sequence;

        @Option(names = "--expires", paramLabel = "WHEN", description = "When kiosks stop taking it: a date (YYYY-MM-DD, UTC midnight) or an instant (default: 7 days from now).")
        String expires;

        @Option(names = "--activate-at", paramLabel = "WHEN", description = "An embargo: kiosks store the issue at once but show it "
                + "only from then on: a date (YYYY-MM-DD, UTC midnight) or an instant such as 2025-09-10T05:00:00Z (default: at once).")
        String activateAt;

        long sequence() throws Newsstand.UserError {
            return Options.sequence(sequence);
        }

        java.time.Instant expires() throws Newsstand.UserError {
            return expires == null ? java.time.Instant.now().plus(java.time.Duration.ofDays(7)) : instant("--expires", expires);
        }

        /** The embargo's end, or null for none. */
        java.time.Instant embargo() throws Newsstand.UserError {
            return activateAt == null ? null : instant("--activate-at", activateAt);
        }

        /** The release as given: the expiry, the embargo and the sequence, checked in that order. */
        newsstand.desk.Release release() throws Newsstand.UserError {
            java.time.Instant until = expires();
            java.time.Instant embargo = embargo();
            return new newsstand.desk.Release(sequence(), until, embargo);
        }
    }

    /** --key: the operator's private key, its public half beside it; checked to be one pair before anything is signed. */
    static final class KeyOption {
        @Option(names = "--key", paramLabel = "FILE", required = true,
                description = "The operator's private key (operator.key); its operator.pub must lie beside it.")
        Path key;

        /** The private key and the id of its public half. */
        Signer signer() throws Exception {
            PrivateKey priv = Keys.readPrivate(key);
            Path pubFile = key.resolveSibling(Keys.PUBLIC_FILE);
            if (!Files.isRegularFile(pubFile)) {
                throw new Newsstand.UserError("--key " + key + ": " + pubFile + " is missing (keygen writes both; the key id comes from it)");
            }
            PublicKey pub = Keys.readPublic(pubFile);
            byte[] probe = "newsstand".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(priv);
            s.update(probe);
            byte[] sig = s.sign();
            s.initVerify(pub);
            s.update(probe);
            if (!s.verify(sig)) throw new Newsstand.UserError("--key " + key + " and " + pubFile + " are not one key pair");
            return new Signer(priv, Keys.id(pub));
        }
    }

    /** A --publication given (checked against the name rule), or the one the newspaper's name gives. */
    static String publication(String given, String title) throws Newsstand.UserError {
        if (given == null) return newsstand.issue.Issue.derivePublication(title);
        if (!Name.valid(given)) throw new Newsstand.UserError("--publication '" + given + "' is not allowed (allowed: " + Name.RULE + ")");
        return given;
    }

    /** A time given on the command line: a date (UTC midnight) or an instant. */
    static java.time.Instant instant(String option, String text) throws Newsstand.UserError {
        try {
            return text.length() == 10 ? java.time.LocalDate.parse(text).atStartOfDay().toInstant(java.time.ZoneOffset.UTC)
                    : java.time.Instant.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            throw new Newsstand.UserError(option + " '" + text + "' is not allowed (allowed: YYYY-MM-DD or an instant such as 2025-09-17T04:00:00Z)");
        }
    }

    /** A --sequence given, or now in ms; never more than a day ahead, which would lock the fleet out. */
    static long sequence(Long given) throws Newsstand.UserError {
        long now = System.currentTimeMillis();
        long seq = given != null ? given : now;
        long highest = now + newsstand.issue.Manifest.SEQUENCE_LEAD_MS;
        if (seq < 1 || seq > highest) {
            throw new Newsstand.UserError("--sequence " + seq + " is not allowed (allowed: 1 to " + highest + ", this computer's clock in ms"
                    + " plus a day: kiosks refuse every issue below the highest sequence they took, so one far ahead would lock the fleet out)");
        }
        return seq;
    }
}
