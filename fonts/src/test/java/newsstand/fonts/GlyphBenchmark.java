package newsstand.fonts;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.GlyphVector;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cold and cached glyph times of our engine and of Java2D (FreeType inside), in one run, on every distinct
 * character of the fixture page, at 24, 48 and 96 px, on Noto Sans CJK SC (CFF) and WenQuanYi Micro Hei (TrueType).
 * Cold: a glyph never seen before (ours: outline, rasterize, store in a fresh cache; Java2D: a fresh strike, drawn
 * once into a grey image). Cached: the same glyphs again (ours: cache lookup; Java2D: draw from its strike cache).
 *
 * <p>Run in a JVM of its own, as JMH forks one, after a warm-up over every font and size: inside Maven's JVM
 * (exec:java), or with a shorter warm-up, our first figure fell into a slow mode (5.0 to 5.9 us against 3.6 to 4.1) in
 * about one run of two, and Java2D's was not steady either. {@code mvn -q -pl fonts -am test-compile; mvn -q -pl fonts
 * exec:exec -Dexec.classpathScope=test -Dexec.executable=java "-Dexec.args=-cp %classpath
 * newsstand.fonts.GlyphBenchmark"}
 *
 * <p>For quicker loops, {@code -Dglyph.px=24} measures one size (or a list: {@code 24,48}) and {@code
 * -Dglyph.fonts=Noto} the fonts whose family starts so; the warm-up then covers only those.
 *
 * <p>By default it measures under the JVM settings the kiosk ships with: it starts itself again in a child JVM with
 * the options of device-app/src/launcher/jvm.options (C1 only, the 32 MB heap, the serial collector). {@code
 * -Dglyph.jvm=this} measures in the JVM it was started in instead: with no options, the JVM's default tiered C1 and
 * C2. The first line says which compilers ran.
 */
