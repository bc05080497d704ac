package newsstand.fonts.typeset;

/**
 * Numbers as a Chinese reader takes them, on code points: a number stays whole with the numeral units after it (万,
 * 亿, 千, 百, and 余 or 多: "465万", "3万余") and with the measure word after those ("465万件", "2180万标准箱", "134个"),
 * across a space too ("5 年"); a range of numbers ("21℃至28℃", "3—5 年") breaks only after 至, 到 or the dash, and
 * preferably not at all. Shared by body text ({@link Units}) and headlines.
 */
public final class Numbers {
    private static final String NUMERALS = "万亿千百余多";
    private static final String RANGE = "至到—–～";
    /** Measure words of more than one character, kept whole after a number (one character is kept anyway). */
    private static final String[] MEASURES = {"标准箱", "平方米", "平方公里", "平方千米", "立方米", "千瓦时", "千米", "公里",
        "公顷", "人次", "架次", "个百分点", "百分点", "小时", "分钟", "千克", "公斤", "万元", "亿元"};

    private Numbers() {}

    /** Whether a line may not break before cps[at]: inside a number, its numeral units, its measure word or a range. */
    public static boolean holds(int[] cps, int at) {
        if (at <= 0 || at >= cps.length) return false;
        int b = cps[at];
        if (b == ' ') return digit(cps, at - 1) && at + 1 < cps.length && han(cps[at + 1]);
        if (cps[at - 1] == ' ') return digit(cps, at - 2) && han(b);
        if (RANGE.indexOf(b) >= 0) return numberBefore(cps, at) && at + 1 < cps.length && digit(cps, at + 1);
        if (!han(b)) return false;
        if (numberEnd(cps, at)) return true;
        // Inside a measure word of several characters right after a number.
        for (int start = at - 1; start >= Math.max(1, at - 3); start--) {
            if (!numberEnd(cps, start)) continue;
            for (String m : MEASURES) {
                if (start + m.length() > at && regionMatches(cps, start, m)) return true;
            }
        }
        return false;
    }

    /** Whether a break before cps[at] is one a range allows but a reader would rather not see: after 至 or the dash. */
    public static boolean weak(int[] cps, int at) {
        return at >= 2 && at < cps.length && RANGE.indexOf(cps[at - 1]) >= 0 && digit(cps, at)
                && numberBefore(cps, at - 1);
    }

    /** Whether cps[at - 1] ends a number or its numeral units ("465", "465万", "3万余"). */
    private static boolean numberEnd(int[] cps, int at) {
        int i = at - 1;
        while (i >= 0 && NUMERALS.indexOf(cps[i]) >= 0 && at - i <= 3) i--;
        return digit(cps, i);
    }

    /** Whether cps[at - 1] ends a number, perhaps with its unit symbol ("21", "21℃", "3.5%", "465万"). */
    private static boolean numberBefore(int[] cps, int at) {
        if (numberEnd(cps, at)) return true;
        return at >= 2 && "℃°%‰℉".indexOf(cps[at - 1]) >= 0 && digit(cps, at - 2);
    }

    private static boolean digit(int[] cps, int i) {
        return i >= 0 && i < cps.length && cps[i] >= '0' && cps[i] <= '9';
    }

    private static boolean han(int c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }

    private static boolean regionMatches(int[] cps, int at, String s) {
        if (at + s.length() > cps.length) return false;
        for (int k = 0; k < s.length(); k++) if (cps[at + k] != s.charAt(k)) return false;
        return true;
    }
}
