package newsstand.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.List;
import javax.imageio.ImageIO;
import newsstand.delivery.Topics;
import newsstand.issue.Command;
import newsstand.issue.Keys;
import org.junit.jupiter.api.Test;

/**
 * Station notices through two kiosk processes (simulated panels of 16 greys and of black and white) on a real
 * Mosquitto: the operator's `notice` posts and takes them down; a band across pages and screens; an urgent notice
 * over the rotation, a press away from the page and back after the idle time; kept across a restart, gone at its end
 * by the kiosk's clock (also while the kiosk was off) and on a cancel; forged, replayed, expired and misaddressed ones
 * refused with events.
 */
class NoticeTest extends RemoteCommandTest {
    Path input;

    @Override
    Path config(String device, String model) throws Exception {
        Path config = super.config(device, model);
        if (device.equals("kiosk-a")) {
            input = dir.resolve("buttons.input");
            Files.writeString(input, "");
            Files.writeString(config, Files.readString(config).replace("kiosk.idle.seconds = 600", "kiosk.idle.seconds = 5")
                    + "kiosk.rotate.seconds = 5\nbuttons.input = " + input + "\n");
        }
        return config;
    }

    @Override
    void signedCommandsActOnlyOnTheirTargetsAndEverythingElseIsRefusedWithAReason() {
        // RemoteCommandTest's own, run there.
    }

