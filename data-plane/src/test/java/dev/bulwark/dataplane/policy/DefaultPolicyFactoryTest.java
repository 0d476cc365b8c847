package dev.bulwark.dataplane.policy;

import static dev.bulwark.dataplane.policy.HttpProbe.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.contracts.apikey.ApiKeyDigester;
import dev.bulwark.contracts.apikey.ApiKeys;
import dev.bulwark.contracts.apikey.KeyEnvironment;
import dev.bulwark.contracts.policy.ApiKeyAuthConfig;
import dev.bulwark.contracts.policy.CorsConfig;
import dev.bulwark.contracts.policy.FailureMode;
import dev.bulwark.contracts.policy.IpFilterConfig;
import dev.bulwark.contracts.policy.JwtAlgorithm;
import dev.bulwark.contracts.policy.JwtAuthConfig;
import dev.bulwark.contracts.policy.LimitKey;
import dev.bulwark.contracts.policy.LimitMode;
import dev.bulwark.contracts.policy.PolicyConfig;
import dev.bulwark.contracts.policy.PolicyType;
import dev.bulwark.contracts.policy.QuotaConfig;
import dev.bulwark.contracts.policy.QuotaPeriod;
import dev.bulwark.contracts.policy.RateLimitConfig;
import dev.bulwark.contracts.policy.RequestLimitsConfig;
import dev.bulwark.contracts.policy.ThreatProtectionConfig;
import dev.bulwark.contracts.policy.TimeoutsConfig;
import dev.bulwark.contracts.snapshot.ApiKeyEntry;
import dev.bulwark.contracts.snapshot.ApplicationEntry;
import dev.bulwark.contracts.snapshot.PlanEntry;
import dev.bulwark.dataplane.config.GatewaySettings;
import dev.bulwark.dataplane.model.CompiledPlan;
import dev.bulwark.dataplane.model.Policy;
import dev.bulwark.dataplane.redis.RedisConnector;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestRedis;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RealServicesExtension.class)
class DefaultPolicyFactoryTest {
    private static final byte[] PEPPER = new byte[32];
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        RedisFixture.closeAll();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void everyExecutableConfigurationBecomesItsPolicyAndTimeoutsAreSkipped(TestRedis redis) {
        DefaultPolicyFactory factory = factory(redis, RedisFixture.down(vertx));
        List<PolicyConfig> configs = List.of(
                new ApiKeyAuthConfig(null, null, null),
                new JwtAuthConfig("https://id.example.com/", "https://id.example.com/jwks", List.of("a"), List.of(JwtAlgorithm.ES256),
                        null, null, null, null),
                new RateLimitConfig(10L, 1, null, null, null, null, null, null, null),
                new RateLimitConfig(10L, 1, null, null, null, LimitMode.LOCAL, null, null, null),
                new QuotaConfig(10L, QuotaPeriod.DAY, null, null, null, null),
                new IpFilterConfig(List.of("10.0.0.0/8"), null, null),
                new RequestLimitsConfig(null, null, null, null),
                new CorsConfig(List.of("*"), null, null, null, null, null),
                dev.bulwark.contracts.policy.ContractValidationConfig.defaults(),
                new ThreatProtectionConfig(null, null, null, null, null),
                dev.bulwark.contracts.policy.SensitiveDataConfig.defaults(),
                new dev.bulwark.contracts.policy.PlanAllowanceConfig("free", 100L, "Europe/Paris", null, null));
        for (PolicyConfig config : configs) {
            assertThat(config.validate()).isEmpty();
            Policy policy = factory.create(config);
            assertThat(policy.id()).isEqualTo(config.type());
        }
        assertThat(factory.create(new TimeoutsConfig(null, null, null))).isNull();
        assertThat(configs.stream().map(PolicyConfig::type).collect(java.util.stream.Collectors.toSet()))
                .as("every type but timeouts is covered").hasSize(PolicyType.all().size() - 1);
    }

    @Test
    void aChainBuiltByTheFactoryEnforcesEndToEnd(TestRedis redis) {
        DefaultPolicyFactory factory = factory(redis, RedisFixture.connected(vertx, redis.uri()));
        ApiKeyDigester digester = new ApiKeyDigester(PEPPER);
        String key = ApiKeys.generate(KeyEnvironment.LIVE);
        Policy planLimit = factory.create(new RateLimitConfig(2L, 60, 0L, LimitKey.APPLICATION, null,
                LimitMode.DISTRIBUTED, FailureMode.CLOSED, 2_000, true));
        CompiledPlan gold = new CompiledPlan(new PlanEntry("gold", "tenant-a", "api-1", List.of(), List.of()), Set.of(), List.of(planLimit));
        var snapshot = Snapshots.of(
                List.of(new ApiKeyEntry("k1", ApiKeys.lookupId(key), digester.digest(key), "tenant-a", "app-1", List.of(), null)),
                List.of(new ApplicationEntry("app-1", "tenant-a", "Shop", Map.of("api-1", "gold"))),
                List.of(gold));
        List<Policy> chain = List.of(
                factory.create(new CorsConfig(List.of("https://shop.example.com"), null, null, null, null, null)),
                factory.create(new IpFilterConfig(List.of("127.0.0.0/8"), null, null)),
                factory.create(new RequestLimitsConfig(null, null, null, null)),
                factory.create(new ApiKeyAuthConfig(null, null, null)));
        int port = new PolicyHarness(vertx, chain).snapshot(snapshot).start();

        assertThat(get(port, "/orders").statusCode()).isEqualTo(401);
        HttpResponse<String> first = get(port, "/orders", "X-API-Key", key, "Origin", "https://shop.example.com");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("RateLimit-Remaining")).hasValue("1");
        assertThat(first.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://shop.example.com");
        assertThat(get(port, "/orders", "X-API-Key", key).statusCode()).isEqualTo(200);
        HttpResponse<String> limited = get(port, "/orders", "X-API-Key", key, "Origin", "https://shop.example.com");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Access-Control-Allow-Origin")).as("errors stay readable by the browser")
                .hasValue("https://shop.example.com");
    }

    private DefaultPolicyFactory factory(TestRedis redis, RedisConnector connector) {
        GatewaySettings settings = GatewaySettings.from(Map.of(
                "BULWARK_API_KEY_PEPPER", Base64.getEncoder().encodeToString(PEPPER),
                "BULWARK_GW_REDIS_KEY_PREFIX", redis.keyPrefix()));
        return new DefaultPolicyFactory(vertx, connector, new SimpleMeterRegistry(), settings, Clock.systemUTC());
    }
}
