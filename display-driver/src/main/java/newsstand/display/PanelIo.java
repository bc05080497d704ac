package newsstand.display;

import java.io.IOException;

/**
 * The wires between the Pi and a panel's controller, the only place the drivers meet hardware: SPI, the reset,
 * data/command and ready lines, and time. Pi4J drives them on a Pi; a recording fake stands in for them in tests and
 * in {@code newsstand panel trace}. Everything above this interface is the code that runs on a Pi.
 */
public interface PanelIo extends AutoCloseable {
    /**
     * One chip-select frame: sends {@code length} bytes of tx; when rx is not null, the bytes clocked in meanwhile
     * are stored there. Never longer than {@link #maxTransfer()}.
     */
    void transfer(byte[] tx, byte[] rx, int length) throws IOException;

    /** The data/command line (UC8179 only): low for a command byte, high for data. */
    void dataCommand(boolean data);

    /** The reset line, active low. */
    void reset(boolean high);

    /** The controller's ready line: BUSY on the UC8179, HRDY on the IT8951; high means idle. */
    boolean ready();

    /** The largest frame the SPI device takes (spidev's bufsiz, 4096 unless the kernel is told otherwise). */
    int maxTransfer();

    /** Waits a fixed time. */
    void pause(int millis);

    /** A monotonic clock in milliseconds, for timeouts and refresh intervals. */
    long millis();

    @Override
    void close();
}
