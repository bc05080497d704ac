package newsstand.desk;

import java.security.PrivateKey;

/** The operator's private key and the id of its public key, which kiosks trust (`trust.keys`). */
public record Signer(PrivateKey key, String id) {}
