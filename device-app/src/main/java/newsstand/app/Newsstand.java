package newsstand.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import newsstand.config.ConfigException;
import newsstand.config.PanelModel;
import newsstand.config.Version;
import newsstand.fonts.FontException;
import newsstand.issue.PackageException;
import newsstand.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The newsstand command: the kiosk's tools for technicians, operators and developers. */
@Command(name = "newsstand", mixinStandardHelpOptions = true, versionProvider = Newsstand.VersionProvider.class,
        description = "Software of the e-paper newspaper kiosk.")
public final class Newsstand implements Runnable {
    /** Exit code for bad input: arguments, files, fonts, configuration. */
    static final int BAD_INPUT = 1;
    /** Exit code for a command line that does not parse. */
    static final int USAGE = 2;
    static final int INTERNAL = 70;
    /**
     * Exit code of `run` when the configuration is wrong (sysexits' EX_CONFIG): newsstand.service does not restart
     * the kiosk on it (RestartPreventExitStatus=78); the panel shows what is wrong until a technician fixes it.
     */
    static final int CONFIGURATION = 78;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    /**
     * The commands, in the order help lists them: in a class of their own, so that the kiosk's start (which parses no
     * command line) does not link and load every command's class before its first frame.
     */
    static final class Commands {
        private Commands() {}

        static final Map<String, Supplier<Object>> ALL = new LinkedHashMap<>();

        static {
            ALL.put("demo", DemoCommand::new);
            ALL.put("render", RenderCommand::new);
            ALL.put("import-text", ImportTextCommand::new);
            ALL.put("sample-issue", SampleIssueCommand::new);
            ALL.put("glyphs", GlyphsCommand::new);
            ALL.put("typeset", TypesetCommand::new);
            ALL.put("bench", BenchCommand::new);
            ALL.put("panel", PanelCommand::new);
            ALL.put("run", RunCommand::new);
            ALL.put("keygen", KeygenCommand::new);
            ALL.put("publish", PublishCommand::new);
            ALL.put("withdraw", WithdrawCommand::new);
            ALL.put("bundle", BundleCommand::new);
            ALL.put("import", ImportCommand::new);
            ALL.put("doctor", DoctorCommand::new);
            ALL.put("fleet", FleetCommand::new);
            ALL.put("notice", NoticeCommand::new);
            ALL.put("console", ConsoleCommand::new);
        }
    }

    public static void main(String[] args) {
        SqliteLibrary.useCache();
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs a command line and returns its exit code; output and errors go to the writers. */
    static int run(PrintWriter out, PrintWriter err, String... args) {
        if (RunCommand.plain(args)) {
            try {
                return RunCommand.start(java.nio.file.Path.of(args[2]), out, err, args.length == 4);
            } catch (Exception e) {
                err.println("newsstand: " + describe(e));
                return known(e) ? BAD_INPUT : INTERNAL;
            }
        }
        CommandLine cl = new CommandLine(new Newsstand());
        // Only the command asked for is built: picocli reads the annotations of every command added (about 20 ms of
        // a kiosk's start, bench page). Help and mistakes get them all.
        Supplier<Object> asked = args.length > 0 ? Commands.ALL.get(args[0]) : null;
        if (asked != null) cl.addSubcommand(args[0], asked.get());
        else Commands.ALL.forEach((name, command) -> cl.addSubcommand(name, command.get()));
        // Settings reach the subcommands added before them.
        cl.setOut(out);
        cl.setErr(err);
        cl.registerConverter(PanelModel.class, PanelModel::byId);
        cl.setParameterExceptionHandler((ex, a) -> {
            String name = ex.getCommandLine().getCommandName();
            String message = ex.getMessage();
            if (ex.getCause() instanceof IllegalArgumentException iae && iae.getMessage() != null) {
                message = message.replaceFirst(": .*$", ": " + iae.getMessage());
            }
            err.println("newsstand: " + message);
            err.println("Try '" + (name.equals("newsstand") ? "newsstand" : "newsstand " + name) + " --help'.");
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            err.println("newsstand: " + describe(ex));
            return known(ex) ? BAD_INPUT : INTERNAL;
        });
        return cl.execute(args);
    }

    /** The jar this program runs from (a classes folder when run from the build's tests). */
    static java.nio.file.Path codeSource() throws java.net.URISyntaxException {
        return java.nio.file.Path.of(Newsstand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static boolean known(Exception e) {
        return e instanceof ConfigException || e instanceof PackageException || e instanceof FontException
                || e instanceof StoreException || e instanceof IOException || e instanceof UserError
                || e instanceof newsstand.delivery.DeliveryException;
    }

    private static String describe(Exception e) {
        if (e instanceof NoSuchFileException n) return n.getFile() + ": no such file or folder";
        if (e instanceof java.nio.file.AccessDeniedException a) return a.getFile() + ": permission denied (this user may not read or write it)";
        if (known(e)) return e.getMessage();
        return "internal error: " + e;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (" + String.join(", ", Commands.ALL.keySet()) + ")");
    }

    /** --version: the build's version. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"newsstand " + Version.CURRENT};
        }
    }

    /** A command's input is unusable; the message says which input and what is allowed. */
    static final class UserError extends Exception {
        UserError(String message) {
            super(message);
        }
    }
}
