package newsstand.delivery;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import newsstand.issue.Article;
import newsstand.issue.HighWaterReset;
import newsstand.issue.Issue;
import newsstand.issue.IssuePackage;
import newsstand.issue.Manifest;
import newsstand.issue.PackageException;
import newsstand.issue.Photo;
import newsstand.issue.Section;
import newsstand.issue.Withdrawal;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttMessageListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * The operator's side of delivery (PROTOCOL.md): publishing a signed issue (chunks first, each retained on its own
 * topic, then the manifest that makes them visible), withdrawing one, and reading the fleet's statuses. The broker
 * alone holds the content; no server of ours runs.
 */
public final class Publisher {
    static final long WAIT_MS = 30_000;

    private Publisher() {}

    /** What a publish sent. */
    public record Published(String issue, long sequence, long bytes, int chunks) {}

    /**
     * Validates a package folder, signs its manifest and publishes it to a fleet; progress gets a line now and then.
     * A previous publication of the same issue is replaced and its chunks cleared.
     */
    public static Published publish(Broker broker, String fleet, PrivateKey key, String keyId, Path folder, long sequence,
                                    Instant expires, Instant activateAt, Consumer<String> progress) throws PackageException, DeliveryException, IOException {
        Signed signed = sign(fleet, key, keyId, folder, sequence, expires, activateAt);
        Manifest m = signed.manifest();
        Issue issue = signed.issue();
        List<Manifest.FileEntry> files = m.files();
        List<String> hashes = m.chunks();
        byte[] envelope = signed.envelope();
        MqttAsyncClient client = connect(broker, "publish");
        try {
            Manifest before = retained(client, Topics.manifest(fleet, issue.id()));
            Semaphore window = new Semaphore(10);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            long[] sent = {0};
            int total = hashes.size();
            chunks(folder, files, (i, bytes, n) -> {
                byte[] payload = java.util.Arrays.copyOf(bytes, n);
                acquire(window, failure);
                client.publish(Topics.chunk(fleet, issue.id(), sequence, i), payload, 1, true, null, releasing(window, failure));
                sent[0] += n;
                if ((i + 1) % Math.max(1, total / 10) == 0 || i + 1 == total) {
                    progress.accept(String.format("chunk %d/%d, %d of %d bytes", i + 1, total, sent[0], m.bytes()));
                }
            });
            acquireAll(window, 10, failure);
            // The chunks are read back before the manifest makes them visible: kiosks never see an issue the broker lacks.
            long readBackMs = Math.max(5_000, total * 50L);
            Map<String, String> held = ReadBack.retained(client, Topics.chunk(fleet, issue.id(), sequence, 0).replaceFirst("/0$", "/#"), total,
                    readBackMs);
            for (int i = 0; i < total; i++) ReadBack.check(broker, held, Topics.chunk(fleet, issue.id(), sequence, i), hashes.get(i));
            progress.accept("read back " + total + " chunks");
            client.publish(Topics.manifest(fleet, issue.id()), envelope, 1, true).waitForCompletion(WAIT_MS);
            String manifestTopic = Topics.manifest(fleet, issue.id());
            ReadBack.check(broker, ReadBack.retained(client, manifestTopic, 1, readBackMs), manifestTopic, Manifest.sha256(envelope, envelope.length));
            if (before != null && before.sequence() != sequence) {
                progress.accept("clearing the " + before.chunks().size() + " chunks of sequence " + before.sequence());
                clear(client, fleet, before, window, failure);
            }
            return new Published(issue.id(), sequence, sent[0] + envelope.length, total);
        } catch (MqttException e) {
            throw new DeliveryException(broker.explain(e), e);
        } finally {
            disconnect(client);
        }
    }

    /** A package folder validated and its manifest signed for a fleet (the chunks are read from the folder again when sent). */
    record Signed(Issue issue, Manifest manifest, byte[] envelope) {}

