package newsstand.issue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;

/**
 * What the operator signs travels in an envelope (PROTOCOL.md): the document's exact JSON bytes under a field named
 * for its kind ("manifest", "reset"), the signing key's id and the Ed25519 signature of those bytes, so that nothing
 * is re-encoded before it is verified.
 */
final class Envelope {
    private Envelope() {}

    /** Mosquitto forwards nothing larger than its max_packet_size; an envelope stays far below it. */
    static final int MAX_BYTES = 1 << 20;

    static byte[] sign(byte[] json, PrivateKey key, String keyId, String field) {
        byte[] signature;
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(json);
            signature = s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with Ed25519: " + e.getMessage(), e);
        }
        JsonObject env = new JsonObject();
        env.addProperty(field, Base64.getEncoder().encodeToString(json));
        env.addProperty("key", keyId);
        env.addProperty("signature", Base64.getEncoder().encodeToString(signature));
        return env.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The signed document, its signature checked against the trusted keys (by key id). */
    static byte[] verify(byte[] envelope, String field, Map<String, PublicKey> trusted) throws Manifest.Rejected {
        byte[][] parts = unwrap(envelope, field);
        String keyId = new String(parts[1], StandardCharsets.UTF_8);
        PublicKey key = trusted.get(keyId);
        if (key == null) throw new Manifest.Rejected("signed by key " + keyId + ", which this kiosk does not trust (trust.keys)");
        boolean valid;
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(parts[0]);
            valid = s.verify(parts[2]);
        } catch (GeneralSecurityException e) {
            valid = false;
        }
        if (!valid) throw new Manifest.Rejected("signature does not match (the " + field + " was altered or signed by another key)");
        return parts[0];
    }

    /** The signed document, unchecked: for operator tools that only read its facts. */
    static byte[] unsigned(byte[] envelope, String field) throws Manifest.Rejected {
        return unwrap(envelope, field)[0];
    }

    /** {document JSON, key id, signature}. */
    private static byte[][] unwrap(byte[] envelope, String field) throws Manifest.Rejected {
        if (envelope.length == 0) throw new Manifest.Rejected("empty message");
        if (envelope.length > MAX_BYTES) throw new Manifest.Rejected("message of " + envelope.length + " bytes (allowed: at most " + MAX_BYTES + ")");
        try {
            JsonObject env = JsonParser.parseString(new String(envelope, StandardCharsets.UTF_8)).getAsJsonObject();
            String json = string(env, field), key = string(env, "key"), sig = string(env, "signature");
            if (json == null) throw new Manifest.Rejected("unsigned: the envelope has no " + field + " field");
            if (sig == null || key == null) throw new Manifest.Rejected("unsigned: the envelope has no signature and key fields");
            return new byte[][] {Base64.getDecoder().decode(json), key.getBytes(StandardCharsets.UTF_8), Base64.getDecoder().decode(sig)};
        } catch (RuntimeException e) {
            throw new Manifest.Rejected("not a " + field + " envelope (allowed: JSON with " + field + ", key and signature): " + e.getMessage());
        }
    }

    private static String string(JsonObject o, String field) {
        JsonElement e = o.get(field);
        return e != null && e.isJsonPrimitive() && ((JsonPrimitive) e).isString() ? e.getAsString() : null;
    }
}
