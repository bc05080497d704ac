package newsstand.delivery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import newsstand.store.StoreException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import newsstand.issue.HighWaterReset;
import newsstand.issue.Keys;
import newsstand.issue.Manifest;
import newsstand.issue.Withdrawal;
import newsstand.store.Deliveries;
import org.tinylog.Logger;

/**
 * Which manifests a kiosk takes: signed by a key it trusts, for its fleet, not expired, with a sequence at most a
 * day ahead of its own publishing time (all checked by {@link Manifest#open}), published no more than a day ahead
 * of this kiosk's clock when that is synchronised, for this kiosk (a manifest naming other kiosks as its targets is
 * passed over in silence: a trial on them), not refused or withdrawn before, and newer than the highest
 * sequence of its publication ever taken here and than the download in progress. Also which withdrawals and resets
 * of the high-water mark to apply. Sync thread only.
 */
final class ManifestPolicy {
    /** What to do with a manifest: take it, reject it (with the reason, said once), or pass over it in silence. */
    record Verdict(Manifest take, String rejected, long sequence) {
        static final Verdict IGNORE = new Verdict(null, null, -1);

        static Verdict reject(String reason, long sequence) {
            return new Verdict(null, reason, sequence);
        }
    }

    /** systemd-timesyncd writes this file once the clock is synchronised (Raspberry Pi OS and Debian's default). */
    static final Path SYNCHRONISED = Path.of("/run/systemd/timesync/synchronized");

    private final String fleet;
    /** This kiosk's device id; null takes manifests whatever their targets. */
    private final String device;
    private final BooleanSupplier clockSynchronised;
    private final Map<String, PublicKey> trusted = new HashMap<>();
    /** Manifests already rejected (by digest): retained ones come again on every subscribe; say so once. */
    private final Set<String> rejected = new HashSet<>();

    ManifestPolicy(String fleet, String device, List<PublicKey> keys) {
        this(fleet, device, keys, () -> Files.exists(SYNCHRONISED));
    }

    ManifestPolicy(String fleet, List<PublicKey> keys, BooleanSupplier clockSynchronised) {
        this(fleet, null, keys, clockSynchronised);
    }

    /** clockSynchronised: whether this kiosk's clock can be trusted to judge a manifest's publishing time. */
    ManifestPolicy(String fleet, String device, List<PublicKey> keys, BooleanSupplier clockSynchronised) {
        this.fleet = fleet;
        this.device = device;
        this.clockSynchronised = clockSynchronised;
        for (PublicKey k : keys) trusted.put(Keys.id(k), k);
    }

    /** The clock jumped: manifests refused by the old time (expired, not yet valid) are judged again by the new. */
    void clockJumped() {
        rejected.clear();
    }

    /** A stored manifest checked again (an unfinished download on start: the key may be gone, the issue expired). */
    Manifest reopen(byte[] envelope, String issue) throws Manifest.Rejected {
        return Manifest.open(envelope, trusted, fleet, issue, Instant.now());
    }

