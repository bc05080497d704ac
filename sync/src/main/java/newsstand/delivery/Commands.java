package newsstand.delivery;

import com.google.gson.JsonObject;
import java.security.PublicKey;
import newsstand.store.StoreException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import newsstand.issue.Command;
import newsstand.issue.Keys;
import newsstand.issue.Manifest;
import newsstand.store.CommandLog;
import newsstand.store.Events;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.tinylog.Logger;

/**
 * The operator's signed commands as a kiosk takes them (PROTOCOL.md, "Remote commands"). A command is refused unless
 * it is signed by a trusted key, for this fleet, addressed to this kiosk (on its own topic, or to every kiosk on the
 * fleet's), unexpired and never taken before; each refusal is an event with the reason. One taken is written down
 * first (a replay of it is refused until it expires), then carried out: a resync here, everything the panel does by
 * the kiosk, which answers through a {@link CommandReply}; every answer is an event with the command's id. Sync thread
 * only, except the replies, which hand their work to it.
 */
final class Commands {
    /** A screenshot travels in chunks of this size, one at a time. */
    static final int SCREENSHOT_CHUNK = 64 * 1024;

    private final SyncSettings settings;
    private final Map<String, PublicKey> trusted = new HashMap<>();
    private final CommandLog log;
    private final Events events;
    private final Outbox outbox;
    private final SyncThread thread;
    private final BrokerSession session;
    /** What the kiosk carries out; null: nothing but resync (a sync without a panel). */
    private final BiConsumer<Command, CommandReply> kiosk;
    /** A resync: the shown issues asked for again; returns what was asked for, in words. */
    private final java.util.function.Supplier<String> resync;

    /** Answers the store could not queue when they were given, tried again. */
    private final Retries retries;

    Commands(SyncSettings settings, CommandLog log, Events events, Outbox outbox, BrokerSession session, SyncThread thread,
             Retries retries, BiConsumer<Command, CommandReply> kiosk, java.util.function.Supplier<String> resync) {
        this.retries = retries;
        this.settings = settings;
        for (PublicKey k : settings.trusted()) trusted.put(Keys.id(k), k);
        this.log = log;
        this.events = events;
        this.outbox = outbox;
        this.session = session;
        this.thread = thread;
        this.kiosk = kiosk;
        this.resync = resync;
    }

    /** A message on this kiosk's command topic ({@code topicDevice} its own id) or on the fleet's (ALL). */
    void handle(String topicDevice, byte[] payload) throws StoreException {
        Command c;
        try {
            c = Command.open(payload, trusted, settings.fleet());
        } catch (Manifest.Rejected r) {
            refuse(null, "command:" + Outbox.kind(r.getMessage()), r.getMessage());
            return;
        }
        Instant now = Instant.now();
        boolean addressed = topicDevice.equals(Topics.ALL) ? c.forAll() : c.forAll() || c.targets().contains(settings.device());
        if (!addressed) {
            refuse(c, "command-misaddressed:" + c.id(), "command " + c.id() + " (" + c.name() + ") is addressed to "
                    + (c.forAll() ? "every kiosk" : String.join(", ", c.targets())) + " but came on the topic of "
                    + (topicDevice.equals(Topics.ALL) ? "every kiosk" : topicDevice) + "; this kiosk is " + settings.device());
            return;
        }
        if (!now.isBefore(c.expires())) {
            refuse(c, "command-expired:" + c.id(), "command " + c.id() + " (" + c.name() + ") expired at " + c.expires() + " (this kiosk's clock: " + now + ")");
            return;
        }
        Optional<Instant> before = log.taken(c.id());
        if (before.isPresent() || !log.take(c.id(), c.name(), c.expires(), now)) {
            refuse(c, "command-replayed:" + c.id(), "command " + c.id() + " (" + c.name() + ") was taken before"
                    + before.map(t -> " at " + t).orElse("") + "; a replay is never carried out");
            return;
        }
        Logger.info("sync: the operator's command {} taken: {}", c.id(), c.line());
        CommandReply reply = new Reply(c);
        if (c.name().equals("resync")) {
            reply.done(resync.get());
        } else if (kiosk == null) {
            reply.failed("this kiosk runs without a panel (sync only); it cannot " + c.name());
        } else {
            try {
                kiosk.accept(c, reply);
            } catch (RuntimeException e) {
                reply.failed(e.toString());
            }
        }
    }

