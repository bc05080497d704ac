package newsstand.console;

import com.google.gson.JsonElement;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The browsers following the console live (server-sent events, /api/live): each event is {@code event: NAME} and one
 * line of JSON. Writes go out on one thread of their own, so a slow browser never holds up the broker's thread; one
 * that cannot be written to is dropped (its EventSource reconnects). A comment every 15 s keeps proxies from
 * closing the stream.
 */
final class Live implements AutoCloseable {
    private record Client(HttpExchange exchange, OutputStream out) {}

    private final List<Client> clients = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "console-live");
        t.setDaemon(true);
        return t;
    });

    Live() {
        sender.scheduleAtFixedRate(() -> write(": keep-alive\n\n"), 15, 15, TimeUnit.SECONDS);
    }

    /** Takes an exchange over as an event stream. */
    Object follow(Call call) throws IOException {
        HttpExchange x = call.exchange;
        x.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        x.getResponseHeaders().set("Cache-Control", "no-store");
        x.getResponseHeaders().set("X-Accel-Buffering", "no"); // nginx: pass each event on at once
        x.sendResponseHeaders(200, 0);
        OutputStream out = x.getResponseBody();
        Client c = new Client(x, out);
        sender.execute(() -> {
            if (send(c, "retry: 2000\n\n")) clients.add(c);
        });
        return Routes.STREAMED;
    }

    /** Sends an event to every browser following. */
    void publish(String event, JsonElement data) {
        String text = "event: " + event + "\ndata: " + data + "\n\n";
        sender.execute(() -> write(text));
    }

    int followers() {
        return clients.size();
    }

    private void write(String text) {
        for (Client c : clients) {
            if (!send(c, text)) clients.remove(c);
        }
    }

    private static boolean send(Client c, String text) {
        try {
            c.out().write(text.getBytes(StandardCharsets.UTF_8));
            c.out().flush();
            return true;
        } catch (IOException e) {
            c.exchange().close();
            return false;
        }
    }

    @Override
    public void close() {
        sender.shutdownNow();
        for (Client c : clients) c.exchange().close();
        clients.clear();
    }
}