    /** Validates a package folder and signs its manifest: the same for the broker and for a bundle. */
    static Signed sign(String fleet, PrivateKey key, String keyId, Path folder, long sequence, Instant expires, Instant activateAt)
            throws PackageException, DeliveryException, IOException {
        Issue issue = IssuePackage.read(folder);
        LinkedHashSet<String> names = new LinkedHashSet<>();
        names.add(IssuePackage.MANIFEST);
        for (Section s : issue.sections()) {
            for (Article a : s.articles()) {
                for (Photo p : a.photos()) if (p.hasImage()) names.add(p.file());
            }
        }
        List<Manifest.FileEntry> files = new ArrayList<>();
        for (String n : names) files.add(new Manifest.FileEntry(n, Files.size(folder.resolve(n))));
        List<String> hashes = new ArrayList<>();
        chunks(folder, files, (i, bytes, n) -> hashes.add(Manifest.sha256(bytes, n)));
        Instant now = Instant.now();
        if (!expires.isAfter(now)) throw new DeliveryException("expiry " + expires + " is not in the future");
        if (activateAt != null && !activateAt.isBefore(expires)) {
            throw new DeliveryException("--activate-at " + activateAt + " is not before the expiry " + expires + " (allowed: an embargo that ends before the issue expires)");
        }
        Manifest m = new Manifest(fleet, issue.id(), issue.publication(), sequence, issue.date(), now, expires, activateAt,
                Manifest.CHUNK_SIZE, files, hashes);
        if (m.bytes() > Manifest.MAX_ISSUE_BYTES) throw new DeliveryException("issue " + issue.id() + " is " + m.bytes() + " bytes (allowed: at most " + Manifest.MAX_ISSUE_BYTES + ")");
        return new Signed(issue, m, m.sign(key, keyId));
    }

    /**
     * Publishes the operator's signed reset of a fleet's high-water mark, retained: each kiosk sets the highest
     * sequence it took to {@code sequence} once, when it next reads the reset. Returns the reset sent.
     */
    public static HighWaterReset resetHighWater(Broker broker, String fleet, String publication, PrivateKey key, String keyId,
                                                long sequence) throws DeliveryException {
        HighWaterReset reset = new HighWaterReset(fleet, publication, sequence, Instant.now());
        MqttAsyncClient client = connect(broker, "reset");
        try {
            byte[] signed = reset.sign(key, keyId);
            client.publish(Topics.reset(fleet), signed, 1, true).waitForCompletion(WAIT_MS);
            ReadBack.check(broker, ReadBack.retained(client, Topics.reset(fleet), 1, 5_000), Topics.reset(fleet), Manifest.sha256(signed, signed.length));
            return reset;
        } catch (MqttException e) {
            throw new DeliveryException(broker.explain(e), e);
        } finally {
            disconnect(client);
        }
    }

    /**
     * Takes an issue off the fleet's panels: a signed withdrawal replaces its retained manifest (kiosks showing the
     * issue fall back to the one before, and refuse its manifests up to {@code sequence}), then its chunks are
     * cleared. Returns how many chunks were cleared (0 when the broker no longer held the issue).
     */
    public static int withdraw(Broker broker, String fleet, PrivateKey key, String keyId, String issue, long sequence) throws DeliveryException {
        MqttAsyncClient client = connect(broker, "withdraw");
        try {
            Manifest m = retained(client, Topics.manifest(fleet, issue));
            byte[] signed = new Withdrawal(fleet, issue, sequence, Instant.now()).sign(key, keyId);
            client.publish(Topics.manifest(fleet, issue), signed, 1, true).waitForCompletion(WAIT_MS);
            ReadBack.check(broker, ReadBack.retained(client, Topics.manifest(fleet, issue), 1, 5_000), Topics.manifest(fleet, issue),
                    Manifest.sha256(signed, signed.length));
            if (m == null) return 0;
            Semaphore window = new Semaphore(10);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            clear(client, fleet, m, window, failure);
            return m.chunks().size();
        } catch (MqttException e) {
            throw new DeliveryException(broker.explain(e), e);
        } finally {
            disconnect(client);
        }
    }

