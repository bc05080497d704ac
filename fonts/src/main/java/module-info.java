/** The OpenType engine: fonts mapped and parsed, glyphs rasterized and cached, and Chinese lines set by clreq. */
module newsstand.fonts {
    requires transitive newsstand.config;
    requires org.tinylog.api;
    exports newsstand.fonts;
    exports newsstand.fonts.typeset;
}
