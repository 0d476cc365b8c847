package dev.bulwark.controlplane.alert;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/** The two ways out: an HTTP POST (webhook, Slack) and a syslog stream over TCP, optionally TLS. */
final class AlertTransports {
    /** What one attempt achieved; {@code error} is short and names nothing internal. */
    record Outcome(boolean delivered, Integer status, String error) {
        static Outcome failed(String error) {
            return new Outcome(false, null, error);
        }
    }

    private final Duration timeout;
    /** Trust for HTTPS receivers; null: the JVM's default trust store. */
    private final SSLContext httpsContext;

    AlertTransports(Duration timeout) {
        this(timeout, null);
    }

    AlertTransports(Duration timeout, SSLContext httpsContext) {
        this.timeout = timeout;
        this.httpsContext = httpsContext;
    }

    /**
     * POSTs {@code body} to {@code url}, connecting to {@code address} (already resolved and checked:
     * no lookup here, so a changed DNS answer cannot redirect it). HTTPS keeps SNI and certificate
     * verification on the URL's host name. HTTP/1.1 with {@code Connection: close}; only the status
     * line is read. Redirects are not followed: a 3xx could send the alert to an address never checked.
     */
    Outcome post(URI url, InetAddress address, byte[] body, Map<String, String> headers) {
        boolean tls = "https".equalsIgnoreCase(url.getScheme());
        String host = hostName(url);
        int port = port(url);
        int millis = (int) timeout.toMillis();
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(address, port), millis);
            plain.setSoTimeout(millis);
            Socket socket = plain;
            if (tls) {
                SSLSocket secure = (SSLSocket) (httpsContext != null ? httpsContext : SSLContext.getDefault()).getSocketFactory().createSocket(plain, host, port, true);
                SSLParameters parameters = secure.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                secure.setSSLParameters(parameters);
                secure.startHandshake();
                socket = secure;
            }
            write(socket, head(url, host, body.length, headers));
            write(socket, body);
            int status = status(socket.getInputStream());
            return status >= 200 && status < 300 ? new Outcome(true, status, null)
                    : new Outcome(false, status, "the receiver answered HTTP " + status);
        } catch (java.net.SocketTimeoutException e) {
            return Outcome.failed("timed out after " + timeout.toMillis() + " ms");
        } catch (javax.net.ssl.SSLException e) {
            return Outcome.failed("TLS handshake with the receiver failed");
        } catch (IOException e) {
            return Outcome.failed("could not connect or send: " + e.getClass().getSimpleName());
        } catch (GeneralSecurityException e) {
            return Outcome.failed("TLS is unavailable");
        }
    }

    /** The URL's host without IPv6 brackets. */
    static String hostName(URI url) {
        String host = url.getHost();
        return host != null && host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    static int port(URI url) {
        return url.getPort() >= 0 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }

    private static byte[] head(URI url, String host, int length, Map<String, String> headers) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        String target = url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
        String authority = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + (url.getPort() >= 0 ? ":" + url.getPort() : "");
        StringBuilder head = new StringBuilder(256).append("POST ").append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(authority).append("\r\n")
                .append("Content-Type: application/json\r\nUser-Agent: Bulwark-Alerts/1\r\nConnection: close\r\n")
                .append("Content-Length: ").append(length).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        return head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The status code of an HTTP/1.x status line ({@code HTTP/1.1 204 No Content}). */
    private static int status(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder(32);
        for (int c = in.read(); c != -1 && c != '\n' && line.length() < 256; c = in.read()) {
            line.append((char) c);
        }
        String text = line.toString().trim();
        if (!text.startsWith("HTTP/1.") || text.length() < 12) {
            throw new IOException("not an HTTP response");
        }
        try {
            return Integer.parseInt(text.substring(9, 12));
        } catch (NumberFormatException e) {
            throw new IOException("not an HTTP response");
        }
    }

    /** Writes one framed message to {@code address}; {@code host} names the TLS peer to verify. */
    Outcome syslog(InetSocketAddress address, String host, boolean tls, String caCertificate, byte[] frame) {
        try (Socket plain = new Socket()) {
            plain.connect(address, (int) timeout.toMillis());
            plain.setSoTimeout((int) timeout.toMillis());
            if (!tls) {
                write(plain, frame);
                return new Outcome(true, null, null);
            }
            try (SSLSocket secure = (SSLSocket) context(caCertificate).getSocketFactory()
                    .createSocket(plain, host, address.getPort(), true)) {
                SSLParameters parameters = secure.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                secure.setSSLParameters(parameters);
                secure.startHandshake();
                write(secure, frame);
            }
            return new Outcome(true, null, null);
        } catch (javax.net.ssl.SSLException e) {
            return Outcome.failed("TLS handshake with the receiver failed");
        } catch (IOException e) {
            return Outcome.failed("could not connect or send: " + e.getClass().getSimpleName());
        } catch (GeneralSecurityException e) {
            return Outcome.failed("the channel's CA certificate is unusable");
        }
    }

    /** Parses a PEM bundle into a trust store; throws when it holds no certificate. */
    static KeyStore trustStore(String pem) throws GeneralSecurityException {
        try {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            if (certificates.isEmpty()) {
                throw new GeneralSecurityException("no certificate");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            return store;
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static SSLContext context(String caCertificate) throws GeneralSecurityException {
        if (caCertificate == null) {
            return SSLContext.getDefault();
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trustStore(caCertificate));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static void write(Socket socket, byte[] frame) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(frame);
        out.flush();
    }
}
