package newsstand.issue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The operator's Ed25519 keys, as PEM files that openssl reads too: {@code operator.key} (PKCS #8, readable by its
 * owner only) signs issues at the operator's desk and never leaves it; {@code operator.pub} (X.509) goes to kiosks.
 */
public final class Keys {
    public static final String PRIVATE_FILE = "operator.key";
    public static final String PUBLIC_FILE = "operator.pub";
    private static final String ALGORITHM = "Ed25519";

    private Keys() {}

    /** Writes a new key pair into a folder; refuses to replace existing key files. Returns the key id. */
    public static String generate(Path dir) throws IOException {
        Path priv = dir.resolve(PRIVATE_FILE), pub = dir.resolve(PUBLIC_FILE);
        for (Path p : List.of(priv, pub)) {
            if (Files.exists(p)) throw new FileAlreadyExistsException(p + ": already exists (a key is never overwritten; move it away first)");
        }
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no Ed25519", e);
        }
        Files.createDirectories(dir);
        Files.writeString(priv, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        try {
            Files.setPosixFilePermissions(priv, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the folder's own protection applies
        }
        Files.writeString(pub, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        return id(pair.getPublic());
    }

    public static PrivateKey readPrivate(Path file) throws IOException {
        byte[] der = der(file, "PRIVATE KEY");
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(file + ": not an Ed25519 private key (allowed: an operator.key written by newsstand keygen)");
        }
    }

    public static PublicKey readPublic(Path file) throws IOException {
        byte[] der = der(file, "PUBLIC KEY");
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(file + ": not an Ed25519 public key (allowed: an operator.pub written by newsstand keygen)");
        }
    }

    /** A short name for a public key, the first 8 bytes of the SHA-256 of its encoding, in hex. */
    public static String id(PublicKey key) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(h, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** DER bytes as PEM text. */
    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(Path file, String type) throws IOException {
        if (Files.isDirectory(file)) throw new IOException(file + ": is a folder (allowed: a PEM " + type + " file, as newsstand keygen wrote it)");
        if (Files.size(file) > 16_384) throw new IOException(file + ": too large for a key file (allowed: a PEM " + type + ")");
        if (Files.size(file) == 0) throw new IOException(file + ": is empty (allowed: a PEM " + type + ", as newsstand keygen wrote it)");
        String text;
        try {
            text = StandardCharsets.US_ASCII.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString().strip();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IOException(file + ": is not text, so not a PEM " + type + " (allowed: the file newsstand keygen wrote)");
        }
        String begin = "-----BEGIN " + type + "-----", end = "-----END " + type + "-----";
        if (!text.startsWith(begin) || !text.endsWith(end)) {
            throw new IOException(file + ": not a PEM " + type + " (allowed: the file newsstand keygen wrote)");
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(begin.length(), text.length() - end.length()));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": its base64 is damaged");
        }
    }
}
