package newsstand.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Statuses as any client on the broker could send them, mutated from a real one: every one becomes a row of
 * printable text (fleet status never stops on one), and none hangs. {@code -Dfuzz.iterations=N} for more.
 */
class StatusFuzzTest {
    static final int ITERATIONS = Integer.getInteger("fuzz.iterations", 150) * 10;
    static final String STATUS = "{\"device\":\"kiosk-1\",\"fleet\":\"qd\",\"online\":true,\"activeIssue\":\"qd-2025-09-10\","
            + "\"syncing\":{\"issue\":\"qd-2025-09-11\",\"sequence\":1757548800000,\"chunks\":12,\"of\":86,\"percent\":14},"
            + "\"lastError\":{\"message\":\"connection lost\",\"time\":\"2025-09-11T04:00:03Z\"},\"duplicateChunks\":0,"
            + "\"failedConnects\":0,\"version\":\"0.1.0\",\"updated\":\"2025-09-11T04:00:05Z\"}";
    static final String[] TOKENS = {"{", "}", "[", "]", ",", ":", "\"", "null", "true", "1e309", "{\"a\":[]}", "\"\\u001b[2J\"", "\"\\u202e\"",
            "\"\\ud800\"", "\"\\u0085\""};

    @Test
    void everyMutantIsARowOfPrintableText() {
        List<String> problems = new ArrayList<>();
        byte[] status = STATUS.getBytes(StandardCharsets.UTF_8);
        for (long seed = 1; seed <= ITERATIONS; seed++) {
            Random r = new Random(seed);
            String text;
            if (r.nextBoolean()) {
                byte[] b = status.clone();
                for (int i = 1 + r.nextInt(8); i > 0; i--) b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                text = new String(b, StandardCharsets.UTF_8);
            } else {
                int at = r.nextInt(STATUS.length());
                text = STATUS.substring(0, at) + TOKENS[r.nextInt(TOKENS.length)] + STATUS.substring(r.nextInt(at + 1) == 0 ? at : at);
            }
            String t = text;
            long s = seed;
            String p = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
                JsonObject o;
                try {
                    JsonElement e = JsonParser.parseString(t);
                    o = e.getAsJsonObject(); // as KioskStatus.read reads it: a failure here is an "unreadable" row
                } catch (RuntimeException e) {
                    o = new JsonObject();
                    o.addProperty("unreadable", true);
                }
                try {
                    FleetStatusCommand.Row row = FleetStatusCommand.row("kiosk-1", o);
                    for (String f : new String[] {row.device(), row.state(), row.activeIssue(), row.sync(), row.lastSeen(), row.lastError()}) {
                        if (f != null && !Printable.of(f, Integer.MAX_VALUE).equals(f)) return "seed " + s + ": unprintable " + f;
                    }
                    return null;
                } catch (RuntimeException e) {
                    return "seed " + s + ": " + e;
                }
            });
            if (p != null) problems.add(p);
        }
        assertEquals(List.of(), problems);
    }
}
