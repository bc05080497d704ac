package newsstand.app;

import java.nio.file.Path;
import java.util.stream.Collectors;
import newsstand.fonts.Face;
import newsstand.fonts.FontException;
import newsstand.fonts.FontFile;
import picocli.CommandLine.Option;

/** The --font, --face and --px options of the font tools: a file, in a collection the face by family name, a size. */
final class FontOption {
    @Option(names = "--font", paramLabel = "FILE", required = true, description = "A .ttf, .otf, .ttc or .otc file.")
    Path font;

    @Option(names = "--face", paramLabel = "NAME", description = "The face's family name; required for a collection (.ttc, .otc).")
    String face;

    @Option(names = "--px", paramLabel = "N", required = true, description = "Size in pixels per em (4 to 512).")
    int px;

    /** The size, checked. */
    int px() throws Newsstand.UserError {
        if (px < 4 || px > 512) throw new Newsstand.UserError("--px " + px + " is not allowed (allowed: 4 to 512)");
        return px;
    }

    Face open() throws FontException, Newsstand.UserError {
        FontFile file = FontFile.open(font);
        if (face != null) return file.face(face);
        if (file.faceCount() == 1) return file.face(0);
        String names = file.faces().stream().map(Face::family).collect(Collectors.joining(", "));
        throw new Newsstand.UserError(font + " is a collection of " + file.faceCount() + " faces; give --face NAME (one of: " + names + ")");
    }
}
