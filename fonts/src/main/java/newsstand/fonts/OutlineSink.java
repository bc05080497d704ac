package newsstand.fonts;

/** Receives a glyph outline as path commands, in font units, y up. */
interface OutlineSink {
    void moveTo(float x, float y);

    void lineTo(float x, float y);

    void quadTo(float cx, float cy, float x, float y);

    void curveTo(float c1x, float c1y, float c2x, float c2y, float x, float y);

    void close();
}
