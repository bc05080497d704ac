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
        assertTrue(command(List.of("kiosk-1"), "reboot").problems().get(0).contains("(allowed: show, refresh, resync, screenshot, set, restart, clear)"));
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
