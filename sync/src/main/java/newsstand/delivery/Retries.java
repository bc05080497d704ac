package newsstand.delivery;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import newsstand.store.StoreException;
import org.tinylog.Logger;

/**
 * Signed messages whose handling failed on the store (a full disk, another process holding the file, an I/O error):
 * each kept and tried again, after 1 s, then twice as long each time up to a minute, until it is applied or refused
 * on its merits; only then is it acknowledged to the broker (which, unacknowledged, sends it again after a restart;
 * a retained withdrawal or manifest comes again at every subscribe anyway). A later message on the same topic with
 * the same key replaces the one kept. Sync thread only.
 */
public final class Retries {
    static final long FIRST_MS = 1_000, LAST_MS = 60_000;

    /** The handling of a message: done when it returns, kept when it throws. */
    interface Attempt {
        void run() throws StoreException;
    }

    private static final class Kept {
        final String kind, id;
        final Attempt attempt;
        Runnable done;
        String reason;
        int attempts;
        long delayMs = FIRST_MS;
        long dueNanos;
        final Instant since = Instant.now();

        Kept(String kind, String id, Attempt attempt, Runnable done) {
            this.kind = kind;
            this.id = id;
            this.attempt = attempt;
            this.done = done;
        }
    }

    private final Map<String, Kept> kept = new LinkedHashMap<>();
    /** A store error in words (a full disk said as such). */
    private final java.util.function.Function<StoreException, String> explain;
    /** Beside the store: what is kept, for `newsstand doctor` (PROTOCOL.md); there only while something is. */
    private final Path note;

    Retries(Path store, java.util.function.Function<StoreException, String> explain) {
        this.note = pendingNote(store);
        this.explain = explain;
    }

    /** The file beside a store that says, while the kiosk keeps messages it could not apply, which and why. */
    public static Path pendingNote(Path store) {
        return store.resolveSibling(store.getFileName() + "-pending");
    }

    /**
     * Handles a message now: done (its acknowledgement) runs once it is applied or refused; on a store failure it is
     * kept under key and tried again later. Returns the failure in words, or null when it was handled.
     */
    String attempt(String key, String kind, String id, Attempt work, Runnable done) {
        Kept before = kept.remove(key);
        if (before != null) before.done.run(); // superseded by this one: the broker may forget it
        Kept k = new Kept(kind, id, work, done);
        if (before != null) k.attempts = before.attempts;
        String failed = tryOnce(key, k);
        if (failed != null || before != null) save();
        return failed;
    }

    private String tryOnce(String key, Kept k) {
        k.attempts++;
        try {
            k.attempt.run();
        } catch (StoreException e) {
            k.reason = explain.apply(e);
            k.dueNanos = System.nanoTime() + k.delayMs * 1_000_000;
            Logger.warn("sync: {} {} not applied (attempt {}): {}; tried again in {} s", k.kind, k.id, k.attempts, k.reason, k.delayMs / 1000);
            k.delayMs = Math.min(LAST_MS, k.delayMs * 2);
            kept.put(key, k);
            return k.kind + " " + k.id + " not applied yet: " + k.reason;
        }
        if (k.attempts > 1) Logger.info("sync: {} {} applied at attempt {}", k.kind, k.id, k.attempts);
        k.done.run();
        return null;
    }

    /** Tries again each kept message whose time has come, oldest first; returns the failures in words. */
    List<String> due() {
        List<String> failed = new ArrayList<>();
        int before = kept.size();
        long now = System.nanoTime();
        for (Map.Entry<String, Kept> e : new ArrayList<>(kept.entrySet())) {
            if (now - e.getValue().dueNanos < 0 || kept.get(e.getKey()) != e.getValue()) continue;
            kept.remove(e.getKey());
            String f = tryOnce(e.getKey(), e.getValue());
            if (f != null) failed.add(f);
        }
        if (!failed.isEmpty() || kept.size() < before) save();
        return failed;
    }

    /** The note for the doctor written (best effort: on a full disk it may not be; the doctor sees the disk). */
    private void save() {
        try {
            if (kept.isEmpty()) {
                Files.deleteIfExists(note);
                return;
            }
            StringBuilder b = new StringBuilder();
            for (Kept k : kept.values()) {
                b.append(k.kind).append(' ').append(k.id).append(" since ").append(k.since).append(", ").append(k.attempts)
                        .append(" attempts: ").append(k.reason).append('\n');
            }
            Files.writeString(note, b);
        } catch (IOException e) {
            Logger.debug("sync: {} not written: {}", note, e.getMessage());
        }
    }

    /** The connection was lost: the broker sends the unacknowledged again; an acknowledgement now would be for another. */
    void lost() {
        for (Kept k : kept.values()) k.done = () -> {};
    }

    int size() {
        return kept.size();
    }

    /** What is kept, for the status (PROTOCOL.md): kind, id, reason, attempts, since. */
    JsonArray json() {
        JsonArray a = new JsonArray();
        for (Kept k : kept.values()) {
            JsonObject o = new JsonObject();
            o.addProperty("kind", k.kind);
            o.addProperty("id", k.id);
            o.addProperty("reason", k.reason);
            o.addProperty("attempts", k.attempts);
            o.addProperty("since", k.since.toString());
            a.add(o);
        }
        return a;
    }
}
