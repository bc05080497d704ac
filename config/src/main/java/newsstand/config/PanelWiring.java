package newsstand.config;

/**
 * How a panel's HAT is wired to the Pi: SPI bus, chip select and clock, and the BCM numbers of its lines (-1 for a
 * line the HAT does not have). The defaults are Waveshare's HATs.
 */
public record PanelWiring(int spiBus, int chipSelect, int clockHz, int resetPin, int dcPin, int readyPin, int powerPin) {
    public PanelWiring {
        if (spiBus < 0 || spiBus > 6) throw new IllegalArgumentException("SPI bus must be 0 to 6, was " + spiBus);
        if (chipSelect < 0 || chipSelect > 2) throw new IllegalArgumentException("SPI chip select must be 0 to 2, was " + chipSelect);
        if (clockHz < 100_000 || clockHz > 24_000_000) {
            throw new IllegalArgumentException("SPI clock must be 100000 to 24000000 Hz, was " + clockHz);
        }
        for (int pin : new int[] {resetPin, readyPin}) {
            if (pin < 0 || pin > 27) throw new IllegalArgumentException("GPIO pin must be a BCM number 0 to 27, was " + pin);
        }
        for (int pin : new int[] {dcPin, powerPin}) {
            if (pin < -1 || pin > 27) throw new IllegalArgumentException("GPIO pin must be a BCM number 0 to 27 or -1 (none), was " + pin);
        }
    }

    /**
     * Waveshare's wiring: RST 17, BUSY/HRDY 24, CS0 on SPI 0; the 7.5" HAT adds DC 25 and PWR 18 and runs at 4 MHz
     * (its vendor's Python driver), the IT8951 HAT at 12 MHz (below the 18 MHz some setups hang at).
     */
    public static PanelWiring waveshare(PanelModel model) {
        boolean uc8179 = model == PanelModel.WAVESHARE_7IN5_V2;
        return new PanelWiring(0, 0, uc8179 ? 4_000_000 : 12_000_000, 17, uc8179 ? 25 : -1, 24, uc8179 ? 18 : -1);
    }
}
