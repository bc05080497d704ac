package newsstand.issue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Map;
import newsstand.config.Name;

/**
 * The operator's signed order to take an issue off the panels (a correction, a legal stop), PROTOCOL.md: retained
 * on the issue's topic in place of its manifest. A kiosk removes the issue if it holds it from this sequence or an
 * earlier one, its publication falling back to the issue shown before, and from then on refuses the issue's
 * manifests up to this sequence; a correction published later, with a higher sequence, is taken as usual.
 */
public record Withdrawal(String fleet, String issue, long sequence, Instant issued) {
    public static final int FORMAT = 1;
    static final String FIELD = "withdrawal";

    byte[] json() {
        JsonObject o = new JsonObject();
        o.addProperty("format", FORMAT);
        o.addProperty("fleet", fleet);
        o.addProperty("issue", issue);
        o.addProperty("sequence", sequence);
        o.addProperty("issued", issued.toString());
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The MQTT payload: this withdrawal signed with the operator's key. */
    public byte[] sign(PrivateKey key, String keyId) {
        return Envelope.sign(json(), key, keyId, FIELD);
    }

    /** Whether a message on an issue's topic is a withdrawal envelope (rather than a manifest); nothing is verified. */
    public static boolean is(byte[] envelope) {
        if (envelope.length == 0 || envelope.length > Envelope.MAX_BYTES) return false;
        try {
            return JsonParser.parseString(new String(envelope, StandardCharsets.UTF_8)).getAsJsonObject().has(FIELD);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Verifies a withdrawal against the trusted keys and checks that it is for this fleet and the topic's issue. */
    public static Withdrawal open(byte[] envelope, Map<String, PublicKey> trusted, String fleet, String topicIssue) throws Manifest.Rejected {
        byte[] json = Envelope.verify(envelope, FIELD, trusted);
        Withdrawal w;
        try {
            JsonObject o = JsonParser.parseString(new String(json, StandardCharsets.UTF_8)).getAsJsonObject();
            if (o.get("format").getAsInt() != FORMAT) throw new Manifest.Rejected("withdrawal format " + o.get("format") + " (allowed: " + FORMAT + ")");
            w = new Withdrawal(o.get("fleet").getAsString(), o.get("issue").getAsString(), o.get("sequence").getAsLong(),
                    Instant.parse(o.get("issued").getAsString()));
        } catch (RuntimeException e) {
            throw new Manifest.Rejected("withdrawal is not valid (allowed: JSON with format, fleet, issue, sequence and issued): " + e.getMessage());
        }
        if (!Name.valid(w.fleet()) || !w.fleet().equals(fleet)) throw new Manifest.Rejected("withdrawal is for fleet " + w.fleet() + ", not " + fleet);
        if (!w.issue().equals(topicIssue)) throw new Manifest.Rejected("withdrawal names issue " + w.issue() + " but came on the topic of " + topicIssue);
        if (w.sequence() < 1) throw new Manifest.Rejected("withdrawal sequence " + w.sequence() + " (allowed: 1 or more)");
        return w;
    }

    /** Reads a withdrawal envelope without checking its signature: for operator tools. */
    public static Withdrawal read(byte[] envelope) throws Manifest.Rejected {
        byte[] json = Envelope.unsigned(envelope, FIELD);
        try {
            JsonObject o = JsonParser.parseString(new String(json, StandardCharsets.UTF_8)).getAsJsonObject();
            return new Withdrawal(o.get("fleet").getAsString(), o.get("issue").getAsString(), o.get("sequence").getAsLong(),
                    Instant.parse(o.get("issued").getAsString()));
        } catch (RuntimeException e) {
            throw new Manifest.Rejected("withdrawal is not valid: " + e.getMessage());
        }
    }
}
