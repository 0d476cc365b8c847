package dev.bulwark.dataplane.policy.quota;

import static dev.bulwark.dataplane.policy.HttpProbe.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.contracts.policy.FailureMode;
import dev.bulwark.contracts.policy.PlanAllowanceConfig;
import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.dataplane.policy.PolicyHarness;
import dev.bulwark.dataplane.policy.RedisFixture;
import dev.bulwark.dataplane.policy.ratelimit.AsyncRedis;
import dev.bulwark.dataplane.policy.ratelimit.RedisFailureMode;
import dev.bulwark.dataplane.redis.RedisConnector;
import dev.bulwark.testing.RealServicesExtension;
import dev.bulwark.testing.TestRedis;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RealServicesExtension.class)
class PlanAllowancePolicyTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /**
     * Derived from the real clock (Redis expires the counter by its own): the last day of next month,
     * 23:00 Paris time, so the allowance renews in one hour, at midnight of the first day after it.
     */
    private static final ZonedDateTime LAST_HOUR = ZonedDateTime.now(PARIS).truncatedTo(ChronoUnit.DAYS)
            .withDayOfMonth(1).plusMonths(2).minusHours(1);
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        RedisFixture.closeAll();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void oneCounterPerTenantAcrossItsApisAndAnotherTenantIsUntouched(TestRedis redis) {
        RedisConnector connector = RedisFixture.connected(vertx, redis.uri());
        PlanAllowanceConfig free = new PlanAllowanceConfig("free", 3L, "Europe/Paris", FailureMode.CLOSED, 2_000);
        int orders = serve(connector, redis.keyPrefix(), free, api("api-1", "tenant-a", "/orders"));
        int pets = serve(connector, redis.keyPrefix(), free, api("api-2", "tenant-a", "/pets"));
        int other = serve(connector, redis.keyPrefix(), free, api("api-3", "tenant-b", "/pets"));

        assertThat(get(orders, "/orders").statusCode()).isEqualTo(200);
        assertThat(get(pets, "/pets").statusCode()).isEqualTo(200);
        assertThat(get(orders, "/orders").statusCode()).isEqualTo(200);
        HttpResponse<String> reached = get(pets, "/pets");
        assertThat(reached.statusCode()).isEqualTo(429);
        assertThat(reached.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(reached.body()).contains("PLAN_LIMIT_REACHED").contains("requests per month").doesNotContain("QUOTA_EXCEEDED");
        assertThat(reached.headers().firstValue("Retry-After")).hasValue("3600");
        assertThat(get(other, "/pets").statusCode()).as("another tenant's allowance").isEqualTo(200);
    }

    @Test
    void redisDownFollowsTheFailureMode() {
        RedisConnector down = RedisFixture.down(vertx);
        ApiEntry api = api("api-1", "tenant-a", "/orders");
        int open = serve(down, "bw:", new PlanAllowanceConfig("free", 1L, null, FailureMode.OPEN, 50), api);
        int closed = serve(down, "bw:", new PlanAllowanceConfig("free", 1L, null, FailureMode.CLOSED, 50), api);
        assertThat(get(open, "/orders").statusCode()).isEqualTo(200);
        HttpResponse<String> refused = get(closed, "/orders");
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.body()).contains("PLAN_ALLOWANCE_UNAVAILABLE");
    }

    private int serve(RedisConnector connector, String prefix, PlanAllowanceConfig config, ApiEntry api) {
        PlanAllowancePolicy policy = new PlanAllowancePolicy(config, new AsyncRedis(vertx, connector),
                new RedisFailureMode(config.failureMode(), "plan-allowance", "PLAN_ALLOWANCE_UNAVAILABLE", metrics), prefix,
                Clock.fixed(LAST_HOUR.toInstant(), PARIS));
        return new PolicyHarness(vertx, List.of(policy)).api(api).start();
    }

    private static ApiEntry api(String id, String tenant, String basePath) {
        return new ApiEntry(id, tenant, id, null, basePath, List.of("http://127.0.0.1:1"), List.of(), List.of());
    }

}
