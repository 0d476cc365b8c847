package dev.bulwark.dataplane.proxy;

import static dev.bulwark.dataplane.Snapshots.api;
import static dev.bulwark.dataplane.Snapshots.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.dataplane.GatewayHarness;
import dev.bulwark.dataplane.TestCertificates;
import dev.bulwark.dataplane.TestUpstream;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RealServicesExtension.class)
class TlsAndHttp2Test {
    static Vertx vertx;
    static Path directory;
    static TestCertificates.Pem server;
    static TestCertificates.Pem client;
    static TestCertificates.Pem gatewayClient;
    static TestCertificates.Pem upstreamServer;
    static TestUpstream plainUpstream;
    static HttpServer mtlsUpstream;

    @BeforeAll
    static void certificates() throws Exception {
        vertx = Vertx.vertx();
        directory = dev.bulwark.testing.TempDirectories.create("bulwark-tls");
        server = TestCertificates.selfSigned(directory, "gateway");
        client = TestCertificates.selfSigned(directory, "client");
        gatewayClient = TestCertificates.selfSigned(directory, "gateway-client");
        upstreamServer = TestCertificates.selfSigned(directory, "upstream");
        plainUpstream = TestUpstream.start(vertx, request -> request.response().putHeader("X-Upstream-Case", "Mixed")
                .putHeader("Connection", "keep-alive").end("version=" + request.version()));
        // an https upstream that only talks to the gateway's client certificate
        mtlsUpstream = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setSsl(true)
                .setKeyCertOptions(pem(upstreamServer)).setClientAuth(ClientAuth.REQUIRED)
                .setTrustOptions(new PemTrustOptions().addCertPath(gatewayClient.certificate().toString())))
                .requestHandler(request -> request.response().end("mtls-upstream"));
        mtlsUpstream.listen(0).await();
    }

    @AfterAll
    static void stop() {
        vertx.close().await();
    }

    @Test
    void h2cIsOffByDefaultOnAPlainTextPort(TestRedis redis) throws Exception {
        try (GatewayHarness gateway = GatewayHarness.start(redis, of(1, api("a", "/", plainUpstream.url())))) {
            HttpClient http = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
                    .setHttp2ClearTextUpgrade(true));
            Reply response = get(http, gateway.port, "/x");
            assertThat(response.version()).as("the upgrade is declined: HTTP/1.1 serves it").isEqualTo(HttpVersion.HTTP_1_1);
            http.close().await();
        }
    }

    @Test
    void h2cWithPriorKnowledgeAndWithUpgrade(TestRedis redis) throws Exception {
        try (GatewayHarness gateway = GatewayHarness.start(redis, of(1, api("a", "/", plainUpstream.url())),
                java.util.Map.of("BULWARK_GW_HTTP2_CLEARTEXT", "true"))) {
            for (boolean upgrade : new boolean[] {false, true}) {
                HttpClient http = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
                        .setHttp2ClearTextUpgrade(upgrade));
                Reply response = get(http, gateway.port, "/x");
                assertThat(response.version()).as("upgrade=" + upgrade).isEqualTo(HttpVersion.HTTP_2);
                assertThat(response.body()).isEqualTo("version=HTTP_1_1");
                assertThat(response.getHeader("x-upstream-case")).as("mixed-case upstream headers survive HTTP/2").isEqualTo("Mixed");
                http.close().await();
            }
        }
    }

    /** Both engines serve the same handshakes; the bundled BoringSSL must load on the build's platform. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"jdk", "openssl"})
    void tlsWithAlpnNegotiatesHttp2AndSendsHsts(String engine, TestRedis redis) throws Exception {
        Map<String, String> settings = Map.of(
                "BULWARK_GW_TLS_CERT_FILE", server.certificate().toString(),
                "BULWARK_GW_TLS_KEY_FILE", server.key().toString(),
                "BULWARK_GW_TLS_ENGINE", engine);
        Map<String, String> withPepper = new java.util.HashMap<>(settings);
        withPepper.put("BULWARK_API_KEY_PEPPER", java.util.Base64.getEncoder().encodeToString(new byte[32]));
        io.vertx.core.net.SSLEngineOptions chosen = TransportOptions.server(dev.bulwark.dataplane.config.GatewaySettings.from(withPepper))
                .getSslEngineOptions();
        assertThat(chosen).isInstanceOf(engine.equals("openssl") ? io.vertx.core.net.OpenSSLEngineOptions.class
                : io.vertx.core.net.JdkSSLEngineOptions.class);
        try (GatewayHarness gateway = GatewayHarness.start(redis, of(1, api("a", "/", plainUpstream.url())), settings)) {
            HttpClient http = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setUseAlpn(true)
                    .setProtocolVersion(HttpVersion.HTTP_2).setTrustOptions(trust(server)));
            Reply response = get(http, gateway.port, "/x");
            assertThat(response.version()).isEqualTo(HttpVersion.HTTP_2);
            assertThat(response.getHeader("strict-transport-security")).startsWith("max-age=");
            HttpClient http11 = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setTrustOptions(trust(server)));
            assertThat(get(http11, gateway.port, "/x").version()).isEqualTo(HttpVersion.HTTP_1_1);
        }
    }

    /** Protocol and cipher settings hold on both engines, in the same (IANA/JDK) names. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"jdk", "openssl"})
    void configuredProtocolAndCipherSuiteAreTheOnesNegotiated(String engine, TestRedis redis) throws Exception {
        String suite = "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384";
        try (GatewayHarness gateway = GatewayHarness.start(redis, of(1, api("a", "/", plainUpstream.url())), Map.of(
                "BULWARK_GW_TLS_CERT_FILE", server.certificate().toString(),
                "BULWARK_GW_TLS_KEY_FILE", server.key().toString(),
                "BULWARK_GW_TLS_ENGINE", engine,
                "BULWARK_GW_TLS_PROTOCOLS", "TLSv1.2",
                "BULWARK_GW_TLS_CIPHERS", suite))) {
            HttpClient http = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setTrustOptions(trust(server)));
            javax.net.ssl.SSLSession session = http.request(HttpMethod.GET, gateway.port, "127.0.0.1", "/x")
                    .compose(request -> request.send().map(response -> request.connection().sslSession())).await();
            assertThat(session.getProtocol()).isEqualTo("TLSv1.2");
            assertThat(session.getCipherSuite()).isEqualTo(suite);
            HttpClient tls13Only = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setTrustOptions(trust(server))
                    .setEnabledSecureTransportProtocols(java.util.Set.of("TLSv1.3")));
            assertThatThrownBy(() -> get(tls13Only, gateway.port, "/x")).as("TLS 1.3 was not enabled").isNotNull();
            HttpClient otherSuite = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setTrustOptions(trust(server))
                    .addEnabledCipherSuite("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"));
            assertThatThrownBy(() -> get(otherSuite, gateway.port, "/x")).as("only the configured suite is offered").isNotNull();
        }
    }

    @Test
    void requiredClientCertificateIsEnforced(TestRedis redis) throws Exception {
        try (GatewayHarness gateway = GatewayHarness.start(redis, of(1, api("a", "/", plainUpstream.url())), Map.of(
                "BULWARK_GW_TLS_CERT_FILE", server.certificate().toString(),
                "BULWARK_GW_TLS_KEY_FILE", server.key().toString(),
                "BULWARK_GW_TLS_CLIENT_AUTH", "require",
                "BULWARK_GW_TLS_CLIENT_CA_FILE", client.certificate().toString()))) {
            HttpClient anonymous = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setTrustOptions(trust(server)));
            assertThatThrownBy(() -> get(anonymous, gateway.port, "/x")).isNotNull();
            HttpClient identified = vertx.createHttpClient(new HttpClientOptions().setSsl(true).setTrustOptions(trust(server))
                    .setKeyCertOptions(pem(client)));
            assertThat(get(identified, gateway.port, "/x").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void upstreamMtlsWithCustomCa(TestRedis redis) throws Exception {
        String upstreamUrl = "https://localhost:" + mtlsUpstream.actualPort();
        Map<String, String> withCertificate = Map.of(
                "BULWARK_GW_UPSTREAM_CA_FILE", upstreamServer.certificate().toString(),
                "BULWARK_GW_UPSTREAM_CLIENT_CERT_FILE", gatewayClient.certificate().toString(),
                "BULWARK_GW_UPSTREAM_CLIENT_KEY_FILE", gatewayClient.key().toString());
        try (GatewayHarness gateway = GatewayHarness.start(redis, of(1, api("a", "/", upstreamUrl)), withCertificate)) {
            HttpClient http = vertx.createHttpClient();
            Reply response = get(http, gateway.port, "/x");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("mtls-upstream");
        }
        try (GatewayHarness gateway = GatewayHarness.start(redis, of(1, api("a", "/", upstreamUrl)),
                Map.of("BULWARK_GW_UPSTREAM_CA_FILE", upstreamServer.certificate().toString()))) {
            Reply response = get(vertx.createHttpClient(), gateway.port, "/x");
            assertThat(response.statusCode()).as("without the client certificate the upstream refuses the handshake").isEqualTo(502);
        }
    }

    /** A response with its body read before the call returns. */
    record Reply(HttpClientResponse response, String body) {
        HttpVersion version() {
            return response.version();
        }

        int statusCode() {
            return response.statusCode();
        }

        String getHeader(String name) {
            return response.getHeader(name);
        }
    }

    private static Reply get(HttpClient http, int port, String path) {
        return http.request(HttpMethod.GET, port, "127.0.0.1", path)
                .compose(request -> request.send())
                .compose(response -> response.body().map(body -> new Reply(response, body.toString())))
                .await();
    }

    private static PemTrustOptions trust(TestCertificates.Pem pem) {
        return new PemTrustOptions().addCertPath(pem.certificate().toString());
    }

    private static PemKeyCertOptions pem(TestCertificates.Pem pem) {
        return new PemKeyCertOptions().setCertPath(pem.certificate().toString()).setKeyPath(pem.key().toString());
    }
}