    /** The verdict on a manifest that came on an issue's topic, given the download in progress (or null). */
    Verdict judge(String issue, byte[] payload, Manifest inProgress, Deliveries deliveries) throws StoreException {
        String digest = Manifest.sha256(payload, payload.length);
        if (rejected.contains(digest)) return Verdict.IGNORE;
        Manifest m;
        try {
            m = Manifest.open(payload, trusted, fleet, issue, Instant.now());
        } catch (Manifest.Rejected r) {
            return remember(digest, Verdict.reject(r.getMessage(), -1));
        }
        if (device != null && !m.isFor(device)) {
            Logger.info("sync: {} (sequence {}) is a trial on {}; not taken here", m.issue(), m.sequence(), String.join(",", m.targets()));
            return remember(digest, Verdict.IGNORE);
        }
        if (inProgress != null && inProgress.issue().equals(m.issue()) && inProgress.sequence() == m.sequence()) return Verdict.IGNORE;
        Instant now = Instant.now();
        if (clockSynchronised.getAsBoolean() && m.published().toEpochMilli() - Manifest.SEQUENCE_LEAD_MS > now.toEpochMilli()) {
            // Its sequence may run a day ahead of that, so with this a sequence is never over two days ahead of now.
            return remember(digest, Verdict.reject("published at " + m.published() + ", more than a day ahead of this kiosk's synchronised clock ("
                    + now + "): its sequence " + m.sequence() + " would lock out every later issue", m.sequence()));
        }
        if (deliveries.refused(m.issue(), m.sequence())) return remember(digest, Verdict.IGNORE); // said when it was refused
        long withdrawn = deliveries.withdrawn(m.issue());
        if (m.sequence() <= withdrawn) {
            return remember(digest, Verdict.reject("the operator withdrew " + m.issue() + " up to sequence " + withdrawn
                    + "; this manifest's sequence " + m.sequence() + " is not newer (publish a correction to show it again)", m.sequence()));
        }
        long high = deliveries.highWater(m.publication());
        if (m.sequence() <= high) {
            Optional<Deliveries.Download> d = deliveries.download(m.issue());
            if (d.isPresent() && d.get().sequence() == m.sequence() && d.get().state().equals("installed")) {
                // Installed already: taken again only for the operator's resync, after any download in progress.
                if (inProgress != null || !resync.remove(m.issue())) return Verdict.IGNORE;
                Logger.info("sync: {} (sequence {}) downloaded again for the operator's resync", m.issue(), m.sequence());
                return new Verdict(m, null, m.sequence());
            }
            return remember(digest, Verdict.reject("sequence " + m.sequence() + " is not newer than " + high + ", the highest taken of "
                    + m.publication() + " (a replay or an old issue)", m.sequence()));
        }
        if (inProgress != null && m.sequence() < inProgress.sequence()) {
            Logger.info("sync: {} (sequence {}) is older than the download in progress ({}); not taken", m.issue(), m.sequence(), inProgress.sequence());
            return Verdict.IGNORE;
        }
        return new Verdict(m, null, m.sequence());
    }

    /** Issues the operator asked to download again (resync), taken again once when their manifest comes. */
    private final Set<String> resync = new HashSet<>();

    void resync(java.util.Collection<String> issues) {
        resync.addAll(issues);
    }

    /** Whether issues of a resync are still to come. */
    boolean resyncing() {
        return !resync.isEmpty();
    }

    /**
     * Applies the operator's signed reset of the high-water mark, once: a reset not newer than the last one applied
     * is passed over. Returns the reset applied, or null; throws with the reason for one that must not be applied.
     */
    HighWaterReset reset(byte[] payload, Deliveries deliveries, Outbox outbox) throws Manifest.Rejected, StoreException {
        HighWaterReset r = HighWaterReset.open(payload, trusted, fleet);
        Instant last = deliveries.lastReset();
        if (last != null && !r.issued().isAfter(last)) return null;
        String which = r.publication() == null ? "every publication" : r.publication() + " (from " + deliveries.highWater(r.publication()) + ")";
        deliveries.applyReset(r.publication(), r.sequence(), r.issued(), outbox.event("high-water", null, r.sequence(),
                "the operator's reset of " + r.issued() + ": " + which + " to " + r.sequence()));
        rejected.clear(); // manifests refused as replays may be taken now
        return r;
    }

    /**
     * Applies the operator's signed withdrawal of an issue, once (a retained one comes again at every connect): the
     * issue is removed if stored from an earlier sequence. Returns the withdrawal applied, or null for one applied
     * before; throws with the reason for one that must not be applied.
     */
    Withdrawal withdraw(String issue, byte[] payload, Deliveries deliveries, Outbox outbox) throws Manifest.Rejected, StoreException {
        Withdrawal w = Withdrawal.open(payload, trusted, fleet, issue);
        if (w.sequence() <= deliveries.withdrawn(issue)) return null;
        deliveries.withdraw(issue, w.sequence(), outbox.event("withdrawn", issue, w.sequence(), "the operator's withdrawal of " + w.issued()));
        rejected.clear(); // nothing remembered may hide what the withdrawal changed
        return w;
    }

    /** A manifest judged again when it comes again (its rejection could not be queued). */
    void forget(byte[] payload) {
        rejected.remove(Manifest.sha256(payload, payload.length));
    }

    private Verdict remember(String digest, Verdict v) {
        if (rejected.size() > 1000) rejected.clear();
        rejected.add(digest);
        return v;
    }
}
