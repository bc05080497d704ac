package newsstand.delivery;

/** The fleet's MQTT topics (PROTOCOL.md). */
public final class Topics {
    private Topics() {}

    static final String ROOT = "newsstand/";

    /** The retained signed manifest of one issue. */
    public static String manifest(String fleet, String issue) { return ROOT + fleet + "/issues/" + issue; }

    public static String manifests(String fleet) { return ROOT + fleet + "/issues/+"; }

    /** One retained chunk of one published sequence of an issue. */
    public static String chunk(String fleet, String issue, long sequence, int index) {
        return ROOT + fleet + "/chunks/" + issue + "/" + sequence + "/" + index;
    }

    /** The operator's retained, signed reset of the fleet's high-water mark. */
    public static String reset(String fleet) { return ROOT + fleet + "/high-water"; }

    /** A device's retained status, which its will sets offline. */
    public static String status(String fleet, String device) { return ROOT + fleet + "/" + device + "/status"; }

    public static String statuses(String fleet) { return ROOT + fleet + "/+/status"; }

    /** The device id in topics that stands for every kiosk of the fleet: commands for all of them come there. */
    public static final String ALL = "all";

    /** The operator's signed commands to one kiosk, or to every kiosk (device {@link #ALL}); never retained. */
    public static String commands(String fleet, String device) { return ROOT + fleet + "/" + device + "/commands"; }

    /** The device id of a topic of commands of the fleet ({@link #ALL} for every kiosk's), or null for any other topic. */
    static String commandsDevice(String fleet, String topic) {
        String prefix = ROOT + fleet + "/";
        if (!topic.startsWith(prefix)) return null;
        String[] parts = topic.substring(prefix.length()).split("/");
        return parts.length == 2 && parts[1].equals("commands") ? parts[0] : null;
    }

    /** One chunk of the screenshot a kiosk took for a command. */
    public static String screenshot(String fleet, String device, String commandId, int index) {
        return ROOT + fleet + "/" + device + "/screenshots/" + commandId + "/" + index;
    }

    /** Every kiosk's events. */
    public static String allEvents(String fleet) { return ROOT + fleet + "/+/events"; }

    /** A device's events (downloading, verified, activated, rejected), from its outbox. */
    public static String events(String fleet, String device) { return ROOT + fleet + "/" + device + "/events"; }
}
