package newsstand.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One run of the kiosk process; its log (standard error) goes to a file that the test reads. */
final class KioskProcess {
    final Process process;
    final Path log;

    KioskProcess(Path dir, Path config, String name, String... jvmOptions) throws IOException {
        this(Newsstand.class, dir, config, name, java.util.Map.of(), jvmOptions);
    }

    /** With more in its environment (a preloaded library that fakes the clock). */
    KioskProcess(Path dir, Path config, String name, java.util.Map<String, String> environment, String... jvmOptions) throws IOException {
        this(Newsstand.class, dir, config, name, environment, jvmOptions);
    }

    /** The kiosk started through another main class (one that runs {@link Newsstand#main} with a fault beside it). */
    KioskProcess(Class<?> main, Path dir, Path config, String name, String... jvmOptions) throws IOException {
        this(main, dir, config, name, java.util.Map.of(), jvmOptions);
    }

    private KioskProcess(Class<?> main, Path dir, Path config, String name, java.util.Map<String, String> environment, String... jvmOptions) throws IOException {
        log = dir.resolve(name + ".log");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m", "-XX:+UseSerialGC"));
        cmd.addAll(List.of(jvmOptions));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName(), "run", "--config", config.toString()));
        ProcessBuilder b = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        b.environment().putAll(environment);
        process = b.start();
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Waits for a line of the log matching {@code regex}; returns its match. */
    Matcher await(String regex, long seconds) {
        Pattern p = Pattern.compile(regex, Pattern.MULTILINE);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            Matcher m = p.matcher(log());
            if (m.find()) return m;
            if (!process.isAlive()) throw new AssertionError("kiosk exited (" + process.exitValue() + ") before /" + regex + "/:\n" + log());
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for /" + regex + "/ in:\n" + log());
            Mosquitto.sleep(20);
        }
    }

    /** SIGKILL: what a power cut leaves. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }
}
