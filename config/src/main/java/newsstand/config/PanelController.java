package newsstand.config;

import java.util.List;

/**
 * The controller chips a panel model sits on, as data: the ready line's name, whether the HAT has a data/command
 * line, the refreshes a technician can ask of it (the three modes; the IT8951 also its waveforms by name), and the
 * wiring of Waveshare's HAT for it: RST 17, BUSY/HRDY 24, CS0 on SPI 0; the UC8179's HAT adds DC 25 and PWR 18 and
 * runs at 4 MHz (its vendor's Python driver), the IT8951's at 12 MHz (below the 18 MHz some setups hang at).
 */
public enum PanelController {
    /** ITE's IT8951 (Waveshare's 6", 10.3" and 13.3" HATs): 16-bit words over SPI, 16 greys. */
    IT8951("IT8951", "HRDY", false, List.of("full", "fast", "partial", "gc16", "du", "a2"),
            new PanelWiring(0, 0, 12_000_000, 17, -1, 24, -1)),
    /** UltraChip's UC8179 (Waveshare's 7.5" V2): command bytes with a DC line, black and white. */
    UC8179("UC8179", "BUSY", true, List.of("full", "fast", "partial"),
            new PanelWiring(0, 0, 4_000_000, 17, 25, 24, 18));

    private final String chip;
    private final String readyLine;
    private final boolean dataCommandLine;
    private final List<String> refreshes;
    private final PanelWiring hat;

    PanelController(String chip, String readyLine, boolean dataCommandLine, List<String> refreshes, PanelWiring hat) {
        this.chip = chip;
        this.readyLine = readyLine;
        this.dataCommandLine = dataCommandLine;
        this.refreshes = refreshes;
        this.hat = hat;
    }

    /** The chip's name as printed on it and in the vendors' documents. */
    public String chip() { return chip; }

    /** The controller's ready line: high means idle. */
    public String readyLine() { return readyLine; }

    /** Whether the controller needs a DC line (low for a command byte, high for data). */
    public boolean dataCommandLine() { return dataCommandLine; }

    /** The refreshes a trace may ask for. */
    public List<String> refreshes() { return refreshes; }

    /** Waveshare's HAT for this controller: the wiring a kiosk assumes where its configuration says nothing. */
    public PanelWiring hat() { return hat; }

    @Override
    public String toString() { return chip; }
}
