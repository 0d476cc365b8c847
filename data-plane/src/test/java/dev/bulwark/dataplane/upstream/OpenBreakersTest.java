package dev.bulwark.dataplane.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.contracts.sync.BreakerStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the gateway reports with each heartbeat: the breakers that are not closed, and since when. */
class OpenBreakersTest {
    final UpstreamRegistry registry = new UpstreamRegistry(1, 3_600_000, new SimpleMeterRegistry());
    final Origin orders = Origin.parse("http://orders.internal:8080/v1");
    final Origin stock = Origin.parse("https://stock.internal");

    @Test
    void onlyBreakersThatAreNotClosedAreReportedWithTheirScopeAndOpeningTime() {
        registry.upstream("tenant-a", "api-1", stock);
        Upstream failing = registry.upstream("tenant-a", "api-1", orders);
        registry.upstream("tenant-b", "api-2", orders);
        assertThat(registry.openBreakers()).as("all closed").isEmpty();

        Instant before = Instant.now().minusMillis(1);
        failing.breaker().onFailure(false);

        List<BreakerStatus> open = registry.openBreakers();
        assertThat(open).hasSize(1);
        BreakerStatus status = open.getFirst();
        assertThat(status.tenantId()).isEqualTo("tenant-a");
        assertThat(status.apiId()).isEqualTo("api-1");
        assertThat(status.origin()).isEqualTo(orders.key()).doesNotContain("/v1");
        assertThat(status.state()).isEqualTo(BreakerStatus.OPEN);
        assertThat(status.since()).isAfter(before).isBeforeOrEqualTo(Instant.now());
    }

    @Test
    void aBreakerPastItsCoolDownIsReportedHalfOpenAndAClosedOneDisappears() {
        UpstreamRegistry quick = new UpstreamRegistry(1, 0, new SimpleMeterRegistry());
        Upstream upstream = quick.upstream("tenant-a", "api-1", orders);
        upstream.breaker().onFailure(false);
        assertThat(quick.openBreakers()).extracting(BreakerStatus::state).containsExactly(BreakerStatus.HALF_OPEN);

        assertThat(upstream.breaker().tryAcquire()).isEqualTo(CircuitBreaker.Admission.PROBE);
        upstream.breaker().onSuccess(true);
        assertThat(quick.openBreakers()).isEmpty();
    }

    @Test
    void theReportIsBounded() {
        for (int i = 0; i < BreakerStatus.MAX_REPORTED + 20; i++) {
            registry.upstream("tenant-a", "api-" + i, orders).breaker().onFailure(false);
        }
        assertThat(registry.openBreakers()).hasSize(BreakerStatus.MAX_REPORTED);
    }
}
