/**
 * The kiosk and its command line: page composition (newsstand.layout), the kiosk's runtime (newsstand.kiosk), the
 * technician's doctor (newsstand.doctor) and the newsstand command (newsstand.app), the only module that wires the
 * others together. It exports nothing.
 */
module newsstand.app {
    requires newsstand.config;
    requires newsstand.fonts;
    requires newsstand.display;
    requires newsstand.sync;
    requires info.picocli;
    requires com.google.gson;
    requires org.tinylog.api;
    requires java.desktop;
    requires java.management;
    // The operator's console serves its page with the JDK's own HTTP server.
    requires jdk.httpserver;
    // `bench console` drives chromium over its DevTools protocol, a WebSocket the JDK speaks.
    requires java.net.http;
    requires org.xerial.sqlitejdbc;
    // The fault screens' QR codes.
    requires io.nayuki.qrcodegen;
    requires org.eclipse.paho.mqttv5.client;
    // The command line is annotated for picocli, which reads it by reflection (on the module path).
    opens newsstand.app to info.picocli;
}
