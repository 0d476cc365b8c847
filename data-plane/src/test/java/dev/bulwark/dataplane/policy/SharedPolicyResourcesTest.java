package dev.bulwark.dataplane.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.bulwark.contracts.policy.JwtAlgorithm;
import dev.bulwark.contracts.policy.JwtAuthConfig;
import dev.bulwark.contracts.policy.TokenIntrospectionConfig;
import dev.bulwark.contracts.snapshot.Snapshot;
import dev.bulwark.dataplane.config.GatewaySettings;
import dev.bulwark.dataplane.Snapshots;
import dev.bulwark.dataplane.snapshot.GatewayCompiler;
import dev.bulwark.dataplane.upstream.AddressGuard;
import dev.bulwark.dataplane.upstream.UpstreamRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * JWKS caches and token introspectors live as long as a snapshot in force uses them: reused across
 * compilations with the same settings, released when no snapshot uses them any more, and never
 * released by a compilation that failed.
 */
class SharedPolicyResourcesTest {
    private final Vertx vertx = Vertx.vertx();
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final DefaultPolicyFactory factory = new DefaultPolicyFactory(vertx, RedisFixture.down(vertx), metrics, GatewaySettings.from(Map.of(
            "BULWARK_API_KEY_PEPPER", Base64.getEncoder().encodeToString(new byte[32]))), Clock.systemUTC());
    private final GatewayCompiler compiler = new GatewayCompiler(factory, new UpstreamRegistry(5, 1_000));

    @AfterEach
    void close() {
        RedisFixture.closeAll();
        vertx.close().await();
    }

    @Test
    void aCompilationReusesWhatTheSnapshotInForceUsesAndReleasesWhatItNoLongerDoes() throws Exception {
        compiler.compile(snapshot(1, jwt("https://a.example.com/jwks", null), jwt("https://b.example.com/jwks", introspection(60))));
        Set<Object> first = factory.sharedResources();
        assertThat(first).hasSize(3);
        assertThat(gauge("jwks")).isEqualTo(2);
        assertThat(gauge("introspection")).isEqualTo(1);

        compiler.compile(snapshot(2, jwt("https://a.example.com/jwks", null), jwt("https://c.example.com/jwks", introspection(30))));
        Set<Object> second = factory.sharedResources();

        assertThat(second).hasSize(3);
        assertThat(intersection(first, second)).as("the unchanged JWKS cache is the same object, with what it fetched").hasSize(1);
        assertThat(gauge("jwks")).isEqualTo(2);
        assertThat(gauge("introspection")).as("the introspector with the old settings is gone").isEqualTo(1);
    }

    @Test
    void cyclingAPolicysSettingsDoesNotAccumulateCachesOrClients() throws Exception {
        for (int version = 1; version <= 50; version++) {
            compiler.compile(snapshot(version, jwt("https://id.example.com/jwks/" + version, introspection(version))));
        }
        assertThat(factory.sharedResources()).hasSize(2);
    }

    @Test
    void aFailedCompilationKeepsTheSnapshotInForcesResources() throws Exception {
        compiler.compile(snapshot(1, jwt("https://a.example.com/jwks", introspection(60))));
        Set<Object> inForce = factory.sharedResources();

        // What GatewayCompiler does when a snapshot fails to build after some policies were created.
        factory.begin();
        factory.create(jwt("https://z.example.com/jwks", introspection(5)), AddressGuard.PUBLIC_ONLY);
        factory.abandon();

        assertThat(factory.sharedResources()).isEqualTo(inForce);
    }

    @Test
    void releasedResourcesAreClosedAfterTheGrace() {
        List<List<String>> released = new ArrayList<>();
        SnapshotScopedResources<String> resources = new SnapshotScopedResources<>(released::add);
        resources.begin();
        resources.acquire("a", () -> "A");
        resources.acquire("b", () -> "B");
        resources.commit();
        resources.begin();
        assertThat(resources.acquire("a", () -> "A2")).as("reused").isEqualTo("A");
        resources.acquire("c", () -> "C");
        resources.abandon();
        assertThat(released).as("only what the failed compilation created").containsExactly(List.of("C"));
        resources.begin();
        resources.acquire("a", () -> "A3");
        resources.commit();
        assertThat(released).containsExactly(List.of("C"), List.of("B"));

    }

    @Test
    void theFactoryClosesWhatNoSnapshotUsesOnlyAfterTheGrace() throws Exception {
        compiler.compile(snapshot(1, jwt("https://a.example.com/jwks", introspection(60))));
        factory.releaseGraceMillis(60_000);
        compiler.compile(snapshot(2, jwt("https://b.example.com/jwks", introspection(60))));
        assertThat(released("jwks")).as("requests on the outgoing snapshot may still use it").isZero();

        factory.releaseGraceMillis(50);
        compiler.compile(snapshot(3, jwt("https://c.example.com/jwks", introspection(30))));
        await().atMost(Duration.ofSeconds(5)).until(() -> released("jwks") == 1 && released("introspection") == 1);
    }

    private Set<Object> intersection(Set<Object> a, Set<Object> b) {
        Set<Object> both = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Object resource : a) {
            if (b.contains(resource)) {
                both.add(resource);
            }
        }
        return both;
    }

    private double released(String kind) {
        var counter = metrics.find("bulwark.policy.shared.resources.released").tag("kind", kind).counter();
        return counter == null ? 0 : counter.count();
    }

    private double gauge(String kind) {
        return metrics.get("bulwark.policy.shared.resources").tag("kind", kind).gauge().value();
    }

    private static JwtAuthConfig jwt(String jwksUrl, TokenIntrospectionConfig introspection) {
        return new JwtAuthConfig("https://id.example.com/", jwksUrl, List.of("orders"), List.of(JwtAlgorithm.RS256), null, null, null,
                null, true, introspection);
    }

    private static TokenIntrospectionConfig introspection(int cacheSeconds) {
        return new TokenIntrospectionConfig("https://id.example.com/introspect", "gateway", "BULWARK_INTROSPECTION_SECRET_IDP", null,
                cacheSeconds, null, null, null);
    }

    private static Snapshot snapshot(long version, JwtAuthConfig... policies) {
        List<dev.bulwark.contracts.snapshot.ApiEntry> apis = new ArrayList<>();
        for (int i = 0; i < policies.length; i++) {
            apis.add(Snapshots.api("api-" + i, "/api-" + i, "http://127.0.0.1:1", policies[i]));
        }
        return Snapshots.of(version, apis.toArray(dev.bulwark.contracts.snapshot.ApiEntry[]::new));
    }
}
