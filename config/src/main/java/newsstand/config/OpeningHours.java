package newsstand.config;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

/**
 * When a kiosk is open (kiosk.hours, in kiosk.timezone): from one time of day to another, past midnight when the
 * close comes before the open ("22:00-02:00"). Outside them the kiosk shows its closed screen.
 */
public record OpeningHours(LocalTime open, LocalTime close, ZoneId zone) {
    public static final String FORMAT = "HH:MM-HH:MM, such as 06:00-23:30 (past midnight: 22:00-02:00)";

    /** The hours written HH:MM-HH:MM; IllegalArgumentException names what is wrong. */
    public static OpeningHours parse(String text, ZoneId zone) {
        String[] parts = text.strip().split("-");
        if (parts.length != 2) throw new IllegalArgumentException("not " + FORMAT);
        try {
            LocalTime open = LocalTime.parse(parts[0].strip()), close = LocalTime.parse(parts[1].strip());
            if (open.equals(close)) throw new IllegalArgumentException("opens and closes at the same time (leave kiosk.hours empty to be always open)");
            return new OpeningHours(open, close, zone);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not " + FORMAT);
        }
    }

    public boolean isOpen(ZonedDateTime now) {
        LocalTime t = now.withZoneSameInstant(zone).toLocalTime();
        return open.isBefore(close) ? !t.isBefore(open) && t.isBefore(close) : !t.isBefore(open) || t.isBefore(close);
    }

    @Override
    public String toString() {
        return open + "–" + close;
    }
}
