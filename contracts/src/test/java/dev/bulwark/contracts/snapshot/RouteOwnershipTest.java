package dev.bulwark.contracts.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RouteOwnershipTest {
    private static RouteOwnership.Route route(String tenant, String host, String basePath) {
        return new RouteOwnership.Route(tenant, host, basePath);
    }

    @Test
    void segmentPrefixesAndExtensionsOverlapOnSharedHosts() {
        assertThat(RouteOwnership.conflicts(route("a", null, "/echo"), route("b", null, "/echo/items"))).isTrue();
        assertThat(RouteOwnership.conflicts(route("a", null, "/echo/items"), route("b", null, "/echo"))).isTrue();
        assertThat(RouteOwnership.conflicts(route("a", null, "/echo"), route("b", "x.example.com", "/echo/items"))).isTrue();
        assertThat(RouteOwnership.conflicts(route("a", null, "/anything/at/all"), route("b", "x.example.com", "/"))).isTrue();
        assertThat(RouteOwnership.conflicts(route("a", "x.example.com", "/v1"), route("b", "x.example.com", "/"))).isTrue();
        assertThat(RouteOwnership.conflicts(route("a", null, "/"), route("b", null, "/"))).isTrue();
    }

    @Test
    void segmentsNotCharactersAndDistinctHostsDoNotOverlap() {
        assertThat(RouteOwnership.conflicts(route("a", null, "/echo"), route("b", null, "/echoes"))).isFalse();
        assertThat(RouteOwnership.conflicts(route("a", "x.example.com", "/"), route("b", "y.example.com", "/"))).isFalse();
        assertThat(RouteOwnership.conflicts(route("a", null, "/echo"), route("b", null, "/other"))).isFalse();
    }

    @Test
    void oneTenantMayNestItsOwnRoutes() {
        assertThat(RouteOwnership.conflicts(route("a", null, "/echo"), route("a", null, "/echo/v2"))).isFalse();
        assertThat(RouteOwnership.conflicts(List.of(route("a", null, "/"), route("a", "x.example.com", "/echo")))).isEmpty();
    }

    @Test
    void spellingVariantsAreTheSameRoute() {
        assertThat(RouteOwnership.conflicts(route("a", null, "/echo"), route("b", null, "/ECHO/items"))).isTrue();
        assertThat(RouteOwnership.conflicts(route("a", null, "/echo"), route("b", null, "/%65cho"))).isTrue();
        assertThat(RouteOwnership.conflicts(route("a", "x.example.com", "/echo"), route("b", "X.Example.COM.", "/echo/"))).isTrue();
        // the router does not split on an encoded slash: "a%2Fb" is one segment, not /a/b
        assertThat(RouteOwnership.conflicts(route("a", null, "/a"), route("b", null, "/a%2Fb"))).isFalse();
    }

    @Test
    void theIndexedSearchFindsExactlyWhatThePairwiseRuleFinds() {
        Random random = new Random(21);
        String[] hosts = {null, "x.example.com", "y.example.com"};
        String[] segments = {"a", "b", "A", "%61"};
        for (int round = 0; round < 200; round++) {
            List<RouteOwnership.Route> routes = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                StringBuilder path = new StringBuilder();
                for (int depth = random.nextInt(3); depth > 0; depth--) {
                    path.append('/').append(segments[random.nextInt(segments.length)]);
                }
                routes.add(route("t" + random.nextInt(3), hosts[random.nextInt(hosts.length)], path.isEmpty() ? "/" : path.toString()));
            }
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < routes.size(); i++) {
                for (int j = 0; j < routes.size(); j++) {
                    if (i != j && RouteOwnership.conflicts(routes.get(i), routes.get(j))) {
                        expected.add(i);
                        break;
                    }
                }
            }
            List<RouteOwnership.Conflict> found = RouteOwnership.conflicts(routes);
            assertThat(found).extracting(RouteOwnership.Conflict::index).as("%s", routes).containsExactlyElementsOf(expected);
            for (RouteOwnership.Conflict conflict : found) {
                assertThat(RouteOwnership.conflicts(routes.get(conflict.index()), routes.get(conflict.other()))).isTrue();
            }
        }
    }

    @Test
    void snapshotRulesRefuseCrossTenantOverlapWithoutNamingTheOtherTenant() {
        Snapshot snapshot = new Snapshot(Snapshot.SCHEMA_VERSION, 1, "production", null, Instant.now(), List.of(
                new ApiEntry("victim", "tenant-victim", "Echo", null, "/echo", List.of("https://203.0.113.1"), List.of(), List.of()),
                new ApiEntry("capture", "tenant-attacker", "Mine", null, "/echo/items", List.of("https://203.0.113.2"), List.of(),
                        List.of())), List.of(), List.of(), List.of());

        assertThat(SnapshotRules.problems(snapshot))
                .contains("apis[0].basePath: route overlaps apis[1] of another tenant (a segment prefix or extension on a shared host)",
                        "apis[1].basePath: route overlaps apis[0] of another tenant (a segment prefix or extension on a shared host)")
                .noneMatch(problem -> problem.contains("tenant-"));
    }

    @Test
    void snapshotRulesRefuseEncodedDotSegmentsAndDuplicateRoutes() {
        Snapshot snapshot = new Snapshot(Snapshot.SCHEMA_VERSION, 0, "production", null, Instant.now(), List.of(
                new ApiEntry("a", "t", "A", null, "/x/%2e%2E", List.of("https://203.0.113.1"), List.of(), List.of()),
                new ApiEntry("b", "t", "B", null, "/y", List.of("https://203.0.113.1"), List.of(
                        new OperationEntry("one", "GET", "/{id}", List.of(), List.of()),
                        new OperationEntry("two", "GET", "/{other}", List.of(), List.of())), List.of()),
                new ApiEntry("c", "t", "C", null, "/Y", List.of("https://203.0.113.1"), List.of(), List.of())),
                List.of(), List.of(), List.of());

        assertThat(SnapshotRules.contentProblems(snapshot)).containsExactlyInAnyOrder(
                "apis[0].basePath: has a dot segment",
                "apis[1].operations[1]: duplicate route GET /{}",
                "apis[2].basePath: duplicate route: apis[1] has the same host and base path");
        assertThat(SnapshotRules.problems(snapshot)).contains("version: must be at least 1");
    }
}
