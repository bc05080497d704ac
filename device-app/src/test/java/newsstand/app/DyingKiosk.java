package newsstand.app;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The kiosk with a thread beside it that dies of an OutOfMemoryError once the file named by the system property
 * {@code newsstand.test.die} appears: what a thread of the kiosk's own dying of it looks like to the process.
 */
final class DyingKiosk {
    private DyingKiosk() {}

    public static void main(String[] args) {
        Path trigger = Path.of(System.getProperty("newsstand.test.die"));
        Thread dying = new Thread(() -> {
            while (!Files.exists(trigger)) Mosquitto.sleep(50);
            throw new OutOfMemoryError("Java heap space (thrown by the test)");
        }, "worker");
        dying.setDaemon(true);
        dying.start();
        Newsstand.main(args);
    }
}
