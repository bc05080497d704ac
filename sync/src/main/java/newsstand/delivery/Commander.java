package newsstand.delivery;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import newsstand.issue.Command;
import newsstand.issue.Manifest;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * The operator's side of remote commands (PROTOCOL.md, "Remote commands"): signs a command, publishes it on the topic
 * of each kiosk it is for (or once for every kiosk), and collects the kiosks' answers, the events that carry its id,
 * until every kiosk expected has answered or the wait is over; for a screenshot also its chunks, checked against the
 * hash its answer gives.
 */
public final class Commander {
    private Commander() {}

    /** One kiosk's answer: done, failed or refused, and what it said; the event as it came. */
    public record Answer(String device, String result, String message, JsonObject event) {}

    /**
     * What came back: the answers in the order they came; the kiosks expected that did not answer in time; the
     * kiosks of the fleet whose status says they are offline (they carry the command out if they come back before it
     * expires); the kiosks named that never sent a status to this broker; the screenshot's bytes, when one was asked
     * for and came whole.
     */
    public record Outcome(List<Answer> answers, List<String> silent, List<String> offline, List<String> unknown, byte[] screenshot) {}

    /**
     * Sends a command and waits up to {@code wait} for the answers; each is handed to {@code each} as it comes. For a
     * command to every kiosk, the kiosks expected to answer are those whose retained status says they are online.
     */
    public static Outcome send(Broker broker, Command command, PrivateKey key, String keyId, Duration wait, Consumer<Answer> each)
            throws DeliveryException {
        String fleet = command.fleet();
        Map<String, JsonObject> statuses = Publisher.fleet(broker, fleet, Duration.ofMillis(700));
        List<String> offline = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (Map.Entry<String, JsonObject> e : statuses.entrySet()) {
            boolean online = e.getValue().has("online") && e.getValue().get("online").getAsBoolean();
            if (!online && (command.forAll() || command.targets().contains(e.getKey()))) offline.add(e.getKey());
            if (online && command.forAll()) expected.add(e.getKey());
        }
        if (!command.forAll()) expected.addAll(command.targets());
        Map<String, Answer> answers = new ConcurrentHashMap<>();
        List<Answer> inOrder = java.util.Collections.synchronizedList(new ArrayList<>());
        Map<Integer, byte[]> chunks = new ConcurrentHashMap<>();
        Object changed = new Object();
        MqttAsyncClient client = Publisher.connect(broker, "command");
        try {
            client.subscribe(Topics.allEvents(fleet), 1, (topic, message) -> {
                JsonObject o;
                try {
                    o = JsonParser.parseString(new String(message.getPayload(), StandardCharsets.UTF_8)).getAsJsonObject();
                } catch (RuntimeException e) {
                    return; // not an event of a kiosk
                }
                if (!o.has("commandId") || !command.id().equals(o.get("commandId").getAsString()) || !o.has("result")) return;
                String device = topic.split("/")[2];
                Answer a = new Answer(device, o.get("result").getAsString(), o.has("message") ? o.get("message").getAsString() : "", o);
                if (answers.putIfAbsent(device, a) != null) return; // a repeat
                inOrder.add(a);
                each.accept(a);
                synchronized (changed) {
                    changed.notifyAll();
                }
            }).waitForCompletion(Publisher.WAIT_MS);
            String shotDevice = command.name().equals("screenshot") && command.targets().size() == 1 ? command.targets().get(0) : null;
            if (shotDevice != null) {
                client.subscribe(Topics.screenshot(fleet, shotDevice, command.id(), 0).replaceFirst("/0$", "/+"), 1, (topic, message) -> {
                    try {
                        chunks.put(Integer.parseInt(topic.substring(topic.lastIndexOf('/') + 1)), message.getPayload());
                    } catch (NumberFormatException e) {
                        return;
                    }
                    synchronized (changed) {
                        changed.notifyAll();
                    }
                }).waitForCompletion(Publisher.WAIT_MS);
            }
            byte[] signed = command.sign(key, keyId);
            List<String> topics = command.forAll() ? List.of(Topics.commands(fleet, Topics.ALL))
                    : command.targets().stream().map(t -> Topics.commands(fleet, t)).toList();
            for (String t : topics) client.publish(t, signed, 1, false).waitForCompletion(Publisher.WAIT_MS);
            long deadline = System.nanoTime() + wait.toNanos();
            synchronized (changed) {
                while (System.nanoTime() < deadline && !(answers.keySet().containsAll(expected) && shotComplete(shotDevice, answers, chunks))) {
                    changed.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                }
            }
            List<String> silent = new ArrayList<>(expected);
            silent.removeAll(answers.keySet());
            byte[] shot = shotDevice == null ? null : screenshot(answers.get(shotDevice), chunks);
            List<String> unknown = command.forAll() ? List.of() : command.targets().stream().filter(t -> !statuses.containsKey(t)).toList();
            return new Outcome(List.copyOf(inOrder), silent, offline, unknown, shot);
        } catch (MqttException e) {
            throw new DeliveryException(broker.explain(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted while waiting for the kiosks' answers");
        } finally {
            Publisher.disconnect(client);
        }
    }

    private static boolean shotComplete(String device, Map<String, Answer> answers, Map<Integer, byte[]> chunks) {
        if (device == null) return true;
        Answer a = answers.get(device);
        if (a == null) return false;
        JsonObject s = a.event().getAsJsonObject("screenshot");
        return s == null || chunks.size() >= s.get("chunks").getAsInt();
    }

    /** The screenshot put together from its chunks; null when its answer has none or the chunks do not match its hash. */
    private static byte[] screenshot(Answer a, Map<Integer, byte[]> chunks) throws DeliveryException {
        if (a == null || !a.event().has("screenshot")) return null;
        JsonObject s = a.event().getAsJsonObject("screenshot");
        int n = s.get("chunks").getAsInt();
        long bytes = s.get("bytes").getAsLong();
        if (bytes > 64L << 20) throw new DeliveryException("the screenshot would be " + bytes + " bytes (allowed: up to 64 MiB)");
        byte[] all = new byte[(int) bytes];
        int at = 0;
        for (int i = 0; i < n; i++) {
            byte[] c = chunks.get(i);
            if (c == null) throw new DeliveryException("screenshot chunk " + i + " of " + n + " did not come");
            if (at + c.length > all.length) throw new DeliveryException("screenshot chunks are longer than the " + bytes + " bytes its answer gives");
            System.arraycopy(c, 0, all, at, c.length);
            at += c.length;
        }
        if (at != all.length || !Manifest.sha256(all, all.length).equals(s.get("sha256").getAsString())) {
            throw new DeliveryException("the screenshot's chunks do not match the hash its answer gives (" + at + " of " + bytes + " bytes)");
        }
        return all;
    }
}
