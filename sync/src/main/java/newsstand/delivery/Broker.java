package newsstand.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import newsstand.config.DeviceConfig;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttSecurityException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Where and how to reach the broker: a tcp:// or ssl:// URL, an optional user name and password, and for TLS an
 * optional CA certificate (PEM) to trust instead of the system's CAs. MQTT 3.1.1, through Paho.
 */
public record Broker(String url, String username, String password, Path caFile) {
    public Broker {
        if (!DeviceConfig.Mqtt.validUrl(url)) {
            throw new IllegalArgumentException("broker '" + url + "' (allowed: tcp://HOST:PORT or ssl://HOST:PORT)");
        }
    }

    /** An unconnected client; Paho keeps in-flight messages in memory (the device's outbox is in SQLite). */
    MqttAsyncClient client(String clientId) throws DeliveryException {
        try {
            return new MqttAsyncClient(url, clientId, new MemoryPersistence());
        } catch (MqttException | IllegalArgumentException e) {
            throw new DeliveryException("broker " + url + ": " + e.getMessage(), e);
        }
    }

    /** Connect options: MQTT 3.1.1, our own reconnects (Paho's have no jitter), credentials and TLS as configured. */
    MqttConnectOptions options(boolean cleanSession, int keepAliveSeconds) throws DeliveryException {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setCleanSession(cleanSession);
        o.setAutomaticReconnect(false);
        o.setKeepAliveInterval(keepAliveSeconds);
        o.setConnectionTimeout(10);
        o.setMaxInflight(16);
        if (username != null) o.setUserName(username);
        if (password != null) o.setPassword(password.toCharArray());
        if (url.startsWith("ssl:") && caFile != null) o.setSocketFactory(trusting(caFile).getSocketFactory());
        return o;
    }

    private static SSLContext trusting(Path caFile) throws DeliveryException {
        try (InputStream in = Files.newInputStream(caFile)) {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int n = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) ks.setCertificateEntry("ca" + n++, c);
            if (n == 0) throw new DeliveryException(caFile + ": no certificate in it (allowed: a PEM CA certificate)");
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLSv1.2");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new DeliveryException(caFile + ": not a usable CA certificate (allowed: PEM X.509): " + e.getMessage(), e);
        }
    }

    /** What went wrong connecting, in words an operator or technician can act on. */
    String explain(Throwable e) {
        if (e instanceof MqttSecurityException s) {
            // Mosquitto answers a wrong password with "not authorized" (5) under MQTT 3.1.1, not with 4.
            return switch (s.getReasonCode()) {
                case MqttException.REASON_CODE_FAILED_AUTHENTICATION, MqttException.REASON_CODE_NOT_AUTHORIZED -> "broker " + url
                        + " refused user name or password" + (username == null ? " (none was given)" : " for user '" + username + "'")
                        + " (check mqtt.username and mqtt.password, and the broker's password file)";
                default -> "broker " + url + ": " + s.getMessage();
            };
        }
        if (e instanceof MqttException m && m.getReasonCode() == MqttException.REASON_CODE_SERVER_CONNECT_ERROR) {
            Throwable cause = m.getCause();
            return "broker " + url + " cannot be reached" + (cause != null ? ": " + cause : "");
        }
        if (e instanceof MqttException m && m.getCause() instanceof javax.net.ssl.SSLException ssl) {
            return "broker " + url + ": TLS failed: " + ssl.getMessage();
        }
        return "broker " + url + ": " + e.getMessage() + (e.getCause() != null ? " (" + e.getCause() + ")" : "");
    }
}