    private void refuse(Command c, String coalesce, String reason) throws StoreException {
        events.addRepeated(coalesce, event(c, "refused", reason, null));
        Logger.warn("sync: command refused: {}", reason);
        outbox.flush(session);
    }

    private String event(Command c, String result, String message, JsonObject extra) {
        JsonObject o = new JsonObject();
        o.addProperty("device", settings.device());
        o.addProperty("event", "command");
        if (c != null) {
            o.addProperty("commandId", c.id());
            o.addProperty("command", c.line());
        }
        o.addProperty("result", result);
        o.addProperty("message", message);
        if (extra != null) for (String k : extra.keySet()) o.add(k, extra.get(k));
        o.addProperty("time", Instant.now().toString());
        return o.toString();
    }

    /** The answer to one command: an event with its id, once. */
    private final class Reply implements CommandReply {
        private final Command command;
        private boolean answered;

        Reply(Command command) {
            this.command = command;
        }

        @Override
        public void done(String result) {
            answer("done", result, null);
        }

        @Override
        public void failed(String reason) {
            answer("failed", reason, null);
        }

        @Override
        public void screenshot(byte[] png, String result) {
            byte[] copy = png.clone();
            thread.run(() -> sendScreenshot(copy, 0, result));
        }

        void answer(String result, String message, JsonObject extra) {
            thread.run(() -> {
                if (answered) return;
                answered = true;
                // Said once queued: an answer the store cannot take now is tried again, never lost.
                String event = event(command, result, message, extra);
                retries.attempt("answer " + command.id(), "answer", command.id(), () -> events.add(event, Events.IMPORTANT), () -> {
                    Logger.info("sync: command {} ({}) {}: {}", command.id(), command.line(), result, message);
                    outbox.flush(session);
                });
            });
        }

        /** Publishes chunk {@code index} of a screenshot, the next when the broker has it, then the answer with its facts. */
        private void sendScreenshot(byte[] png, int index, String result) {
            int chunks = (png.length + SCREENSHOT_CHUNK - 1) / SCREENSHOT_CHUNK;
            if (index == chunks) {
                JsonObject shot = new JsonObject();
                shot.addProperty("bytes", png.length);
                shot.addProperty("chunks", chunks);
                shot.addProperty("sha256", Manifest.sha256(png, png.length));
                JsonObject extra = new JsonObject();
                extra.add("screenshot", shot);
                answer("done", result, extra);
                return;
            }
            if (!session.connected()) {
                failed("screenshot not sent: the connection to the broker was lost after " + index + " of " + chunks + " chunks");
                return;
            }
            int from = index * SCREENSHOT_CHUNK, to = Math.min(png.length, from + SCREENSHOT_CHUNK);
            try {
                session.publish(Topics.screenshot(settings.fleet(), settings.device(), command.id(), index),
                        java.util.Arrays.copyOfRange(png, from, to), false, new MqttActionListener() {
                            @Override
                            public void onSuccess(IMqttToken token) {
                                thread.run(() -> sendScreenshot(png, index + 1, result));
                            }

                            @Override
                            public void onFailure(IMqttToken token, Throwable e) {
                                failed("screenshot chunk " + index + " of " + chunks + " not sent: " + e.getMessage());
                            }
                        });
            } catch (MqttException e) {
                failed("screenshot chunk " + index + " of " + chunks + " not sent: " + e.getMessage());
            }
        }
    }
}
