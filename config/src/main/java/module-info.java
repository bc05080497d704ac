module newsstand.config {
    exports newsstand.config;
}
