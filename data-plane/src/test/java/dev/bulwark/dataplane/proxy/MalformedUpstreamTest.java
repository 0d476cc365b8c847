package dev.bulwark.dataplane.proxy;

import static dev.bulwark.dataplane.Snapshots.api;
import static dev.bulwark.dataplane.Snapshots.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.contracts.policy.CorsConfig;
import dev.bulwark.dataplane.GatewayHarness;
import dev.bulwark.dataplane.TestPolicies;
import dev.bulwark.dataplane.TestUpstream;
import dev.bulwark.dataplane.model.Policy;
import dev.bulwark.dataplane.model.PolicyFactory;
import dev.bulwark.dataplane.model.RequestContext;
import dev.bulwark.dataplane.snapshot.GatewayCompiler;
import dev.bulwark.dataplane.snapshot.InvalidSnapshotException;
import dev.bulwark.dataplane.upstream.UpstreamRegistry;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestRedis;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Upstream URLs that used to hang a request ({@code [::127.0.0.1]}, zone ids: Vert.x threw inside
 * forward and the client never got an answer) are refused by snapshot validation with Vert.x's own
 * authority parser, and any synchronous failure while forwarding still answers 502.
 */
@ExtendWith(RealServicesExtension.class)
class MalformedUpstreamTest {

    @ParameterizedTest
    @ValueSource(strings = {"http://[::127.0.0.1]:8080", "http://[fe80::1%25lo]:80", "http://[fe80::1%lo]/",
        "http://[::ffff:127.0.0.1]:9000"})
    void snapshotValidationRefusesHostsTheProxyCannotUse(String url) {
        GatewayCompiler compiler = new GatewayCompiler(TestPolicies.FACTORY, new UpstreamRegistry(5, 1_000));
        assertThatThrownBy(() -> compiler.compile(of(1, api("bad", "/bad", url))))
                .isInstanceOfSatisfying(InvalidSnapshotException.class,
                        e -> assertThat(e.problems()).singleElement().asString().startsWith("apis[0].upstreams[0]:"));
    }

    @Test
    void aSynchronousFailureWhileForwardingIsAnswered502(TestRedis redis) throws Exception {
        Vertx vertx = Vertx.vertx();
        TestUpstream upstream = TestUpstream.ok(vertx);
        // A policy leaves a client address the upstream request cannot carry in X-Forwarded-For
        // (Vert.x refuses the header value synchronously while forward builds the upstream
        // request): a stand-in for any bug that throws there.
        PolicyFactory policies = config -> config instanceof CorsConfig ? new Policy() {
            @Override
            public String id() {
                return "broken";
            }

            @Override
            public int order() {
                return 0;
            }

            @Override
            public Future<Void> onRequest(RequestContext context) {
                context.refineClientIp("203.0.113.9\r\nx-injected: 1");
                return CONTINUE;
            }
        } : TestPolicies.FACTORY.create(config);
        try (GatewayHarness gateway = GatewayHarness.start(redis, of(1, api("broken", "/broken", upstream.url(),
                new CorsConfig(java.util.List.of("https://a.example"), null, null, null, null, null))), Map.of(), null, policies)) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gateway.url("/broken/x")))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(response.body()).contains("\"key\":\"UPSTREAM_CONNECT_FAILED\"").doesNotContain("Exception");
            assertThat(upstream.requests.get()).isZero();
        } finally {
            vertx.close().await();
        }
    }
}
