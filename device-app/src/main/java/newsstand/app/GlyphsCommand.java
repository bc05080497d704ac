package newsstand.app;

import java.io.BufferedWriter;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import newsstand.fonts.Face;
import newsstand.fonts.GlyphBitmap;
import newsstand.fonts.GlyphCache;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "glyphs", mixinStandardHelpOptions = true,
        description = {"Rasterizes each character of TEXT with the kiosk's engine: one 8-bit binary PGM of coverage per "
                + "character (DIR/U+4E2D.pgm) and DIR/glyphs.tsv with codepoint, glyph id, left, top, width, height and "
                + "advance (bitmap offset from the pen on the baseline, y up, in pixels)."})
final class GlyphsCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin Options.FontOption font;

    @Option(names = "--text", paramLabel = "TEXT", required = true, description = "The characters to draw.")
    String text;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder for the PGMs and glyphs.tsv.")
    Path out;

    @Override
    public Integer call() throws Exception {
        int px = font.px();
        Face face = font.open();
        Files.createDirectories(out);
        GlyphCache cache = new GlyphCache(16L << 20);
        int count = 0;
        try (BufferedWriter tsv = Files.newBufferedWriter(out.resolve("glyphs.tsv"), StandardCharsets.UTF_8)) {
            tsv.write("codepoint\tglyph\tleft\ttop\twidth\theight\tadvance\n");
            for (int cp : text.codePoints().distinct().toArray()) {
                int glyph = face.glyph(cp);
                GlyphBitmap g = cache.glyph(face, glyph, px, false);
                String name = String.format("U+%04X", cp);
                tsv.write(String.format(Locale.ROOT, "%s\t%d\t%d\t%d\t%d\t%d\t%.3f%n", name, glyph, g.left(), g.top(),
                        g.width(), g.height(), g.advance()));
                try (OutputStream pgm = Files.newOutputStream(out.resolve(name + ".pgm"))) {
                    // An empty glyph (a space) is written as one blank pixel: PGM has no empty images.
                    int w = Math.max(1, g.width()), h = Math.max(1, g.height());
                    pgm.write(("P5\n" + w + " " + h + "\n255\n").getBytes(StandardCharsets.US_ASCII));
                    pgm.write(g.width() == 0 ? new byte[1] : g.coverage());
                }
                count++;
            }
        }
        spec.commandLine().getOut().println("wrote " + count + " glyphs of " + face.family() + " at " + px + " px to " + out);
        return 0;
    }
}
