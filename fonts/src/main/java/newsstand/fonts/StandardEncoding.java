package newsstand.fonts;

/** Adobe Standard Encoding as CFF string ids (CFF specification, appendix B), for seac's character codes. */
final class StandardEncoding {
    private StandardEncoding() {}

    /** Codes 161 and up that Standard Encoding assigns, with their string ids, in pairs. */
    private static final int[] HIGH = {
            161, 96, 162, 97, 163, 98, 164, 99, 165, 100, 166, 101, 167, 102, 168, 103, 169, 104, 170, 105, 171, 106,
            172, 107, 173, 108, 174, 109, 175, 110, 177, 111, 178, 112, 179, 113, 180, 114, 182, 115, 183, 116,
            184, 117, 185, 118, 186, 119, 187, 120, 188, 121, 189, 122, 191, 123, 193, 124, 194, 125, 195, 126,
            196, 127, 197, 128, 198, 129, 199, 130, 200, 131, 202, 132, 203, 133, 205, 134, 206, 135, 207, 136,
            208, 137, 225, 138, 227, 139, 232, 140, 233, 141, 234, 142, 235, 143, 241, 144, 245, 145, 248, 146,
            249, 147, 250, 148, 251, 149};

    /** The string id of a Standard Encoding code, or 0 (.notdef) for an unassigned code. */
    static int sid(int code) {
        if (code >= 32 && code <= 126) return code - 31;
        for (int i = 0; i < HIGH.length; i += 2) if (HIGH[i] == code) return HIGH[i + 1];
        return 0;
    }
}
