package newsstand.display.hardware;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import com.pi4j.plugin.linuxfs.provider.spi.LinuxFsSpiProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import newsstand.config.DeviceConfig;
import newsstand.config.PanelController;
import newsstand.config.PanelDriver;
import newsstand.config.PanelModel;
import newsstand.config.PanelWiring;
import newsstand.display.ButtonInput;
import newsstand.display.Framebuffer;
import newsstand.display.Panel;
import newsstand.display.PanelException;
import newsstand.display.PanelIo;
import newsstand.display.RefreshMode;
import newsstand.display.Region;
import newsstand.display.SimulatedPanel;
import newsstand.display.it8951.It8951;
import newsstand.display.pi4j.Buttons;
import newsstand.display.pi4j.Pi4jIo;
import newsstand.display.trace.TraceIo;
import newsstand.display.uc8179.Uc8179;

/**
 * The panels a kiosk drives: the model's controller driver (from the model's data) on Pi4J's wires, or against
 * recording wires for traces, or the simulated panel writing PNGs.
 */
public final class Panels {
    /** The |VCOM| in mV a traced IT8951 driver sends (a recorded trace shows it; any panel's value would do). */
    private static final int TRACE_VCOM_MV = 2000;

    private Panels() {}

    /**
     * The configured panel: simulated (its refreshes as PNGs named by namePattern in panel.output, the newest
     * panel.output.keep of them kept) or on Pi4J.
     */
    public static Panel open(DeviceConfig.Panel c, String namePattern) throws IOException {
        if (c.driver() == PanelDriver.SIMULATED) {
            Files.createDirectories(c.output());
            return new SimulatedPanel(c.model(), c.output(), namePattern, c.outputKeep());
        }
        return pi4j(c.model(), c.wiring(), c.vcomMillivolts());
    }

    /**
     * The panel's driver on a Pi: linuxfs SPI (no root) and gpiod GPIO, named explicitly so that Pi4J never picks
     * pigpio; pixel frames no longer than spidev's buffer.
     *
     * @param vcomMillivolts the IT8951 panel's |VCOM| in mV (printed on its cable); ignored for the UC8179
     */
    public static Panel pi4j(PanelModel model, PanelWiring wiring, int vcomMillivolts) throws PanelException {
        // The device is looked for before Pi4J starts: without it there is nothing to drive, and Pi4J's board
        // detection (which logs errors off a Pi) need not run.
        Path spidev = Path.of("/dev/spidev" + wiring.spiBus() + "." + wiring.chipSelect());
        if (!Files.exists(spidev)) throw new PanelException(unopened(spidev, "no such device"));
        Context pi4j = Pi4J.newContextBuilder().noAutoDetect()
                .add(LinuxFsSpiProvider.newInstance(), GpioDDigitalInputProvider.newInstance(), GpioDDigitalOutputProvider.newInstance())
                .build();
        try {
            PanelIo io = new Pi4jIo(pi4j, wiring, LinuxFsSpiProvider.ID, GpioDDigitalInputProvider.ID,
                    GpioDDigitalOutputProvider.ID, Pi4jIo.spidevBufferSize());
            return driver(model, io, vcomMillivolts);
        } catch (RuntimeException e) { // Pi4J says it so, as a RuntimeException
            pi4j.shutdown();
            String why = String.valueOf(e.getMessage());
            if (why.contains("SPI")) throw new PanelException(unopened(spidev, Files.isWritable(spidev) ? why : "permission denied"));
            throw new PanelException("the panel's GPIO lines cannot be opened: " + why + " (check /dev/gpiochip0, that the user newsstand is in the "
                    + "group gpio, and panel.pin.reset, panel.pin.busy, panel.pin.dc and panel.pin.power)");
        }
    }

    /** Why the panel's SPI device cannot be used, and what a technician checks. */
    private static String unopened(Path spidev, String why) {
        return "the panel's SPI device " + spidev + " cannot be opened: " + why + " (enable SPI: sudo raspi-config nonint do_spi 0, or "
                + "dtparam=spi=on in /boot/firmware/config.txt, and reboot; check that the HAT is seated and wired, that the user newsstand "
                + "is in the group spi, and panel.spi.bus and panel.spi.chip-select, which name /dev/spidevBUS.CHIP-SELECT)";
    }

    /** The kiosk's buttons on a Pi's GPIO (gpiod), pins as in {@link Buttons#Buttons}, a long press held holdMs. */
    public static ButtonInput buttons(int[] pins, int holdMs) {
        Context pi4j = Pi4J.newContextBuilder().noAutoDetect().add(GpioDDigitalInputProvider.newInstance()).build();
        return new Buttons(pi4j, GpioDDigitalInputProvider.ID, pins, holdMs);
    }

    static Panel driver(PanelModel model, PanelIo io, int vcomMillivolts) {
        return switch (model.controller()) {
            case UC8179 -> new Uc8179(io, model);
            case IT8951 -> new It8951(io, model, vcomMillivolts, model.bitsPerPixel(), It8951.TIMEOUT_MS);
        };
    }

    /**
     * The real driver for a model against recording wires and a simulated controller; on close the traffic goes to
     * the file, one event a line (the format of {@code newsstand panel trace}). The demo runs on it.
     */
    public static Panel traced(PanelModel model, Path traceFile) {
        TraceIo io = new TraceIo(model, 4096);
        Panel driver = driver(model, io, TRACE_VCOM_MV);
        return new Panel() {
            public PanelModel model() { return model; }
            public void refresh(Framebuffer frame, Region region, RefreshMode mode) throws IOException { driver.refresh(frame, region, mode); }
            public void clear() throws IOException { driver.clear(); }
            public void sleep() throws IOException { driver.sleep(); }
            public void close() throws IOException {
                driver.close();
                Files.write(traceFile, io.events());
            }
        };
    }

    /**
     * Runs the real driver for a model against recording wires and a simulated controller, shows the region of the
     * frame with a refresh (one of the controller's: full, fast, partial; gc16, du, a2 on IT8951 panels), and
     * returns the traffic, one event a line. The first refresh of a driver includes its start-up (reset, init or
     * device info).
     */
    public static List<String> trace(PanelModel model, Framebuffer frame, Region region, String refresh, int maxTransfer)
            throws IOException {
        String r = refresh.toLowerCase(Locale.ROOT);
        PanelController chip = model.controller();
        if (!chip.refreshes().contains(r)) {
            throw new IllegalArgumentException("refresh '" + refresh + "' is not one of the " + chip + "'s: " + String.join(", ", chip.refreshes()));
        }
        TraceIo io = new TraceIo(model, maxTransfer);
        Panel panel = driver(model, io, TRACE_VCOM_MV);
        switch (r) {
            case "full" -> panel.refresh(frame, region, RefreshMode.FULL);
            case "fast" -> panel.refresh(frame, region, RefreshMode.FAST);
            case "partial" -> panel.refresh(frame, region, RefreshMode.PARTIAL);
            default -> ((It8951) panel).show(frame, region, It8951.Waveform.valueOf(r.toUpperCase(Locale.ROOT)));
        }
        panel.sleep();
        return io.events();
    }
}
