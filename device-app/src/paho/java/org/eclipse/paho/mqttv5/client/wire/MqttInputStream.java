package org.eclipse.paho.mqttv5.client.wire;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.internal.MqttState;
import org.eclipse.paho.mqttv5.client.logging.Logger;
import org.eclipse.paho.mqttv5.client.logging.LoggerFactory;
import org.eclipse.paho.mqttv5.common.ExceptionHelper;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.packet.MqttDataTypes;
import org.eclipse.paho.mqttv5.common.packet.MqttPublish;
import org.eclipse.paho.mqttv5.common.packet.MqttWireMessage;

/**
 * Paho 1.2.5's reader of whole MQTT packets from the connection (its receiving thread calls {@link
 * #readMqttWireMessage}), with one copy of a PUBLISH less; the device jar takes this one and leaves Paho's out
 * (pom.xml, as for CountingInputStream). Paho's reads a packet into one array, header and all, and hands it to
 * MqttWireMessage.createWireMessage, which copies the remaining bytes into an array of their own before
 * MqttPublish copies the payload out of that: three arrays the size of a 64 KiB chunk for each one, in a young
 * generation of 2 MB. This one reads a PUBLISH's remaining bytes straight into the array MqttPublish decodes (what
 * createWireMessage would have made of it: MqttPublish's own constructor, its decoding errors wrapped in an
 * MqttException as there); every other packet goes through createWireMessage as before. Same constructor, methods,
 * checks (type, reserved bits, the incoming maximum packet size) and byte counting; a read that times out keeps what
 * it had read, and the next call goes on from there, as Paho's does.
 */
public class MqttInputStream extends InputStream {
    private static final String CLASS_NAME = MqttInputStream.class.getName();

    private final Logger log = LoggerFactory.getLogger(LoggerFactory.MQTT_CLIENT_MSG_CAT, CLASS_NAME);
    private final MqttState clientState;
    private final DataInputStream in;
    /** The packet's first byte, and its remaining length (-1: between packets). */
    private byte first;
    private int remLen = -1;
    /** The remaining bytes (after the fixed header), and how many of them have been read. */
    private byte[] rest;
    private int restLen;

    public MqttInputStream(MqttState clientState, InputStream in, String clientId) {
        this.clientState = clientState;
        this.in = new DataInputStream(in);
        log.setResourceName(clientId);
    }

    @Override
    public int read() throws IOException {
        return in.read();
    }

    @Override
    public int available() throws IOException {
        return in.available();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /**
     * The next packet, or null where the socket's read timed out first (call again: the packet read so far is kept).
     * The fixed header is taken as read whole or not at all, as in Paho's.
     */
    public MqttWireMessage readMqttWireMessage() throws IOException, MqttException {
        MqttWireMessage message = null;
        try {
            if (remLen < 0) {
                first = in.readByte();
                clientState.notifyReceivedBytes(1);
                byte type = (byte) ((first >>> 4) & 0x0F);
                if (type < MqttWireMessage.MESSAGE_TYPE_CONNECT || type > MqttWireMessage.MESSAGE_TYPE_AUTH) {
                    throw ExceptionHelper.createMqttException(MqttClientException.REASON_CODE_INVALID_MESSAGE);
                }
                MqttWireMessage.validateReservedBits(type, (byte) (first & 0x0F));
                int length = MqttDataTypes.readVariableByteInteger(in).getValue();
                Long maximum = clientState.getIncomingMaximumPacketSize();
                if (maximum != null && 1 + MqttWireMessage.encodeVariableByteInteger(length).length + (long) length > maximum) {
                    throw ExceptionHelper.createMqttException(MqttClientException.REASON_CODE_INCOMING_PACKET_TOO_LARGE);
                }
                remLen = length;
                rest = new byte[length];
                restLen = 0;
            }
            readRest();
            remLen = -1;
            byte[] bytes = rest;
            rest = null;
            message = decode(first, bytes);
            log.fine(CLASS_NAME, "readMqttWireMessage", "530", new Object[] {message});
        } catch (SocketTimeoutException e) {
            // the rest of the packet on the next call
        }
        return message;
    }

    /** A PUBLISH decoded from its remaining bytes as createWireMessage would; any other packet by createWireMessage. */
    private static MqttWireMessage decode(byte first, byte[] rest) throws MqttException {
        if (((first >>> 4) & 0x0F) == MqttWireMessage.MESSAGE_TYPE_PUBLISH) {
            try {
                return new MqttPublish((byte) (first & 0x0F), rest);
            } catch (IOException e) {
                throw new MqttException(e);
            }
        }
        byte[] length = MqttWireMessage.encodeVariableByteInteger(rest.length);
        byte[] packet = new byte[1 + length.length + rest.length];
        packet[0] = first;
        System.arraycopy(length, 0, packet, 1, length.length);
        System.arraycopy(rest, 0, packet, 1 + length.length, rest.length);
        return MqttWireMessage.createWireMessage(packet);
    }

    /** Reads the remaining bytes not read yet; a timeout keeps the count of those read. */
    private void readRest() throws IOException {
        while (restLen < remLen) {
            int count = in.read(rest, restLen, remLen - restLen); // a timeout leaves restLen as far as it got
            if (count < 0) throw new EOFException();
            clientState.notifyReceivedBytes(count);
            restLen += count;
        }
    }
}
