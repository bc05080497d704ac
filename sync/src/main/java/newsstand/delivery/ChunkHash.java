package newsstand.delivery;

/**
 * SHA-256 (FIPS 180-4) of a chunk, as the kiosk checks each one against its manifest: the same digest as the JDK's,
 * written for the compiler the kiosk runs with. The kiosk's JVM compiles with C1 only (src/launcher/jvm.options), which
 * has no intrinsic for the JDK's SHA-256 (C2 uses the CPU's SHA instructions); there this plain loop over eight local
 * ints takes about 32 ms for a 5.6 MB issue where the JDK's takes 38 to 57 ms (86 chunks of 64 KiB, -Xmx32m, serial
 * GC). Under C2 the JDK's is the faster: the desk's side keeps it.
 */
final class ChunkHash {
    private ChunkHash() {}

    private static final int[] K = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

    /** The hex SHA-256 of the first n bytes, as {@link newsstand.issue.Manifest#sha256} gives it. */
    static String hex(byte[] in, int n) {
        return java.util.HexFormat.of().formatHex(digest(in, n));
    }

    static byte[] digest(byte[] in, int n) {
        if (n < 0 || n > in.length) throw new IndexOutOfBoundsException(n);
        int h0 = 0x6a09e667, h1 = 0xbb67ae85, h2 = 0x3c6ef372, h3 = 0xa54ff53a, h4 = 0x510e527f, h5 = 0x9b05688c, h6 = 0x1f83d9ab,
                h7 = 0x5be0cd19;
        int[] w = new int[64];
        // The last block or two: the bytes after the whole blocks, the 0x80, zeros and the length in bits.
        int whole = n / 64, rest = n % 64;
        byte[] tail = new byte[rest < 56 ? 64 : 128];
        System.arraycopy(in, whole * 64, tail, 0, rest);
        tail[rest] = (byte) 0x80;
        long bits = (long) n * 8;
        for (int i = 0; i < 8; i++) tail[tail.length - 1 - i] = (byte) (bits >>> (8 * i));
        int blocks = whole + tail.length / 64;
        for (int block = 0; block < blocks; block++) {
            byte[] b = block < whole ? in : tail;
            int o = block < whole ? block * 64 : (block - whole) * 64;
            for (int t = 0; t < 16; t++, o += 4) {
                w[t] = (b[o] << 24) | ((b[o + 1] & 0xff) << 16) | ((b[o + 2] & 0xff) << 8) | (b[o + 3] & 0xff);
            }
            for (int t = 16; t < 64; t++) {
                int x = w[t - 2], y = w[t - 15];
                w[t] = (Integer.rotateRight(x, 17) ^ Integer.rotateRight(x, 19) ^ (x >>> 10)) + w[t - 7]
                        + (Integer.rotateRight(y, 7) ^ Integer.rotateRight(y, 18) ^ (y >>> 3)) + w[t - 16];
            }
            int a = h0, bb = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7;
            for (int t = 0; t < 64; t++) {
                int t1 = h + (Integer.rotateRight(e, 6) ^ Integer.rotateRight(e, 11) ^ Integer.rotateRight(e, 25)) + ((e & f) ^ (~e & g)) + K[t] + w[t];
                int t2 = (Integer.rotateRight(a, 2) ^ Integer.rotateRight(a, 13) ^ Integer.rotateRight(a, 22)) + ((a & bb) ^ (a & c) ^ (bb & c));
                h = g;
                g = f;
                f = e;
                e = d + t1;
                d = c;
                c = bb;
                bb = a;
                a = t1 + t2;
            }
            h0 += a;
            h1 += bb;
            h2 += c;
            h3 += d;
            h4 += e;
            h5 += f;
            h6 += g;
            h7 += h;
        }
        int[] hs = {h0, h1, h2, h3, h4, h5, h6, h7};
        byte[] out = new byte[32];
        for (int i = 0; i < 8; i++) {
            out[4 * i] = (byte) (hs[i] >>> 24);
            out[4 * i + 1] = (byte) (hs[i] >>> 16);
            out[4 * i + 2] = (byte) (hs[i] >>> 8);
            out[4 * i + 3] = (byte) hs[i];
        }
        return out;
    }
}
