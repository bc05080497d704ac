package newsstand.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.OSInfo;
import org.tinylog.Logger;

/**
 * sqlite-jdbc's native library, unpacked once per version into the kiosk's cache folder (system property
 * {@code newsstand.cache}, set by the launchers) and loaded from there: left to itself, sqlite-jdbc writes a new copy
 * into the temporary folder at every start (SD card wear, and a service that writes outside its folders).
 */
final class SqliteLibrary {
    private SqliteLibrary() {}

    /** Points sqlite-jdbc at the cached copy, unpacking it first when missing; without a usable cache, does nothing. */
    static void useCache() {
        String cache = System.getProperty("newsstand.cache");
        if (cache == null || cache.isEmpty() || System.getProperty("org.sqlite.lib.path") != null) return;
        String folder = OSInfo.getNativeLibFolderPathForCurrentOS();
        String resource = "/org/sqlite/native/" + folder + "/libsqlitejdbc.so";
        String name = "sqlite-jdbc-" + SQLiteJDBCLoader.getVersion() + "-" + folder.replace('/', '-') + ".so";
        Path target = Path.of(cache, name);
        try {
            if (!Files.isRegularFile(target)) {
                try (InputStream in = SqliteLibrary.class.getResourceAsStream(resource)) {
                    if (in == null) return; // not built for this machine: sqlite-jdbc says so when it loads
                    Path part = Files.createTempFile(target.getParent(), name, ".part");
                    try {
                        Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
                        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
                    } finally {
                        Files.deleteIfExists(part);
                    }
                }
            }
        } catch (IOException | SecurityException e) {
            Logger.debug("sqlite's native library stays with sqlite-jdbc's default: {} cannot be written ({})", target, e.toString());
            return;
        }
        System.setProperty("org.sqlite.lib.path", target.getParent().toString());
        System.setProperty("org.sqlite.lib.name", name);
    }
}
