package newsstand.issue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import newsstand.config.Name;
import newsstand.config.Setting;

/**
 * The operator's signed order to one or more kiosks (PROTOCOL.md, "Remote commands"): what to do ({@code name} and
 * its {@code args}), a unique id, when it was issued and until when it may be carried out, and the kiosks it is for
 * (device ids, or {@link #ALL}). The kiosk refuses it unless it is signed by a trusted key, for its fleet, addressed
 * to it, unexpired and never seen before.
 */
public record Command(String fleet, String id, Instant issued, Instant expires, List<String> targets, String name, List<String> args) {
    public static final int FORMAT = 1;
    static final String FIELD = "command";
    /** The target that names every kiosk of the fleet. */
    public static final String ALL = "*";
    /** The longest a command may wait for a kiosk (its persistent session's lifetime): the replay log stays bounded. */
    public static final Duration LONGEST = Duration.ofDays(7);
    /** Commands, each with the arguments it takes, for messages. */
    public static final Map<String, String> NAMES = new java.util.LinkedHashMap<>();

    static {
        NAMES.put("show", "PUBLICATION [PAGE]: that publication's shown issue, at PAGE (1-based; default 1)");
        NAMES.put("refresh", "a full refresh of what the panel shows");
        NAMES.put("resync", "download the shown issues again, each verified and installed anew");
        NAMES.put("screenshot", "publish what the panel shows as a PNG");
        NAMES.put("set", "KEY=VALUE, KEY one of " + String.join(", ", Setting.remotelySet()) + " (an empty VALUE goes back to the configuration file's)");
        NAMES.put("restart", "the kiosk process stops and its service starts it again");
        NAMES.put("clear", "the panel cleared against ghosting (flashed white), then what it showed drawn again");
        NAMES.put("notice", Notice.ARGS + " (a station notice; its id is the command's)");
        NAMES.put("cancel-notice", "ID: the notice with that id taken down");
    }

    public Command {
        targets = List.copyOf(targets);
        args = List.copyOf(args);
    }

    /** Whether the command is addressed to every kiosk of the fleet. */
    public boolean forAll() {
        return targets.equals(List.of(ALL));
    }

    /**
     * What is wrong with the command, in words naming the field and what is allowed; empty when nothing is. Checked
     * by the operator's tool before signing and by the kiosk after verifying.
     */
    public List<String> problems() {
        List<String> p = new ArrayList<>();
        if (!Name.valid(fleet)) p.add("fleet '" + fleet + "' (allowed: " + Name.RULE + ")");
        if (!Name.valid(id)) p.add("id '" + id + "' (allowed: " + Name.RULE + ")");
        if (!expires.isAfter(issued)) p.add("expires " + expires + " is not after issued " + issued);
        else if (Duration.between(issued, expires).compareTo(LONGEST) > 0) {
            p.add("expires " + expires + " is more than " + LONGEST.toDays() + " days after issued " + issued + " (allowed: up to " + LONGEST.toDays() + " days)");
        }
        if (targets.isEmpty()) p.add("no targets (allowed: device ids, or " + ALL + " for every kiosk)");
        for (String t : targets) {
            if (!(t.equals(ALL) && targets.size() == 1) && !Name.valid(t)) {
                p.add("target '" + t + "' (allowed: device ids (" + Name.RULE + "), or " + ALL + " alone for every kiosk)");
            }
        }
        String allowed = NAMES.get(name);
        if (allowed == null) {
            p.add("command '" + name + "' (allowed: " + String.join(", ", NAMES.keySet()) + ")");
            return p;
        }
        switch (name) {
            case "show" -> {
                if (args.isEmpty() || args.size() > 2) p.add("show takes " + allowed);
                else {
                    if (!Name.valid(args.get(0))) p.add("show: publication '" + args.get(0) + "' (allowed: " + Name.RULE + ")");
                    if (args.size() == 2 && page(args.get(1)) < 1) p.add("show: page '" + args.get(1) + "' (allowed: 1 to 999)");
                }
            }
            case "set" -> {
                if (args.size() != 1) p.add("set takes " + allowed);
                else {
                    String a = args.get(0);
                    int eq = a.indexOf('=');
                    String key = eq < 0 ? a : a.substring(0, eq).strip();
                    if (eq < 0 || !Setting.byKey(key).map(Setting::remote).orElse(false)) p.add("set '" + a + "' (allowed: " + allowed + ")");
                    else if (a.length() > 200) p.add("set: value of " + a.length() + " characters (allowed: up to 200)");
                    else Setting.byKey(key).orElseThrow().problems(a.substring(eq + 1)).forEach(v -> p.add("set: " + v));
                }
            }
            case "notice" -> p.addAll(Notice.problems(args, issued));
            case "cancel-notice" -> {
                if (args.size() != 1 || !Name.valid(args.get(0))) p.add("cancel-notice takes " + allowed + " (allowed: " + Name.RULE + "), was given " + args);
            }
            default -> {
                if (!args.isEmpty()) p.add(name + " takes no arguments, was given " + args);
            }
        }
        return p;
    }

