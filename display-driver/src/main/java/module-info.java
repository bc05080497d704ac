module newsstand.display {
    requires transitive newsstand.config;
    requires transitive java.desktop;
    requires org.tinylog.api;
    requires com.pi4j;
    requires com.pi4j.plugin.linuxfs;
    requires com.pi4j.plugin.gpiod;
    exports newsstand.display;
    exports newsstand.display.hardware;
    exports newsstand.display.it8951;
    exports newsstand.display.pi4j;
    exports newsstand.display.trace;
    exports newsstand.display.uc8179;
}
