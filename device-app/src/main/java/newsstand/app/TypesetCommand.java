package newsstand.app;

import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import newsstand.fonts.Typeface;
import newsstand.fonts.typeset.LineBreaker;
import newsstand.fonts.typeset.SetLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "typeset", mixinStandardHelpOptions = true,
        description = {"Sets each paragraph of a text file (one paragraph a line) into justified lines of W pixels with "
                + "a two-em indent, as the kiosk sets body text, and prints the lines one per output line; an empty "
                + "line of the file stays an empty line."})
final class TypesetCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin Options.FontOption font;

    @Option(names = "--width", paramLabel = "W", required = true, description = "The column's width (its height with --vertical), in pixels.")
    int width;

    @Option(names = "--level", paramLabel = "LEVEL", defaultValue = "basic",
            description = "Line-breaking rules: none, basic (clreq's basic set, the default), gb (the solidus never ends a line) or strict (—— and …… never start one).")
    String level;

    @Option(names = "--vertical", description = "Set columns top to bottom: upright Han, vertical punctuation forms, Latin turned.")
    boolean vertical;

    @Option(names = "--text-file", paramLabel = "FILE", required = true, description = "UTF-8 text, one paragraph a line.")
    Path textFile;

    @Override
    public Integer call() throws Exception {
        int px = font.px();
        if (width < px || width > 100_000) {
            throw new Newsstand.UserError("--width " + width + " is not allowed (allowed: the size, " + px + ", to 100000 pixels)");
        }
        LineBreaker.Level rules = switch (level.toLowerCase(Locale.ROOT)) {
            case "none" -> LineBreaker.Level.NONE;
            case "basic" -> LineBreaker.Level.BASIC;
            case "gb" -> LineBreaker.Level.GB;
            case "strict" -> LineBreaker.Level.STRICT;
            default -> throw new Newsstand.UserError("--level " + level + " is not allowed (allowed: none, basic, gb, strict)");
        };
        String text;
        try {
            text = Files.readString(textFile);
        } catch (CharacterCodingException e) {
            throw new Newsstand.UserError(textFile + " is not UTF-8 text");
        }
        LineBreaker breaker = new LineBreaker(new Typeface(font.open()), px, width, 2).level(rules).vertical(vertical);
        PrintWriter out = spec.commandLine().getOut();
        for (String paragraph : text.split("\r?\n", -1)) {
            if (paragraph.isBlank()) {
                out.println();
                continue;
            }
            for (SetLine line : breaker.set(paragraph.strip())) out.println(line.text());
        }
        out.flush();
        return 0;
    }
}
