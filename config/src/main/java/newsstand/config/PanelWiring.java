package newsstand.config;

/**
 * How a panel's HAT is wired to the Pi: SPI bus, chip select and clock, and the BCM numbers of its lines (-1 for a
 * line the HAT does not have). The defaults are the model's HAT ({@link PanelModel#hat}).
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
}
