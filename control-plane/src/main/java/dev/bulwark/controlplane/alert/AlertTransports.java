package dev.bulwark.controlplane.alert;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
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

    private final HttpClient http;
    private final Duration timeout;

    AlertTransports(Duration timeout) {
        this.timeout = timeout;
        // Redirects are not followed: a 3xx could send the alert to an address the guard never saw.
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    Outcome post(String url, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/json").header("User-Agent", "Bulwark-Alerts/1")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return status >= 200 && status < 300 ? new Outcome(true, status, null)
                    : new Outcome(false, status, "the receiver answered HTTP " + status);
        } catch (HttpTimeoutException e) {
            return Outcome.failed("timed out after " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return Outcome.failed("could not connect or send: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.failed("interrupted");
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
