package newsstand.fonts;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The 'name' table's family names, in every language the face gives (so 文泉驿微米黑 finds WenQuanYi Micro Hei). */
final class Name {
    private static final int FAMILY = 1;
    private static final int TYPOGRAPHIC_FAMILY = 16;

    /** Family names, the English (or first) one first. */
    static List<String> families(FontData data, int offset) {
        List<String> names = new ArrayList<>();
        if (offset < 0) return names;
        int count = data.u16(offset + 2);
        int strings = offset + data.u16(offset + 4);
        data.check(offset + 6, count * 12L, "name records");
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < count; i++) {
                int r = offset + 6 + i * 12;
                int platform = data.u16(r);
                int encoding = data.u16(r + 2);
                int language = data.u16(r + 4);
                int nameId = data.u16(r + 6);
                if (nameId != FAMILY && nameId != TYPOGRAPHIC_FAMILY) continue;
                boolean english = (platform == 3 && language == 0x409) || (platform == 1 && language == 0);
                if ((pass == 0) != english) continue;
                String s = decode(data, strings + data.u16(r + 10), data.u16(r + 8), platform, encoding);
                if (s != null && !s.isBlank() && !names.contains(s)) names.add(s);
            }
        }
        return names;
    }

    private static String decode(FontData data, int at, int length, int platform, int encoding) {
        data.check(at, length, "name string");
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) b[i] = (byte) data.u8(at + i);
        if (platform == 3 || platform == 0) return new String(b, StandardCharsets.UTF_16BE);
        if (platform == 1 && encoding == 0) return new String(b, StandardCharsets.ISO_8859_1);
        return null;
    }

    private Name() {}
}
