package newsstand.desk;

import com.google.gson.JsonObject;
import java.util.List;

/**
 * What came back from a command: the answers in the order they came; the kiosks expected that did not answer in
 * time; the kiosks of the fleet whose status says they are offline (they carry the command out if they come back
 * before it expires); the kiosks named that never sent a status to this broker (nor answered), not waited for; the
 * screenshot's PNG, when one was asked for and came whole (else null).
 */
public record CommandOutcome(List<Answer> answers, List<String> silent, List<String> offline, List<String> unknown, byte[] screenshot) {
    /** The result said at once of a kiosk named that never sent a status to this broker (it has no event). */
    public static final String UNKNOWN = "unknown";

    /**
     * One kiosk's answer: done, failed or refused, and what it said; the event as it came. {@link #UNKNOWN} for a
     * kiosk never seen, handed on before any answer and not among {@link #answers()}.
     */
    public record Answer(String device, String result, String message, JsonObject event) {}

    /** Whether every kiosk asked answered, and each answered done. */
    public boolean allDone() {
        return silent.isEmpty() && unknown.isEmpty() && answers.stream().allMatch(a -> a.result().equals("done"));
    }
}
