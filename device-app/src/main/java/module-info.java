module newsstand.app {
    requires newsstand.config;
    requires newsstand.fonts;
    requires newsstand.display;
    requires newsstand.sync;
    requires info.picocli;
    requires com.google.gson;
    requires org.tinylog.api;
    requires java.desktop;
    requires java.sql;
    requires java.management;
    requires org.xerial.sqlitejdbc;
    requires org.eclipse.paho.client.mqttv3;
}
