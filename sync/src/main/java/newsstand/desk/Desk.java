package newsstand.desk;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import newsstand.delivery.Broker;
import newsstand.delivery.Bundle;
import newsstand.delivery.DeliveryException;
import newsstand.delivery.Topics;
import newsstand.issue.Command;
import newsstand.issue.HighWaterReset;
import newsstand.issue.Manifest;
import newsstand.issue.PackageException;
import newsstand.issue.Withdrawal;

/**
 * The operator's desk (PROTOCOL.md): what an operator does to a fleet, each a call with a result. Publishing a
 * signed issue (chunks first, each retained on its own topic, read back, then the manifest that makes them visible),
 * withdrawing one, listing what the broker and each kiosk hold, resetting the fleet's sequence, writing a bundle for offline delivery, commanding kiosks and
 * collecting their answers (a screenshot among them), and the fleet's statuses, once or live. Opened once with the
 * broker, the fleet and the operator's key; the connection is made at the first call that needs it and kept (made again
 * when lost) until {@link #close()}. The broker alone holds the content; no server of ours runs. Calls may come from any thread.
 */
public final class Desk implements AutoCloseable {
    /** How long a call waits for a lost connection to be made again before it fails. */
    static final long RECONNECT_WAIT_MS = 10_000;

    private final Broker broker;
    private final String fleet;
    private final Signer signer;
    private Link link;

    private Desk(Broker broker, String fleet, Signer signer) {
        this.broker = broker;
        this.fleet = fleet;
        this.signer = signer;
    }

    /** A desk for a fleet on a broker; signer may be null for a desk that only watches. Nothing is connected yet. */
    public static Desk open(Broker broker, String fleet, Signer signer) {
        return new Desk(broker, fleet, signer);
    }

    /** A desk without a broker, for bundles (offline delivery). */
    public static Desk offline(String fleet, Signer signer) {
        return new Desk(null, fleet, signer);
    }

    public String fleet() {
        return fleet;
    }

    /** What a publish sent: the issue, its sequence, the bytes and chunks sent (and a manifest). */
    public record Published(String issue, long sequence, long bytes, int chunks) {}

    /**
     * Validates a package folder, signs its manifest and publishes it to the fleet; progress gets a line now and then.
     * A previous publication of the same issue is replaced and its chunks cleared.
     */
    public Published publish(Path folder, Release release, Consumer<String> progress) throws PackageException, DeliveryException, IOException {
        return publish(folder, release, List.of(), progress);
    }

    /**
     * As {@link #publish(Path, Release, Consumer)}, for the kiosks named only (a trial before the whole fleet; none:
     * every kiosk). The manifest names them (PROTOCOL.md, "Trials"); publishing the issue again for every kiosk, with a
     * higher sequence, releases it to the fleet.
     */
    public Published publish(Path folder, Release release, List<String> targets, Consumer<String> progress)
            throws PackageException, DeliveryException, IOException {
        SignedIssue signed = SignedIssue.sign(fleet, signer(), folder, release, targets);
        Manifest m = signed.manifest();
        String issue = m.issue();
        long sequence = m.sequence();
        byte[] envelope = signed.envelope();
        Link l = link();
        Manifest before = manifest(l, issue);
        Link.Window window = l.new Window();
        long[] sent = {0};
        int total = m.chunks().size();
        signed.chunks((i, bytes, n) -> {
            window.publish(Topics.chunk(fleet, issue, sequence, i), java.util.Arrays.copyOf(bytes, n), true);
            sent[0] += n;
            if ((i + 1) % Math.max(1, total / 10) == 0 || i + 1 == total) {
                progress.accept(String.format("chunk %d/%d, %d of %d bytes", i + 1, total, sent[0], m.bytes()));
            }
        });
        window.drain();
        // The chunks are read back before the manifest makes them visible: kiosks never see an issue the broker lacks.
        long readBackMs = Math.max(5_000, total * 50L);
        Map<String, String> held = l.retained(Topics.chunk(fleet, issue, sequence, 0).replaceFirst("/0$", "/#"), total, readBackMs);
        for (int i = 0; i < total; i++) l.check(held, Topics.chunk(fleet, issue, sequence, i), m.chunks().get(i));
        progress.accept("read back " + total + " chunks");
        publishChecked(l, Topics.manifest(fleet, issue), envelope, readBackMs);
        if (before != null && before.sequence() != sequence) {
            progress.accept("clearing the " + before.chunks().size() + " chunks of sequence " + before.sequence());
            clear(l, before);
        }
        return new Published(issue, sequence, sent[0] + envelope.length, total);
    }

