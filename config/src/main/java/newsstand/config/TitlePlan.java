package newsstand.config;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One entry of kiosk.titles: a publication, the days and hours it is in the rotation (in kiosk.timezone), and how
 * long its front page stays there. Written {@code id[@DAYS][@HH:MM-HH:MM][/DURATION]}: "evening-news@16:00-00:00/60s",
 * "weekly@Sat-Sun", "qingdao-daily". A window past midnight belongs to the day it opened ("Fri@22:00-02:00" takes in
 * Saturday 01:00).
 *
 * @param days the days it is shown (every day when all seven)
 * @param hours its hours, or null for the whole day
 * @param seconds how long it stays once its turn comes, 0 for kiosk.rotate.seconds
 */
public record TitlePlan(String publication, Set<DayOfWeek> days, OpeningHours hours, int seconds) {
    public static final String FORMAT = "publication ids separated by ',' (" + Name.RULE + "), shown first and in that order, each"
            + " optionally followed by @DAYS (Mon to Sun, a range such as Mon-Fri, several joined by '+': Sat+Sun), @HOURS ("
            + OpeningHours.FORMAT + ") and /DURATION (5s to 86400s, or 1m to 1440m; default kiosk.rotate.seconds),"
            + " such as qingdao-daily, evening-news@16:00-00:00/60s, weekly@Sat-Sun";
    private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    private static final String[] CHINESE_DAYS = {"一", "二", "三", "四", "五", "六", "日"};

    public TitlePlan {
        days = days.isEmpty() ? EnumSet.allOf(DayOfWeek.class) : EnumSet.copyOf(days);
    }

    /** A title with no window and the common duration: what a plain id in kiosk.titles means. */
    public static TitlePlan always(String publication) {
        return new TitlePlan(publication, Set.of(), null, 0);
    }

    /** Whether the title is always in the rotation (no days, no hours). */
    public boolean always() {
        return hours == null && days.size() == 7;
    }

    /** Whether the title is in the rotation at a moment (judged in the zone of the hours, else in {@code now}'s). */
    public boolean inside(ZonedDateTime now) {
        ZonedDateTime t = hours == null ? now : now.withZoneSameInstant(hours.zone());
        LocalDate day = t.toLocalDate();
        if (hours != null) {
            if (!hours.isOpen(t)) return false;
            if (hours.close().isBefore(hours.open()) && t.toLocalTime().isBefore(hours.close())) day = day.minusDays(1);
        }
        return days.contains(day.getDayOfWeek());
    }

    /**
     * When the title is in the rotation, as its home screen entry says it: "16:00起 · from 16:00" (until midnight),
     * "06:00–12:00", "周六至周日 · Sat-Sun", "周一至周五 16:00起 · Mon-Fri from 16:00"; "" when always.
     */
    public String when() {
        if (always()) return "";
        String zh = "", en = "";
        if (days.size() < 7) {
            List<String> z = new ArrayList<>(), e = new ArrayList<>();
            for (int[] run : runs()) {
                boolean one = run[0] == run[1];
                z.add("周" + CHINESE_DAYS[run[0]] + (one ? "" : "至周" + CHINESE_DAYS[run[1]]));
                e.add(dayName(run[0]) + (one ? "" : "-" + dayName(run[1])));
            }
            zh = String.join("、", z);
            en = String.join("+", e);
        }
        if (hours != null && hours.close().equals(java.time.LocalTime.MIDNIGHT)) {
            zh += (zh.isEmpty() ? "" : " ") + hours.open() + "起";
            en += (en.isEmpty() ? "" : " ") + "from " + hours.open();
        } else if (hours != null) {
            zh += (zh.isEmpty() ? "" : " ") + hours;
            en += (en.isEmpty() ? "" : " ") + hours;
        }
        return zh.equals(en) ? zh : zh + " · " + en;
    }

    /** The days as runs of consecutive ones, Monday first (a run over Sunday into Monday is not joined). */
    private List<int[]> runs() {
        List<int[]> runs = new ArrayList<>();
        for (int d = 0; d < 7; d++) {
            if (!days.contains(DayOfWeek.of(d + 1))) continue;
            if (!runs.isEmpty() && runs.get(runs.size() - 1)[1] == d - 1) runs.get(runs.size() - 1)[1] = d;
            else runs.add(new int[] {d, d});
        }
        return runs;
    }

    private static String dayName(int d) {
        String n = DAYS.get(d);
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }

