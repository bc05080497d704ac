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
import newsstand.issue.Manifest;
import newsstand.config.DeviceConfig;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttSecurityException;

/**
 * Where and how to reach the broker: a tcp:// or ssl:// URL, an optional user name and password, and for TLS an
 * optional CA certificate (PEM) to trust instead of the system's CAs. Both sides speak MQTT 5 through Paho's v5
 * client: the kiosk's persistent session (it declares the largest packet it takes) and the operator's desk.
 */
public record Broker(String url, String username, String password, Path caFile) {
    /**
     * The largest MQTT packet a kiosk takes: a manifest envelope at its limit with its topic and properties. The
     * broker drops anything larger for the kiosk (MQTT 5's Maximum Packet Size) instead of sending it.
     */
    public static final long MAX_PACKET_BYTES = Manifest.MAX_ENVELOPE_BYTES + 8192;
    /**
     * QoS 1 messages the broker may have in flight to a kiosk at once: their bytes are the kiosk's to hold (8 chunks,
     * 512 KiB), and the window of chunks the kiosk asks for at once.
     */
    public static final int RECEIVE_MAXIMUM = 8;
    /** How long the broker keeps a kiosk's session (its subscriptions and queued messages) while it is away. */
    public static final long SESSION_EXPIRY_S = 7L * 24 * 3600;

    public Broker {
        if (!DeviceConfig.Mqtt.validUrl(url)) {
            throw new IllegalArgumentException("broker '" + url + "' (allowed: tcp://HOST:PORT or ssl://HOST:PORT, several separated by ',')");
        }
    }

    /** The brokers, in the order they are tried: one, or those of a cluster (mqtt.url = URL,URL,...). */
    public java.util.List<String> urls() {
        return java.util.Arrays.stream(url.split(",")).map(String::strip).toList();
    }

    private String first() {
        return urls().get(0);
    }

    /** Paho tries the URIs in order at each connect: a kiosk whose broker died takes the next one of the cluster. */
    private String[] serverUris() {
        return urls().size() > 1 ? urls().toArray(String[]::new) : null;
    }

    /** What a probe of the broker found: how long the connect took, and the fleet's retained manifests it could read. */
    public record Reached(long connectMs, int manifests) {}