    /** What a withdrawal did: the issue, the sequence withdrawn up to, and the chunks cleared (0: the broker held none). */
    public record Withdrawn(String issue, long sequence, int chunksCleared) {}

    /**
     * Takes an issue off the fleet's panels: a signed withdrawal replaces its retained manifest (kiosks showing the
     * issue fall back to the one before, and refuse its manifests up to {@code sequence}), then its chunks are cleared.
     */
    public Withdrawn withdraw(String issue, long sequence) throws DeliveryException {
        Link l = link();
        Manifest m = manifest(l, issue);
        byte[] signed = new Withdrawal(fleet, issue, sequence, Instant.now()).sign(signer().key(), signer().id());
        publishChecked(l, Topics.manifest(fleet, issue), signed, 5_000);
        if (m == null) return new Withdrawn(issue, sequence, 0);
        clear(l, m);
        return new Withdrawn(issue, sequence, m.chunks().size());
    }

    /**
     * Publishes the operator's signed reset of the fleet's high-water mark (of one publication, or of every one when
     * publication is null), retained: each kiosk sets the highest sequence it took to {@code sequence} once, when it
     * next reads the reset. Returns the reset sent.
     */
    public HighWaterReset resetSequence(String publication, long sequence) throws DeliveryException {
        HighWaterReset reset = new HighWaterReset(fleet, publication, sequence, Instant.now());
        publishChecked(link(), Topics.reset(fleet), reset.sign(signer().key(), signer().id()), 5_000);
        return reset;
    }

    /** What a bundle holds: the issue, its sequence, the file's bytes and the chunks. */
    public record Bundled(String issue, long sequence, long bytes, int chunks) {}

