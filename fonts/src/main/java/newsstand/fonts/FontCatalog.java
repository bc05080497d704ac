package newsstand.fonts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import newsstand.config.Language;
import org.tinylog.Logger;

/** The fonts a kiosk can use: the configured folders first, then the system's standard font folders. */
public final class FontCatalog {

    private final List<Path> files;
    /** How many of the files come from the configured folders; their faces win over any standard one. */
    private final int configured;

    private FontCatalog(List<Path> files, int configured) {
        this.files = files;
        this.configured = configured;
    }

    /** The standard font folders of a Debian or Raspberry Pi OS system. */
    public static List<Path> standardFolders() {
        String home = System.getProperty("user.home", "/root");
        return List.of(Path.of("/usr/share/fonts"), Path.of("/usr/local/share/fonts"),
                Path.of(home, ".fonts"), Path.of(home, ".local/share/fonts"));
    }

    /** Finds every font file under the given folders, then under the standard ones. */
    public static FontCatalog scan(List<Path> extraFolders) {
        return scan(extraFolders, standardFolders());
    }

    /** Finds every font file under the given folders, then under the given standard ones. */
    static FontCatalog scan(List<Path> extraFolders, List<Path> standard) {
        List<Path> files = new ArrayList<>();
        List<Path> folders = new ArrayList<>(extraFolders);
        folders.addAll(standard);
        int configured = 0;
        for (int i = 0; i < folders.size(); i++) {
            Path folder = folders.get(i);
            if (i == extraFolders.size()) configured = files.size();
            if (!Files.isDirectory(folder)) continue;
            try (Stream<Path> s = Files.walk(folder, 8)) {
                s.filter(Files::isRegularFile).filter(FontCatalog::isFontFile).sorted().forEach(files::add);
            } catch (IOException | java.io.UncheckedIOException e) {
                Logger.warn("cannot list font folder {}: {}", folder, e.getMessage());
            }
        }
        if (extraFolders.size() == folders.size()) configured = files.size();
        return new FontCatalog(files, configured);
    }

    private static boolean isFontFile(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".ttf") || n.endsWith(".ttc") || n.endsWith(".otf") || n.endsWith(".otc");
    }

    /** Families we know read well, best first, matched as prefixes (Noto Sans CJK SC, Noto Sans CJK TC, ...). */
    private static final List<String> PREFERRED = List.of(
            "Noto Sans CJK", "Source Han Sans", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Noto Serif CJK",
            "Droid Sans Fallback", "AR PL UMing", "IPAGothic", "NanumGothic");
    private static final List<String> PREFERRED_LATIN = List.of("Noto Sans", "DejaVu Sans", "Liberation Sans");

    /** The characters a face must have to set text of a language, and the family suffix of its regional face. */
    private static String[] language(String language) {
        return switch (language) {
            case Language.ZH_HANT -> new String[] {"中國報。，", " TC"};
            case Language.ZH_HK -> new String[] {"中國報。，", " HK"};
            case Language.JA -> new String[] {"日本語あア。", " JP"};
            case Language.KO -> new String[] {"한국어。", " KR"};
            default -> new String[] {"中国报。，", " SC"};
        };
    }

    /**
     * The type for a language (zh-Hans, zh-Hant, zh-HK, ja, ko): the best face that has its characters (from the
     * configured folders first, then the regional face of a collection, Noto Sans CJK SC for Simplified Chinese),
     * of regular or bold weight, followed by a Latin face. A bold style with no bold face thickens the regular one.
     * The choice is logged, so a technician sees which fonts the kiosk uses.
     */
    public Typeface typeface(String language, boolean bold) throws FontException {
        String[] lang = language(language);
        int[] probe = lang[0].codePoints().toArray();
        int want = bold ? 700 : 400;
        Face best = null;
        double bestScore = Double.MAX_VALUE;
        Face latin = null;
        double latinScore = Double.MAX_VALUE;
        boolean noto = false;
        for (int i = 0; i < files.size(); i++) {
            for (Face face : open(files.get(i))) {
                String family = face.family();
                double weight = Math.abs(face.weight() - want) / 100.0;
                if (covers(face, probe)) {
                    noto |= family.startsWith("Noto Sans CJK");
                    double score = (i < configured ? 0 : 1000)
                            + (family.endsWith(lang[1]) ? 0 : 100)
                            + (family.contains("Mono") ? 50 : 0)
                            + 5 * rank(PREFERRED, family)
                            + weight;
                    if (score < bestScore) {
                        best = face;
                        bestScore = score;
                    }
                }
                if (PREFERRED_LATIN.contains(family) && covers(face, LATIN_PROBE)) {
                    double score = rank(PREFERRED_LATIN, family) * 10 + weight;
                    if (score < latinScore) {
                        latin = face;
                        latinScore = score;
                    }
                }
            }
        }
        if (best == null) {
            throw new FontException("no font for " + language + " text in " + files.size()
                    + " font files (install fonts-noto-cjk or fonts-wqy-microhei, or add a folder to fonts.path)");
        }
        boolean synthetic = bold && best.weight() < 600;
        Typeface typeface = new Typeface(latin == null ? List.of(best) : List.of(best, latin), synthetic);
        Logger.info("{} {} text: {}", language, bold ? "bold" : "regular", typeface);
        if (!noto && Language.ZH_HANS.equals(language)) {
            Logger.info("Noto Sans CJK SC is not installed; using {} (apt-get install fonts-noto-cjk for the best type)", best.family());
        }
        return typeface;
    }

    private static final int[] LATIN_PROBE = {'A', 'a', '1', '%'};

    private final java.util.Map<Path, List<Face>> opened = new java.util.HashMap<>();

    /** The faces of a file, opened once; a broken file is logged and has none. */
    private List<Face> open(Path file) {
        return opened.computeIfAbsent(file, f -> {
            try {
                return FontFile.open(f).faces();
            } catch (FontException e) {
                Logger.warn("skipping font: {}", e.getMessage());
                return List.of();
            }
        });
    }

    private static int rank(List<String> preferred, String family) {
        for (int i = 0; i < preferred.size(); i++) if (family.startsWith(preferred.get(i))) return i;
        return preferred.size();
    }

    private static boolean covers(Face face, int[] codePoints) {
        for (int cp : codePoints) if (face.glyph(cp) == 0) return false;
        return true;
    }
}
