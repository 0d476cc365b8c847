package dev.bulwark.dataplane.policy.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.bulwark.dataplane.Snapshots;
import dev.bulwark.dataplane.upstream.AddressGuard;
import dev.bulwark.dataplane.upstream.TestDnsServer;
import dev.bulwark.dataplane.upstream.UpstreamResolver;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * SSRF through jwksUrl, at connect time: a JWKS on loopback is fetched only when the API's
 * allow-list covers loopback, whether the URL names the address or a name that resolves to it.
 */
class JwksAddressTest {
    private final Vertx vertx = Vertx.vertx();
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

    @AfterEach
    void close() {
        vertx.close().await();
    }

    @Test
    void aJwksOnLoopbackIsNotFetchedForAnApiWithoutPrivateNetworks() throws Exception {
        JwksServer server = server();
        JwksCache cache = cache(server.url(), List.of(), AddressGuard.PUBLIC_ONLY);

        assertThatThrownBy(() -> cache.keysFor("k1").await()).isInstanceOf(JwksCache.JwksUnavailable.class);
        assertThat(server.hits()).as("nothing connected to the loopback JWKS").isZero();
        assertThat(metrics.find("bulwark.upstream.address.forbidden").tag("target", "jwks").counter().count()).isEqualTo(1.0);
    }

    @Test
    void aJwksNameReboundToLoopbackIsNotFetched() throws Exception {
        JwksServer server = server();
        TestDnsServer dns = TestDnsServer.start(vertx);
        dns.answer("idp.bulwark.test", new byte[] {127, 0, 0, 1});
        String url = "http://idp.bulwark.test:" + URI.create(server.url()).getPort() + URI.create(server.url()).getRawPath();

        JwksCache refused = cache(url, List.of(dns.address()), AddressGuard.PUBLIC_ONLY);
        assertThatThrownBy(() -> refused.keysFor("k1").await()).isInstanceOf(JwksCache.JwksUnavailable.class);
        assertThat(dns.queries.get()).as("the gateway resolved the name itself").isPositive();
        assertThat(server.hits()).isZero();

        JwksCache allowed = cache(url, List.of(dns.address()), Snapshots.LOOPBACK_GUARD);
        assertThat(allowed.keysFor("k1").await()).as("the same name, for an API allowed loopback").hasSize(1);
        assertThat(server.hits()).isEqualTo(1);
    }

    private JwksServer server() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        JwksServer server = new JwksServer(vertx);
        server.publish(List.of(key));
        return server;
    }

    private JwksCache cache(String url, List<String> dnsServers, AddressGuard guard) {
        return new JwksCache(vertx, url, 300, 30_000, System::nanoTime, metrics, new UpstreamResolver(vertx, dnsServers, metrics), guard);
    }
}
