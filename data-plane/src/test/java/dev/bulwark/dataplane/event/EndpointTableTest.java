package dev.bulwark.dataplane.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.contracts.event.EndpointAggregate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The endpoint table's bounds and the labels of undeclared paths. */
class EndpointTableTest {
    private static final long NOW = 1_800_000_000_000L;

    @Test
    void identifiersInUndeclaredPathsCollapseIntoOneLabel() {
        assertThat(EndpointPaths.label("GET", "/users/12345/orders")).isEqualTo("GET /users/{id}/orders");
        assertThat(EndpointPaths.label("GET", "/users/3f2b8c1e-9a7d-4c55-8e21-0b6f6d0e4c1e")).isEqualTo("GET /users/{id}");
        assertThat(EndpointPaths.label("DELETE", "/files/deadbeefcafe0001")).isEqualTo("DELETE /files/{id}");
        assertThat(EndpointPaths.label("GET", "/v2/admin/")).isEqualTo("GET /v2/admin");
        assertThat(EndpointPaths.label("GET", "/search/%27%20or%201=1")).isEqualTo("GET /search/{x}");
        assertThat(EndpointPaths.label("GET", "/" + "a".repeat(41))).isEqualTo("GET /{x}");
        assertThat(EndpointPaths.label("GET", "/a/b/c/d/e/f/g/h")).isEqualTo("GET /a/b/c/d/e/f/…");
        assertThat(EndpointPaths.label("POST", "/")).isEqualTo("POST /");
        assertThat(EndpointPaths.label("POST", "")).isEqualTo("POST /");
    }

    @Test
    void aFloodOfAddressesKeepsCountingTheEndpointWithoutItsConsumers() {
        EndpointTable table = new EndpointTable(4, 2, 8, 8);
        for (int i = 0; i < 10; i++) {
            assertThat(table.add(NOW, "t", "api", "getItem", true, true, null, null, "10.0.0." + i, true, i, 0)).isTrue();
        }
        assertThat(table.size()).isEqualTo(5); // four addresses, then one cell without a consumer
        assertThat(table.add(NOW, "t", "api", "other1", true, false, null, null, "10.1.0.1", false, 0, 0)).isTrue();
        assertThat(table.add(NOW, "t", "api", "other2", true, false, null, null, "10.1.0.2", false, 0, 0))
                .as("past the reserve").isFalse();
        assertThat(table.lost()).isEqualTo(1);
        List<EndpointAggregate> out = new ArrayList<>();
        table.drain(out::add);
        assertThat(out).hasSize(6);
        assertThat(out.stream().mapToLong(EndpointAggregate::requests).sum()).isEqualTo(11);
        EndpointAggregate anonymous = out.stream().filter(a -> a.endpoint().equals("getItem") && a.clientIp() == null).findFirst()
                .orElseThrow();
        assertThat(anonymous.requests()).isEqualTo(6);
        assertThat(anonymous.denied()).isEqualTo(6);
        assertThat(anonymous.deniedIds()).hasSize(6);
        assertThat(table.size()).isZero();
    }

    @Test
    void deniedIdsAreDistinctAndCappedPerAggregate() {
        EndpointTable table = new EndpointTable(16, 0, 8, 8);
        for (int i = 0; i < 100; i++) {
            table.add(NOW, "t", "api", "getItem", true, true, "app", "key", "10.0.0.1", true, i % 50, 0);
        }
        table.add(NOW, "t", "api", "getItem", true, true, "app", "key", "10.0.0.1", false, 0, 0);
        List<EndpointAggregate> out = new ArrayList<>();
        table.drain(out::add);
        assertThat(out).singleElement().satisfies(a -> {
            assertThat(a.requests()).isEqualTo(101);
            assertThat(a.denied()).isEqualTo(100);
            assertThat(a.deniedIds()).hasSize(EndpointAggregate.MAX_IDS).doesNotHaveDuplicates();
            assertThat(a.minute().toEpochMilli() % 60_000).isZero();
        });
    }

    @Test
    void undeclaredLabelsAreBoundedPerApiAndPerFlushAndTheOverflowIsCounted() {
        EndpointTable table = new EndpointTable(100, 0, 3, 2);
        assertThat(table.undeclaredLabel("t", "scanned", "GET /a")).isEqualTo("GET /a");
        table.add(NOW, "t", "scanned", "GET /a", false, false, null, null, "10.0.0.1", false, 0, 404);
        assertThat(table.undeclaredLabel("t", "scanned", "GET /b")).isEqualTo("GET /b");
        table.add(NOW, "t", "scanned", "GET /b", false, false, null, null, "10.0.0.1", false, 0, 404);
        assertThat(table.undeclaredLabel("t", "scanned", "GET /c")).as("a third label for one API").isEqualTo(EndpointAggregate.OTHER);
        assertThat(table.undeclaredLabel("t", "scanned", "GET /a")).as("a label the API already has").isEqualTo("GET /a");
        assertThat(table.undeclaredLabel("t", "quiet", "GET /x")).as("the scanner did not take the other API's labels")
                .isEqualTo("GET /x");
        assertThat(table.undeclaredLabel("t2", "scanned", "GET /y")).as("same API id, another tenant").isEqualTo("GET /y");
        table.add(NOW, "t", "quiet", "GET /x", false, false, null, null, "10.0.0.1", false, 0, 0);
        assertThat(table.undeclaredLabel("t", "quiet", "GET /z")).as("the per-flush bound over all APIs")
                .isEqualTo(EndpointAggregate.OTHER);
        assertThat(table.overflow()).isEqualTo(2);
        table.drain(a -> { });
        assertThat(table.undeclaredLabel("t", "scanned", "GET /c")).as("a new flush interval").isEqualTo("GET /c");
        assertThat(table.overflow()).isEqualTo(2);
    }

    @Test
    void refusedAndForwardedRequestsOfOneLabelAreSeparateAggregates() {
        EndpointTable table = new EndpointTable(100, 0, 8, 8);
        table.add(NOW, "t", "api", "GET /admin", false, false, null, null, "10.0.0.1", false, 0, 404);
        table.add(NOW, "t", "api", "GET /admin", false, false, null, null, "10.0.0.1", false, 0, 404);
        table.add(NOW, "t", "api", "GET /admin", false, false, null, null, "10.0.0.1", false, 0, 0);
        table.add(NOW, "t", "api", "GET /admin", false, false, null, null, "10.0.0.1", false, 0, 405);
        List<EndpointAggregate> out = new ArrayList<>();
        table.drain(out::add);
        assertThat(out).hasSize(3);
        assertThat(out).filteredOn(a -> a.refusedStatus() == 404).singleElement()
                .satisfies(a -> assertThat(a.requests()).isEqualTo(2));
        assertThat(out).filteredOn(a -> a.refusedStatus() == 0).singleElement().satisfies(a -> assertThat(a.refused()).isFalse());
        assertThat(out).filteredOn(a -> a.refusedStatus() == 405).hasSize(1);
    }
}
