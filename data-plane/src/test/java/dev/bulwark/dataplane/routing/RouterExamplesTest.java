package dev.bulwark.dataplane.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.contracts.snapshot.OperationEntry;
import dev.bulwark.dataplane.model.CompiledRoute;
import dev.bulwark.dataplane.model.RouteMatch;
import dev.bulwark.dataplane.model.Router;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouterExamplesTest {
    private static CompiledRoute route(String apiId, String method, String template) {
        ApiEntry api = new ApiEntry(apiId, "t1", apiId, null, "/", List.of("http://127.0.0.1:1"), List.of(), List.of());
        return new CompiledRoute(api, template == null ? null : new OperationEntry(apiId + ":" + method + template, method, template, List.of(), List.of()), List.of());
    }

    private final CompiledRoute ordersById = route("orders", "GET", "/orders/{id}");
    private final CompiledRoute ordersMine = route("orders", "GET", "/orders/mine");
    private final CompiledRoute ordersItems = route("orders", "GET", "/orders/{id}/items");
    private final CompiledRoute ordersCreate = route("orders", "POST", "/orders");
    private final CompiledRoute ordersRoot = route("orders", "GET", "/");
    private final CompiledRoute adminAll = route("admin", null, null);
    private final CompiledRoute rootAll = route("root", null, null);
    private final CompiledRoute hostOnly = route("host", "GET", "/orders/{id}");

    private final Router router = new RouterBuilder()
            .api(null, "/shop", null)
            .operation("GET", "/orders/{id}", ordersById)
            .operation("GET", "/orders/mine", ordersMine)
            .operation("GET", "/orders/{id}/items", ordersItems)
            .operation("POST", "/orders", ordersCreate)
            .operation("GET", "/", ordersRoot)
            .api(null, "/shop/admin", adminAll)
            .api(null, "/", rootAll)
            .api("api.example.com", "/shop", null)
            .operation("GET", "/orders/{id}", hostOnly)
            .build();

    @Test
    void literalSegmentBeatsVariable() {
        assertThat(router.match(null, "GET", "/shop/orders/mine").route()).isSameAs(ordersMine);
        assertThat(router.match(null, "GET", "/shop/orders/42").route()).isSameAs(ordersById);
        assertThat(router.match(null, "GET", "/shop/orders/mine/items").route()).isSameAs(ordersItems);
    }

    @Test
    void upstreamPathDropsTheBasePathAndKeepsTheRest() {
        RouteMatch match = router.match(null, "GET", "/shop/orders/42/items");
        assertThat(match.upstreamPath()).isEqualTo("/orders/42/items");
        assertThat(router.match(null, "GET", "/shop").upstreamPath()).isEqualTo("/");
        assertThat(router.match(null, "GET", "/shop/").route()).isSameAs(ordersRoot);
        assertThat(router.match(null, "GET", "/elsewhere/x").upstreamPath()).isEqualTo("/elsewhere/x");
    }

    @Test
    void longestBasePathWinsAndOwnsItsSubtree() {
        assertThat(router.match(null, "DELETE", "/shop/admin/users/1").route()).isSameAs(adminAll);
        assertThat(router.match(null, "GET", "/shopping").route()).as("prefix is by segment, not by character").isSameAs(rootAll);
        assertThat(router.match(null, "GET", "/shop/unknown").refusal().api().apiId()).as("the /shop API owns its subtree")
                .isEqualTo("orders");
    }

    @Test
    void methodMismatchIsToldApartFromNoRoute() {
        assertThat(router.match(null, "DELETE", "/shop/orders/42").methodNotAllowed()).isTrue();
        assertThat(router.match(null, "POST", "/shop/orders/").route()).isSameAs(ordersCreate);
        assertThat(router.match(null, "HEAD", "/shop/orders/42").route()).as("HEAD falls back to GET").isSameAs(ordersById);
    }

    @Test
    void aMissUnderAnApiNamesTheApiThatRefusesIt() {
        RouteMatch probe = router.match(null, "GET", "/shop/internal/users/7");
        assertThat(probe.refused()).isTrue();
        assertThat(probe.route()).isNull();
        assertThat(probe.refusal().api().apiId()).isEqualTo("orders");
        assertThat(probe.refusal().status()).isEqualTo(404);
        assertThat(probe.refusal().basePath()).isEqualTo("/shop");
        assertThat(probe.refusal().relativePath("/shop/internal/users/7")).isEqualTo("/internal/users/7");
        assertThat(router.match(null, "GET", "/shop/v0/")).as("one instance per API and status: nothing allocated per miss")
                .isSameAs(probe);

        RouteMatch wrongMethod = router.match(null, "DELETE", "/shop/orders/42");
        assertThat(wrongMethod.refusal().status()).isEqualTo(405);
        assertThat(wrongMethod.refusal().api().apiId()).isEqualTo("orders");
        assertThat(wrongMethod.methodNotAllowed()).isTrue();
        assertThat(probe.methodNotAllowed()).isFalse();

        assertThat(router.match("api.example.com", "DELETE", "/shop/orders/1").refusal().api().apiId())
                .as("the host's own API refuses; any-host APIs are not tried").isEqualTo("host");
    }

    @Test
    void aPathUnderNoApiAndAnApiWithoutRoutesAreNoMatchAtAll() {
        Router narrow = new RouterBuilder()
                .api(null, "/shop", null)
                .operation("GET", "/orders/{id}", ordersById)
                .api(null, "/empty", null)
                .build();
        assertThat(narrow.match(null, "GET", "/admin/users")).as("under no API's base path").isNull();
        assertThat(narrow.match(null, "GET", "/shopping")).as("a base path matches whole segments").isNull();
        assertThat(narrow.match(null, "GET", "/empty/x")).as("an API without any route is not known to the router").isNull();
        assertThat(narrow.match(null, "GET", "/shop").refusal().relativePath("/shop")).isEqualTo("/");
    }

    @Test
    void aFallbackRouteIsAMatchNotARefusal() {
        CompiledRoute fallback = route("orders", null, null);
        Router forwarding = new RouterBuilder()
                .api(null, "/shop", null)
                .operation("GET", "/orders/{id}", ordersById)
                .fallback(fallback)
                .build();
        RouteMatch match = forwarding.match(null, "GET", "/shop/internal/users/7");
        assertThat(match.refused()).isFalse();
        assertThat(match.route()).isSameAs(fallback);
        assertThat(match.upstreamPath()).isEqualTo("/internal/users/7");
    }

    @Test
    void aRefusalAtTheRootBasePathKeepsTheWholePath() {
        Router root = new RouterBuilder().api(null, "/", null).operation("GET", "/orders/{id}", ordersById).build();
        RouteMatch probe = root.match(null, "GET", "/admin/1");
        assertThat(probe.refusal().basePath()).isEqualTo("/");
        assertThat(probe.refusal().relativePath("/admin/1")).isEqualTo("/admin/1");
    }

    @Test
    void exactHostBeatsAnyHostCaseInsensitively() {
        assertThat(router.match("API.example.com", "GET", "/shop/orders/1").route()).isSameAs(hostOnly);
        assertThat(router.match("other.example.com", "GET", "/shop/orders/1").route()).isSameAs(ordersById);
        assertThat(router.match("api.example.com", "GET", "/elsewhere").route())
                .as("no API of that host covers the path: any-host APIs apply").isSameAs(rootAll);
    }

    @Test
    void emptySegmentsNeverMatchVariables() {
        assertThat(router.match(null, "GET", "/shop/orders//items").refusal().status()).isEqualTo(404);
        assertThat(router.match(null, "GET", "no-slash")).isNull();
    }

    @Test
    void conflictingDefinitionsAreRefused() {
        assertThatThrownBy(() -> new RouterBuilder().api(null, "/a", rootAll).api(null, "/a", adminAll))
                .hasMessageContaining("already published");
        assertThatThrownBy(() -> new RouterBuilder().api(null, "/a", null)
                .operation("GET", "/x/{a}", ordersById).operation("GET", "/x/{b}", ordersMine))
                .hasMessageContaining("duplicate operation GET /x/{}");
        assertThatThrownBy(() -> new RouterBuilder().api(null, "/a/{v}", null)).hasMessageContaining("variable");
        assertThatThrownBy(() -> PathTemplate.parse("/a/file.{ext}")).hasMessageContaining("mixes");
    }
}
