package newsstand.app;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import newsstand.delivery.Publisher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Lists each kiosk of the fleet: online or offline, active issue, sync progress, last error, last seen."})
final class FleetStatusCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Options.BrokerOption broker;
    @Mixin Options.FleetOption fleet;

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
