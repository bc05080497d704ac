package newsstand.fonts;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** seac on a CFF table built byte by byte: no font Debian installs uses it, old Type 1 conversions do. */
class SeacTest {
    private static void bytes(ByteArrayOutputStream out, int... b) {
        for (int v : b) out.write(v);
    }

    static byte[] font() {
        return font(new byte[] {(byte) 189, (byte) 247, 12, (byte) 204, (byte) 247, 86, 14});
        //          50 120 65 194 endchar: base 'A' (code 65), accent 'acute' (code 194) moved by (50, 120)
    }

    static byte[] font(byte[] aacute) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        bytes(o, 1, 0, 4, 1);                    // header: major 1, minor 0, hdrSize 4, offSize 1
        bytes(o, 0, 1, 1, 1, 2, 'T');            // Name INDEX: one name, "T"                          (4..9)
        bytes(o, 0, 1, 1, 1, 9,                  // Top DICT INDEX: one DICT of 8 bytes                (10..22)
                28, 0, 27, 15,                   //   charset at 27
                28, 0, 34, 17);                  //   CharStrings at 34
        bytes(o, 0, 0);                          // String INDEX: empty                                (23..24)
        bytes(o, 0, 0);                          // Global Subr INDEX: empty                           (25..26)
        bytes(o, 0, 0, 34, 0, 125, 0, 201);      // charset format 0: glyph 1 "A" (34), 2 "acute" (125), 3 "Aacute" (201)
        byte[] notdef = {14};                                                  // endchar
        byte[] a = {(byte) 139, (byte) 139, 21, (byte) 239, (byte) 139, 5, (byte) 139, (byte) 239, 5, 14};
        //          0 0 rmoveto, 100 0 rlineto, 0 100 rlineto, endchar: a triangle from (0,0) to (100,100)
        byte[] acute = {(byte) 139, (byte) 139, 21, (byte) 149, (byte) 139, 5, (byte) 139, (byte) 149, 5, 14};
        //          0 0 rmoveto, 10 0 rlineto, 0 10 rlineto, endchar: a small triangle
        bytes(o, 0, 4, 1, 1, 1 + notdef.length, 1 + notdef.length + a.length, 1 + notdef.length + a.length + acute.length,
                1 + notdef.length + a.length + acute.length + aacute.length);  // CharStrings INDEX at 34
        o.writeBytes(notdef);
        o.writeBytes(a);
        o.writeBytes(acute);
        o.writeBytes(aacute);
        return o.toByteArray();
    }

    @Test
    void composesTheBaseLetterAndTheMovedAccent() {
        Cff cff = new Cff(new FontData(ByteBuffer.wrap(font())), 0, 4);
        Outline o = new Outline();
        o.reset();
        cff.outline(3, o);
        int moves = 0;
        for (int i = 0; i < o.opCount; i++) if (o.ops[i] == Outline.MOVE) moves++;
        assertEquals(2, moves, "two contours: the letter and the accent");
        assertEquals(0, o.xMin);
        assertEquals(0, o.yMin);
        assertEquals(100, o.xMax);
        assertEquals(130, o.yMax, "the accent sits 120 units up, 10 units tall");
    }

    @Test
    void aSeacToAnUnencodedCodeIsABrokenGlyph() {
        // 50 120 65 1 endchar: code 1 is not in Standard Encoding
        byte[] f = font(new byte[] {(byte) 189, (byte) 247, 12, (byte) 204, (byte) 140, 14});
        Cff cff = new Cff(new FontData(ByteBuffer.wrap(f)), 0, 4);
        assertThrows(Malformed.class, () -> cff.outline(3, new Outline()));
    }
}
