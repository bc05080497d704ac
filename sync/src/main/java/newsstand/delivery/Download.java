package newsstand.delivery;

import java.util.BitSet;
import newsstand.issue.Manifest;

/**
 * The download in progress: its signed manifest, the chunks already stored, the chunks asked for and not yet come
 * (a window of a few) and when the last one came. Sync thread only.
 */
final class Download {
    final Manifest manifest;
    private final BitSet have;
    private final BitSet asked = new BitSet();
    /** The chunk topics subscribed to in this session (asked for, come or not): unsubscribed together at the end. */
    private final BitSet subscribed = new BitSet();
    private long lastProgressNanos = System.nanoTime();

    Download(Manifest manifest, BitSet stored) {
        this.manifest = manifest;
        this.have = stored;
    }

    String issue() {
        return manifest.issue();
    }

    /** The first chunk still missing; the chunk count when none is. */
    int next() {
        return have.nextClearBit(0);
    }

    boolean complete() {
        return next() >= manifest.chunks().size();
    }

    boolean has(int index) {
        return have.get(index);
    }

    int stored() {
        return have.cardinality();
    }

    /** The first chunk neither stored nor asked for; -1 when there is none. */
    int nextToAsk() {
        for (int i = have.nextClearBit(0); i < manifest.chunks().size(); i = have.nextClearBit(i + 1)) {
            if (!asked.get(i)) return i;
        }
        return -1;
    }

    /** The percent of the chunks stored, when it grew since it was last asked for; else -1. */
    int percentGrown() {
        int percent = (int) (100L * stored() / manifest.chunks().size());
        if (percent == lastPercent) return -1;
        lastPercent = percent;
        return percent;
    }

    private int lastPercent = -1;

    /**
     * Chunks asked for ahead: subscribed to, their retained messages queued for the kiosk by the broker, which sends
     * at most {@link Broker#RECEIVE_MAXIMUM} of them unacknowledged (the kiosk's memory holds no more). Asked for again
     * when half have come, so that a SUBSCRIBE asks for many; well under Mosquitto's max_queued_messages (1000).
     */
    static final int AHEAD = 64;

    /**
     * The first chunks neither stored nor asked for, as many as the window of {@code ahead} has room for, marked as
     * being asked for; none while more than half the window is still asked for.
     */
    java.util.List<Integer> window(int ahead) {
        java.util.List<Integer> ask = new java.util.ArrayList<>();
        BitSet asking = asked();
        if (asking.cardinality() > ahead / 2) return ask;
        for (int i = next(); i < manifest.chunks().size() && asking.cardinality() < ahead; i++) {
            if (!has(i) && !asking.get(i)) {
                ask.add(i);
                asking.set(i);
            }
        }
        return ask;
    }

    /** The chunks asked for and not yet come. */
    BitSet asked() {
        return (BitSet) asked.clone();
    }

    int asking() {
        return asked.cardinality();
    }

    boolean isAsked(int index) {
        return asked.get(index);
    }

    void asked(int index) {
        if (asked.isEmpty()) lastProgressNanos = System.nanoTime();
        asked.set(index);
        subscribed.set(index);
    }

    /** The chunk topics subscribed to in this session. */
    BitSet subscribed() {
        return (BitSet) subscribed.clone();
    }

    /** No chunk topic is subscribed any more (unsubscribed, or a new session). */
    void unsubscribed() {
        subscribed.clear();
        asked.clear();
    }

    /** A chunk no longer asked for (it came, or the asking starts over). */
    void answered(int index) {
        asked.clear(index);
    }

    /** Nothing is asked for any more (the broker went away, or the asking starts over). */
    void askedNone() {
        asked.clear();
    }

    void stored(int index) {
        have.set(index);
        lastProgressNanos = System.nanoTime();
    }

    /** Whether chunks are asked for and none has come for longer than the timeout. */
    boolean stalled(long timeoutNanos) {
        return !asked.isEmpty() && System.nanoTime() - lastProgressNanos > timeoutNanos;
    }

    /** Whether a chunk topic's issue and sequence are this download's. */
    boolean takes(String issue, String sequenceText) {
        return manifest.issue().equals(issue) && String.valueOf(manifest.sequence()).equals(sequenceText);
    }

    /**
     * The chunk's index if it is one of this download's, its length and hash (sha256: computed as it arrived, or null)
     * those signed; else why not.
     */
    int check(String indexText, byte[] payload, String sha256) throws Refused {
        int index;
        try {
            index = Integer.parseInt(indexText);
        } catch (NumberFormatException e) {
            index = -1;
        }
        if (index < 0 || index >= manifest.chunks().size()) {
            throw new Refused("chunk '" + indexText + "' of " + issue() + " ignored (allowed: 0 to " + (manifest.chunks().size() - 1) + ")", null);
        }
        if (payload.length != manifest.chunkLength(index)
                || !(sha256 != null ? sha256 : ChunkHash.hex(payload, payload.length)).equals(manifest.chunks().get(index))) {
            throw new Refused("chunk " + index + " of " + issue() + " (" + payload.length + " bytes) does not match its signed hash and length "
                    + manifest.chunkLength(index) + "; not stored", "chunk " + index + " of " + issue() + " does not match the signed manifest");
        }
        return index;
    }

    /** A chunk not taken: why, for the log, and for the status when it claims to be ours and is not what was signed. */
    static final class Refused extends Exception {
        final String error;

        Refused(String why, String error) {
            super(why);
            this.error = error;
        }
    }
}
