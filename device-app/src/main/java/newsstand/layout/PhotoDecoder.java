package newsstand.layout;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import newsstand.display.GreyImage;

/**
 * Decodes a JPEG or PNG into grey pixels at the size it will be shown. Large images are subsampled while they are
 * decoded, so no full-size copy of a big photo ever sits in the heap.
 */
public final class PhotoDecoder {
    private PhotoDecoder() {}

    /**
     * Loads the image readers (a tenth of a second of class loading and set-up on first use), so that a kiosk's
     * first page need not wait for them; photos are decoded from memory, never through ImageIO's disk cache.
     */
    public static void warmUpInBackground() {
        Thread t = new Thread(() -> {
            ImageIO.setUseCache(false);
            ImageIO.getImageReadersByFormatName("jpeg").next().dispose();
        }, "image-readers");
        t.setDaemon(true);
        t.start();
    }

    public static GreyImage decode(byte[] bytes, int width, int height) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) throw new IOException("not a JPEG or PNG image");
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int sw = reader.getWidth(0);
                int sh = reader.getHeight(0);
                // Decode at no less than the target size: every factor of subsampling divides the heap it takes.
                int step = Math.max(1, Math.min(sw / Math.max(1, width), sh / Math.max(1, height)));
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceSubsampling(step, step, 0, 0);
                BufferedImage img = reader.read(0, param);
                return grey(img).scaled(width, height);
            } finally {
                reader.dispose();
            }
        }
    }

    private static GreyImage grey(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        byte[] out = new byte[w * h];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int rgb = row[x];
                int luma = (299 * ((rgb >> 16) & 0xFF) + 587 * ((rgb >> 8) & 0xFF) + 114 * (rgb & 0xFF)) / 1000;
                out[y * w + x] = (byte) luma;
            }
        }
        return new GreyImage(w, h, out);
    }
}
