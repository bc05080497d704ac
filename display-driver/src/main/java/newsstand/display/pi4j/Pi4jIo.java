package newsstand.display.pi4j;


import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.io.spi.Spi;
import com.pi4j.io.spi.SpiMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import newsstand.config.PanelWiring;
import newsstand.display.PanelIo;

/**
 * The panel's wires on a Pi through Pi4J, with the providers named by the caller (linuxfs SPI and gpiod digital
 * I/O on a kiosk, never pigpio; Pi4J's mock providers in tests).
 */
public final class Pi4jIo implements PanelIo {
    private final Spi spi;
    private final DigitalOutput reset;
    private final DigitalOutput dc;
    private final DigitalOutput power;
    private final DigitalInput ready;
    private final int maxTransfer;

    public Pi4jIo(Context pi4j, PanelWiring w, String spiProvider, String inputProvider, String outputProvider, int maxTransfer) {
        this.maxTransfer = maxTransfer;
        spi = pi4j.create(Spi.newConfigBuilder(pi4j).id("panel-spi").bus(w.spiBus()).channel(w.chipSelect())
                .baud(w.clockHz()).mode(SpiMode.MODE_0).provider(spiProvider).build());
        reset = output(pi4j, "panel-reset", w.resetPin(), DigitalState.HIGH, outputProvider);
        dc = w.dcPin() < 0 ? null : output(pi4j, "panel-dc", w.dcPin(), DigitalState.LOW, outputProvider);
        power = w.powerPin() < 0 ? null : output(pi4j, "panel-power", w.powerPin(), DigitalState.HIGH, outputProvider);
        ready = pi4j.create(DigitalInput.newConfigBuilder(pi4j).id("panel-ready").address(w.readyPin())
                .pull(PullResistance.OFF).provider(inputProvider).build());
    }

    private static DigitalOutput output(Context pi4j, String id, int pin, DigitalState initial, String provider) {
        return pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id(id).address(pin).initial(initial)
                .shutdown(DigitalState.LOW).provider(provider).build());
    }

    /** spidev's buffer size as the kernel reports it, or its default of 4096. */
    public static int spidevBufferSize() {
        try {
            return Integer.parseInt(Files.readString(Path.of("/sys/module/spidev/parameters/bufsiz")).strip());
        } catch (IOException | NumberFormatException e) {
            return 4096;
        }
    }

    @Override
    public void transfer(byte[] tx, byte[] rx, int length) throws IOException {
        if (length > maxTransfer) throw new IOException("SPI frame of " + length + " bytes is above spidev's buffer of " + maxTransfer);
        // Pi4J's linuxfs SPI returns a count instead of throwing when a transfer fails.
        int n = rx == null ? spi.write(tx, 0, length) : spi.transfer(tx, 0, rx, 0, length);
        if (n < length) throw new IOException("SPI transfer of " + length + " bytes sent " + n + " (is SPI enabled, and spidev's bufsiz large enough?)");
    }

    @Override
    public void dataCommand(boolean data) {
        if (dc != null) dc.state(data ? DigitalState.HIGH : DigitalState.LOW);
    }

    @Override
    public void reset(boolean high) {
        reset.state(high ? DigitalState.HIGH : DigitalState.LOW);
    }

    @Override
    public boolean ready() {
        return ready.state() == DigitalState.HIGH;
    }

    @Override
    public int maxTransfer() {
        return maxTransfer;
    }

    @Override
    public void pause(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public long millis() {
        return System.nanoTime() / 1_000_000;
    }

    @Override
    public void close() {
        spi.close();
        if (power != null) power.low();
    }
}
