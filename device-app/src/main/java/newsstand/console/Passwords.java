package newsstand.console;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Passwords kept as a slow salted hash: PBKDF2 with HMAC-SHA256 (in the JDK, no dependency), 210,000 iterations as
 * OWASP's password storage guide asks for it, a random 16-byte salt per user; stored as
 * {@code pbkdf2-sha256$ITERATIONS$SALT$HASH} (base64), so that the iterations can grow for new passwords.
 */
public final class Passwords {
    static final int ITERATIONS = 210_000;
    /** At least this many characters. */
    static final int SHORTEST = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {}

    static String hash(char[] password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return "pbkdf2-sha256$" + ITERATIONS + "$" + b64(salt) + "$" + b64(derive(password, salt, ITERATIONS));
    }

    /** Whether the password is the one stored; in constant time for a stored hash of the right form. */
    static boolean matches(char[] password, String stored) {
        String[] parts = stored == null ? new String[0] : stored.split("\\$");
        if (parts.length != 4 || !parts[0].equals("pbkdf2-sha256")) return false;
        int iterations = Integer.parseInt(parts[1]);
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        return MessageDigest.isEqual(derive(password, salt, iterations), Base64.getDecoder().decode(parts[3]));
    }

    /** What is wrong with a new password, or null. */
    public static String problem(char[] password) {
        if (password.length < SHORTEST) return "the password has " + password.length + " characters (allowed: " + SHORTEST + " or more)";
        return null;
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(new PBEKeySpec(password, salt, iterations, 256)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this Java", e);
        }
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().withoutPadding().encodeToString(b);
    }
}