    Cli notice(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("notice", "--broker", broker.url(), "--fleet", "qd",
                "--key", dir.resolve("keys/operator.key").toString(), "--wait", "20"));
        all.addAll(List.of(args));
        return Cli.run(all.toArray(String[]::new));
    }

    JsonArray notices(String device) {
        JsonObject s = statuses.get(device);
        return s == null || !s.has("notices") ? new JsonArray() : s.getAsJsonArray("notices");
    }

    boolean shows(String device, String id) {
        for (var n : notices(device)) if (n.getAsJsonObject().get("id").getAsString().equals(id)) return true;
        return false;
    }

    /** The last frame the simulated panel of a device drew. */
    BufferedImage lastFrame(String device) throws Exception {
        List<String> log = Files.readAllLines(dir.resolve(device + "-panel/refresh.log"));
        String last = log.get(log.size() - 1);
        return ImageIO.read(dir.resolve(device + "-panel").resolve(last.substring(last.lastIndexOf(' ') + 1)).toFile());
    }

    /** Whether the top of the frame is a band: its second row black from edge to edge (a page's margin is white). */
    static boolean band(BufferedImage img) {
        for (int x = 0; x < img.getWidth(); x++) if ((img.getRGB(x, 1) & 0xff) > 64) return false;
        return true;
    }

    /** The id the `notice` command printed. */
    static String id(Cli posted) {
        return posted.out().replaceFirst("(?s)^notice (\\S+) .*", "$1");
    }

    @Test
    void noticesShowAsBandsAndUrgentScreensAndGoAtTheirEndOrOnACancel() throws Exception {
        a = new KioskProcess(dir, config("kiosk-a", "it8951-6in"), "kiosk-a");
        b = new KioskProcess(dir, config("kiosk-b", "waveshare-7in5-v2"), "kiosk-b");
        a.await("^INFO: kiosk: no issue yet", 30);
        b.await("^INFO: kiosk: no issue yet", 30);
        for (String[] issue : new String[][] {{"qd-1", null, null}, {"hb-1", "hb-evening", "海滨晚报"}}) {
            assertEquals(0, Cli.run("publish", "--broker", broker.url(), "--fleet", "qd", "--key", dir.resolve("keys/operator.key").toString(),
                    "--issue", TestIssues.write(dir.resolve(issue[0]), issue[0], issue[1], issue[2], 0).toString()).exit());
        }
        for (String k : List.of("kiosk-a", "kiosk-b")) {
            DeliveryTest.await(k + " shows a front page", 60, () -> "page".equals(field(k, "screen")) && "1".equals(field(k, "page")));
            DeliveryTest.await(k + " has both titles", 60, () -> statuses.get(k).getAsJsonArray("titles").size() == 2);
        }
        assertFalse(band(lastFrame("kiosk-b")), "no band before a notice");

        // Bad input: named, with what is allowed, and nothing sent.
        Cli late = notice("--text", "x", "--until", "8d");
        assertEquals(Newsstand.BAD_INPUT, late.exit(), late.err());
        assertTrue(late.err().contains("--until '8d'") && late.err().contains("is more than 7 days ahead"), late.err());
        Cli level = notice("--text", "x", "--until", "1h", "--level", "loud");
        assertTrue(level.exit() != 0 && level.err().contains("--level 'loud' is not allowed (allowed: info, warning, urgent)"), level.err());
        Cli tooLong = notice("--text", "长".repeat(301), "--until", "1h");
        assertTrue(tooLong.exit() != 0 && tooLong.err().contains("--text of 301 characters is not allowed (allowed: 1 to 300)"), tooLong.err());

        // info to every kiosk: a band across the page on both panels, in the status.
        Cli info = notice("--text", "本站B出口电梯维修至周五。The lift at exit B is under repair.", "--until", "10m");
        assertEquals(0, info.exit(), info.out() + info.err());
        String infoId = id(info);
        assertTrue(info.out().contains("newsstand notice --cancel " + infoId), info.out());
        assertTrue(info.out().matches("(?s).*\\nkiosk-a +done +notice " + infoId + " \\(info\\).*") && info.out().matches("(?s).*\\nkiosk-b +done .*"), info.out());
        for (String k : List.of("kiosk-a", "kiosk-b")) {
            DeliveryTest.await(k + " reports the notice", 10, () -> shows(k, infoId));
            JsonObject n = notices(k).get(0).getAsJsonObject();
            assertEquals("info", n.get("level").getAsString());
            assertTrue(n.get("text").getAsString().startsWith("本站B出口"), n.toString());
            assertTrue(Instant.parse(n.get("until").getAsString()).isAfter(Instant.now().plusSeconds(500)), n.toString());
            assertTrue(band(lastFrame(k)), k + ": a band across the page");
        }
        // ... and across the kiosk's other screens: the home screen.
        KioskProcessTest.press(input, "home");
        DeliveryTest.await("kiosk-a shows the home screen", 10, () -> "home".equals(field("kiosk-a", "screen")));
        assertTrue(band(lastFrame("kiosk-a")), "a band across the home screen");

        // urgent, once kiosk-a rotates: it covers the screen within 5 s of being sent, and the rotation stops under it.
        a.await("^INFO: kiosk: no press for 5 s", 20);
        PrivateKey key = Keys.readPrivate(dir.resolve("keys/operator.key"));
        String keyId = Keys.id(Keys.readPublic(dir.resolve("keys/operator.pub")));
        Instant now = Instant.now();
        byte[] urgent = command("n-urgent", now, now.plusSeconds(600), List.of("kiosk-a"), "notice", "urgent", now.plusSeconds(600).toString(),
                "2号线停运，请改乘公交。Line 2 suspended; take the bus.", "2号线停运").sign(key, keyId);
        long sent = System.nanoTime();
        publish("kiosk-a", urgent);
        DeliveryTest.await("the urgent notice over kiosk-a's screen", 10, () -> "notice".equals(field("kiosk-a", "screen")));
        long tookMs = (System.nanoTime() - sent) / 1_000_000;
        System.out.println("urgent notice over the screen " + tookMs + " ms after it was sent");
        assertTrue(tookMs < 5_000, "took " + tookMs + " ms");
        assertEquals("done", answer("kiosk-a", "n-urgent").get("result").getAsString());
        assertEquals("urgent", notices("kiosk-a").get(0).getAsJsonObject().get("level").getAsString(), "urgent first, then info");
        assertEquals(infoId, notices("kiosk-a").get(1).getAsJsonObject().get("id").getAsString());
        int frames = Files.readAllLines(dir.resolve("kiosk-a-panel/refresh.log")).size();
        Mosquitto.sleep(12_000); // two rotations' time
        assertEquals("notice", field("kiosk-a", "screen"), "the rotation took the urgent notice away");
        assertEquals(frames, Files.readAllLines(dir.resolve("kiosk-a-panel/refresh.log")).size(), "drawn again under the notice");
        assertFalse(b.log().contains("urgent notice"), "kiosk-b was not addressed");

        // A press: the page, with the urgent notice in its band; after the idle time the notice again.
        KioskProcessTest.press(input, "next");
        DeliveryTest.await("a press shows the page", 10, () -> "page".equals(field("kiosk-a", "screen")));
        assertTrue(band(lastFrame("kiosk-a")), "the band on the page");
        DeliveryTest.await("the notice back after the idle time", 15, () -> "notice".equals(field("kiosk-a", "screen")));

        // Refused, each with an event, and nothing shown: replayed, expired, misaddressed, forged.
        publish("kiosk-a", urgent);
        assertRefused("kiosk-a", "n-urgent", "was taken before");
        publish("kiosk-a", command("n-expired", now.minusSeconds(7200), now.minusSeconds(3600), List.of("kiosk-a"), "notice", "info",
                now.minusSeconds(3600).toString(), "old news").sign(key, keyId));
        assertRefused("kiosk-a", "n-expired", "expired at");
        publish("kiosk-a", command("n-elsewhere", now, now.plusSeconds(600), List.of("kiosk-b"), "notice", "info",
                now.plusSeconds(600).toString(), "for b").sign(key, keyId));
        assertRefused("kiosk-a", "n-elsewhere", "is addressed to kiosk-b");
        String signed = new String(command("n-forged", now, now.plusSeconds(600), List.of("kiosk-a"), "notice", "info",
                now.plusSeconds(600).toString(), "genuine").sign(key, keyId), StandardCharsets.UTF_8);
        JsonObject env = com.google.gson.JsonParser.parseString(signed).getAsJsonObject();
        String doc = new String(java.util.Base64.getDecoder().decode(env.get("command").getAsString()), StandardCharsets.UTF_8);
        env.addProperty("command", java.util.Base64.getEncoder().encodeToString(doc.replace("genuine", "forged!").getBytes(StandardCharsets.UTF_8)));
        publish("kiosk-a", env.toString().getBytes(StandardCharsets.UTF_8));
        assertRefusedNoId("kiosk-a", "signature does not match");
        PrivateKey stranger = Keys.readPrivate(dir.resolve("other-keys/operator.key"));
        publish(Topics.ALL, command("n-stranger", now, now.plusSeconds(600), List.of(Command.ALL), "notice", "urgent",
                now.plusSeconds(600).toString(), "a stranger's").sign(stranger, Keys.id(Keys.readPublic(dir.resolve("other-keys/operator.pub")))));
        assertRefusedNoId("kiosk-a", "which this kiosk does not trust");
        Mosquitto.sleep(500);
        assertEquals(2, notices("kiosk-a").size(), notices("kiosk-a").toString());

        // Kept across a restart: the urgent notice covers the screen again at the start.
        a.kill();
        a = new KioskProcess(dir, dir.resolve("kiosk-a.properties"), "kiosk-a-2");
        a.await("^INFO: kiosk: 2 notice\\(s\\) in force", 30);
        DeliveryTest.await("kiosk-a back, under its notice", 30, () -> "true".equals(field("kiosk-a", "online")) && "notice".equals(field("kiosk-a", "screen")));

        // A cancel: the page again, the info band still on it.
        Cli cancel = notice("--cancel", "n-urgent", "--device", "kiosk-a");
        assertEquals(0, cancel.exit(), cancel.out() + cancel.err());
        assertTrue(cancel.out().matches("(?s).*kiosk-a +done +notice n-urgent taken down.*"), cancel.out());
        DeliveryTest.await("kiosk-a shows a page again", 10, () -> "page".equals(field("kiosk-a", "screen")) && notices("kiosk-a").size() == 1);
        assertTrue(band(lastFrame("kiosk-a")), "the info band still");

        // At its end by the kiosk's clock: a warning for 6 s on kiosk-b.
        Cli warning = notice("--text", "站台变更至3号站台。Platform moved to 3.", "--until", "6s", "--level", "warning", "--device", "kiosk-b");
        assertEquals(0, warning.exit(), warning.out() + warning.err());
        String warningId = id(warning);
        DeliveryTest.await("kiosk-b reports the warning first", 10, () -> notices("kiosk-b").size() == 2
                && "warning".equals(notices("kiosk-b").get(0).getAsJsonObject().get("level").getAsString()));
        b.await("^INFO: kiosk: 1 notice\\(s\\) ran out", 15);
        DeliveryTest.await("the warning gone from kiosk-b's status", 10, () -> !shows("kiosk-b", warningId) && shows("kiosk-b", infoId));

        // ... also while the kiosk is off: an urgent notice of 8 s, kiosk-b killed under it, started after its end.
        Cli brief = notice("--text", "短暂通知 Brief", "--until", "8s", "--level", "urgent", "--device", "kiosk-b");
        assertEquals(0, brief.exit(), brief.out() + brief.err());
        DeliveryTest.await("kiosk-b under the brief notice", 10, () -> "notice".equals(field("kiosk-b", "screen")));
        b.kill();
        Mosquitto.sleep(8_000);
        b = new KioskProcess(dir, dir.resolve("kiosk-b.properties"), "kiosk-b-2");
        b.await("^INFO: kiosk: 1 notice\\(s\\) ran out", 30);
        DeliveryTest.await("kiosk-b back on its page with the info band only", 30, () -> "true".equals(field("kiosk-b", "online"))
                && "page".equals(field("kiosk-b", "screen")) && notices("kiosk-b").size() == 1 && shows("kiosk-b", infoId));

        // The info notice cancelled on every kiosk: no band any more.
        Cli all = notice("--cancel", infoId);
        assertEquals(0, all.exit(), all.out() + all.err());
        for (String k : List.of("kiosk-a", "kiosk-b")) {
            DeliveryTest.await(k + " without notices", 10, () -> notices(k).isEmpty());
            assertFalse(band(lastFrame(k)), k + ": the band gone");
        }
        Cli again = notice("--cancel", infoId, "--device", "kiosk-a");
        assertEquals(0, again.exit(), again.out());
        assertTrue(again.out().contains("is not on this kiosk"), again.out());
    }
}
