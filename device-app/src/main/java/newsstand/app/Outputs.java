package newsstand.app;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Output folders of the rendering commands. */
final class Outputs {
    private Outputs() {}

    /** Creates the folder, and removes the pages and refresh log an earlier run left there. */
    static void prepare(Path folder) throws IOException {
        if (Files.exists(folder) && !Files.isDirectory(folder)) throw new IOException(folder + ": exists and is not a folder");
        Files.createDirectories(folder);
        try (DirectoryStream<Path> old = Files.newDirectoryStream(folder, "{page-*.png,refresh.log}")) {
            for (Path p : old) Files.delete(p);
        }
    }
}