    /**
     * Validates a package folder, signs its manifest for the fleet and writes a bundle (PROTOCOL.md, "Bundles"),
     * atomically: a file that is there is complete. Needs no broker. The bundle is readable by every user (mode 0644):
     * it holds only signed pages, and the kiosk's service user must read it to import it.
     */
    public Bundled bundle(Path folder, Release release, Path out) throws PackageException, DeliveryException, IOException {
        SignedIssue signed = SignedIssue.sign(fleet, signer(), folder, release, List.of());
        Manifest m = signed.manifest();
        Path part = Files.createTempFile(out.toAbsolutePath().getParent(), out.getFileName().toString(), ".part");
        try {
            try {
                Files.setPosixFilePermissions(part, PosixFilePermissions.fromString("rw-r--r--")); // a temporary file is 0600
            } catch (UnsupportedOperationException | FileSystemException noModes) {
                // a FAT stick has no modes: its files are as the mount makes them
            }
            try (OutputStream file = Files.newOutputStream(part); ZipOutputStream zip = new ZipOutputStream(file)) {
                zip.setLevel(1);
                zip.putNextEntry(new ZipEntry(Bundle.MANIFEST));
                zip.write(signed.envelope());
                zip.closeEntry();
                signed.chunks((i, bytes, n) -> {
                    try {
                        zip.putNextEntry(new ZipEntry(Bundle.chunkEntry(i)));
                        zip.write(bytes, 0, n);
                        zip.closeEntry();
                    } catch (IOException e) {
                        throw new DeliveryException("writing " + out + ": " + e.getMessage(), e);
                    }
                });
            }
            Files.move(part, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(part);
        }
        return new Bundled(m.issue(), m.sequence(), Files.size(out), m.chunks().size());
    }

    /** The fleet's kiosks as their retained statuses say, by device id, after collecting them for a while. */
    public Map<String, KioskStatus> statuses(Duration wait) throws DeliveryException {
        try (FleetView view = watch(s -> {})) {
            Thread.sleep(wait.toMillis());
            return view.kiosks();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted");
        }
    }

    /**
     * What the fleet holds (`newsstand fleet issues`): the issues whose manifests (or withdrawals) the broker retains,
     * and what each kiosk stores and shows as its retained status says, both collected for {@code wait}.
     */
    public Inventory inventory(Duration wait) throws DeliveryException {
        Map<String, byte[]> manifests = new java.util.concurrent.ConcurrentHashMap<>();
        Link l = link();
        String filter = Topics.manifests(fleet);
        java.util.function.BiConsumer<String, org.eclipse.paho.mqttv5.common.MqttMessage> handler = (topic, message) -> {
            if (message.isRetained()) manifests.put(topic.substring(topic.lastIndexOf('/') + 1), message.getPayload());
        };
        l.subscribe(filter, handler);
        try {
            return Inventory.of(manifests, statuses(wait));
        } finally {
            l.unsubscribe(filter, handler);
        }
    }

    /** The fleet's statuses, live: each status is handed to the listener as it comes (the retained ones first). */
    public FleetView watch(Consumer<KioskStatus> listener) throws DeliveryException {
        return FleetView.open(link(), fleet, listener);
    }

    /** A stream followed until closed. */
    public interface Following extends AutoCloseable {
        /**
         * Whether it still comes: the connection that carries it is the desk's and is up. After the connection was
         * lost (the broker restarted, a cluster's broker failed), follow again: the desk connects anew at that call.
         */
        boolean active();

        @Override
        void close();
    }

    /**
     * The fleet's events live (PROTOCOL.md, "Status and events"): each kiosk's event, a JSON object, handed to the
     * listener as it comes (on the connection's thread: keep the listener short), its "device" the one of the topic
     * it came on (a kiosk may write only its own). A payload that is not a JSON object is dropped. The events come
     * as long as the desk's connection lasts; closing the result stops following them.
     */
    public Following events(Consumer<com.google.gson.JsonObject> listener) throws DeliveryException {
        Link l = link();
        String filter = Topics.allEvents(fleet);
        java.util.function.BiConsumer<String, org.eclipse.paho.mqttv5.common.MqttMessage> handler = (topic, message) -> {
            com.google.gson.JsonObject event;
            try {
                com.google.gson.JsonElement e = com.google.gson.JsonParser.parseString(new String(message.getPayload(), java.nio.charset.StandardCharsets.UTF_8));
                if (!e.isJsonObject()) return;
                event = e.getAsJsonObject();
            } catch (RuntimeException e) {
                return; // not an event of a kiosk
            }
            event.addProperty("device", topic.split("/")[2]);
            listener.accept(event);
        };
        l.subscribe(filter, handler);
        return new Following() {
            @Override
            public boolean active() {
                synchronized (Desk.this) {
                    return link == l && l.connected();
                }
            }

            @Override
            public void close() {
                try {
                    l.unsubscribe(filter, handler);
                } catch (DeliveryException e) {
                    // the connection is gone: nothing follows the events any more
                }
            }
        };
    }

    /**
     * The fleet's statuses, live, each with whether it is the broker's retained copy sent at subscribe ({@code true}) or
     * news sent while following ({@code false}): a console tells from it when it last heard a kiosk itself.
     */
    public FleetView follow(BiConsumer<KioskStatus, Boolean> listener) throws DeliveryException {
        return FleetView.open(link(), fleet, listener);
    }

    /**
     * The fleet's retained issue messages, live: each manifest or withdrawal (or an empty payload for one cleared) is
     * handed to the listener with its issue id as it comes, the retained ones first. Read without checking signatures,
     * as {@link #inventory(Duration)} does. Closing the returned view stops following; {@link IssueWatch#following()}
     * says whether the connection still holds.
     */
    public IssueWatch watchIssues(BiConsumer<String, byte[]> listener) throws DeliveryException {
        Link l = link();
        String filter = Topics.manifests(fleet);
        java.util.function.BiConsumer<String, org.eclipse.paho.mqttv5.common.MqttMessage> handler =
                (topic, message) -> listener.accept(topic.substring(topic.lastIndexOf('/') + 1), message.getPayload());
        l.subscribe(filter, handler);
        return new IssueWatch(l, filter, handler);
    }

    /** A command for kiosks of the fleet (device ids, or {@link Command#ALL}): a fresh id, issued now, living that long. */
    public Command newCommand(List<String> targets, String name, List<String> args, Duration lives) {
        Instant now = Instant.now();
        return new Command(fleet, java.util.UUID.randomUUID().toString(), now, now.plus(lives), targets, name, args);
    }

    /**
     * Signs and sends a command and waits up to {@code wait} for the kiosks' answers; each is handed to {@code each}
     * as it comes. For a command to every kiosk, the kiosks expected to answer are those whose retained status says
     * they are online; a kiosk named that never sent a status is handed to {@code each} at once as
     * {@link CommandOutcome#UNKNOWN} and not waited for. A screenshot's PNG comes in the outcome.
     */
    public CommandOutcome command(Command command, Duration wait, Consumer<CommandOutcome.Answer> each) throws DeliveryException {
        Map<String, KioskStatus> statuses = statuses(Duration.ofMillis(700));
        return CommandRound.run(link(), command, signer(), statuses, wait, each);
    }

    private Signer signer() {
        if (signer == null) throw new IllegalStateException("this desk was opened without the operator's key");
        return signer;
    }

    /**
     * The connection, made at the first call. One lost is made again by the link itself, which follows again what
     * was followed ({@link #watch}): a call meanwhile waits for it a while, then fails saying so.
     */
    private Link link() throws DeliveryException {
        Link link;
        synchronized (this) {
            if (broker == null) throw new IllegalStateException("this desk was opened without a broker");
            if (this.link == null) this.link = Link.open(broker, "desk");
            link = this.link;
        }
        // Waited for outside the lock: calls meanwhile wait side by side, not one after the other.
        if (!link.connected() && !link.awaitConnected(RECONNECT_WAIT_MS)) {
            throw new DeliveryException("broker " + broker.url() + " cannot be reached at the moment (the connection was lost; it is being made again "
                    + "every few seconds)");
        }
        return link;
    }

    /** Publishes a retained message and reads it back. */
    private static void publishChecked(Link l, String topic, byte[] payload, long readBackMs) throws DeliveryException {
        l.publish(topic, payload, true);
        l.check(l.retained(topic, 1, readBackMs), topic, Manifest.sha256(payload, payload.length));
    }

    /** The retained manifest of an issue, read without verifying its signature; null when there is none. */
    private Manifest manifest(Link l, String issue) throws DeliveryException {
        byte[] payload = l.retainedPayload(Topics.manifest(fleet, issue));
        if (payload == null) return null;
        try {
            return Manifest.read(payload);
        } catch (Manifest.Rejected r) {
            return null;
        }
    }

    private void clear(Link l, Manifest m) throws DeliveryException {
        Link.Window window = l.new Window();
        for (int i = 0; i < m.chunks().size(); i++) window.publish(Topics.chunk(fleet, m.issue(), m.sequence(), i), new byte[0], true);
        window.drain();
    }

    @Override
    public synchronized void close() {
        if (link != null) link.close();
        link = null;
    }
}
