package newsstand.app;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import newsstand.console.Console;
import newsstand.console.ConsoleStore;
import newsstand.console.Role;
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

    // Not required by picocli: `console user add` takes none of them; call() checks them.
    @Option(names = "--broker", paramLabel = "URL[,URL...]", description = "The broker, or the brokers of a cluster in the order to try: tcp://HOST:PORT or ssl://HOST:PORT.")
    String broker;

    @Option(names = "--username", paramLabel = "U", description = "User name on the broker.")
    String username;

    @Option(names = "--password", paramLabel = "P", description = "Password on the broker (or the environment variable NEWSSTAND_MQTT_PASSWORD); it never reaches the browser.")
    String password;

    @Option(names = "--ca", paramLabel = "FILE", description = "PEM certificate of the CA that signed the broker's (ssl:// only).")
    Path ca;

    @Option(names = "--fleet", paramLabel = "NAME", description = "The fleet.")
    String fleet;

    @Option(names = "--key", paramLabel = "FILE", description = "The operator's private key (operator.key; operator.pub beside it); it never reaches the browser.")
    Path key;

    @Option(names = "--data", paramLabel = "DIR", description = "The console's folder: its SQLite file (users, audit log, uploads) and the uploads' files.")
    Path data;

    @Option(names = "--listen", paramLabel = "ADDRESS:PORT", defaultValue = "127.0.0.1:8080",
            description = "Where to serve the page (default: ${DEFAULT-VALUE}); an address other than loopback needs --keystore or --behind-proxy.")
    String listen;

    @Option(names = "--behind-proxy", description = "Serve plain HTTP on a non-loopback address for a reverse proxy that does TLS (config/examples/console/).")
    boolean behindProxy;

    @Option(names = "--keystore", paramLabel = "FILE", description = "A PKCS12 keystore with the console's certificate: serve HTTPS "
            + "(its password in the environment variable NEWSSTAND_CONSOLE_KEYSTORE_PASSWORD).")
    Path keystore;

    @Option(names = "--session-minutes", paramLabel = "N", defaultValue = "30", description = "A session ends after this many minutes without a request (1 to 1440; default: ${DEFAULT-VALUE}).")
    int sessionMinutes;

    @Override
    public Integer call() throws Exception {
        for (Object[] o : new Object[][] {{"--broker", broker}, {"--fleet", fleet}, {"--key", key}, {"--data", data}}) {
            if (o[1] == null) throw new Newsstand.UserError("console: " + o[0] + " is required (newsstand console --broker URL --fleet NAME --key FILE --data DIR)");
        }
        if (sessionMinutes < 1 || sessionMinutes > 1440) throw new Newsstand.UserError("--session-minutes " + sessionMinutes + " is not allowed (allowed: 1 to 1440)");
        Options.BrokerOption b = new Options.BrokerOption();
        b.url = broker;
        b.username = username;
        b.password = password;
        b.ca = ca;
        Options.FleetOption f = new Options.FleetOption();
        f.fleet = fleet;
        Options.KeyOption k = new Options.KeyOption();
        k.key = key;
        char[] storePassword = null;
        if (keystore != null) {
            String pw = System.getenv("NEWSSTAND_CONSOLE_KEYSTORE_PASSWORD");
            if (pw == null) throw new Newsstand.UserError("--keystore " + keystore + ": set its password in the environment variable NEWSSTAND_CONSOLE_KEYSTORE_PASSWORD");
            storePassword = pw.toCharArray();
        }
        Console.Settings s = new Console.Settings(b.broker(), f.fleet(), k.signer(), data, address(listen), behindProxy, keystore, storePassword,
                Duration.ofMinutes(sessionMinutes));
        Console console;
        try {
            console = Console.start(s);
        } catch (IllegalArgumentException e) {
            throw new Newsstand.UserError(e.getMessage());
        } catch (java.net.BindException e) {
            throw new Newsstand.UserError("--listen " + listen + ": cannot listen there (" + e.getMessage() + "; is another program on that port?)");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            console.close();
            stopped.countDown();
        }));
        String host = listen.substring(0, listen.lastIndexOf(':'));
        spec.commandLine().getOut().println("console of fleet " + fleet + " at " + (keystore != null ? "https" : "http") + "://" + host + ":" + console.port() + "/");
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }

    /** ADDRESS:PORT checked: a host or an IP address, and a port from 0 (any free one) to 65535. */
    static InetSocketAddress address(String text) throws Newsstand.UserError {
        String allowed = " (allowed: ADDRESS:PORT, such as 127.0.0.1:8080 or [::1]:8080; port 0 to 65535)";
        int colon = text.lastIndexOf(':');
        if (colon <= 0) throw new Newsstand.UserError("--listen '" + text + "' is not allowed" + allowed);
        String host = text.substring(0, colon).replaceAll("^\\[(.*)\\]$", "$1");
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new Newsstand.UserError("--listen '" + text + "': the port is not a number" + allowed);
        }
        if (port < 0 || port > 65535) throw new Newsstand.UserError("--listen '" + text + "': port " + port + " is not allowed" + allowed);
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new Newsstand.UserError("--listen '" + text + "': no such address " + host + allowed);
        }
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
