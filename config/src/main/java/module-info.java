/** The kiosk's typed configuration: every setting declared once, panel models as data, names, languages, the version. */
module newsstand.config {
    exports newsstand.config;
}
