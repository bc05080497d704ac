package newsstand.kiosk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.ResultPoint;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import newsstand.config.PanelModel;
import newsstand.display.Framebuffer;
import newsstand.layout.HelpCode;
import newsstand.layout.IssueRenderer;
import newsstand.layout.Page;
import newsstand.layout.PageRenderer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every screen the kiosk draws because something is wrong or missing carries a QR code of kiosk.help.url for its
 * code: read back with ZXing from the pixels the panel shows (its depth), on every panel model.
 */
class HelpScreensTest {
    static IssueRenderer r;

    @BeforeAll
    static void open() throws Exception {
        r = IssueRenderer.open("zh-Hans");
    }

    /** Each help screen by its code, for a device and a template. */
    static Map<String, Page> screens(PanelModel model, Help help) {
        Map<String, Page> s = new LinkedHashMap<>();
        s.put("S1", Screens.setup(r, model, help, "/etc/newsstand/newsstand.conf", List.of("line 3: mqtt.url = 'tcp://broker.example.org:1883x' is not allowed",
                "missing required key 'device.id'")));
        s.put("W1", Screens.waiting(r, model, help, "haibin-daily-2025-09-10 40%", null));
        s.put("W2", Screens.waiting(r, model, help, null, "08:12"));
        s.put("F2", Screens.fault(r, model, help, "F2", "the stored issues cannot be shown (haibin-daily-2025-09-10)"));
        s.put("F3", Screens.fault(r, model, help, "F3", "the store cannot be read"));
        s.put("F4", Screens.fault(r, model, help, "F4", "the sync cannot start: database is locked"));
        s.put("F5", Screens.fault(r, model, help, "F5", "no trusted key can be used: /etc/newsstand/operator.pub: not an Ed25519 public key"));
        s.put("F6", Screens.fault(r, model, help, "F6", "no room for an issue: it needs 52.0 MB free to download and install and /var/lib/newsstand has 10.0 MB"));
        s.put("F7", Screens.fault(r, model, help, "F7", "the clock reads 1970-01-01, before this software was built"));
        return s;
    }

    static Framebuffer render(Page page, PanelModel model) {
        Framebuffer fb = new Framebuffer(model.width(), model.height(), model.greyLevels());
        PageRenderer renderer = r.renderer(file -> new byte[0], model);
        try {
            renderer.draw(page, fb);
        } finally {
            renderer.close();
        }
        return fb;
    }

    /** The panel's pixels as it shows them (its levels), as grey. */
    static int[] shown(Framebuffer fb) {
        int[] rgb = new int[fb.width() * fb.height()];
        for (int y = 0; y < fb.height(); y++) {
            for (int x = 0; x < fb.width(); x++) {
                int g = fb.level(x, y) * 255 / (fb.levels() - 1);
                rgb[y * fb.width() + x] = 0xFF000000 | g << 16 | g << 8 | g;
            }
        }
        return rgb;
    }

