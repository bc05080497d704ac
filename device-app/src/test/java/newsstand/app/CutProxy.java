package newsstand.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy between devices and the broker whose connections a test can cut, as a flaky network does; it may
 * also hold throughput down (bytes per second toward the device), as a slow link does or so that a transfer lasts
 * long enough to be cut.
 */
final class CutProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int target;
    private final long bytesPerSecond;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    CutProxy(int target, long bytesPerSecond) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.target = target;
        this.bytesPerSecond = bytesPerSecond;
        Thread t = new Thread(this::accept, "proxy");
        t.setDaemon(true);
        t.start();
    }

    String url() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket down = server.accept();
                Socket up;
                try {
                    up = new Socket("127.0.0.1", target);
                } catch (IOException e) {
                    down.close();
                    continue;
                }
                sockets.add(down);
                sockets.add(up);
                pump(down, up, 0);
                pump(up, down, bytesPerSecond);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, long rate) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[rate > 0 ? 4096 : 65536];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                long due = System.nanoTime();
                while ((n = in.read(buf)) > 0) {
                    out.write(buf, 0, n);
                    if (rate > 0) due = pace(due, n, rate);
                }
            } catch (IOException e) {
                // cut
            } finally {
                close(from);
                close(to);
            }
        }, "pump");
        t.setDaemon(true);
        t.start();
    }

    /** Drops every connection at once; new ones are accepted. */
    void cut() {
        for (Socket s : sockets) close(s);
        sockets.clear();
    }

    /**
     * Waits until n bytes more are due at the rate (bytes per second), from when the bytes before were due: a link
     * whose idle time gives no credit beyond a few milliseconds (its buffer), and whose sleeps running late are made
     * up. Returns when the next bytes may go.
     */
    private static long pace(long due, int n, long rate) {
        due = Math.max(due, System.nanoTime() - 5_000_000L) + n * 1_000_000_000L / rate;
        for (long wait; (wait = due - System.nanoTime()) > 0; ) java.util.concurrent.locks.LockSupport.parkNanos(wait);
        return due;
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already gone
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        cut();
    }
}
