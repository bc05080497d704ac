package newsstand.delivery;

import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;

/** How a kiosk syncs: its broker, fleet and id, the operator keys it trusts, its store and retention. */
public record SyncSettings(Broker broker, String fleet, String device, List<PublicKey> trusted, Path store, int keepIssues,
                           long quotaBytes, Duration minBackoff, Duration maxBackoff, Duration stallTimeout, int keepAliveSeconds,
                           Duration trialTimeout) {
    public SyncSettings {
        trusted = List.copyOf(trusted);
    }

    /**
     * With the production trial time: an issue must compose within two minutes (the largest issue the package
     * limits allow, 149 pages on the 10.3" panel, renders in 9.5 s on a development VM).
     */
    public SyncSettings(Broker broker, String fleet, String device, List<PublicKey> trusted, Path store, int keepIssues,
                    long quotaBytes, Duration minBackoff, Duration maxBackoff, Duration stallTimeout, int keepAliveSeconds) {
        this(broker, fleet, device, trusted, store, keepIssues, quotaBytes, minBackoff, maxBackoff, stallTimeout, keepAliveSeconds,
                Duration.ofSeconds(120));
    }

    /** The production timings: backoff from 1 s to 2 min, a stalled chunk asked for again after 60 s. */
    public static SyncSettings of(Broker broker, String fleet, String device, List<PublicKey> trusted, Path store, int keepIssues,
                              long quotaBytes) {
        return new SyncSettings(broker, fleet, device, trusted, store, keepIssues, quotaBytes, Duration.ofSeconds(1),
                Duration.ofMinutes(2), Duration.ofSeconds(60), 30);
    }
}
