package newsstand.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import newsstand.issue.Manifest;
import org.junit.jupiter.api.Test;

/** The kiosk's own SHA-256 gives the JDK's digest, whatever the length (padding into one block or two). */
class ChunkHashTest {
    @Test
    void theDigestIsTheJdksForEveryLengthAroundTheBlockEdges() {
        byte[] bytes = new byte[65536 + 200];
        new Random(35).nextBytes(bytes);
        for (int n = 0; n <= 300; n++) assertEquals(Manifest.sha256(bytes, n), ChunkHash.hex(bytes, n), "length " + n);
        for (int n : new int[] {1000, 4095, 4096, 65535, 65536, 65536 + 55, 65536 + 56, 65536 + 64, bytes.length}) {
            assertEquals(Manifest.sha256(bytes, n), ChunkHash.hex(bytes, n), "length " + n);
        }
    }

    @Test
    void theStandardsExamples() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", ChunkHash.hex(new byte[0], 0));
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ChunkHash.hex(abc, abc.length));
        byte[] two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".getBytes(StandardCharsets.US_ASCII);
        assertEquals("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1", ChunkHash.hex(two, two.length));
    }
}
