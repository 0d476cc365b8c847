package dev.bulwark.controlplane.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.bulwark.contracts.net.Cidr;
import dev.bulwark.controlplane.api.UpstreamGuard;
import dev.bulwark.testing.TlsMaterial;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * DNS pinning of alert deliveries: a destination's host is resolved once, every address checked
 * against the SSRF guard, and the connection goes to the checked address, never to a fresh lookup.
 */
class AlertPinningTest {
    private final UpstreamGuard guard = new UpstreamGuard();

    @Test
    void aNameResolvingToLoopbackIsRefusedUnlessTheOperatorAllowsLoopback() throws Exception {
        assertThatThrownBy(() -> AlertDestinations.resolve(guard, UpstreamGuard.Allowance.NONE, "localhost", 443))
                .isInstanceOf(UnknownHostException.class).hasMessageStartingWith("destination refused");
        UpstreamGuard.Allowance loopback = new UpstreamGuard.Allowance(List.of(Cidr.parse("127.0.0.0/8"), Cidr.parse("::1/128")),
                List.of());
        assertThat(AlertDestinations.resolve(guard, loopback, "localhost", 443).isLoopbackAddress()).isTrue();
    }

    @Test
    void metadataAndLinkLocalAddressesAreRefusedWhateverTheAllowance() {
        UpstreamGuard.Allowance everything = new UpstreamGuard.Allowance(List.of(Cidr.parse("0.0.0.0/0")), List.of());
        assertThatThrownBy(() -> AlertDestinations.resolve(guard, everything, "169.254.169.254", 80))
                .isInstanceOf(UnknownHostException.class).hasMessageStartingWith("destination refused");
        assertThatThrownBy(() -> AlertDestinations.resolve(guard, UpstreamGuard.Allowance.NONE, "10.20.30.40", 80))
                .isInstanceOf(UnknownHostException.class).hasMessageStartingWith("destination refused");
    }

    @Test
    void thePostGoesToThePinnedAddressWithTheNameInTheHostHeader() throws Exception {
        ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " host=" + exchange.getRequestHeaders().getFirst("Host")
                    + " sig=" + exchange.getRequestHeaders().getFirst("X-Test-Signature") + " body="
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/gone") ? 410 : 204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            int port = receiver.getAddress().getPort();
            AlertTransports transports = new AlertTransports(Duration.ofSeconds(5));
            // ".invalid" never resolves (RFC 6761): delivery works only because no lookup happens
            URI url = URI.create("http://alerts.invalid:" + port + "/hooks/soc?team=blue");
            AlertTransports.Outcome outcome = transports.post(url, InetAddress.getLoopbackAddress(),
                    "{\"a\":1}".getBytes(StandardCharsets.UTF_8), Map.of("X-Test-Signature", "v1=abc"));
            assertThat(outcome.delivered()).as("%s", outcome).isTrue();
            assertThat(outcome.status()).isEqualTo(204);
            assertThat(seen).containsExactly("POST /hooks/soc?team=blue host=alerts.invalid:" + port + " sig=v1=abc body={\"a\":1}");

            AlertTransports.Outcome refused = transports.post(URI.create("http://alerts.invalid:" + port + "/gone"),
                    InetAddress.getLoopbackAddress(), new byte[0], Map.of());
            assertThat(refused.delivered()).isFalse();
            assertThat(refused.error()).isEqualTo("the receiver answered HTTP 410");
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void httpsVerifiesTheReceiversCertificateAgainstTheUrlsNameNotThePinnedAddress() throws Exception {
        try (TlsMaterial tls = TlsMaterial.generate()) { // a certificate for 127.0.0.1 only
            HttpsServer receiver = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            receiver.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
            ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
            receiver.createContext("/", exchange -> {
                seen.add(exchange.getRequestHeaders().getFirst("Host"));
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            receiver.start();
            try {
                int port = receiver.getAddress().getPort();
                AlertTransports transports = new AlertTransports(Duration.ofSeconds(5), tls.clientContext());
                byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
                AlertTransports.Outcome named = transports.post(URI.create("https://127.0.0.1:" + port + "/"),
                        InetAddress.getLoopbackAddress(), body, Map.of());
                assertThat(named.delivered()).as("%s", named).isTrue();
                // Same address, another name: the certificate does not name it, so nothing is sent.
                AlertTransports.Outcome other = transports.post(URI.create("https://alerts.invalid:" + port + "/"),
                        InetAddress.getLoopbackAddress(), body, Map.of());
                assertThat(other.delivered()).isFalse();
                assertThat(other.error()).isEqualTo("TLS handshake with the receiver failed");
                assertThat(seen).containsExactly("127.0.0.1:" + port);
            } finally {
                receiver.stop(0);
            }
        }
    }

    @Test
    void httpsNeverFallsBackToPlainText() throws Exception {
        // A plain-text listener where TLS is expected: the handshake fails, nothing is sent in clear.
        HttpServer plain = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
        plain.createContext("/", exchange -> {
            seen.add("request");
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        plain.start();
        try {
            AlertTransports.Outcome outcome = new AlertTransports(Duration.ofSeconds(5)).post(
                    URI.create("https://alerts.invalid:" + plain.getAddress().getPort() + "/"), InetAddress.getLoopbackAddress(),
                    "{}".getBytes(StandardCharsets.UTF_8), Map.of());
            assertThat(outcome.delivered()).isFalse();
            assertThat(outcome.error()).isIn("TLS handshake with the receiver failed", "could not connect or send: SocketException",
                    "timed out after 5000 ms");
            assertThat(seen).isEmpty();
        } finally {
            plain.stop(0);
        }
    }
}
