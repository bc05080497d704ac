package newsstand.display.pi4j;

import static org.junit.jupiter.api.Assertions.*;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import com.pi4j.plugin.mock.provider.spi.MockSpi;
import com.pi4j.plugin.mock.provider.spi.MockSpiProvider;
import java.util.Arrays;
import newsstand.config.PanelModel;
import newsstand.config.PanelWiring;
import newsstand.display.Framebuffer;
import newsstand.display.PanelException;
import newsstand.display.RefreshMode;
import newsstand.display.Region;
import newsstand.display.uc8179.Uc8179;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Pi4J wires under the UC8179 driver, with Pi4J's own mock providers in place of linuxfs and gpiod. */
class Pi4jIoTest {
    static final PanelModel MODEL = PanelModel.WAVESHARE_7IN5_V2;
    Context pi4j;
    Pi4jIo io;

    @BeforeEach
    void open() {
        pi4j = Pi4J.newContextBuilder().noAutoDetect()
                .add(MockSpiProvider.newInstance(), MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance())
                .build();
        io = new Pi4jIo(pi4j, MODEL.hat(), MockSpiProvider.ID, MockDigitalInputProvider.ID, MockDigitalOutputProvider.ID, 4096);
    }

    @AfterEach
    void close() {
        pi4j.shutdown();
    }

    @Test
    void theDriversBytesReachSpiAndTheLinesFollowTheWiring() throws Exception {
        MockDigitalInput busy = pi4j.registry().get("panel-ready", MockDigitalInput.class);
        busy.mockState(DigitalState.HIGH); // idle
        Framebuffer white = new Framebuffer(800, 480, 2);
        white.fill(255);
        new Uc8179(io, MODEL).refresh(white, Region.of(white), RefreshMode.FULL);
        byte[] sent = pi4j.registry().get("panel-spi", MockSpi.class).readEntireMockBuffer();
        // The init's first bytes (power setting 01 07 07 3F 3F, booster 06 ...), then both planes and the refresh.
        assertArrayEquals(new byte[] {0x01, 0x07, 0x07, 0x3F, 0x3F, 0x06, 0x17, 0x17, 0x28, 0x17}, Arrays.copyOf(sent, 10));
        int init = 5 + 5 + 1 + 2 + 5 + 2 + 3 + 2; // 01, 06, 04, 00, 61, 15, 50, 60 with their data
        assertEquals(init + 1 + 48000 + 1 + 48000 + 1, sent.length);
        assertEquals(0x12, sent[sent.length - 1]);
        DigitalOutput dc = pi4j.registry().get("panel-dc", DigitalOutput.class);
        DigitalOutput reset = pi4j.registry().get("panel-reset", DigitalOutput.class);
        assertEquals(25, dc.address().intValue());
        assertEquals(17, reset.address().intValue());
        assertEquals(DigitalState.HIGH, reset.state(), "out of reset");
        assertEquals(24, busy.address().intValue());
    }

    @Test
    void aBusyLineLeftLowTimesOutNamingIt() {
        // Pi4J's mock input starts low: a controller that never answers.
        Framebuffer white = new Framebuffer(800, 480, 2);
        PanelException e = assertThrows(PanelException.class, () -> new Uc8179(io, MODEL, 50).refresh(white, Region.of(white), RefreshMode.FULL));
        assertTrue(e.getMessage().startsWith("waveshare-7in5-v2: BUSY stayed low"), e.getMessage());
    }
}
