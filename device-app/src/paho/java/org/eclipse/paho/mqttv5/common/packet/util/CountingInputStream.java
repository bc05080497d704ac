package org.eclipse.paho.mqttv5.common.packet.util;

import java.io.IOException;
import java.io.InputStream;

/**
 * Paho 1.2.5's stream that counts the bytes read (every MQTT 5 packet is decoded through it), with the bulk read it
 * lacks; the device jar takes this one and leaves Paho's out (pom.xml: compiled apart from the module, and the shade's
 * filter). Paho's has {@code read()} alone, so a PUBLISH's payload was copied a byte at a time, twice
 * (MqttWireMessage.createWireMessage, then MqttPublish's readFully), each byte through two virtual calls and
 * ByteArrayInputStream's lock: on the kiosk's C1-only JVM most of the 200 ms of CPU that Paho's receiving thread spent
 * on a 5.6 MB issue (DeliveryBenchmark, with {@code -Ddelivery.threads=true}). Same constructor, methods and counting.
 */
public class CountingInputStream extends InputStream {
    private final InputStream inputStream;
    private int counter;

    /** Counts what is read from inputStream. */
    public CountingInputStream(InputStream inputStream) {
        this.inputStream = inputStream;
    }

    @Override
    public int read() throws IOException {
        int i = inputStream.read();
        if (i != -1) counter++;
        return i;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = inputStream.read(b, off, len);
        if (n > 0) counter += n;
        return n;
    }

    /** The bytes read since the last reset. */
    public int getCounter() {
        return counter;
    }

    public void resetCounter() {
        counter = 0;
    }
}
