package newsstand.kiosk;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.tinylog.Logger;

/**
 * The kiosk's word to systemd (sd_notify) when newsstand.service runs it: READY=1 once the first frame is on the
 * panel, then WATCHDOG=1 from the display loop, so that a loop stuck (a panel that never answers) gets the process
 * restarted. Java cannot send on the datagram socket systemd listens on, so each message goes through systemd-notify
 * (which waits until systemd has read it; the unit says NotifyAccess=all). Nothing happens outside systemd.
 */
final class ServiceManager {
    private final boolean active;
    /** How often the loop must say it is alive: a third of WatchdogSec; Long.MAX_VALUE without a watchdog. */
    private final long heartbeatMs;
    private long lastBeat;
    private Process pending;

    private ServiceManager(boolean active, long heartbeatMs) {
        this.active = active;
        this.heartbeatMs = heartbeatMs;
    }

    static ServiceManager fromEnvironment() {
        String socket = System.getenv("NOTIFY_SOCKET");
        String usec = System.getenv("WATCHDOG_USEC");
        long every = Long.MAX_VALUE;
        if (usec != null && usec.matches("[0-9]{1,15}")) every = Math.max(1000, Long.parseLong(usec) / 3000);
        return new ServiceManager(socket != null && !socket.isEmpty(), every);
    }

    long heartbeatMs() {
        return active ? heartbeatMs : Long.MAX_VALUE;
    }

    /** The first frame is on the panel: the service has started. */
    void ready(String status) {
        send("--ready", "--status=" + status);
    }

    /** The display loop is alive; sent at most once per heartbeat. */
    void alive() {
        if (heartbeatMs() == Long.MAX_VALUE) return;
        long now = System.nanoTime() / 1_000_000;
        if (now - lastBeat < heartbeatMs) return;
        lastBeat = now;
        send("WATCHDOG=1");
    }

    private void send(String... message) {
        if (!active) return;
        if (pending != null && pending.isAlive()) return; // systemd has not read the last one yet
        List<String> command = new ArrayList<>(List.of("systemd-notify"));
        command.addAll(List.of(message));
        try {
            pending = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            Logger.warn("kiosk: systemd was not told {} ({})", String.join(" ", message), e.getMessage());
        }
    }
}
