package newsstand.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.sqlite.util.OSInfo;
import org.tinylog.Logger;

/**
 * sqlite-jdbc's native library, unpacked once per build of the jar into the kiosk's cache folder (system property
 * {@code newsstand.cache}, set by the launchers) and loaded from there: left to itself, sqlite-jdbc writes a new copy
 * into the temporary folder at every start (SD card wear, and a service that writes outside its folders). A start
 * that finds its copy costs one stat: sqlite-jdbc's own look at the machine (it runs uname) only on a miss.
 */
final class SqliteLibrary {
    private SqliteLibrary() {}

    /** Points sqlite-jdbc at the cached copy, unpacking it first when missing; without a usable cache, does nothing. */
    static void useCache() {
        String cache = System.getProperty("newsstand.cache");
        if (cache == null || cache.isEmpty() || System.getProperty("org.sqlite.lib.path") != null) return;
        Path folder = Path.of(cache);
        String name;
        try {
            Path jar = Newsstand.codeSource();
            name = "sqlite-" + System.getProperty("os.arch") + "-" + Files.getLastModifiedTime(jar).toMillis() + ".so";
        } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
            return;
        }
        Path target = folder.resolve(name);
        try {
            if (!Files.isRegularFile(target) && !unpack(folder, target)) return;
        } catch (IOException | SecurityException e) {
            Logger.debug("sqlite's native library stays with sqlite-jdbc's default: {} cannot be written ({})", target, e.toString());
            return;
        }
        System.setProperty("org.sqlite.lib.path", folder.toString());
        System.setProperty("org.sqlite.lib.name", name);
    }

    /** Unpacks this machine's library as target, removing the copies of earlier builds; false when the jar has none. */
    private static boolean unpack(Path folder, Path target) throws IOException {
        String resource = "/org/sqlite/native/" + OSInfo.getNativeLibFolderPathForCurrentOS() + "/libsqlitejdbc.so";
        try (InputStream in = SqliteLibrary.class.getResourceAsStream(resource)) {
            if (in == null) return false; // not built for this machine: sqlite-jdbc says so when it loads
            try (DirectoryStream<Path> old = Files.newDirectoryStream(folder, "sqlite-*.so")) {
                for (Path p : old) Files.deleteIfExists(p);
            }
            Path part = Files.createTempFile(folder, target.getFileName().toString(), ".part");
            try {
                Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(part);
            }
        }
        return true;
    }
}
