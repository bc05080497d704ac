package newsstand.fonts.typeset;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Packs jieba's dictionary (dict.txt: a word, its frequency and its part of speech a line; Debian's python3-jieba
 * 0.42.1) into the typesetter's {@code words.bin}: the words made only of Han characters (two to sixteen of them, and
 * the single characters), sorted per length and front-coded, each frequency as round(ln f * 4) in a byte.
 *
 * <pre>
 * cd /tmp && apt-get download python3-jieba && dpkg-deb -x python3-jieba_*.deb jieba
 * mvn -q -B -ntp -pl fonts -am test-compile
 * java -cp fonts/target/classes:fonts/target/test-classes newsstand.fonts.typeset.WordsBuilder \
 *     /tmp/jieba/usr/lib/python3/dist-packages/jieba/dict.txt fonts/src/main/resources/newsstand/fonts/typeset/words.bin
 * </pre>
 */
final class WordsBuilder {
    static final int LONGEST = 16;

    public static void main(String[] args) throws IOException {
        long total = 0;
        TreeMap<String, Long> singles = new TreeMap<>();
        List<TreeMap<String, Long>> byLength = new ArrayList<>();
        for (int len = 0; len <= LONGEST; len++) byLength.add(new TreeMap<>());
        for (String line : Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8)) {
            String[] f = line.trim().split(" ");
            if (f.length < 2) continue;
            long freq = Long.parseLong(f[1]);
            total += freq; // jieba's total counts every entry
            String w = f[0];
            if (w.isEmpty() || w.length() > LONGEST || !w.chars().allMatch(Words::han)) continue;
            (w.length() == 1 ? singles : byLength.get(w.length())).merge(w, freq, Long::sum);
        }
        int words = 0;
        try (OutputStream file = Files.newOutputStream(Path.of(args[1]));
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(file))) {
            out.writeInt(0x4E535744);
            out.writeLong(total);
            out.writeInt(singles.size());
            for (String s : singles.keySet()) out.writeChar(s.charAt(0));
            for (long f : singles.values()) out.writeByte(quantized(f));
            out.writeInt(LONGEST);
            for (int len = 2; len <= LONGEST; len++) {
                TreeMap<String, Long> m = byLength.get(len);
                out.writeInt(m.size());
                String prev = "";
                for (String w : m.keySet()) {
                    int shared = 0;
                    while (shared < len && shared < prev.length() && prev.charAt(shared) == w.charAt(shared)) shared++;
                    out.writeByte(shared);
                    for (int c = shared; c < len; c++) out.writeChar(w.charAt(c));
                    prev = w;
                }
                for (long f : m.values()) out.writeByte(quantized(f));
                words += m.size();
            }
        }
        System.out.println(words + " words, " + singles.size() + " single characters, total frequency " + total
                + ", " + Files.size(Path.of(args[1])) + " bytes");
    }

    private static int quantized(long f) {
        return (int) Math.min(255, Math.round(Math.log(Math.max(1, f)) * 4));
    }
}
