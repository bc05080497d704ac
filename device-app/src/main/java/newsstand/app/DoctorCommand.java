package newsstand.app;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import newsstand.doctor.Check;
import newsstand.doctor.Doctor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Checks an installed kiosk in a few seconds and changes nothing: the configuration, the service, SPI "
                + "and GPIO, the panel, the fonts, the store and its disk, the trust keys, the broker, the import folder, "
                + "the clock, Java and memory. One line a check, OK, WARN, FAIL or SKIP, with what to do when it is not OK. "
                + "Exit status 1 when any check FAILs. Run with sudo to see what the service's user sees."})
final class DoctorCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "/etc/newsstand/newsstand.properties",
            description = "The kiosk's configuration file (default: ${DEFAULT-VALUE}).")
    Path config;

    @Option(names = "--json", description = "The checks as JSON, for scripts.")
    boolean json;

    @Override
    public Integer call() {
        List<Check> checks = Doctor.examine(config);
        boolean failed = checks.stream().anyMatch(c -> c.status() == Check.Status.FAIL);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            JsonObject o = new JsonObject();
            o.addProperty("config", config.toString());
            o.addProperty("ok", !failed);
            JsonArray list = new JsonArray();
            for (Check c : checks) {
                JsonObject j = new JsonObject();
                j.addProperty("name", c.name());
                j.addProperty("status", c.status().name());
                j.addProperty("detail", c.detail());
                j.addProperty("hint", c.hint());
                list.add(j);
            }
            o.add("checks", list);
            out.println(new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create().toJson(o));
        } else {
            out.println("newsstand doctor: " + config);
            for (Check c : checks) {
                out.printf("%-4s  %-13s  %s%n", c.status(), c.name(), c.detail());
                if (c.hint() != null) out.printf("%-4s  %-13s  -> %s%n", "", "", c.hint());
            }
            long fails = checks.stream().filter(c -> c.status() == Check.Status.FAIL).count();
            long warns = checks.stream().filter(c -> c.status() == Check.Status.WARN).count();
            out.println(fails == 0 && warns == 0 ? "all checks passed" : fails + " FAIL, " + warns + " WARN");
        }
        return failed ? Newsstand.BAD_INPUT : 0;
    }
}
