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
 * The operator's signed way back for a fleet whose high-water mark is wrong (PROTOCOL.md): "the highest sequence
 * taken is now {@code sequence}", for one fleet and one of its publications (or all of them, publication null),
 * issued at a time. A kiosk applies each reset once, the newest
 * first; one not newer than the last it applied is passed over, so a retained reset is harmless.
 */
public record HighWaterReset(String fleet, String publication, long sequence, Instant issued) {
    public static final int FORMAT = 1;

    byte[] json() {
        JsonObject o = new JsonObject();
        o.addProperty("format", FORMAT);
        o.addProperty("fleet", fleet);
        if (publication != null) o.addProperty("publication", publication);
        o.addProperty("sequence", sequence);
        o.addProperty("issued", issued.toString());
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The MQTT payload: this reset signed with the operator's key. */
    public byte[] sign(PrivateKey key, String keyId) {
        return Envelope.sign(json(), key, keyId, "reset");
    }

    /** Verifies a reset against the trusted keys and checks that it is one for this fleet. */
    public static HighWaterReset open(byte[] envelope, Map<String, PublicKey> trusted, String fleet) throws Manifest.Rejected {
        byte[] json = Envelope.verify(envelope, "reset", trusted);
        HighWaterReset r;
        try {
            JsonObject o = JsonParser.parseString(new String(json, StandardCharsets.UTF_8)).getAsJsonObject();
            if (o.get("format").getAsInt() != FORMAT) throw new Manifest.Rejected("reset format " + o.get("format") + " (allowed: " + FORMAT + ")");
            r = new HighWaterReset(o.get("fleet").getAsString(), o.has("publication") ? o.get("publication").getAsString() : null,
                    o.get("sequence").getAsLong(), Instant.parse(o.get("issued").getAsString()));
        } catch (RuntimeException e) {
            throw new Manifest.Rejected("reset is not valid (allowed: JSON with format, fleet, sequence and issued): " + e.getMessage());
        }
        if (!Name.valid(r.fleet()) || !r.fleet().equals(fleet)) throw new Manifest.Rejected("reset is for fleet " + r.fleet() + ", not " + fleet);
        if (r.publication() != null && !Name.valid(r.publication())) {
            throw new Manifest.Rejected("reset names publication '" + r.publication() + "' (allowed: " + Name.RULE + ")");
        }
        if (r.sequence() < 0) throw new Manifest.Rejected("reset to sequence " + r.sequence() + " (allowed: 0 or more)");
        return r;
    }
}
