package newsstand.display;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import com.pi4j.plugin.linuxfs.provider.spi.LinuxFsSpiProvider;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import newsstand.config.PanelModel;
import newsstand.config.PanelWiring;

/** The hardware panels: the UC8179 and IT8951 drivers on Pi4J, or against recording wires for traces. */
public final class Panels {
    private Panels() {}

    /** The refreshes a trace can ask for: the three modes, and the IT8951's waveforms by name. */
    public static final List<String> REFRESHES = List.of("full", "fast", "partial", "gc16", "du", "a2");

    /**
     * The panel's driver on a Pi: linuxfs SPI (no root) and gpiod GPIO, named explicitly so that Pi4J never picks
     * pigpio; pixel frames no longer than spidev's buffer.
     *
     * @param vcomMillivolts the IT8951 panel's |VCOM| in mV (printed on its cable); ignored for the UC8179
     */
    public static Panel pi4j(PanelModel model, PanelWiring wiring, int vcomMillivolts) {
        Context pi4j = Pi4J.newContextBuilder().noAutoDetect()
                .add(LinuxFsSpiProvider.newInstance(), GpioDDigitalInputProvider.newInstance(), GpioDDigitalOutputProvider.newInstance())
                .build();
        PanelIo io = new Pi4jIo(pi4j, wiring, LinuxFsSpiProvider.ID, GpioDDigitalInputProvider.ID,
                GpioDDigitalOutputProvider.ID, Pi4jIo.spidevBufferSize());
        return driver(model, io, vcomMillivolts);
    }

    /** The kiosk's buttons on a Pi's GPIO (gpiod), pins as in {@link Buttons#Buttons}. */
    public static Buttons buttons(int[] pins) {
        Context pi4j = Pi4J.newContextBuilder().noAutoDetect().add(GpioDDigitalInputProvider.newInstance()).build();
        return new Buttons(pi4j, GpioDDigitalInputProvider.ID, pins);
    }

    static Panel driver(PanelModel model, PanelIo io, int vcomMillivolts) {
        return model == PanelModel.WAVESHARE_7IN5_V2
                ? new Uc8179(io, model)
                : new It8951(io, model, vcomMillivolts, 4, It8951.TIMEOUT_MS);
    }

    /**
     * The real driver for a model against recording wires and a simulated controller; on close the traffic goes to
     * the file, one event a line (the format of {@code newsstand panel trace}). The demo runs on it.
     */
    public static Panel traced(PanelModel model, java.nio.file.Path traceFile) {
        boolean uc = model == PanelModel.WAVESHARE_7IN5_V2;
        TraceIo io = new TraceIo(uc ? TraceIo.Chip.UC8179 : TraceIo.Chip.IT8951, model, 4096);
        Panel driver = driver(model, io, 2000);
        return new Panel() {
            public PanelModel model() { return model; }
            public void refresh(Framebuffer frame, Region region, RefreshMode mode) throws IOException { driver.refresh(frame, region, mode); }
            public void clear() throws IOException { driver.clear(); }
            public void sleep() throws IOException { driver.sleep(); }
            public void close() throws IOException {
                driver.close();
                java.nio.file.Files.write(traceFile, io.events());
            }
        };
    }

    /**
     * Runs the real driver for a model against recording wires and a simulated controller, shows the region of the
     * frame with a refresh (full, fast, partial; gc16, du, a2 on IT8951 panels), and returns the traffic, one event
     * a line. The first refresh of a driver includes its start-up (reset, init or device info).
     */
    public static List<String> trace(PanelModel model, Framebuffer frame, Region region, String refresh, int maxTransfer)
            throws IOException {
        String r = refresh.toLowerCase(Locale.ROOT);
        if (!REFRESHES.contains(r)) throw new IllegalArgumentException("refresh '" + refresh + "' is not one of " + REFRESHES);
        boolean uc = model == PanelModel.WAVESHARE_7IN5_V2;
        if (uc && List.of("gc16", "du", "a2").contains(r)) {
            throw new IllegalArgumentException("refresh '" + refresh + "' is an IT8951 waveform; the UC8179 takes full, fast or partial");
        }
        TraceIo io = new TraceIo(uc ? TraceIo.Chip.UC8179 : TraceIo.Chip.IT8951, model, maxTransfer);
        Panel panel = driver(model, io, 2000);
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
