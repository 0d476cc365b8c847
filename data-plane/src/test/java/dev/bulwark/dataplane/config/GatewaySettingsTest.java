package dev.bulwark.dataplane.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewaySettingsTest {
    private static final String PEPPER = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void thePublicUrlIsTheGatewaysOwnAddressUnlessConfigured() {
        assertThat(GatewaySettings.from(Map.of("BULWARK_API_KEY_PEPPER", PEPPER, "BULWARK_GW_PORT", "18000")).publicUrl())
                .isEqualTo("http://127.0.0.1:18000");
        assertThat(GatewaySettings.from(Map.of("BULWARK_API_KEY_PEPPER", PEPPER, "BULWARK_GW_HOST", "0.0.0.0", "BULWARK_GW_PORT", "9000"))
                .publicUrl()).as("a wildcard listen address is no address to call").isEqualTo("http://127.0.0.1:9000");
        assertThat(GatewaySettings.from(Map.of("BULWARK_API_KEY_PEPPER", PEPPER, "BULWARK_GW_PUBLIC_URL", "https://api.example.com/")).publicUrl())
                .isEqualTo("https://api.example.com");
        assertThat(GatewaySettings.from(Map.of("BULWARK_API_KEY_PEPPER", PEPPER, "BULWARK_GW_PORT", "0")).publicUrl())
                .as("an ephemeral port is not known before the server listens").isNull();
        assertThatThrownBy(() -> GatewaySettings.from(Map.of("BULWARK_API_KEY_PEPPER", PEPPER, "BULWARK_GW_PUBLIC_URL", "ftp://x?y=1")))
                .hasMessageContaining("BULWARK_GW_PUBLIC_URL");
    }

    @Test
    void anIntrospectionSecretIsOnlyGivenForTheOriginItIsBoundToAndNeverPrinted() {
        GatewaySettings settings = GatewaySettings.from(Map.of("BULWARK_API_KEY_PEPPER", PEPPER,
                "BULWARK_INTROSPECTION_SECRET_SHOP", "hunter2-secret", "BULWARK_INTROSPECTION_ORIGIN_SHOP", "https://ID.example.com"));

        assertThat(settings.introspection().secretFor("BULWARK_INTROSPECTION_SECRET_SHOP", "https://id.example.com:443/realms/x"))
                .hasValue("hunter2-secret");
        assertThat(settings.introspection().secretFor("BULWARK_INTROSPECTION_SECRET_SHOP", "https://evil.example.com/introspect")).isEmpty();
        assertThat(settings.introspection().secretFor("BULWARK_INTROSPECTION_SECRET_SHOP", "http://id.example.com/introspect"))
                .as("the scheme is part of the origin").isEmpty();
        assertThat(settings.introspection().secretFor("BULWARK_INTROSPECTION_SECRET_OTHER", "https://id.example.com/x")).isEmpty();
        assertThat(settings.toString()).doesNotContain("hunter2").contains("BULWARK_INTROSPECTION_SECRET_SHOP");

        assertThatThrownBy(() -> GatewaySettings.from(Map.of("BULWARK_API_KEY_PEPPER", PEPPER,
                "BULWARK_INTROSPECTION_SECRET_SHOP", "hunter2-secret", "BULWARK_INTROSPECTION_ORIGIN_BILLING", "https://id.example.com")))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems()).containsExactly(
                        "BULWARK_INTROSPECTION_ORIGIN_BILLING is set but BULWARK_INTROSPECTION_SECRET_BILLING is not",
                        "BULWARK_INTROSPECTION_SECRET_SHOP needs BULWARK_INTROSPECTION_ORIGIN_SHOP, the origin it may be sent to"))
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void defaultsApplyWhenOnlyThePepperIsGiven() {
        GatewaySettings settings = GatewaySettings.from(Map.of("BULWARK_API_KEY_PEPPER", PEPPER));

        assertThat(settings.port()).isEqualTo(8000);
        assertThat(settings.statusPort()).isEqualTo(8100);
        assertThat(settings.host()).isEqualTo("127.0.0.1");
        assertThat(settings.redisUrl()).isEqualTo("redis://127.0.0.1:6379");
        assertThat(settings.snapshotFile()).isNull();
    }

    @Test
    void theTransportIsChosenByNameAndTheFormerSwitchStillMeansNio() {
        assertThat(GatewaySettings.from(Map.of("BULWARK_API_KEY_PEPPER", PEPPER)).transport()).isEqualTo(NetworkTransport.AUTO);
        assertThat(GatewaySettings.from(Map.of("BULWARK_API_KEY_PEPPER", PEPPER, "BULWARK_GW_TRANSPORT", "IO_URING")).transport())
                .isEqualTo(NetworkTransport.IO_URING);
        assertThat(GatewaySettings.from(Map.of("BULWARK_API_KEY_PEPPER", PEPPER, "BULWARK_GW_NATIVE_TRANSPORT", "false")).transport())
                .isEqualTo(NetworkTransport.NIO);
        assertThatThrownBy(() -> GatewaySettings.from(Map.of("BULWARK_API_KEY_PEPPER", PEPPER, "BULWARK_GW_TRANSPORT", "kqueue")))
                .hasMessageContaining("BULWARK_GW_TRANSPORT must be one of auto, epoll, io_uring, nio, was 'kqueue'");
    }

    @Test
    void everyProblemIsReportedAtOnceWithTheVariableName() {
        assertThatThrownBy(() -> GatewaySettings.from(Map.of(
                "BULWARK_GW_PORT", "80000",
                "BULWARK_GW_PROT", "8000",
                "BULWARK_REDIS_URL", "http://x")))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "BULWARK_GW_PORT must be between 0 and 65535, was 80000",
                        "BULWARK_REDIS_URL must start with redis:// or rediss://",
                        "BULWARK_API_KEY_PEPPER is required",
                        e.problems().stream().filter(p -> p.startsWith("unknown setting BULWARK_GW_PROT (environment)")).findFirst().orElse("missing")));
    }

    @Test
    void redisClusterTakesSeveralSeedUrlsAndSeveralUrlsNeedClusterMode() {
        GatewaySettings settings = GatewaySettings.from(Map.of("BULWARK_API_KEY_PEPPER", PEPPER,
                "BULWARK_REDIS_URL", "redis://10.0.0.1:7000, rediss://:secret@10.0.0.2:7000", "BULWARK_REDIS_CLUSTER", "true"));
        assertThat(settings.redisTarget().cluster()).isTrue();
        assertThat(settings.redisTarget().urls()).containsExactly("redis://10.0.0.1:7000", "rediss://:secret@10.0.0.2:7000");
        assertThat(settings.toString()).doesNotContain("secret").contains("redisCluster=true");
        assertThat(GatewaySettings.from(Map.of("BULWARK_API_KEY_PEPPER", PEPPER)).redisTarget().cluster()).isFalse();

        assertThatThrownBy(() -> GatewaySettings.from(Map.of("BULWARK_API_KEY_PEPPER", PEPPER,
                "BULWARK_REDIS_URL", "redis://10.0.0.1:7000,redis://10.0.0.2:7000")))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems()).containsExactly(
                        "BULWARK_REDIS_URL lists several servers: they are a cluster's seed nodes, set BULWARK_REDIS_CLUSTER=true"));
        assertThatThrownBy(() -> GatewaySettings.from(Map.of("BULWARK_API_KEY_PEPPER", PEPPER,
                "BULWARK_REDIS_URL", "redis://10.0.0.1:7000,http://x", "BULWARK_REDIS_CLUSTER", "true")))
                .hasMessageContaining("BULWARK_REDIS_URL must start with redis:// or rediss://");
    }

    @Test
    void shortPepperIsRefusedAndNeverPrinted() {
        String shortPepper = Base64.getEncoder().encodeToString(new byte[8]);
        assertThatThrownBy(() -> GatewaySettings.from(Map.of("BULWARK_API_KEY_PEPPER", shortPepper)))
                .hasMessageContaining("at least 32 bytes");
        GatewaySettings settings = GatewaySettings.from(Map.of("BULWARK_API_KEY_PEPPER", PEPPER,
                "BULWARK_REDIS_URL", "redis://user:secret@127.0.0.1:6379"));
        assertThat(settings.toString()).doesNotContain(PEPPER).doesNotContain("secret");
    }

    @Test
    void transportDefaultsAreSafe() {
        GatewaySettings settings = GatewaySettings.from(Map.of("BULWARK_API_KEY_PEPPER", PEPPER));
        assertThat(settings.http2()).isTrue();
        assertThat(settings.tls().enabled()).isFalse();
        assertThat(settings.tls().protocols()).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(settings.tls().clientAuth()).isEqualTo(TlsSettings.ClientAuthMode.NONE);
        assertThat(settings.upstream().poolSize()).isEqualTo(64);
        assertThat(settings.upstream().verifyHost()).isTrue();
        assertThat(settings.shutdownGrace().toMillis()).isEqualTo(10_000);
    }

    @Test
    void tlsMisconfigurationIsRefusedWithReasons(@org.junit.jupiter.api.io.TempDir java.nio.file.Path directory) throws Exception {
        java.nio.file.Path certificate = java.nio.file.Files.writeString(directory.resolve("c.pem"), "x");
        assertThatThrownBy(() -> GatewaySettings.from(Map.of("BULWARK_API_KEY_PEPPER", PEPPER,
                "BULWARK_GW_TLS_CERT_FILE", certificate.toString(),
                "BULWARK_GW_TLS_PROTOCOLS", "TLSv1.1",
                "BULWARK_GW_TLS_CLIENT_AUTH", "require",
                "BULWARK_GW_UPSTREAM_CLIENT_KEY_FILE", directory.resolve("missing.pem").toString())))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "BULWARK_GW_TLS_PROTOCOLS must be one of TLSv1.2, TLSv1.3, was 'TLSv1.1'",
                        "BULWARK_GW_TLS_CLIENT_AUTH=REQUIRE needs BULWARK_GW_TLS_CERT_FILE and BULWARK_GW_TLS_CLIENT_CA_FILE",
                        "BULWARK_GW_UPSTREAM_CLIENT_KEY_FILE names no readable file: " + directory.resolve("missing.pem")));
        assertThatThrownBy(() -> GatewaySettings.from(Map.of("BULWARK_API_KEY_PEPPER", PEPPER,
                "BULWARK_GW_TLS_CERT_FILE", certificate.toString(),
                "BULWARK_GW_TLS_CLIENT_AUTH", "require")))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "BULWARK_GW_TLS_CERT_FILE and BULWARK_GW_TLS_KEY_FILE must be set together",
                        "BULWARK_GW_TLS_CLIENT_AUTH=REQUIRE needs BULWARK_GW_TLS_CERT_FILE and BULWARK_GW_TLS_CLIENT_CA_FILE"));
    }

    @Test
    void edgeLimitsHaveDocumentedDefaultsAndAreBounded() {
        GatewaySettings defaults = GatewaySettings.from(Map.of("BULWARK_API_KEY_PEPPER", PEPPER));
        assertThat(defaults.edge()).isEqualTo(EdgeSettings.defaults());
        assertThat(defaults.edge().headerTimeout()).hasSeconds(10);
        assertThat(defaults.edge().http2Cleartext()).isFalse();
        assertThat(defaults.upstream().breakerStatuses()).containsExactly(502, 503, 504);

        GatewaySettings tuned = GatewaySettings.from(Map.of("BULWARK_API_KEY_PEPPER", PEPPER,
                "BULWARK_GW_HEADER_TIMEOUT_MS", "500", "BULWARK_GW_MAX_CONNECTIONS_PER_CLIENT", "0",
                "BULWARK_GW_BREAKER_STATUSES", "500, 503", "BULWARK_GW_HTTP2_CLEARTEXT", "true"));
        assertThat(tuned.edge().headerTimeout().toMillis()).isEqualTo(500);
        assertThat(tuned.edge().maxConnectionsPerClient()).isZero();
        assertThat(tuned.edge().http2Cleartext()).isTrue();
        assertThat(tuned.upstream().breakerStatuses()).containsExactly(500, 503);

        assertThatThrownBy(() -> GatewaySettings.from(Map.of("BULWARK_API_KEY_PEPPER", PEPPER,
                "BULWARK_GW_BREAKER_STATUSES", "429", "BULWARK_GW_HTTP2_FLOOD_WINDOW_MS", "500", "BULWARK_GW_MAX_CONNECTIONS", "0")))
                .isInstanceOfSatisfying(SettingsException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
                        "BULWARK_GW_BREAKER_STATUSES must be between 500 and 599, was 429",
                        "BULWARK_GW_HTTP2_FLOOD_WINDOW_MS must be between 1000 and 600000, was 500",
                        "BULWARK_GW_MAX_CONNECTIONS must be between 1 and 10000000, was 0"));
    }
}
