package newsstand.fonts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.tinylog.Logger;

/** The fonts a kiosk can use: the configured folders first, then the system's standard font folders. */
public final class FontCatalog {
    /** Faces we know read well as Chinese body text, best first; any other face with Han glyphs comes after. */
    private static final List<String> PREFERRED_CJK = List.of(
            "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Droid Sans Fallback", "AR PL UMing CN", "AR PL UKai CN");
    private static final int[] HAN_PROBE = {'中', '国', '报', '。', '，'};

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
        List<Path> files = new ArrayList<>();
        List<Path> folders = new ArrayList<>(extraFolders);
        folders.addAll(standardFolders());
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

    public List<Path> files() { return files; }

    /**
     * The face for Chinese text: a TrueType-outline face that has Han characters and Chinese punctuation, a known
     * good family first. The choice is logged, so a technician sees which font the kiosk uses.
     */
    public Face chineseFace() throws FontException {
        List<Face> candidates = new ArrayList<>();
        List<Integer> ranks = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            try {
                for (Face face : FontFile.open(file).faces()) {
                    if (face.hasTrueTypeOutlines() && covers(face, HAN_PROBE)) {
                        candidates.add(face);
                        ranks.add(i < configured ? -1 : rank(face));
                    }
                }
            } catch (FontException e) {
                Logger.warn("skipping font: {}", e.getMessage());
            }
        }
        if (candidates.isEmpty()) {
            throw new FontException("no TrueType-outline Chinese font found in " + files.size()
                    + " font files (install fonts-wqy-microhei, or add a folder to fonts.path)");
        }
        int best = 0;
        for (int i = 1; i < candidates.size(); i++) if (ranks.get(i) < ranks.get(best)) best = i;
        Logger.info("Chinese text font: {} ({} candidates with TrueType outlines)", candidates.get(best), candidates.size());
        return candidates.get(best);
    }

    private static int rank(Face f) {
        int i = PREFERRED_CJK.indexOf(f.family());
        return i < 0 ? PREFERRED_CJK.size() : i;
    }

    private static boolean covers(Face face, int[] codePoints) {
        for (int cp : codePoints) if (face.glyph(cp) == 0) return false;
        return true;
    }
}
