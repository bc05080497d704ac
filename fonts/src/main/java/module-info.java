module newsstand.fonts {
    requires org.tinylog.api;
    exports newsstand.fonts;
    exports newsstand.fonts.typeset;
}
