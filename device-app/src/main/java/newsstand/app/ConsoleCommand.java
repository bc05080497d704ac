package newsstand.app;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import newsstand.console.Console;
import newsstand.console.ConsoleStore;
import newsstand.console.Role;
import newsstand.delivery.Broker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "console", mixinStandardHelpOptions = true, subcommands = ConsoleCommand.User.class,
        description = {"Starts the operator's console: a web page to see the fleet and every panel, prepare, preview, publish and "
                + "withdraw the day's issue, post commands to kiosks, with users, roles and an audit log. It holds the operator's key "
                + "and the broker connection; the page is at http://ADDRESS:PORT/ (log in as a user made with `newsstand console user add`)."})
final class ConsoleCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "The console's settings as a properties file (the package's: "
            + "/etc/newsstand/console.properties): broker, username, password, ca, fleet, key, data, listen, behind-proxy, keystore, "
            + "keystore.password, session.minutes; an option given here overrides the file's value.")
    Path config;

    // Not required by picocli: `console user add` takes none of them, and the file of --config may give them.
    @Option(names = "--broker", paramLabel = "URL[,URL...]", description = "The broker, or the brokers of a cluster in the order to try: tcp://HOST:PORT or ssl://HOST:PORT.")
    String broker;

    @Option(names = "--username", paramLabel = "U", description = "User name on the broker.")
    String username;

    @Option(names = "--password", paramLabel = "P", description = "Password on the broker (or the environment variable NEWSSTAND_MQTT_PASSWORD); it never reaches the browser.")
    String password;

    @Option(names = "--ca", paramLabel = "FILE", description = "PEM certificate of the CA that signed the broker's (ssl:// only).")
    String ca;

    @Option(names = "--fleet", paramLabel = "NAME", description = "The fleet.")
    String fleet;

    @Option(names = "--key", paramLabel = "FILE", description = "The operator's private key (operator.key; operator.pub beside it); it never reaches the browser.")
    String key;

    @Option(names = "--data", paramLabel = "DIR", description = "The console's folder: its SQLite file (users, audit log, uploads) and the uploads' files.")
    String data;

    @Option(names = "--listen", paramLabel = "ADDRESS:PORT",
            description = "Where to serve the page (default: 127.0.0.1:8080); an address other than loopback needs --keystore or --behind-proxy.")
    String listen;

    @Option(names = "--behind-proxy", description = "Serve plain HTTP on a non-loopback address for a reverse proxy that does TLS (config/examples/console/).")
    boolean behindProxy;

    @Option(names = "--keystore", paramLabel = "FILE", description = "A PKCS12 keystore with the console's certificate: serve HTTPS "
            + "(its password in the environment variable NEWSSTAND_CONSOLE_KEYSTORE_PASSWORD, or keystore.password in the file of --config).")
    String keystore;

    @Option(names = "--session-minutes", paramLabel = "N", description = "A session ends after this many minutes without a request (1 to 1440; default: 30).")
    String sessionMinutes;

    @Override
    public Integer call() throws Exception {
        Map<ConsoleConfig.Key, String> given = new EnumMap<>(ConsoleConfig.Key.class);
        given.put(ConsoleConfig.Key.BROKER, broker);
        given.put(ConsoleConfig.Key.USERNAME, username);
        given.put(ConsoleConfig.Key.PASSWORD, password);
        given.put(ConsoleConfig.Key.CA, ca);
        given.put(ConsoleConfig.Key.FLEET, fleet);
        given.put(ConsoleConfig.Key.KEY, key);
        given.put(ConsoleConfig.Key.DATA, data);
        given.put(ConsoleConfig.Key.LISTEN, listen);
        given.put(ConsoleConfig.Key.BEHIND_PROXY, behindProxy ? "true" : null);
        given.put(ConsoleConfig.Key.KEYSTORE, keystore);
        given.put(ConsoleConfig.Key.SESSION_MINUTES, sessionMinutes);
        ConsoleConfig.Settings c = ConsoleConfig.read(given, config, System.getenv());
        Broker b;
        try {
            b = new Broker(c.broker(), c.username(), c.password(), c.ca());
        } catch (IllegalArgumentException e) {
            throw new Newsstand.UserError("--broker " + e.getMessage());
        }
        Options.KeyOption k = new Options.KeyOption();
        k.key = c.key();
        Console.Settings s = new Console.Settings(b, c.fleet(), k.signer(), c.data(), c.listen(), c.behindProxy(), c.keystore(),
                c.keystorePassword(), Duration.ofMinutes(c.sessionMinutes()));
        Console console;
        try {
            console = Console.start(s);
        } catch (IllegalArgumentException e) {
            throw new Newsstand.UserError(e.getMessage());
        } catch (java.net.BindException e) {
            throw new Newsstand.UserError("--listen " + c.host() + ":" + c.listen().getPort() + ": cannot listen there (" + e.getMessage()
                    + "; is another program on that port?)");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            console.close();
            stopped.countDown();
        }));
        spec.commandLine().getOut().println("console of fleet " + c.fleet() + " at " + (c.keystore() != null ? "https" : "http") + "://" + c.host()
                + ":" + console.port() + "/");
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }

    @Command(name = "user", mixinStandardHelpOptions = true, subcommands = Add.class, description = "The console's users.")
    static final class User implements Runnable {
        @Spec CommandSpec spec;

        @Override
        public void run() {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (add)");
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Adds a user to the console (or sets an existing one's role and password). The password is asked twice on a "
                    + "terminal; when standard input is not a terminal, its first line is the password."})
    static final class Add implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "The user's name: " + newsstand.config.Name.RULE + ".")
        String name;

        @Option(names = "--role", paramLabel = "ROLE", required = true, description = "viewer (sees), editor (also prepares, previews, publishes "
                + "and withdraws issues) or admin (also commands kiosks and manages users).")
        String role;

        @Option(names = "--data", paramLabel = "DIR", required = true, description = "The console's folder (as `newsstand console --data`).")
        Path data;

        @Override
        public Integer call() throws Exception {
            if (!newsstand.config.Name.valid(name)) throw new Newsstand.UserError("user '" + name + "' is not allowed (allowed: " + newsstand.config.Name.RULE + ")");
            Role r;
            try {
                r = Role.of(role);
            } catch (IllegalArgumentException e) {
                throw new Newsstand.UserError("--role: " + e.getMessage());
            }
            char[] pw = password();
            try (ConsoleStore store = ConsoleStore.open(data)) {
                store.putUser(name, r, pw);
            } catch (java.sql.SQLException e) {
                throw new Newsstand.UserError(data + ": the console's store cannot be written: " + e.getMessage());
            } finally {
                Arrays.fill(pw, ' ');
            }
            spec.commandLine().getOut().println("user " + name + " is a" + (r == Role.ADMIN ? "n " : " ") + r.name().toLowerCase(java.util.Locale.ROOT)
                    + " of the console in " + data);
            return 0;
        }

        private char[] password() throws Exception {
            java.io.Console terminal = System.console();
            char[] pw;
            if (terminal != null) {
                pw = terminal.readPassword("password for %s: ", name);
                char[] again = terminal.readPassword("the same again: ");
                if (pw == null || again == null || !Arrays.equals(pw, again)) throw new Newsstand.UserError("the two passwords differ: nothing changed");
            } else {
                String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                if (line == null) throw new Newsstand.UserError("no password: standard input is empty (give it as its first line)");
                pw = line.toCharArray();
            }
            String problem = newsstand.console.Passwords.problem(pw);
            if (problem != null) throw new Newsstand.UserError(problem + ": nothing changed");
            return pw;
        }
    }
}