    static Result read(Framebuffer fb) {
        try {
            BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(fb.width(), fb.height(), shown(fb))));
            return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE));
        } catch (com.google.zxing.ReaderException e) {
            throw new AssertionError("no QR code read from the screen: " + e, e);
        }
    }

    /** The text of the QR code on a framebuffer. */
    static String decode(Framebuffer fb) {
        return read(fb).getText();
    }

    @Test
    void everyHelpScreensCodeReadsAsItsUrlOnEveryPanelPureBlackAndWhiteWithItsQuietZoneAndFiftyMillimetresWide() {
        List<String> sizes = new ArrayList<>();
        for (PanelModel model : PanelModel.values()) {
            Help help = new Help("https://help.example/{code}?device={device}", "kiosk-qd-0042");
            for (Map.Entry<String, Page> e : screens(model, help).entrySet()) {
                String code = e.getKey();
                Framebuffer fb = render(e.getValue(), model);
                Result read = read(fb);
                assertEquals("https://help.example/" + code + "?device=kiosk-qd-0042", read.getText(), model.id() + " " + code);
                // The symbol's size from its finder patterns' centres (3.5 modules in from its edges).
                ResultPoint[] p = read.getResultPoints();
                int modules = HelpCode.of(read.getText()).modules();
                double across = Math.hypot(p[2].getX() - p[1].getX(), p[2].getY() - p[1].getY());
                double m = across / (modules - 7);
                double mm = modules * m / model.dpi() * 25.4;
                assertTrue(mm >= 49.5, model.id() + " " + code + ": the symbol is " + mm + " mm wide; scanned from 50 cm it needs 50");
                // Pure black and white, and nothing but white in the quiet zone (4 modules) around the symbol.
                int x0 = (int) Math.round(p[1].getX() - 3.5 * m), y0 = (int) Math.round(p[1].getY() - 3.5 * m);
                int side = (int) Math.round(modules * m);
                int quiet = (int) Math.round(4 * m);
                assertTrue(x0 - quiet >= 0 && y0 - quiet >= 0 && x0 + side + quiet <= model.width() && y0 + side + quiet <= model.height(),
                        model.id() + " " + code + ": the quiet zone on the panel");
                int white = fb.levels() - 1;
                for (int y = y0 - quiet; y < y0 + side + quiet; y++) {
                    for (int x = x0 - quiet; x < x0 + side + quiet; x++) {
                        int level = fb.level(x, y);
                        boolean inQuiet = x < x0 || y < y0 || x >= x0 + side || y >= y0 + side;
                        assertTrue(inQuiet ? level == white : level == 0 || level == white,
                                model.id() + " " + code + ": level " + level + " at " + x + "," + y + (inQuiet ? " in the quiet zone" : " in the symbol"));
                    }
                }
                if (code.equals("F2")) {
                    sizes.add(String.format(Locale.ROOT, "%s: %d modules of %.0f px = %.2f mm, symbol %.0f mm", model.id(), modules, m,
                            m / model.dpi() * 25.4, mm));
                }
            }
        }
        System.out.println("QR codes: " + String.join("; ", sizes));
    }

    @Test
    void theStreetFacingWordsNeverNameTheBrokerOrTheFleetAndTheTechniciansStandInSmallPrint() {
        for (PanelModel model : PanelModel.values()) {
            for (Map.Entry<String, Page> e : screens(model, Help.of("kiosk-qd-0042")).entrySet()) {
                List<com.google.gson.JsonObject> lines = ScreensTest.lines(e.getValue(), model);
                String all = ScreensTest.text(lines).replace('\n', ' ');
                // The setup screen names the keys at fault (mqtt.url), never their values.
                for (String infrastructure : e.getKey().equals("S1") ? List.of("://", "broker", "example.org", "1883")
                        : List.of("://", "broker", "fleet", "mqtt", "example.org")) {
                    assertTrue(!all.toLowerCase(Locale.ROOT).contains(infrastructure), model.id() + " " + e.getKey() + ": " + infrastructure + " in " + all);
                }
                String small = ScreensTest.text(lines.stream().filter(l -> l.get("kind").getAsString().equals("footnote")).toList()).replace('\n', ' ');
                assertTrue(small.contains("code " + e.getKey()) && small.contains("device kiosk-qd-0042") && small.contains("Next: "),
                        model.id() + " " + e.getKey() + ": the code, the device and the next step in small print: " + small);
            }
        }
    }

    @Test
    void theScreenWithoutAFontCarriesItsCodeToo() throws Exception {
        for (PanelModel model : PanelModel.values()) {
            newsstand.display.Panel panel = new newsstand.display.Panel() {
                public PanelModel model() { return model; }
                public void refresh(Framebuffer frame, newsstand.display.Region region, newsstand.display.RefreshMode mode) {}
                public void clear() {}
                public void sleep() {}
                public void close() {}
            };
            Framebuffer fb = new Framebuffer(model.width(), model.height(), model.greyLevels());
            NoFont.show(panel, fb, new newsstand.display.Refresher(panel, 6, 0), "F1", new Help("https://help.example/{code}?device={device}", "kiosk-qd-0042"));
            Result read = read(fb);
            assertEquals("https://help.example/F1?device=kiosk-qd-0042", read.getText(), model.id());
            ResultPoint[] p = read.getResultPoints();
            int modules = HelpCode.of(read.getText()).modules();
            double mm = Math.hypot(p[2].getX() - p[1].getX(), p[2].getY() - p[1].getY()) / (modules - 7) * modules / model.dpi() * 25.4;
            assertTrue(mm >= 49.5, model.id() + ": the symbol is " + mm + " mm wide");
        }
    }

    @Test
    void theDefaultLeadsToTheReadmesSectionForTheCodeWithTheDeviceFilledIn() {
        for (PanelModel model : PanelModel.values()) {
            Framebuffer fb = render(Screens.fault(r, model, Help.of("kiosk-001"), "F3", "the store cannot be read"), model);
            assertEquals("https://github.com/newsstand-kiosk/newsstand?device=kiosk-001#F3", decode(fb), model.id());
            HelpCode code = HelpCode.of("https://github.com/newsstand-kiosk/newsstand?device=kiosk-001#F3");
            int m = code.modulePx(model);
            System.out.printf(Locale.ROOT, "default URL on %s: %d modules of %d px = %.2f mm%n", model.id(), code.modules(), m, m / model.dpi() * 25.4);
        }
        // A device id is put in the URL encoded.
        assertEquals("https://h.example/?d=a%26b&c=F2", new Help("https://h.example/?d={device}&c={code}", "a&b").url("F2"));
    }
}