    /**
     * Connects as the kiosk would (credentials, TLS), reads the fleet's retained manifests for a moment and leaves
     * (`newsstand doctor`). Gives up after timeoutSeconds with a DeliveryException naming what failed. The client id
     * is the kiosk's own with "-doctor" added; on a broker that takes the user name as the client id, this takes over
     * the kiosk's session for a moment (the kiosk connects again and reads the retained messages anew).
     */
    public Reached probe(String fleet, String device, int timeoutSeconds) throws DeliveryException {
        long start = System.nanoTime();
        MqttAsyncClient client = client("newsstand-" + fleet + "-" + device + "-doctor");
        try {
            MqttConnectionOptions o = deskOptions(30);
            o.setConnectionTimeout(timeoutSeconds);
            client.connect(o).waitForCompletion(timeoutSeconds * 1000L);
            long connectMs = (System.nanoTime() - start) / 1_000_000;
            java.util.concurrent.atomic.AtomicInteger manifests = new java.util.concurrent.atomic.AtomicInteger();
            client.setCallback(new Arrivals((t, m) -> {
                if (m.getPayload().length > 0) manifests.incrementAndGet();
            }));
            IMqttToken sub = client.subscribe(Topics.manifests(fleet), 1);
            sub.waitForCompletion(timeoutSeconds * 1000L);
            int[] granted = sub.getReasonCodes();
            if (granted != null && granted.length > 0 && granted[0] >= 0x80) {
                throw new DeliveryException("broker " + url + ": " + (username == null ? "an anonymous client" : "user " + username)
                        + " may not read " + Topics.manifests(fleet) + " (the broker's ACL; allowed: the fleet's issues, chunks and high-water)");
            }
            Thread.sleep(700); // retained messages follow the subscription's acknowledgement at once
            client.disconnect(1000).waitForCompletion(2000);
            return new Reached(connectMs, manifests.get());
        } catch (MqttException e) {
            throw new DeliveryException(explain(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("broker " + url + ": interrupted", e);
        } finally {
            try {
                client.close(true);
            } catch (MqttException e) {
                // nothing more to release
            }
        }
    }

    /** Whether a TCP connection to the broker opens within timeoutMs (without logging in); the failure when not. */
    public String tcpProblem(int timeoutMs) {
        StringBuilder problems = new StringBuilder();
        for (String one : urls()) {
            java.net.URI u = java.net.URI.create(one);
            int port = u.getPort() > 0 ? u.getPort() : one.startsWith("ssl:") ? 8883 : 1883;
            try (java.net.Socket s = new java.net.Socket()) {
                s.connect(new java.net.InetSocketAddress(u.getHost(), port), timeoutMs);
                return null;
            } catch (java.io.IOException e) {
                problems.append(problems.length() == 0 ? "" : "; ").append(u.getHost()).append(':').append(port).append(": ").append(e.getMessage());
            }
        }
        return problems.toString();
    }

    /**
     * An unconnected MQTT 5 client, the kiosk's or the desk's; in-flight messages in memory (the kiosk's outbox is in
     * SQLite).
     */
    public MqttAsyncClient client(String clientId) throws DeliveryException {
        try {
            return new MqttAsyncClient(first(), clientId, new MemoryPersistence());
        } catch (MqttException | IllegalArgumentException e) {
            throw new DeliveryException("broker " + url + ": " + e.getMessage(), e);
        }
    }

    /**
     * The kiosk's session: MQTT 5, clean start off and the session kept a week, our own reconnects, the largest
     * packet and the in-flight messages it takes declared, credentials and TLS as configured.
     */
    MqttConnectionOptions sessionOptions(int keepAliveSeconds) throws DeliveryException {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(SESSION_EXPIRY_S);
        o.setAutomaticReconnect(false);
        o.setKeepAliveInterval(keepAliveSeconds);
        o.setConnectionTimeout(10);
        o.setMaximumPacketSize(MAX_PACKET_BYTES);
        o.setReceiveMaximum(RECEIVE_MAXIMUM);
        credentials(o);
        return o;
    }

    /**
     * The desk's connection: MQTT 5, a clean start and no session kept, our own reconnects (none), credentials and TLS
     * as configured.
     */
    public MqttConnectionOptions deskOptions(int keepAliveSeconds) throws DeliveryException {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setAutomaticReconnect(false);
        o.setKeepAliveInterval(keepAliveSeconds);
        o.setConnectionTimeout(10);
        credentials(o);
        return o;
    }

    private void credentials(MqttConnectionOptions o) throws DeliveryException {
        if (username != null) o.setUserName(username);
        if (password != null) o.setPassword(password.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (url.contains("ssl:") && caFile != null) o.setSocketFactory(trusting(caFile).getSocketFactory());
        if (serverUris() != null) o.setServerURIs(serverUris());
    }

    /** Why the broker ended a kiosk's session, in words a technician can act on. */
    static String explainDisconnect(MqttDisconnectResponse r) {
        if (r == null) return "connection closed";
        // A DISCONNECT from the broker comes as the response's code, or as its exception's (Paho wraps the packet).
        int code = r.getReturnCode() != 0 ? r.getReturnCode() : r.getException() != null ? r.getException().getReasonCode() : 0;
        String reason = switch (code) {
            case 0x8E -> "the session was taken over by another client with this kiosk's client id (check that no two kiosks share a "
                    + "device.id, and the broker's use_username_as_clientid)";
            case 0x95 -> "the broker refused a packet as too large";
            case 0x87 -> "not authorized";
            case 0x8B -> "the broker is shutting down";
            default -> code > 0 && code < 0x100 ? "reason code 0x" + Integer.toHexString(code) : null;
        };
        String why = r.getException() != null ? String.valueOf(r.getException().getMessage()) : null;
        if (reason == null) return why == null ? "connection closed" : why;
        return reason + (r.getReasonString() != null ? ": " + r.getReasonString() : "");
    }

    /** What went wrong talking to the broker, in words a technician can act on: the kiosk's settings named. */
    public String explain(Throwable e) {
        return explain(e, KIOSK);
    }

    /** What went wrong talking to the broker, in words an operator can act on: the desk tools' options named. */
    public String explainToOperator(Throwable e) {
        return explain(e, OPERATOR);
    }

    /** Where the user name, the password and the CA are given: the kiosk's settings or the operator's options. */
    private record Givers(String username, String password, String ca, String trusting) {}

    private static final Givers KIOSK = new Givers("mqtt.username", "mqtt.password", "set mqtt.ca-file to the CA that signed it", "this kiosk trusts");
    private static final Givers OPERATOR = new Givers("--username", "--password", "give --ca FILE (the CA that signed it)", "this tool trusts");

    private String explain(Throwable e, Givers g) {
        if (e instanceof MqttException m) {
            int code = m.getReasonCode();
            // Mosquitto 2 answers a wrong password with 0x87 (not authorized), others with 0x86 (bad user name or password).
            if (code == 0x86 || code == 0x87 || m instanceof MqttSecurityException) {
                return "broker " + url + ": the broker refused the user name or password"
                        + (username == null ? " (none was given: " + g.username() + " and " + g.password() + ")" : " of user '" + username + "'")
                        + " (MQTT reason " + (code == 0x87 ? "0x87 not authorized" : "0x86 bad user name or password") + "; check " + g.password()
                        + ", then that the broker's password file has this user: mosquitto_passwd)";
            }
            if (m.getCause() instanceof javax.net.ssl.SSLException ssl) {
                return "broker " + url + ": TLS failed: " + tls(ssl, g);
            }
            if (url.startsWith("tcp:") && (code == 32109 || m.getCause() instanceof java.io.EOFException)) {
                return "broker " + url + " closed the connection while connecting (if it speaks TLS on this port, use ssl://)";
            }
            if (code == 32103 || m.getCause() instanceof java.io.IOException) { // Paho's "unable to connect to server"
                return "broker " + url + " cannot be reached" + (m.getCause() != null ? ": " + m.getCause() : "");
            }
        }
        return "broker " + url + ": " + e.getMessage() + (e.getCause() != null ? " (" + e.getCause() + ")" : "");
    }

    /** A failed TLS handshake: an untrusted CA or a certificate for another name said as such, with what to do. */
    private static String tls(javax.net.ssl.SSLException ssl, Givers g) {
        for (Throwable t = ssl; t != null; t = t.getCause()) {
            String why = String.valueOf(t.getMessage());
            if (t instanceof java.security.cert.CertPathBuilderException || t instanceof java.security.cert.CertPathValidatorException
                    || why.contains("PKIX path")) {
                return "the broker's certificate is not signed by a CA " + g.trusting() + ": " + g.ca() + " (" + ssl.getMessage() + ")";
            }
            if (t instanceof java.security.cert.CertificateException && (why.contains("subject alternative") || why.contains("No name matching"))) {
                return "the broker's certificate is not for the host of this URL: " + why + " (its subjectAltName must hold the host name "
                        + "used in the URL; README, the broker's certificate)";
            }
        }
        return ssl.getMessage() + (ssl.getMessage() != null && ssl.getMessage().contains("nrecognized")
                ? " (the broker does not speak TLS on this port: use tcp://, or the broker's TLS port)" : "");
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
}
