package newsstand.desk;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;

/**
 * One kiosk's retained status (PROTOCOL.md, "Status") as it came: the document a kiosk sends, or, for a payload
 * that is not a JSON object, one saying {@code "unreadable": true}; null when the status was cleared.
 */
public record KioskStatus(String device, JsonObject document) {
    static KioskStatus read(String device, byte[] payload) {
        if (payload.length == 0) return new KioskStatus(device, null);
        try {
            return new KioskStatus(device, JsonParser.parseString(new String(payload, StandardCharsets.UTF_8)).getAsJsonObject());
        } catch (RuntimeException e) {
            JsonObject bad = new JsonObject();
            bad.addProperty("device", device);
            bad.addProperty("unreadable", true);
            return new KioskStatus(device, bad);
        }
    }

    /** Whether the status says the kiosk is online (its will sets it offline when it goes). */
    public boolean online() {
        return document != null && document.has("online") && document.get("online").isJsonPrimitive()
                && document.get("online").getAsJsonPrimitive().isBoolean() && document.get("online").getAsBoolean();
    }
}
