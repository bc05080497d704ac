module newsstand.sync {
    requires transitive newsstand.config;
    requires transitive java.sql;
    requires java.desktop;
    requires org.xerial.sqlitejdbc;
    requires com.google.gson;
    requires org.eclipse.paho.mqttv5.client;
    requires org.eclipse.paho.client.mqttv3;
    requires org.tinylog.api;
    exports newsstand.delivery;
    exports newsstand.issue;
    exports newsstand.store;
}
