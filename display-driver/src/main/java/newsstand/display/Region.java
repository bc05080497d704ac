package newsstand.display;

/** A rectangle of panel pixels: x and y of the top-left corner, width and height. */
public record Region(int x, int y, int width, int height) {
    public Region {
        if (width < 0 || height < 0) throw new IllegalArgumentException("region size must not be negative: " + width + "x" + height);
    }

    public static Region of(Framebuffer fb) {
        return new Region(0, 0, fb.width(), fb.height());
    }

    public boolean isEmpty() {
        return width == 0 || height == 0;
    }

    /** The part of this region inside a width x height area. */
    public Region clip(int areaWidth, int areaHeight) {
        int x0 = Math.max(0, x), y0 = Math.max(0, y);
        int x1 = Math.min(areaWidth, x + width), y1 = Math.min(areaHeight, y + height);
        return new Region(x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0));
    }

    @Override
    public String toString() {
        return x + "," + y + "," + width + "," + height;
    }
}
