package dev.bulwark.dataplane.policy.authorization;

import static dev.bulwark.dataplane.policy.HttpProbe.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.contracts.snapshot.OperationEntry;
import dev.bulwark.contracts.snapshot.PlanEntry;
import dev.bulwark.dataplane.model.CompiledPlan;
import dev.bulwark.dataplane.model.Consumer;
import dev.bulwark.dataplane.model.Policy;
import dev.bulwark.dataplane.model.PolicyFailure;
import dev.bulwark.dataplane.model.RequestContext;
import dev.bulwark.dataplane.policy.PolicyHarness;
import dev.bulwark.dataplane.policy.Snapshots;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AuthorizationPolicyTest {
    private static final OperationEntry LIST = new OperationEntry("listOrders", "GET", "/", List.of("orders:read"), List.of());
    private static final OperationEntry DELETE = new OperationEntry("deleteOrder", "DELETE", "/{id}", List.of(), List.of());

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void subscribedConsumerWithScopesPassesAndPlanPoliciesRunInOrder() {
        List<String> ran = new java.util.concurrent.CopyOnWriteArrayList<>();
        CompiledPlan gold = new CompiledPlan(new PlanEntry("gold", "tenant-a", "api-1", List.of("listOrders"), List.of()),
                Set.of("listOrders"), List.of(recording("first", ran, null), recording("second", ran, null)));
        int port = serve(gold, new Consumer("tenant-a", "app-1", "k1", null, List.of("orders:read"), "gold"), LIST);
        assertThat(get(port, "/orders").statusCode()).isEqualTo(200);
        assertThat(ran).containsExactly("first", "second");
    }

    @Test
    void planPolicyFailureStopsTheRequest() {
        CompiledPlan gold = new CompiledPlan(new PlanEntry("gold", "tenant-a", "api-1", List.of(), List.of()), Set.of(),
                List.of(recording("limit", new java.util.ArrayList<>(), new PolicyFailure(429, "RATE_LIMITED", "slow down"))));
        int port = serve(gold, new Consumer("tenant-a", "app-1", "k1", null, List.of("orders:read"), "gold"), LIST);
        assertThat(get(port, "/orders").statusCode()).isEqualTo(429);
    }

    @Test
    void notSubscribedOperationNotAllowedAndScopeMissingAreDistinct403s() {
        CompiledPlan gold = new CompiledPlan(new PlanEntry("gold", "tenant-a", "api-1", List.of("listOrders"), List.of()),
                Set.of("listOrders"), List.of());
        assertThat(get(serve(gold, new Consumer("tenant-a", "app-1", "k1", null, List.of(), null), LIST), "/orders").body())
                .contains("NOT_SUBSCRIBED");
        assertThat(get(serve(gold, new Consumer("tenant-a", "app-1", "k1", null, List.of("orders:read"), "gold"), DELETE), "/orders").body())
                .contains("OPERATION_NOT_ALLOWED");
        HttpResponse<String> scope = get(serve(gold, new Consumer("tenant-a", "app-1", "k1", null, List.of(), "gold"), LIST), "/orders");
        assertThat(scope.statusCode()).isEqualTo(403);
        assertThat(scope.body()).contains("SCOPE_MISSING").contains("requires: orders:read");
    }

    @Test
    void scopeMissingNamesOnlyTheMissingScopesAndBoundsTheList() {
        assertThat(AuthorizationPolicy.scopeMissing(List.of("a", "b"), List.of("a")).getMessage()).endsWith("requires: b");
        List<String> many = java.util.stream.IntStream.range(0, 8).mapToObj(i -> "s" + i).toList();
        assertThat(AuthorizationPolicy.scopeMissing(many, List.of()).getMessage()).endsWith("s0, s1, s2, s3, s4 and 3 more");
        assertThat(AuthorizationPolicy.scopeMissing(List.of("x".repeat(500)), List.of()).getMessage()).hasSizeLessThan(200);
    }

    @Test
    void aPlanOfAnotherApiOrTenantNeverAuthorizes() {
        CompiledPlan otherApi = new CompiledPlan(new PlanEntry("gold", "tenant-a", "api-2", List.of(), List.of()), Set.of(), List.of());
        assertThat(get(serve(otherApi, new Consumer("tenant-a", "app-1", "k1", null, List.of("orders:read"), "gold"), LIST), "/orders")
                .body()).contains("NOT_SUBSCRIBED");
        CompiledPlan gold = new CompiledPlan(new PlanEntry("gold", "tenant-a", "api-1", List.of(), List.of()), Set.of(), List.of());
        assertThat(get(serve(gold, new Consumer("tenant-b", "app-1", "k1", null, List.of("orders:read"), "gold"), LIST), "/orders")
                .body()).contains("NOT_SUBSCRIBED");
    }

    private int serve(CompiledPlan plan, Consumer consumer, OperationEntry operation) {
        Policy authenticate = new Policy() {
            @Override
            public String id() {
                return "fixed-consumer";
            }

            @Override
            public int order() {
                return 300;
            }

            @Override
            public Future<Void> onRequest(RequestContext context) {
                context.authenticate(consumer);
                return CONTINUE;
            }
        };
        return new PolicyHarness(vertx, List.of(authenticate, AuthorizationPolicy.INSTANCE))
                .snapshot(Snapshots.of(List.of(), List.of(), List.of(plan))).operation(operation).start();
    }

    private static Policy recording(String name, List<String> ran, PolicyFailure failure) {
        return new Policy() {
            @Override
            public String id() {
                return name;
            }

            @Override
            public int order() {
                return 500;
            }

            @Override
            public Future<Void> onRequest(RequestContext context) {
                ran.add(name);
                return failure == null ? CONTINUE : Future.failedFuture(failure);
            }
        };
    }
}