public final class GlyphBenchmark {
    /** Rounds per measure, the best of all but the first four taken: this shared machine's timings swing. */
    static final int ROUNDS = 24;
    static final String[][] FONTS = {
            {"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "Noto Sans CJK SC"},
            {"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", "WenQuanYi Micro Hei"},
    };

    static final int[] SIZES = java.util.Arrays.stream(System.getProperty("glyph.px", "24,48,96").split(","))
            .mapToInt(Integer::parseInt).toArray();

    static String[][] fonts() {
        String only = System.getProperty("glyph.fonts", "");
        return java.util.Arrays.stream(FONTS).filter(f -> f[1].startsWith(only)).toArray(String[][]::new);
    }

    public static void main(String[] args) throws Exception {
        if (!"this".equals(System.getProperty("glyph.jvm", "kiosk"))) {
            System.exit(inKioskJvm(args));
            return;
        }
        Path fixture = Path.of("sync/src/test/resources/fixtures/qingdao-daily-2025-09-10.txt");
        if (!Files.exists(fixture)) fixture = Path.of("..").resolve(fixture);
        String text = Files.readString(args.length > 0 ? Path.of(args[0]) : fixture);
        int[] cps = text.codePoints().filter(c -> !Character.isWhitespace(c)).distinct().toArray();
        System.out.printf("%d distinct characters; %s, %d cores, %s; %s%n", cps.length, System.getProperty("java.vm.version"),
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.arch"), compilers());
        // Warm the JIT on every path first, so that no configuration pays for compilation.
        for (int warm = 0; warm < 10; warm++) {
            for (String[] f : fonts()) {
                Face face = FontFile.open(Path.of(f[0])).face(f[1]);
                Font peer = Peer.font(f[0], f[1]);
                int[] glyphs = new int[cps.length];
                for (int i = 0; i < cps.length; i++) glyphs[i] = face.glyph(cps[i]);
                for (int px : SIZES) {
                    oursCold(face, glyphs, px);
                    java2d(peer, glyphs, px);
                }
            }
        }
        System.out.println("font                     px   ours cold   Java2D cold   speed-up   ours cached   Java2D cached");
        for (String[] f : fonts()) {
            Face face = FontFile.open(Path.of(f[0])).face(f[1]);
            Font peer = Peer.font(f[0], f[1]);
            int[] glyphs = new int[cps.length];
            for (int i = 0; i < cps.length; i++) glyphs[i] = face.glyph(cps[i]);
            for (int px : SIZES) {
                double oursCold = oursCold(face, glyphs, px);
                double oursCached = oursCached(face, glyphs, px);
                double[] j2d = java2d(peer, glyphs, px);
                System.out.printf(Locale.ROOT, "%-22s %4d %8.2f us %10.2f us %9.1fx %10.3f us %12.3f us%n",
                        f[1], px, oursCold, j2d[0], j2d[0] / oursCold, oursCached, j2d[1]);
            }
        }
    }

    /** The kiosk's JVM options, as both launchers read them: one a line, # starts a comment. */
    static List<String> kioskOptions() throws IOException {
        Path options = Path.of("device-app/src/launcher/jvm.options");
        if (!Files.exists(options)) options = Path.of("..").resolve(options);
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(options)) {
            line = line.strip();
            if (!line.isEmpty() && !line.startsWith("#")) out.add(line);
        }
        return out;
    }

    /**
     * Runs the benchmark again in a child JVM with the kiosk's options (its C1-only compiler, heap and collector),
     * passing on the glyph.* properties; returns the child's exit status.
     */
    static int inKioskJvm(String[] args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(kioskOptions());
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith("glyph.")) cmd.add("-D" + name + "=" + System.getProperty(name));
        }
        cmd.add("-Dglyph.jvm=this");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(GlyphBenchmark.class.getName());
        cmd.addAll(List.of(args));
        System.out.println("In a child JVM with the kiosk's options (device-app/src/launcher/jvm.options; -Dglyph.jvm=this runs"
                + " in this JVM instead):");
        System.out.println(String.join(" ", cmd.subList(1, cmd.size() - 3 - args.length)));
        System.out.flush();
        return new ProcessBuilder(cmd).inheritIO().start().waitFor();
    }

    /** Which JIT compilers this JVM runs, from its options. */
    static String compilers() {
        List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (String a : jvmArgs) {
            if (a.startsWith("-XX:TieredStopAtLevel=") && !a.endsWith("=4")) return "C1 only (" + a + ")";
            if (a.equals("-XX:-TieredCompilation")) return "C2 only (-XX:-TieredCompilation)";
        }
        return "C1 and C2 (tiered, the JVM's default)";
    }

    static double oursCold(Face face, int[] glyphs, int px) {
        long best = Long.MAX_VALUE;
        for (int round = 0; round < ROUNDS; round++) {
            GlyphCache cache = new GlyphCache(64L << 20);
            long t0 = System.nanoTime();
            for (int g : glyphs) cache.glyph(face, g, px, false);
            long t = System.nanoTime() - t0;
            if (round >= 4) best = Math.min(best, t); // the first rounds warm the JIT
        }
        return best / 1000.0 / glyphs.length;
    }

    static double oursCached(Face face, int[] glyphs, int px) {
        GlyphCache cache = new GlyphCache(64L << 20);
        for (int g : glyphs) cache.glyph(face, g, px, false);
        long best = Long.MAX_VALUE;
        int sink = 0;
        for (int round = 0; round < 50; round++) {
            long t0 = System.nanoTime();
            for (int g : glyphs) sink += cache.glyph(face, g, px, false).width();
            best = Math.min(best, System.nanoTime() - t0);
        }
        if (sink == 42) System.out.print("");
        return best / 1000.0 / glyphs.length;
    }

    /** {cold, cached} microseconds per glyph: each cold round uses a size Java2D has not cached a strike for. */
    static double[] java2d(Font font, int[] glyphs, int px) {
        BufferedImage img = new BufferedImage(px * 2, px * 2, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setColor(Color.WHITE);
        long best = Long.MAX_VALUE;
        GlyphVector[] one = new GlyphVector[glyphs.length];
        for (int round = 0; round < ROUNDS; round++) {
            Font sized = font.deriveFont(px + round * 0.001f + 0.0005f);
            for (int i = 0; i < glyphs.length; i++) one[i] = sized.createGlyphVector(Peer.FRC, new int[] {glyphs[i]});
            long t0 = System.nanoTime();
            for (GlyphVector gv : one) g.drawGlyphVector(gv, px / 2f, px * 1.5f);
            long t = System.nanoTime() - t0;
            if (round >= 4) best = Math.min(best, t);
        }
        long cached = Long.MAX_VALUE;
        for (int round = 0; round < 50; round++) {
            long t0 = System.nanoTime();
            for (GlyphVector gv : one) g.drawGlyphVector(gv, px / 2f, px * 1.5f);
            cached = Math.min(cached, System.nanoTime() - t0);
        }
        g.dispose();
        return new double[] {best / 1000.0 / glyphs.length, cached / 1000.0 / glyphs.length};
    }

    private GlyphBenchmark() {}
}
