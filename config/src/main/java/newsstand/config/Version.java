package newsstand.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The product's version, as the build wrote it (the parent pom's version, filtered into a resource). */
public final class Version {
    private Version() {}

    public static final String CURRENT = read("version");

    /**
     * The day the build was made (UTC): a clock that reads an earlier day is unset (a board without a battery clock
     * before the network's time came), and the signatures' and the opening hours' times cannot be judged by it.
     */
    public static java.time.LocalDate built() {
        String[] ymd = read("built").substring(0, 10).split("-"); // the build's instant, UTC: 2026-12-08T01:19:11Z
        return java.time.LocalDate.of(Integer.parseInt(ymd[0]), Integer.parseInt(ymd[1]), Integer.parseInt(ymd[2]));
    }

    private static String read(String key) {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) throw new IllegalStateException("version.properties is missing from the build");
            Properties p = new Properties();
            p.load(in);
            return p.getProperty(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
