package newsstand.issue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandTest {
    static final Instant NOW = Instant.parse("2026-12-04T03:00:00Z");

    static Command command(List<String> targets, String name, String... args) {
        return new Command("qd", "c-1", NOW, NOW.plusSeconds(600), targets, name, List.of(args));
    }

    @Test
    void aCommandSaysWhatIsWrongWithItNamingWhatIsAllowed() {
        assertEquals(List.of(), command(List.of("kiosk-1"), "show", "qingdao-daily", "3").problems());
        assertEquals(List.of(), command(List.of(Command.ALL), "set", "kiosk.hours=06:00-22:00").problems());
        assertEquals(List.of(), command(List.of(Command.ALL), "set", "kiosk.titles=qd, ev@16:00-00:00/60s, wk@Sat-Sun").problems());
        assertEquals(List.of("set: kiosk.titles: 'ev@16:00/60s': hours '16:00': not " + newsstand.config.OpeningHours.FORMAT + " (allowed: "
                + newsstand.config.Setting.KIOSK_TITLES.allowed() + ")"), command(List.of(Command.ALL), "set", "kiosk.titles=qd, ev@16:00/60s").problems());
        assertEquals(1, command(List.of(Command.ALL), "set", "kiosk.hours=6-22").problems().size(), "the hours' form, before signing");
        assertTrue(command(List.of("kiosk-1"), "reboot").problems().get(0).contains("(allowed: show, refresh, resync, screenshot, set, restart, clear, notice, cancel-notice)"));
        assertTrue(command(List.of("kiosk-1"), "show").problems().get(0).contains("show takes PUBLICATION [PAGE]"));
        assertTrue(command(List.of("kiosk-1"), "show", "qingdao-daily", "0").problems().get(0).contains("page '0' (allowed: 1 to 999)"));
        assertTrue(command(List.of("kiosk-1"), "set", "storage.path=/tmp").problems().get(0).contains("KEY one of panel.full-refresh-every, kiosk.hours, kiosk.idle.seconds, kiosk.titles, kiosk.rotate.seconds"));
        assertTrue(command(List.of("kiosk-1"), "refresh", "now").problems().get(0).contains("refresh takes no arguments"));
        assertTrue(command(List.of(), "refresh").problems().get(0).contains("no targets"));
        assertTrue(command(List.of("*", "kiosk-1"), "refresh").problems().get(0).contains("or * alone for every kiosk"));
        Command forever = new Command("qd", "c-1", NOW, NOW.plusSeconds(8 * 86_400), List.of("kiosk-1"), "refresh", List.of());
        assertTrue(forever.problems().get(0).contains("(allowed: up to 7 days)"));
    }

    @Test
    void aNoticeSaysWhatIsWrongWithItsLevelEndTextAndTitle() {
        String until = NOW.plusSeconds(3600).toString();
        assertEquals(List.of(), command(List.of(Command.ALL), "notice", "urgent", until, "2号线停运，请改乘公交。", "2号线停运").problems());
        assertEquals(List.of(), command(List.of("kiosk-1"), "notice", "info", NOW.plusSeconds(7 * 86_400).toString(), "电梯维修").problems());
        assertEquals(List.of(), command(List.of("kiosk-1"), "cancel-notice", "c-1").problems());
        assertTrue(command(List.of("kiosk-1"), "notice", "info").problems().get(0).contains("notice takes LEVEL UNTIL TEXT [TITLE]"));
        assertEquals(List.of("notice: level 'loud' (allowed: info, warning, urgent)"), command(List.of("kiosk-1"), "notice", "loud", until, "x").problems());
        assertEquals(List.of("notice: until 'tomorrow' (allowed: an instant such as 2026-12-08T18:00:00Z)"),
                command(List.of("kiosk-1"), "notice", "info", "tomorrow", "x").problems());
        assertTrue(command(List.of("kiosk-1"), "notice", "info", NOW.minusSeconds(1).toString(), "x").problems().get(0).contains("is not after the time it was issued"));
        assertTrue(command(List.of("kiosk-1"), "notice", "info", NOW.plusSeconds(7 * 86_400 + 1).toString(), "x").problems().get(0).contains("(allowed: up to 7 days)"));
        assertEquals(List.of("notice: text of 0 characters (allowed: 1 to 300)"), command(List.of("kiosk-1"), "notice", "info", until, "  ").problems());
        assertEquals(List.of("notice: text of 301 characters (allowed: 1 to 300)"), command(List.of("kiosk-1"), "notice", "info", until, "长".repeat(301)).problems());
        assertEquals(List.of(), command(List.of("kiosk-1"), "notice", "info", until, "\uD83D\uDE87".repeat(300)).problems(), "characters, not UTF-16 units");
        assertEquals(List.of("notice: text holds control characters (allowed: printable text on one line)"),
                command(List.of("kiosk-1"), "notice", "info", until, "two\nlines").problems());
        assertEquals(List.of("notice: title of 41 characters (allowed: 0 to 40)"), command(List.of("kiosk-1"), "notice", "info", until, "x", "t".repeat(41)).problems());
        assertTrue(command(List.of("kiosk-1"), "cancel-notice").problems().get(0).contains("cancel-notice takes ID"));
        assertTrue(command(List.of("kiosk-1"), "cancel-notice", "Not An Id").problems().get(0).contains("cancel-notice takes ID"));
        Notice n = Notice.of(command(List.of("kiosk-1"), "notice", "warning", until, " 站台变更 ", " 注意 "));
        assertEquals(new Notice("c-1", Notice.Level.WARNING, "注意", "站台变更", NOW.plusSeconds(3600), NOW), n);
    }

    @Test
    void noticesAreOrderedByLevelThenNewestFirst() {
        Instant end = NOW.plusSeconds(3600);
        Notice info = new Notice("a", Notice.Level.INFO, "", "i", end, NOW.plusSeconds(30));
        Notice oldUrgent = new Notice("b", Notice.Level.URGENT, "", "u1", end, NOW);
        Notice newUrgent = new Notice("c", Notice.Level.URGENT, "", "u2", end, NOW.plusSeconds(10));
        Notice warning = new Notice("d", Notice.Level.WARNING, "", "w", end, NOW);
        List<Notice> all = new java.util.ArrayList<>(List.of(info, oldUrgent, warning, newUrgent));
        all.sort(Notice.ORDER);
        assertEquals(List.of(newUrgent, oldUrgent, warning, info), all);
    }

    @Test
    void aSignedCommandOpensOnlyWithATrustedKeyForItsFleet() throws Exception {
        KeyPair operator = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String id = Keys.id(operator.getPublic());
        byte[] signed = command(List.of("kiosk-1"), "show", "qingdao-daily", "3").sign(operator.getPrivate(), id);
        Command c = Command.open(signed, Map.of(id, operator.getPublic()), "qd");
        assertEquals("show qingdao-daily 3", c.line());
        assertEquals(List.of("kiosk-1"), c.targets());
        assertTrue(assertThrows(Manifest.Rejected.class, () -> Command.open(signed, Map.of(id, operator.getPublic()), "other"))
                .getMessage().contains("is for fleet qd, not other"));
        assertTrue(assertThrows(Manifest.Rejected.class, () -> Command.open(signed, Map.of(), "qd")).getMessage().contains("does not trust"));
    }
}
