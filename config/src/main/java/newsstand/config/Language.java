package newsstand.config;

import java.util.List;

/** The languages an issue may be written in, as BCP 47 tags (issue.json's "language"), and the kiosk's own. */
public final class Language {
    private Language() {}

    /** Simplified Chinese: the kiosk's own screens, and an issue that names no language. */
    public static final String ZH_HANS = "zh-Hans";
    /** Traditional Chinese (set vertically). */
    public static final String ZH_HANT = "zh-Hant";
    /** Traditional Chinese as written in Hong Kong (a font's regional face). */
    public static final String ZH_HK = "zh-HK";
    /** Traditional Chinese as written in Taiwan. */
    public static final String ZH_TW = "zh-TW";
    public static final String JA = "ja";
    public static final String KO = "ko";
    /** English: a Latin-script issue, set horizontally, its jump lines and folios in English. */
    public static final String EN = "en";

    /** The languages an issue package may name. */
    public static final List<String> OF_ISSUES = List.of(ZH_HANS, ZH_HANT, JA, KO, EN);
}
