package newsstand.delivery;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import newsstand.config.Version;
import newsstand.store.IssueStore;
import newsstand.store.StoreException;
import org.tinylog.Logger;

/**
 * The kiosk's retained status (PROTOCOL.md): online, the active issue, the publications shown, the issues stored, the
 * download's progress, the last error, and the cost of interruptions. Sync thread only.
 */
final class StatusReport {
    private final SyncSettings settings;
    private String lastError;
    private Instant lastErrorAt;
    /** Whether the last error was about reaching the broker: a connection ends it. */
    private boolean connectionError;
    /** Chunks received again after they were stored, since start: the cost of interruptions. */
    private long duplicates;
    private long lastSentNanos;
    /** The last bundle imported or refused (PROTOCOL.md, "Bundles"): what became of it, and when; or null. */
    private JsonObject lastImport;
    /** What the panel shows (screen, title, issue, page, pages), as the kiosk last said. */
    private JsonObject display;

    /** Signed messages kept to be tried again, or null. */
    private Retries pending;

    /** Where the messages kept to be tried again are read from (the status's "pending"). */
    void pending(Retries retries) {
        pending = retries;
    }

    StatusReport(SyncSettings settings) {
        this.settings = settings;
    }

    void error(String message) {
        error(message, false);
    }

    /** An error reaching the broker (connect failed, connection lost): over once connected. */
    void connectionError(String message) {
        error(message, true);
    }

    private void error(String message, boolean connection) {
        lastError = message;
        lastErrorAt = Instant.now();
        connectionError = connection;
        Logger.warn("sync: {}", message);
    }

    String lastError() {
        return lastError == null ? "no reason given" : lastError;
    }

    void imported(BundleImport.Result result) {
        lastImport = new JsonObject();
        lastImport.addProperty("outcome", result.outcome().word());
        if (result.until() != null) lastImport.addProperty("until", result.until().toString());
        lastImport.addProperty("result", result.line());
        lastImport.addProperty("time", Instant.now().toString());
    }

    /** An issue was activated: whatever went wrong before is over. */
    void clear() {
        lastError = null;
    }

    /** Connected: a connection error is over; any other stays until the next error replaces it or an issue is activated. */
    void connected() {
        if (connectionError) lastError = null;
    }

    void duplicate() {
        duplicates++;
    }

    /** Progress is reported at most twice a second. */
    boolean due() {
        return System.nanoTime() - lastSentNanos > 500_000_000L;
    }

    /** What the panel shows, fields of the kiosk's (screen, title, issue, page, pages, banner, fault). */
    void showing(JsonObject shown) {
        display = shown;
    }

    /** The panel's health (null where the kiosk has none): refreshes, failures, the last failure. */
    void panel(java.util.function.Supplier<JsonObject> health) {
        panel = health;
    }

    private java.util.function.Supplier<JsonObject> panel = () -> null;

    /** The health figures are sent again every five minutes even when nothing else changed. */
    boolean old() {
        return System.nanoTime() - lastSentNanos > 300_000_000_000L;
    }

    void sent() {
        lastSentNanos = System.nanoTime();
    }

    /** The document as sent now (or, online false, as the will). */
    byte[] document(boolean online, IssueStore store, Download download, int failedConnects) {
        return json(online, store, download, failedConnects).getBytes(StandardCharsets.UTF_8);
    }

    String json(boolean online, IssueStore store, Download download, int failedConnects) {
        JsonObject o = new JsonObject();
        o.addProperty("device", settings.device());
        o.addProperty("fleet", settings.fleet());
        o.addProperty("online", online);
        com.google.gson.JsonArray titles = new com.google.gson.JsonArray();
        com.google.gson.JsonArray stored = new com.google.gson.JsonArray();
        try {
            o.addProperty("activeIssue", store.active().orElse(null));
            for (IssueStore.Shelved s : store.shelf()) {
                JsonObject t = new JsonObject();
                t.addProperty("publication", s.publication());
                t.addProperty("issue", s.issue());
                t.addProperty("previous", s.previous());
                titles.add(t);
            }
            for (String id : store.issueIds()) {
                newsstand.issue.Issue head = store.head(id);
                JsonObject i = new JsonObject();
                i.addProperty("issue", id);
                i.addProperty("publication", head.publication());
                i.addProperty("date", head.date().toString());
                stored.add(i);
            }
        } catch (StoreException e) {
            o.addProperty("activeIssue", (String) null);
        }
        o.add("titles", titles);
        o.add("stored", stored);
        if (download != null) {
            JsonObject s = new JsonObject();
            s.addProperty("issue", download.issue());
            s.addProperty("sequence", download.manifest.sequence());
            s.addProperty("chunks", download.stored());
            s.addProperty("of", download.manifest.chunks().size());
            s.addProperty("percent", Math.round(100.0 * download.stored() / download.manifest.chunks().size()));
            o.add("syncing", s);
        } else {
            o.add("syncing", null);
        }
        if (lastError != null) {
            JsonObject e = new JsonObject();
            e.addProperty("message", lastError);
            e.addProperty("time", lastErrorAt.toString());
            o.add("lastError", e);
        } else {
            o.add("lastError", null);
        }
        o.add("lastImport", lastImport);
        o.add("pending", pending == null ? new com.google.gson.JsonArray() : pending.json());
        JsonObject health = Health.of(settings.store());
        try {
            health.add("panel", panel.get());
        } catch (RuntimeException e) {
            health.addProperty("panel", "unknown: " + e);
        }
        o.add("health", health);
        if (display != null) {
            for (String k : display.keySet()) o.add(k, display.get(k));
        }
        o.addProperty("duplicateChunks", duplicates);
        o.addProperty("failedConnects", failedConnects);
        o.addProperty("version", Version.CURRENT);
        o.addProperty("updated", Instant.now().toString());
        return new GsonBuilder().serializeNulls().create().toJson(o);
    }
}
