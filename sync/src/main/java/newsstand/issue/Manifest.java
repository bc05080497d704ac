package newsstand.issue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import newsstand.config.Name;

/**
 * What an issue on the broker consists of, signed by the operator (PROTOCOL.md): the issue, a sequence that only
 * grows per publication, its date and expiry, the time from which kiosks show it (an embargo, or none), its files in order with their sizes, and the SHA-256 of every chunk of the files
 * laid end to end; and, for a trial on a few kiosks, the device ids that take it (empty: every kiosk of the fleet). The MQTT payload is an envelope: the manifest's exact JSON bytes, the signing key's id and the
 * Ed25519 signature of those bytes, so that nothing is re-encoded before it is verified.
 */
public record Manifest(String fleet, String issue, String publication, long sequence, LocalDate date, Instant published,
                       Instant expires, Instant activateAt, int chunkSize, List<FileEntry> files, List<String> chunks, List<String> targets) {
    public static final int FORMAT = 1;
    /**
     * The format of a manifest for some kiosks only (with {@code targets}): a kiosk that knows no targets refuses it
     * for its format instead of taking an issue meant for a trial on others.
     */
    public static final int FORMAT_TARGETED = 2;
    /** At most this many kiosks in a manifest's targets. */
    public static final int MAX_TARGETS = 100;
    public static final int CHUNK_SIZE = 64 * 1024;
    /** Mosquitto forwards nothing larger than its max_packet_size; an envelope stays far below it. */
    public static final int MAX_ENVELOPE_BYTES = Envelope.MAX_BYTES;
    public static final long MAX_ISSUE_BYTES = 256L << 20;
    public static final int MAX_FILES = 10_000;
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    /**
     * How far a sequence may run ahead of its own publishing time, in ms: the default sequence is the publishing
     * time, and one far ahead would make every kiosk refuse every later issue as a replay.
     */
    public static final long SEQUENCE_LEAD_MS = 24L * 3600 * 1000;

    /** A file of the package, its name relative to the package folder. */
    public record FileEntry(String name, long size) {}

    public Manifest {
        files = List.copyOf(files);
        chunks = List.copyOf(chunks);
        targets = List.copyOf(targets);
    }

    /** A manifest for every kiosk of the fleet. */
    public Manifest(String fleet, String issue, String publication, long sequence, LocalDate date, Instant published,
                    Instant expires, Instant activateAt, int chunkSize, List<FileEntry> files, List<String> chunks) {
        this(fleet, issue, publication, sequence, date, published, expires, activateAt, chunkSize, files, chunks, List.of());
    }

    /** Whether a kiosk takes it: every kiosk when it names none, else those it names. */
    public boolean isFor(String device) {
        return targets.isEmpty() || targets.contains(device);
    }

    /** The bytes of all files together. */
    public long bytes() {
        long n = 0;
        for (FileEntry f : files) n += f.size();
        return n;
    }

    /** The length of chunk i: chunkSize, but for the last. */
    public int chunkLength(int i) {
        return (int) Math.min(chunkSize, bytes() - (long) i * chunkSize);
    }

    byte[] json() {
        JsonObject o = new JsonObject();
        o.addProperty("format", targets.isEmpty() ? FORMAT : FORMAT_TARGETED);
        o.addProperty("fleet", fleet);
        o.addProperty("issue", issue);
        o.addProperty("publication", publication);
        o.addProperty("sequence", sequence);
        o.addProperty("date", date.toString());
        o.addProperty("published", published.toString());
        o.addProperty("expires", expires.toString());
        if (activateAt != null) o.addProperty("activateAt", activateAt.toString());
        o.addProperty("chunkSize", chunkSize);
        JsonArray fs = new JsonArray();
        for (FileEntry f : files) {
            JsonObject e = new JsonObject();
            e.addProperty("name", f.name());
            e.addProperty("size", f.size());
            fs.add(e);
        }
        o.add("files", fs);
        JsonArray cs = new JsonArray();
        chunks.forEach(cs::add);
        o.add("chunks", cs);
        if (!targets.isEmpty()) {
            JsonArray ts = new JsonArray();
            targets.forEach(ts::add);
            o.add("targets", ts);
        }
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The MQTT payload: this manifest signed with the operator's key. */
    public byte[] sign(PrivateKey key, String keyId) {
        return Envelope.sign(json(), key, keyId, "manifest");
    }

    /** The lowercase hex SHA-256 of the first n bytes: a chunk's hash as the manifest lists it. */
    public static String sha256(byte[] bytes, int n) {
        try {
            java.security.MessageDigest d = java.security.MessageDigest.getInstance("SHA-256");
            d.update(bytes, 0, n);
            return java.util.HexFormat.of().formatHex(d.digest());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A manifest that must not be used; the reason names what is wrong. */
    public static final class Rejected extends Exception {
        Rejected(String reason) {
            super(reason);
        }
    }

    /** Reads an envelope without checking its signature: for operator tools that only need its facts. */
    public static Manifest read(byte[] envelope) throws Rejected {
        return parse(Envelope.unsigned(envelope, "manifest"));
    }

    /**
     * Verifies an envelope against the trusted keys (by key id) and validates the manifest in it: signed by a
     * trusted key, unaltered, for this fleet and issue topic, not expired at {@code now}.
     */
    public static Manifest open(byte[] envelope, Map<String, PublicKey> trusted, String fleet, String topicIssue, Instant now)
            throws Rejected {
        Manifest m = parse(Envelope.verify(envelope, "manifest", trusted));
        if (!m.fleet().equals(fleet)) throw new Rejected("manifest is for fleet " + m.fleet() + ", not " + fleet);
        if (!m.issue().equals(topicIssue)) throw new Rejected("manifest names issue " + m.issue() + " but came on the topic of " + topicIssue);
        if (!now.isBefore(m.expires())) throw new Rejected("manifest expired at " + m.expires());
        return m;
    }

    private static Manifest parse(byte[] json) throws Rejected {
        JsonObject o;
        try {
            o = JsonParser.parseString(new String(json, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (RuntimeException e) {
            throw new Rejected("manifest is not a JSON object");
        }
        try {
            int format = o.get("format").getAsInt();
            if (format != FORMAT && format != FORMAT_TARGETED) {
                throw new Rejected("manifest format " + o.get("format") + " (allowed: " + FORMAT + ", or " + FORMAT_TARGETED + " with targets)");
            }
            List<String> targets = format == FORMAT ? List.of() : targets(o);
            String fleet = name(o, "fleet"), issue = name(o, "issue"), publication = name(o, "publication");
            long sequence = o.get("sequence").getAsLong();
            if (sequence < 1) throw new Rejected("manifest sequence " + sequence + " (allowed: 1 or more)");
            LocalDate date = LocalDate.parse(o.get("date").getAsString());
            Instant published = Instant.parse(o.get("published").getAsString());
            Instant expires = Instant.parse(o.get("expires").getAsString());
            Instant activateAt = o.has("activateAt") ? Instant.parse(o.get("activateAt").getAsString()) : null;
            if (activateAt != null && !activateAt.isBefore(expires)) {
                throw new Rejected("manifest activateAt " + activateAt + " is not before its expiry " + expires + " (allowed: an embargo that ends before the manifest expires)");
            }
            if (sequence - SEQUENCE_LEAD_MS > published.toEpochMilli()) {
                throw new Rejected("manifest sequence " + sequence + " is more than a day ahead of its publishing time " + published
                        + " (allowed: at most " + (published.toEpochMilli() + SEQUENCE_LEAD_MS) + ", the publishing time in ms plus a day)");
            }
            int chunkSize = o.get("chunkSize").getAsInt();
            if (chunkSize < 1024 || chunkSize > CHUNK_SIZE) throw new Rejected("manifest chunkSize " + chunkSize + " (allowed: 1024 to " + CHUNK_SIZE + ")");
            JsonArray fs = o.getAsJsonArray("files");
            if (fs.isEmpty() || fs.size() > MAX_FILES) throw new Rejected("manifest has " + fs.size() + " files (allowed: 1 to " + MAX_FILES + ")");
            List<FileEntry> files = new ArrayList<>();
            Set<String> names = new HashSet<>();
            long total = 0;
            for (JsonElement e : fs) {
                JsonObject f = e.getAsJsonObject();
                String name = f.get("name").getAsString();
                long size = f.get("size").getAsLong();
                if (!FileName.valid(name)) throw new Rejected("manifest file name '" + name + "' is not allowed (allowed: " + FileName.RULE + ")");
                if (!names.add(name)) throw new Rejected("manifest lists " + name + " twice");
                if (size < 0 || size > PackageLimits.IMAGE_BYTES) throw new Rejected("manifest file " + name + " has size " + size + " (allowed: 0 to " + PackageLimits.IMAGE_BYTES + ")");
                total += size;
                files.add(new FileEntry(name, size));
            }
            if (!files.get(0).name().equals(IssuePackage.MANIFEST)) throw new Rejected("manifest's first file is " + files.get(0).name() + " (allowed: " + IssuePackage.MANIFEST + ")");
            if (total > MAX_ISSUE_BYTES) throw new Rejected("manifest totals " + total + " bytes (allowed: at most " + MAX_ISSUE_BYTES + ")");
            JsonArray cs = o.getAsJsonArray("chunks");
            long expected = (total + chunkSize - 1) / chunkSize;
            if (cs.size() != expected) throw new Rejected("manifest has " + cs.size() + " chunk hashes for " + total + " bytes (allowed: " + expected + ")");
            List<String> chunks = new ArrayList<>(cs.size());
            for (JsonElement e : cs) {
                String h = e.getAsString();
                if (!HASH.matcher(h).matches()) throw new Rejected("manifest chunk hash '" + h + "' is not 64 lowercase hex digits");
                chunks.add(h);
            }
            return new Manifest(fleet, issue, publication, sequence, date, published, expires, activateAt, chunkSize, files, chunks, targets);
        } catch (Rejected r) {
            throw r;
        } catch (RuntimeException e) {
            throw new Rejected("manifest is missing a field or has one of the wrong type (" + e.getMessage() + ")");
        }
    }

    /** The device ids of a format 2 manifest: 1 to {@link #MAX_TARGETS} names, each once. */
    private static List<String> targets(JsonObject o) throws Rejected {
        JsonArray ts = o.getAsJsonArray("targets");
        if (ts == null || ts.isEmpty() || ts.size() > MAX_TARGETS) {
            throw new Rejected("manifest of format " + FORMAT_TARGETED + " has " + (ts == null ? 0 : ts.size()) + " targets (allowed: 1 to " + MAX_TARGETS + " device ids)");
        }
        List<String> targets = new ArrayList<>();
        for (JsonElement e : ts) {
            String t = e.getAsString();
            if (!Name.valid(t) || targets.contains(t)) throw new Rejected("manifest target '" + t + "' (allowed: " + Name.RULE + ", each once)");
            targets.add(t);
        }
        return targets;
    }

    private static String name(JsonObject o, String field) throws Rejected {
        String v = o.get(field).getAsString();
        if (!Name.valid(v)) throw new Rejected("manifest " + field + " '" + v + "' (allowed: " + Name.RULE + ")");
        return v;
    }
}
