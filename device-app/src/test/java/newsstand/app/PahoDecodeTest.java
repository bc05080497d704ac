package newsstand.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Random;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.MqttPublish;
import org.eclipse.paho.mqttv5.common.packet.MqttWireMessage;
import org.eclipse.paho.mqttv5.common.packet.util.CountingInputStream;
import org.junit.jupiter.api.Test;

/** The device jar's copy of Paho's CountingInputStream (src/paho): loaded instead of Paho's, reading in bulk, decoding as Paho's did. */
class PahoDecodeTest {
    @Test
    void theCountingStreamLoadedIsOursAndReadsInBulk() throws Exception {
        int[] singleReads = new int[1];
        ByteArrayInputStream bytes = new ByteArrayInputStream(new byte[65536]) {
            @Override
            public synchronized int read() {
                singleReads[0]++;
                return super.read();
            }
        };
        CountingInputStream counting = new CountingInputStream(bytes);
        assertEquals(65536, counting.readNBytes(new byte[65536], 0, 65536));
        assertEquals(65536, counting.getCounter());
        assertEquals(0, singleReads[0], "a byte at a time: Paho's own class was loaded, not src/paho's");
        assertTrue(CountingInputStream.class.getProtectionDomain().getCodeSource().getLocation().toString().contains("device-app"),
                "loaded from " + CountingInputStream.class.getProtectionDomain().getCodeSource().getLocation());
    }

    @Test
    void aChunksPublishDecodesToItsTopicIdAndPayload() throws Exception {
        byte[] payload = new byte[65536];
        new Random(35).nextBytes(payload);
        MqttPublish sent = new MqttPublish("newsstand/qd/chunks/qd-1/7/3", new MqttMessage(payload, 1, true, null), new MqttProperties());
        sent.setMessageId(4242);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.write(sent.getHeader());
        wire.write(sent.getPayload());
        MqttPublish got = (MqttPublish) MqttWireMessage.createWireMessage(wire.toByteArray());
        assertEquals("newsstand/qd/chunks/qd-1/7/3", got.getTopicName());
        assertEquals(4242, got.getMessageId());
        assertEquals(1, got.getMessage().getQos());
        assertArrayEquals(payload, got.getMessage().getPayload());
    }
}
