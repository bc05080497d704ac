package newsstand.app;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.util.Map;

/** The text of the QR code on a screen the kiosk drew (its PNG), read by ZXing; an assertion error when there is none. */
final class QrRead {
    private QrRead() {}

    static String text(BufferedImage screen) {
        int w = screen.getWidth(), h = screen.getHeight();
        int[] rgb = screen.getRGB(0, 0, w, h, null, 0, w);
        try {
            return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new com.google.zxing.RGBLuminanceSource(w, h, rgb))),
                    Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
        } catch (com.google.zxing.ReaderException e) {
            throw new AssertionError("no QR code on the screen: " + e, e);
        }
    }
}
