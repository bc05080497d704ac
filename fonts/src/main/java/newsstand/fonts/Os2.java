package newsstand.fonts;

/** The parts of the 'OS/2' table the kiosk uses: the weight class (400 regular, 700 bold). */
final class Os2 {
    static int weight(FontData data, int offset) {
        if (offset < 0) return 400;
        int w = data.u16(offset + 4);
        return w >= 1 && w <= 1000 ? w : 400;
    }

    private Os2() {}
}