    /** A page number 1 to 999, or -1. */
    public static int page(String text) {
        try {
            int n = Integer.parseInt(text);
            return n >= 1 && n <= 999 ? n : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The command in one line, for logs and results: "show qingdao-daily 3". */
    public String line() {
        return args.isEmpty() ? name : name + " " + String.join(" ", args);
    }

    byte[] json() {
        JsonObject o = new JsonObject();
        o.addProperty("format", FORMAT);
        o.addProperty("fleet", fleet);
        o.addProperty("id", id);
        o.addProperty("issued", issued.toString());
        o.addProperty("expires", expires.toString());
        JsonArray t = new JsonArray();
        targets.forEach(t::add);
        o.add("targets", t);
        o.addProperty("command", name);
        JsonArray a = new JsonArray();
        args.forEach(a::add);
        o.add("args", a);
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The MQTT payload: this command signed with the operator's key. */
    public byte[] sign(PrivateKey key, String keyId) {
        return Envelope.sign(json(), key, keyId, FIELD);
    }

    /**
     * Verifies a command against the trusted keys and checks that it is well formed and for this fleet. Whether it
     * is addressed to this kiosk, expired or a replay is the kiosk's to judge.
     */
    public static Command open(byte[] envelope, Map<String, PublicKey> trusted, String fleet) throws Manifest.Rejected {
        byte[] json = Envelope.verify(envelope, FIELD, trusted);
        Command c;
        try {
            JsonObject o = JsonParser.parseString(new String(json, StandardCharsets.UTF_8)).getAsJsonObject();
            if (o.get("format").getAsInt() != FORMAT) throw new Manifest.Rejected("command format " + o.get("format") + " (allowed: " + FORMAT + ")");
            c = new Command(o.get("fleet").getAsString(), o.get("id").getAsString(), Instant.parse(o.get("issued").getAsString()),
                    Instant.parse(o.get("expires").getAsString()), strings(o.getAsJsonArray("targets")), o.get("command").getAsString(),
                    strings(o.getAsJsonArray("args")));
        } catch (RuntimeException e) {
            throw new Manifest.Rejected("command is not valid (allowed: JSON with format, fleet, id, issued, expires, targets, command and args): " + e);
        }
        if (!c.fleet().equals(fleet)) throw new Manifest.Rejected("command " + c.id() + " is for fleet " + c.fleet() + ", not " + fleet);
        List<String> p = c.problems();
        if (!p.isEmpty()) throw new Manifest.Rejected("command " + c.id() + " is not valid: " + String.join("; ", p));
        return c;
    }

    private static List<String> strings(JsonArray a) {
        List<String> out = new ArrayList<>();
        if (a.size() > 64) throw new IllegalArgumentException("a list of " + a.size() + " (allowed: up to 64)");
        for (JsonElement e : a) out.add(e.getAsString());
        return out;
    }
}
