package newsstand.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.net.SocketTimeoutException;
import java.util.Random;
import org.eclipse.paho.mqttv5.client.internal.MqttState;
import org.eclipse.paho.mqttv5.client.wire.MqttInputStream;
import org.eclipse.paho.mqttv5.common.packet.MqttPubAck;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.MqttPublish;
import org.eclipse.paho.mqttv5.common.packet.MqttWireMessage;
import org.eclipse.paho.mqttv5.common.packet.util.CountingInputStream;
import org.junit.jupiter.api.Test;

/**
 * The device jar's copies of Paho's CountingInputStream and MqttInputStream (src/paho): loaded instead of Paho's,
 * reading in bulk, decoding as Paho's did, a packet split by the socket's read timeout included.
 */
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

    @Test
    void packetsReadFromTheConnectionDecodeAsPahosDidAcrossReadTimeouts() throws Exception {
        assertTrue(MqttInputStream.class.getProtectionDomain().getCodeSource().getLocation().toString().contains("device-app"),
                "loaded from " + MqttInputStream.class.getProtectionDomain().getCodeSource().getLocation());
        byte[] payload = new byte[65536];
        new Random(7).nextBytes(payload);
        MqttPublish sent = new MqttPublish("newsstand/qd/chunks/qd-1/7/3", new MqttMessage(payload, 1, true, null), new MqttProperties());
        sent.setMessageId(4242);
        MqttPubAck ack = new MqttPubAck(0, 17, new MqttProperties());
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.write(sent.getHeader());
        wire.write(sent.getPayload());
        wire.write(ack.getHeader());
        wire.write(ack.getPayload());
        wire.write(sent.getHeader());
        wire.write(sent.getPayload());
        byte[] bytes = wire.toByteArray();
        long[] counted = new long[1];
        MqttState state = (MqttState) Proxy.newProxyInstance(MqttState.class.getClassLoader(), new Class<?>[] {MqttState.class}, (p, m, a) -> {
            if (m.getName().equals("notifyReceivedBytes")) counted[0] += (Integer) a[0];
            return null;
        });
        // A connection that times out after every 5,000 bytes (and in the first fixed header's wake), as a socket
        // with a read timeout does when a packet comes slowly.
        InputStream slow = new InputStream() {
            int at, sinceTimeout;

            @Override
            public int read() throws IOException {
                return at < bytes.length ? bytes[at++] & 0xFF : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (at == bytes.length) return -1;
                if (sinceTimeout >= 5000) {
                    sinceTimeout = 0;
                    throw new SocketTimeoutException("read timed out");
                }
                int n = Math.min(Math.min(len, 5000 - sinceTimeout), bytes.length - at);
                System.arraycopy(bytes, at, b, off, n);
                at += n;
                sinceTimeout += n;
                return n;
            }
        };
        MqttInputStream in = new MqttInputStream(state, slow, "test");
        java.util.List<MqttWireMessage> got = new java.util.ArrayList<>();
        int nulls = 0;
        while (got.size() < 3) {
            MqttWireMessage m = in.readMqttWireMessage();
            if (m == null) nulls++;
            else got.add(m);
        }
        assertTrue(nulls >= 20, "timeouts: " + nulls);
        // Counted as Paho's counts: every byte but the remaining lengths' (3 for each 64 KiB PUBLISH, 1 for the PUBACK).
        assertEquals(bytes.length - 7, counted[0]);
        for (int i : new int[] {0, 2}) {
            MqttPublish p = (MqttPublish) got.get(i);
            assertEquals("newsstand/qd/chunks/qd-1/7/3", p.getTopicName());
            assertEquals(4242, p.getMessageId());
            assertEquals(1, p.getMessage().getQos());
            assertTrue(p.getMessage().isRetained());
            assertArrayEquals(payload, p.getMessage().getPayload());
        }
        assertEquals(17, ((MqttPubAck) got.get(1)).getMessageId());
    }
}
