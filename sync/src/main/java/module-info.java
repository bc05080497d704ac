/**
 * Issues and their delivery: the issue model and package format (newsstand.issue), the kiosk's SQLite store
 * (newsstand.store), the kiosk's sync over MQTT and offline bundles (newsstand.delivery), and the operator's side that
 * publishes to a fleet and acts on it (newsstand.desk). Both sides speak MQTT 5 through Paho.
 */
module newsstand.sync {
    requires transitive newsstand.config;
    requires java.sql;
    requires org.xerial.sqlitejdbc;
    requires com.google.gson;
    requires org.eclipse.paho.mqttv5.client;
    requires org.tinylog.api;
    exports newsstand.issue;
    exports newsstand.store;
    exports newsstand.delivery;
    exports newsstand.desk;
}
