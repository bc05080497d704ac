package newsstand.kiosk;

import newsstand.config.DeviceConfig;
import newsstand.config.Setting;

/**
 * Where a screen's QR code leads: kiosk.help.url with this kiosk's device id and the screen's code filled in (by
 * default the README's section for the code).
 */
public record Help(String template, String device) {
    /** The default page, for a device whose configuration names none. */
    public static Help of(String device) {
        return new Help(Setting.KIOSK_HELP_URL.defaultValue(), device);
    }

    String url(String code) {
        return DeviceConfig.helpUrl(template, device, code);
    }
}
