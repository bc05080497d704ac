package newsstand.app;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import newsstand.desk.Desk;
import newsstand.desk.Inventory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "issues", mixinStandardHelpOptions = true,
        description = {"Lists what the fleet holds: each issue whose manifest the broker retains (publication, issue, "
                + "sequence, date, embargo, size, chunks, and the kiosks of a trial) or that was withdrawn, then each kiosk's "
                + "publications as it shows them and the issues it stores, as its retained status says."})
final class FleetIssuesCommand implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin Options.BrokerOption broker;
    @Mixin Options.FleetOption fleet;

    @Option(names = "--wait", paramLabel = "MS", defaultValue = "1000", description = "How long to collect what the broker retains (default: ${DEFAULT-VALUE} ms).")
    int waitMs;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Override
    public Integer call() throws Exception {
        Inventory inventory;
        try (Desk desk = Desk.open(broker.broker(), fleet.fleet(), null)) {
            inventory = desk.inventory(Duration.ofMillis(Math.max(100, waitMs)));
        }
        print(spec.commandLine().getOut(), inventory, fleet.fleet(), ZoneId.systemDefault());
        return 0;
    }

    static void print(PrintWriter out, Inventory inventory, String fleet, ZoneId zone) {
        out.println("On the broker:");
        Table issues = new Table(new String[] {"PUBLICATION", "ISSUE", "SEQUENCE", "DATE", "EMBARGO", "SIZE", "CHUNKS", "FOR"},
                new int[] {32, 40, 16, 10, 19, 10, 6, 0});
        for (Inventory.Held h : inventory.broker()) {
            String issue = Printable.of(h.issue(), 64);
            if (h.unreadable() != null) {
                issues.add(null, issue, null, null, null, null, null, "unreadable: " + Printable.of(h.unreadable(), 200));
            } else if (h.withdrawn()) {
                issues.add(null, issue, String.valueOf(h.sequence()), null, null, null, null, "withdrawn up to this sequence");
            } else {
                issues.add(h.publication(), issue, String.valueOf(h.sequence()), String.valueOf(h.date()),
                        h.activateAt() == null ? null : h.activateAt().atZone(zone).format(TIME), size(h.bytes()), String.valueOf(h.chunks()),
                        h.targets().isEmpty() ? "every kiosk" : "trial: " + String.join(",", h.targets()));
            }
        }
        issues.print(out);
        out.println();
        out.println("On the kiosks:");
        Table kiosks = new Table(new String[] {"DEVICE", "STATE", "SHOWS", "STORES"}, new int[] {24, 10, 40, 0});
        for (Inventory.Kiosk k : inventory.kiosks()) {
            String device = Printable.of(k.device(), 64);
            if (k.unreadable() != null) {
                kiosks.add(device, "unreadable", null, Printable.of(k.unreadable(), 200));
                continue;
            }
            List<String> stores = new ArrayList<>();
            if (k.stored() != null) {
                // What it shows first, then the fallbacks, then the rest, newest first as the kiosk lists them.
                List<Inventory.Stored> ordered = new ArrayList<>(k.stored());
                ordered.sort(java.util.Comparator.comparingInt(s -> s.shown() ? 0 : s.previous() ? 1 : 2));
                for (Inventory.Stored s : ordered) stores.add(s.issue() + (s.shown() ? " (shown)" : s.previous() ? " (previous)" : ""));
            }
            kiosks.add(device, k.online() ? "online" : "offline", k.titles().isEmpty() ? null : Printable.of(String.join(",", k.titles()), 400),
                    k.stored() == null ? "not in its status (an earlier version)" : stores.isEmpty() ? "nothing" : Printable.of(String.join(", ", stores), 2000));
        }
        kiosks.print(out);
        out.println(inventory.broker().size() + " issues on the broker, " + inventory.kiosks().size() + " kiosks in fleet " + fleet
                + " (times in " + zone.getId() + ")");
    }

    /** 48.2 kB, 3.1 MB. */
    static String size(long bytes) {
        return bytes < 1000 ? bytes + " B" : bytes < 1_000_000 ? String.format("%.1f kB", bytes / 1e3) : String.format("%.1f MB", bytes / 1e6);
    }
}
