package newsstand.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import newsstand.issue.HighWaterReset;
import newsstand.issue.IssuePackage;
import newsstand.issue.Keys;
import newsstand.issue.Manifest;
import newsstand.issue.PackageException;
import newsstand.issue.Packages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What comes from outside, mutated: a package's issue.json, signed manifest envelopes and high-water resets. Each
 * reader either accepts its input or refuses it with its own exception (PackageException, Manifest.Rejected), never
 * anything else, and never hangs. Seeded mutants on every build ({@code -Dfuzz.iterations=N} for a longer
 * campaign), plus every recipe in {@code fuzz/inputs.txt}.
 */
class InputFuzzTest {
    static final int ITERATIONS = Integer.getInteger("fuzz.iterations", 150);
    static final String[] TOKENS = {"{", "}", "[", "]", ",", ":", "\"", "\\\\", "\\u0000", "null", "true", "-1", "1e309", "9223372036854775808",
            "\"\\ud800\"", "\"" + "海".repeat(5000) + "\"", "[[[[[[[[[[", "\"../../etc/passwd\"", "\"images/a.png\"", "0"};

    @TempDir Path dir;
    PrivateKey key;
    PublicKey pub;
    String keyId;

    @BeforeEach
    void keys() throws Exception {
        keyId = Keys.generate(dir.resolve("keys"));
        key = Keys.readPrivate(dir.resolve("keys").resolve(Keys.PRIVATE_FILE));
        pub = Keys.readPublic(dir.resolve("keys").resolve(Keys.PUBLIC_FILE));
    }

    /** The mutant of some bytes for a seed: truncated, bytes flipped or set, or a JSON token spliced in. */
    static byte[] mutate(byte[] input, long seed) {
        Random r = new Random(seed);
        int mode = r.nextInt(4);
        if (mode == 0) return java.util.Arrays.copyOf(input, r.nextInt(input.length + 1));
        byte[] b = input.clone();
        if (mode == 3) {
            int at = r.nextInt(b.length + 1);
            byte[] token = TOKENS[r.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8);
            byte[] out = new byte[b.length + token.length];
            System.arraycopy(b, 0, out, 0, at);
            System.arraycopy(token, 0, out, at, token.length);
            System.arraycopy(b, at, out, at + token.length, b.length - at);
            return out;
        }
        for (int i = 1 + r.nextInt(16); i > 0; i--) {
            int at = r.nextInt(b.length);
            if (mode == 1) b[at] ^= (byte) (1 << r.nextInt(8));
            else b[at] = (byte) r.nextInt(256);
        }
        return b;
    }

    /** Reads one mutant of each kind; returns a problem, or null when every reader behaved. */
    String exercise(long seed) throws Exception {
        Path pkg = dir.resolve("p" + seed);
        if (!Files.exists(pkg)) Packages.write(pkg, Packages.MANIFEST);
        Files.write(pkg.resolve("issue.json"), mutate(Packages.MANIFEST.getBytes(StandardCharsets.UTF_8), seed));
        try {
            IssuePackage.read(pkg);
        } catch (PackageException expected) {
            // refused, naming what is wrong
        } catch (RuntimeException e) {
            return "issue.json mutant " + seed + ": " + e;
        }
        Instant now = Instant.now();
        byte[] manifest = new Manifest("qd", "qd-1", "qd", 5, LocalDate.now(), now, now.plus(Duration.ofDays(1)), null, 65536,
                List.of(new Manifest.FileEntry("issue.json", 100), new Manifest.FileEntry("images/a.png", 70000)),
                List.of("0".repeat(64), "1".repeat(64), "2".repeat(64))).sign(key, keyId);
        for (byte[] envelope : new byte[][] {mutate(manifest, seed), signedMutant(manifest, seed)}) {
            try {
                Manifest.open(envelope, Map.of(keyId, pub), "qd", "qd-1", now);
                Manifest.read(envelope);
            } catch (Manifest.Rejected expected) {
                // refused with the reason
            } catch (RuntimeException e) {
                return "manifest mutant " + seed + ": " + e;
            }
        }
        try {
            HighWaterReset.open(mutate(new HighWaterReset("qd", seed % 2 == 0 ? null : "qd", 7, now).sign(key, keyId), seed), Map.of(keyId, pub), "qd");
            newsstand.issue.Withdrawal.open(mutate(new newsstand.issue.Withdrawal("qd", "qd-1", 7, now).sign(key, keyId), seed), Map.of(keyId, pub), "qd", "qd-1");
        } catch (Manifest.Rejected expected) {
            // refused with the reason
        } catch (RuntimeException e) {
            return "reset mutant " + seed + ": " + e;
        }
        byte[] command = new newsstand.issue.Command("qd", "c-" + seed, now, now.plusSeconds(600), List.of("kiosk-1"), "show",
                List.of("qd", "3")).sign(key, keyId);
        for (byte[] envelope : new byte[][] {mutate(command, seed), signedMutant(command, "command", seed)}) {
            try {
                newsstand.issue.Command.open(envelope, Map.of(keyId, pub), "qd");
            } catch (Manifest.Rejected expected) {
                // refused with the reason
            } catch (RuntimeException e) {
                return "command mutant " + seed + ": " + e;
            }
        }
        return null;
    }

    byte[] signedMutant(byte[] envelope, long seed) {
        return signedMutant(envelope, "manifest", seed);
    }

    /** A mutant of the signed JSON, then signed: what a careless operator's broken tool would send. */
    byte[] signedMutant(byte[] envelope, String field, long seed) {
        var env = com.google.gson.JsonParser.parseString(new String(envelope, StandardCharsets.UTF_8)).getAsJsonObject();
        byte[] json = mutate(java.util.Base64.getDecoder().decode(env.get(field).getAsString()), seed);
        try {
            java.security.Signature s = java.security.Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(json);
            env.addProperty(field, java.util.Base64.getEncoder().encodeToString(json));
            env.addProperty("signature", java.util.Base64.getEncoder().encodeToString(s.sign()));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return env.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void seededMutantsAreAcceptedOrRefusedNeverThrownOrHung() {
        List<String> problems = new ArrayList<>();
        for (long seed = 1; seed <= ITERATIONS; seed++) {
            long s = seed;
            String p = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> exercise(s), "mutant " + seed + " hung");
            if (p != null) problems.add(p);
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void theCorpusReplays() throws Exception {
        List<String> problems = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(getClass().getResource("/fuzz/inputs.txt").toURI()))) {
            if (line.isBlank() || line.startsWith("#")) continue;
            long seed = Long.parseLong(line.strip());
            String p = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> exercise(seed), "corpus seed " + seed + " hung");
            if (p != null) problems.add(p);
        }
        assertEquals(List.of(), problems);
    }
}
