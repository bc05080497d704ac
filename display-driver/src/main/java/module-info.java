/**
 * The panel: framebuffers, dithering, the refresh policy, the simulated panel, and the UC8179 and IT8951 drivers on
 * Pi4J's SPI and GPIO (or recording wires), chosen by {@link newsstand.display.hardware.Panels}. The drivers and the
 * wires stay inside; the app sees a {@link newsstand.display.Panel} and the buttons' {@link newsstand.display.ButtonInput}.
 */
module newsstand.display {
    requires transitive newsstand.config;
    requires org.tinylog.api;
    requires com.pi4j;
    requires com.pi4j.plugin.linuxfs;
    requires com.pi4j.plugin.gpiod;
    exports newsstand.display;
    exports newsstand.display.hardware;
}
