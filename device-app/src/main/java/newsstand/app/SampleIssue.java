package newsstand.app;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** The sample issue bundled in the jar: a day of the fictional 海滨日报, written for this project. */
public final class SampleIssue {
    private static final String ROOT = "/sample-issue/";

    private SampleIssue() {}

    /** Writes the sample issue package into a folder. */
    public static void write(Path folder) throws IOException {
        String index;
        try (InputStream in = resource("index")) {
            index = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String file : index.split("\n")) {
            if (file.isBlank()) continue;
            Path target = folder.resolve(file.strip());
            Files.createDirectories(target.getParent());
            try (InputStream in = resource(file.strip())) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = SampleIssue.class.getResourceAsStream(ROOT + name);
        if (in == null) throw new IOException("sample issue file " + name + " is missing from the jar");
        return in;
    }
}
