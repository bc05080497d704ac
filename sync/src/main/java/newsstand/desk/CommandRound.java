package newsstand.desk;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import newsstand.delivery.DeliveryException;
import newsstand.delivery.Topics;
import newsstand.desk.CommandOutcome.Answer;
import newsstand.issue.Command;
import newsstand.issue.Manifest;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * One command sent and its answers collected (PROTOCOL.md, "Remote commands"): published on the topic of each kiosk
 * it is for (or once for every kiosk), then the kiosks' events that carry its id taken until every kiosk expected
 * has answered or the wait is over; for a screenshot also its chunks, checked against the hash its answer gives.
 */
final class CommandRound {
    private final Command command;
    private final Consumer<Answer> each;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Answer> inOrder = Collections.synchronizedList(new ArrayList<>());
    private final Map<Integer, byte[]> chunks = new ConcurrentHashMap<>();
    /** The kiosk asked for a screenshot, or null. */
    private final String shotDevice;

    private CommandRound(Command command, Consumer<Answer> each) {
        this.command = command;
        this.each = each;
        this.shotDevice = command.name().equals("screenshot") && command.targets().size() == 1 ? command.targets().get(0) : null;
    }

    static CommandOutcome run(Link link, Command command, Signer signer, Map<String, KioskStatus> statuses, Duration wait, Consumer<Answer> each)
            throws DeliveryException {
        String fleet = command.fleet();
        List<String> offline = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (KioskStatus s : statuses.values()) {
            if (!s.online() && (command.forAll() || command.targets().contains(s.device()))) offline.add(s.device());
            if (s.online() && command.forAll()) expected.add(s.device());
        }
        // A kiosk named that never sent a status to this broker is said at once and not waited for: the retained
        // statuses are the fleet as the broker knows it.
        List<String> unknown = command.forAll() ? List.of() : command.targets().stream().filter(t -> !statuses.containsKey(t)).toList();
        if (!command.forAll()) command.targets().stream().filter(statuses::containsKey).forEach(expected::add);
        for (String d : unknown) each.accept(new Answer(d, CommandOutcome.UNKNOWN, "never seen: no kiosk of this id ever sent a status to this broker (is the id right?)", null));
        CommandRound round = new CommandRound(command, each);
        String events = Topics.allEvents(fleet);
        String shots = round.shotDevice == null ? null : Topics.screenshot(fleet, round.shotDevice, command.id(), 0).replaceFirst("/0$", "/+");
        BiConsumer<String, MqttMessage> onEvent = (topic, message) -> round.event(topic, message.getPayload());
        BiConsumer<String, MqttMessage> onShot = (topic, message) -> round.chunk(topic, message.getPayload());
        link.subscribe(events, onEvent);
        try {
            if (shots != null) link.subscribe(shots, onShot);
            byte[] signed = command.sign(signer.key(), signer.id());
            List<String> topics = command.forAll() ? List.of(Topics.commands(fleet, Topics.ALL))
                    : command.targets().stream().map(t -> Topics.commands(fleet, t)).toList();
            for (String t : topics) link.publish(t, signed, false);
            round.await(expected, wait);
            List<String> silent = new ArrayList<>(expected);
            silent.removeAll(round.answers.keySet());
            byte[] shot = round.shotDevice == null ? null : round.screenshot();
            List<String> neverSeen = unknown.stream().filter(d -> !round.answers.containsKey(d)).toList();
            return new CommandOutcome(List.copyOf(round.inOrder), silent, offline, neverSeen, shot);
        } finally {
            link.unsubscribe(events, onEvent);
            if (shots != null) link.unsubscribe(shots, onShot);
        }
    }

    private void event(String topic, byte[] payload) {
        JsonObject o;
        try {
            o = JsonParser.parseString(new String(payload, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (RuntimeException e) {
            return; // not an event of a kiosk
        }
        if (!o.has("commandId") || !command.id().equals(o.get("commandId").getAsString()) || !o.has("result")) return;
        String device = topic.split("/")[2];
        Answer a = new Answer(device, o.get("result").getAsString(), o.has("message") ? o.get("message").getAsString() : "", o);
        if (answers.putIfAbsent(device, a) != null) return; // a repeat
        inOrder.add(a);
        each.accept(a);
        changed();
    }

    private void chunk(String topic, byte[] payload) {
        try {
            chunks.put(Integer.parseInt(topic.substring(topic.lastIndexOf('/') + 1)), payload);
        } catch (NumberFormatException e) {
            return;
        }
        changed();
    }

    private synchronized void changed() {
        notifyAll();
    }

    private synchronized void await(List<String> expected, Duration wait) throws DeliveryException {
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (System.nanoTime() < deadline && !(answers.keySet().containsAll(expected) && shotComplete())) {
                wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted while waiting for the kiosks' answers");
        }
    }

    private boolean shotComplete() {
        if (shotDevice == null) return true;
        Answer a = answers.get(shotDevice);
        if (a == null) return false;
        JsonObject s = a.event().getAsJsonObject("screenshot");
        return s == null || chunks.size() >= s.get("chunks").getAsInt();
    }

    /** The screenshot put together from its chunks; null when its answer has none. */
    private byte[] screenshot() throws DeliveryException {
        Answer a = answers.get(shotDevice);
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