    /** As written in kiosk.titles. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(publication);
        if (days.size() < 7) {
            b.append('@');
            List<String> e = new ArrayList<>();
            for (int[] run : runs()) e.add(dayName(run[0]) + (run[0] == run[1] ? "" : "-" + dayName(run[1])));
            b.append(String.join("+", e));
        }
        if (hours != null) b.append('@').append(hours.open()).append('-').append(hours.close());
        if (seconds > 0) b.append('/').append(seconds).append('s');
        return b.toString();
    }

    /**
     * Reads one entry; IllegalArgumentException says what is wrong with it, in words that follow "'ENTRY': ".
     * The hours are judged in {@code zone}.
     */
    public static TitlePlan parse(String entry, ZoneId zone) {
        String text = entry.strip();
        int seconds = 0;
        int slash = text.indexOf('/');
        if (slash >= 0) {
            seconds = duration(text.substring(slash + 1).strip());
            text = text.substring(0, slash);
        }
        String[] parts = text.split("@", -1);
        String id = parts[0].strip();
        if (!Name.valid(id)) throw new IllegalArgumentException("'" + id + "' is not a publication id");
        Set<DayOfWeek> days = null;
        OpeningHours hours = null;
        for (int i = 1; i < parts.length; i++) {
            String w = parts[i].strip();
            if (!w.isEmpty() && Character.isDigit(w.charAt(0))) {
                if (hours != null) throw new IllegalArgumentException("hours given twice");
                try {
                    hours = OpeningHours.parse(w, zone);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("hours '" + w + "': " + e.getMessage().replace("leave kiosk.hours empty to be always open", "leave the hours out to show it all day"));
                }
            } else {
                if (days != null) throw new IllegalArgumentException("days given twice");
                days = days(w);
            }
        }
        return new TitlePlan(id, days == null ? Set.of() : days, hours, seconds);
    }

    /** Every entry of kiosk.titles' value, its problems (each naming its entry) added to {@code problems}. */
    public static List<TitlePlan> parseAll(String text, ZoneId zone, List<String> problems) {
        List<TitlePlan> plans = new ArrayList<>();
        if (text == null || text.isBlank()) return plans;
        List<String> ids = new ArrayList<>();
        for (String entry : text.split(",")) {
            try {
                TitlePlan p = parse(entry, zone);
                if (ids.contains(p.publication())) throw new IllegalArgumentException("'" + p.publication() + "' is given twice");
                ids.add(p.publication());
                plans.add(p);
            } catch (IllegalArgumentException e) {
                String said = "'" + entry.strip() + "'";
                problems.add(e.getMessage().startsWith(said + " ") ? e.getMessage() : said + ": " + e.getMessage());
            }
        }
        return plans;
    }

    /** "Sat-Sun", "Mon", "Mon-Wed+Fri": days, ranges wrapping over Sunday ("Fri-Mon") allowed. */
    private static Set<DayOfWeek> days(String text) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String range : text.split("\\+", -1)) {
            String[] ends = range.split("-", -1);
            if (ends.length > 2) throw new IllegalArgumentException("days '" + text + "' (a range is two days, such as Mon-Fri)");
            int from = day(ends[0], text), to = ends.length == 2 ? day(ends[1], text) : from;
            for (int d = from; ; d = (d + 1) % 7) {
                days.add(DayOfWeek.of(d + 1));
                if (d == to) break;
            }
        }
        return days;
    }

    private static int day(String name, String text) {
        int d = DAYS.indexOf(name.strip().toLowerCase(Locale.ROOT));
        if (d < 0) throw new IllegalArgumentException("day '" + name.strip() + "' in '" + text + "' is not Mon, Tue, Wed, Thu, Fri, Sat or Sun");
        return d;
    }

    /** "60s", "2m": seconds, 5 to 86400 as kiosk.rotate.seconds. */
    private static int duration(String text) {
        String bad = "duration '" + text + "' (allowed: 5s to 86400s, or 1m to 1440m)";
        if (text.length() < 2 || !(text.endsWith("s") || text.endsWith("m"))) throw new IllegalArgumentException(bad);
        long n;
        try {
            n = Long.parseLong(text.substring(0, text.length() - 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(bad);
        }
        if (text.endsWith("m")) n *= 60;
        if (n < Setting.KIOSK_ROTATE.min() || n > Setting.KIOSK_ROTATE.max()) throw new IllegalArgumentException(bad);
        return (int) n;
    }
}