    /** The retained statuses of a fleet's devices, by device id, as the broker holds them after waiting a moment. */
    public static Map<String, JsonObject> fleet(Broker broker, String fleet, Duration wait) throws DeliveryException {
        MqttAsyncClient client = connect(broker, "fleet");
        Map<String, JsonObject> devices = new ConcurrentHashMap<>();
        try {
            client.subscribe(Topics.statuses(fleet), 1, (topic, message) -> {
                String device = topic.split("/")[2];
                try {
                    devices.put(device, JsonParser.parseString(new String(message.getPayload(), StandardCharsets.UTF_8)).getAsJsonObject());
                } catch (RuntimeException e) {
                    JsonObject bad = new JsonObject();
                    bad.addProperty("device", device);
                    bad.addProperty("unreadable", true);
                    devices.put(device, bad);
                }
            }).waitForCompletion(WAIT_MS);
            Thread.sleep(wait.toMillis());
            return new TreeMap<>(devices);
        } catch (MqttException e) {
            throw new DeliveryException(broker.explain(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted");
        } finally {
            disconnect(client);
        }
    }

    private static void clear(MqttAsyncClient client, String fleet, Manifest m, Semaphore window, AtomicReference<Throwable> failure)
            throws MqttException, DeliveryException {
        for (int i = 0; i < m.chunks().size(); i++) {
            acquire(window, failure);
            client.publish(Topics.chunk(fleet, m.issue(), m.sequence(), i), new byte[0], 1, true, null, releasing(window, failure));
        }
        acquireAll(window, 10, failure);
    }

    /** The retained manifest on a topic, read without verifying its signature; null when there is none. */
    private static Manifest retained(MqttAsyncClient client, String topic) throws MqttException {
        AtomicReference<byte[]> got = new AtomicReference<>();
        CountDownLatch arrived = new CountDownLatch(1);
        IMqttMessageListener listener = (t, message) -> {
            got.set(message.getPayload());
            arrived.countDown();
        };
        client.subscribe(topic, 1, listener).waitForCompletion(WAIT_MS);
        try {
            // A retained message follows the subscription's acknowledgement at once, when there is one.
            arrived.await(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client.unsubscribe(topic).waitForCompletion(WAIT_MS);
        byte[] payload = got.get();
        if (payload == null || payload.length == 0) return null;
        try {
            return Manifest.read(payload);
        } catch (Manifest.Rejected r) {
            return null;
        }
    }

    static MqttAsyncClient connect(Broker broker, String purpose) throws DeliveryException {
        MqttAsyncClient client = broker.client("newsstand-" + purpose + "-" + Long.toHexString(System.nanoTime() ^ Double.doubleToLongBits(Math.random())));
        try {
            client.connect(broker.options(true, 60)).waitForCompletion(WAIT_MS);
            return client;
        } catch (MqttException e) {
            try {
                client.close(true);
            } catch (MqttException ignored) {
                // nothing more to release
            }
            throw new DeliveryException(broker.explain(e), e);
        }
    }

    static void disconnect(MqttAsyncClient client) {
        try {
            if (client.isConnected()) client.disconnect(5000).waitForCompletion(6000);
            client.close(true);
        } catch (MqttException e) {
            // the connection is going away either way
        }
    }

    private static IMqttActionListener releasing(Semaphore window, AtomicReference<Throwable> failure) {
        return new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                window.release();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable e) {
                failure.compareAndSet(null, e);
                window.release();
            }
        };
    }

    /** Takes a place among the messages in flight. */
    private static void acquire(Semaphore window, AtomicReference<Throwable> failure) throws DeliveryException {
        take(window, 1, failure);
    }

    /** Waits until every message in flight is acknowledged. */
    private static void acquireAll(Semaphore window, int n, AtomicReference<Throwable> failure) throws DeliveryException {
        take(window, n, failure);
        window.release(n);
    }

    private static void take(Semaphore window, int n, AtomicReference<Throwable> failure) throws DeliveryException {
        try {
            if (!window.tryAcquire(n, WAIT_MS, TimeUnit.MILLISECONDS)) throw new DeliveryException("the broker stopped acknowledging messages");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted");
        }
        if (failure.get() != null) throw new DeliveryException("publishing failed: " + failure.get().getMessage(), failure.get());
    }

    interface ChunkSink {
        void accept(int index, byte[] bytes, int length) throws MqttException, DeliveryException;
    }

    /** The files laid end to end, cut into chunks, one buffer reused. */
    static void chunks(Path folder, List<Manifest.FileEntry> files, ChunkSink sink) throws IOException, DeliveryException {
        byte[] buf = new byte[Manifest.CHUNK_SIZE];
        int fill = 0, index = 0;
        try {
            for (Manifest.FileEntry f : files) {
                try (InputStream in = Files.newInputStream(folder.resolve(f.name()))) {
                    long left = f.size();
                    while (left > 0) {
                        int n = in.read(buf, fill, (int) Math.min(buf.length - fill, left));
                        if (n < 0) throw new IOException(f.name() + " shrank while it was being published");
                        fill += n;
                        left -= n;
                        if (fill == buf.length) {
                            sink.accept(index++, buf, fill);
                            fill = 0;
                        }
                    }
                }
            }
            if (fill > 0) sink.accept(index, buf, fill);
        } catch (MqttException e) {
            throw new DeliveryException("publishing failed: " + e.getMessage(), e);
        }
    }

}
