package newsstand.display;

/** A picture as 8-bit grey pixels (0 black, 255 white), row by row, ready to be scaled and dithered. */
public record GreyImage(int width, int height, byte[] pixels) {
    public GreyImage {
        if (width <= 0 || height <= 0 || pixels.length != width * height) {
            throw new IllegalArgumentException("grey image of " + width + "x" + height + " needs " + (long) width * height
                    + " pixels, has " + pixels.length);
        }
    }

    /**
     * Scales to w x h by area averaging: each output pixel is the mean of the source area it covers, so that
     * downscaled photos keep their tones without aliasing.
     */
    public GreyImage scaled(int w, int h) {
        if (w == width && h == height) return this;
        byte[] out = new byte[w * h];
        double sx = (double) width / w;
        double sy = (double) height / h;
        double[] row = new double[w];
        for (int oy = 0; oy < h; oy++) {
            java.util.Arrays.fill(row, 0);
            double y0 = oy * sy, y1 = y0 + sy;
            double weightY = 0;
            for (int iy = (int) y0; iy < Math.min(height, Math.ceil(y1)); iy++) {
                double wy = Math.min(y1, iy + 1) - Math.max(y0, iy);
                if (wy <= 0) continue;
                weightY += wy;
                int base = iy * width;
                for (int ox = 0; ox < w; ox++) {
                    double x0 = ox * sx, x1 = x0 + sx;
                    double sum = 0;
                    for (int ix = (int) x0; ix < Math.min(width, Math.ceil(x1)); ix++) {
                        double wx = Math.min(x1, ix + 1) - Math.max(x0, ix);
                        if (wx > 0) sum += wx * (pixels[base + ix] & 0xFF);
                    }
                    row[ox] += wy * sum;
                }
            }
            for (int ox = 0; ox < w; ox++) {
                double area = weightY * sx;
                out[oy * w + ox] = (byte) Math.max(0, Math.min(255, Math.round(row[ox] / area)));
            }
        }
        return new GreyImage(w, h, out);
    }
}
