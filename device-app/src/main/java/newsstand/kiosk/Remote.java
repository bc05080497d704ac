package newsstand.kiosk;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import newsstand.config.ConfigException;
import newsstand.config.DeviceConfig;
import newsstand.delivery.CommandReply;
import newsstand.issue.Command;
import newsstand.issue.Notice;
import newsstand.store.IssueStore;
import newsstand.store.StoreException;
import org.tinylog.Logger;

/**
 * The operator's commands as the kiosk's display carries them out (PROTOCOL.md, "Remote commands"), each answered:
 * show a page, a station notice posted or taken down, a full refresh, a full clear against ghosting, a screenshot of what the panel shows, a value set from
 * afar (checked by the configuration file's rules, kept in the store over the file's value), a restart. The sync has
 * verified each before (signed, addressed here, unexpired, never seen) and does resync itself. Display thread only.
 */
final class Remote {
    /** The exit status that asks the service to start the kiosk again at once (newsstand.service). */
    static final int RESTART = 75;

    private final DisplayLoop loop;
    /** The configuration file the kiosk runs with, or null (then nothing can be set from afar). */
    private final Path configFile;
    private IssueStore store;
    private boolean restart;

    Remote(DisplayLoop loop, Path configFile) {
        this.loop = loop;
        this.configFile = configFile;
    }

    void store(IssueStore s) {
        store = s;
    }

    /** Whether the operator asked for a restart: the kiosk then ends with {@link #RESTART}. */
    boolean restartAsked() {
        return restart;
    }

    void carryOut(Command c, CommandReply reply) {
        PanelView view = loop.view();
        try {
            switch (c.name()) {
                case "show" -> reply.done(loop.showOrdered(c.args().get(0), c.args().size() > 1 ? Command.page(c.args().get(1)) : 1));
                case "refresh" -> {
                    if (!view.refresh()) throw new IllegalStateException("nothing is on the panel yet");
                    reply.done("full refresh of " + loop.describe());
                }
                case "clear" -> {
                    if (!view.clearGhosting()) throw new IllegalStateException("the panel could not be cleared (see the kiosk's log)");
                    reply.done("panel cleared, then " + loop.describe() + " drawn again");
                }
                case "screenshot" -> {
                    byte[] png = view.screenshot();
                    if (png == null) throw new IllegalStateException("nothing is on the panel yet");
                    reply.screenshot(png, "screenshot of " + loop.describe() + ": " + view.model().width() + "x" + view.model().height()
                            + ", " + view.model().greyLevels() + " greys, " + png.length + " bytes");
                }
                case "set" -> reply.done(set(c));
                case "notice" -> reply.done(loop.notice(Notice.of(c)));
                case "cancel-notice" -> reply.done(loop.cancelNotice(c.args().get(0)));
                case "restart" -> {
                    restart = true;
                    reply.done("restarting: the kiosk stops and its service starts it again");
                    loop.events().add(new Event.Stop());
                }
                default -> reply.failed("this kiosk cannot " + c.name() + " (allowed: " + String.join(", ", Command.NAMES.keySet()) + ")");
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            reply.failed(e.getMessage());
        } catch (IOException | StoreException | RuntimeException e) {
            Logger.error("kiosk: command {} ({}) failed: {}", c.id(), c.line(), e.toString());
            reply.failed(e.toString());
        }
    }

    /** `set KEY=VALUE`: checked with the configuration file by its rules, kept in the store, applied at once. */
    private String set(Command c) throws StoreException {
        String arg = c.args().get(0);
        int eq = arg.indexOf('=');
        String key = arg.substring(0, eq).strip(), value = arg.substring(eq + 1).strip();
        if (configFile == null || store == null) throw new IllegalStateException("this kiosk runs without a configuration file; nothing can be set");
        Map<String, String> set = new HashMap<>(store.commands().settings());
        if (value.isEmpty()) set.remove(key);
        else set.put(key, value);
        DeviceConfig now;
        try {
            now = DeviceConfig.load(configFile, set);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(String.join("; ", e.problems().stream().map(p -> p.replaceFirst("^line \\d+: ", "")).toList()));
        }
        store.commands().set(key, value.isEmpty() ? null : value, c.id());
        apply(now);
        return value.isEmpty() ? key + " is the configuration file's again" : key + " = " + value + " (set from afar, kept over the configuration file's)";
    }

    /** The values that can be set from afar, applied to the running kiosk. */
    void apply(DeviceConfig c) {
        loop.schedule().readers(c.kiosk().idleSeconds() * 1000L, c.kiosk().rotateSeconds() * 1000L, c.kiosk().hours());
        loop.plan(c.kiosk().plans());
        loop.view().fullEvery(c.panel().fullRefreshEvery());
    }
}
