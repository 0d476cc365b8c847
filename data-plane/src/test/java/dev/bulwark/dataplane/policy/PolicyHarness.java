package dev.bulwark.dataplane.policy;

import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.contracts.snapshot.OperationEntry;
import dev.bulwark.dataplane.error.Problems;
import dev.bulwark.dataplane.model.CompiledRoute;
import dev.bulwark.dataplane.model.CompiledSnapshot;
import dev.bulwark.dataplane.model.Consumer;
import dev.bulwark.dataplane.model.Policy;
import dev.bulwark.dataplane.model.PolicyFailure;
import dev.bulwark.dataplane.model.RequestContext;
import dev.bulwark.dataplane.model.RouteMatch;
import dev.bulwark.dataplane.snapshot.SnapshotHolder;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A real HTTP server that runs a policy chain the way the gateway does (in order, stopping at the
 * first failure, problem+json on rejection) and answers 200 with what an upstream would have
 * seen. Stands in for the core pipeline in policy tests; it is not a mock of anything external.
 */
public final class PolicyHarness implements AutoCloseable {
    public static final ApiEntry API = new ApiEntry("api-1", "tenant-a", "Orders", null, "/orders",
            List.of("http://127.0.0.1:1"), List.of(), List.of());

    private final Vertx vertx;
    private final List<Policy> policies;
    private volatile CompiledSnapshot snapshot = SnapshotHolder.empty("test");
    private volatile ApiEntry api = API;
    private volatile OperationEntry operation;
    private HttpServer server;

    public PolicyHarness(Vertx vertx, List<Policy> policies) {
        this.vertx = vertx;
        List<Policy> sorted = new ArrayList<>(policies);
        sorted.sort(Comparator.comparingInt(Policy::order));
        this.policies = List.copyOf(sorted);
    }

    public PolicyHarness snapshot(CompiledSnapshot snapshot) {
        this.snapshot = snapshot;
        return this;
    }

    public PolicyHarness api(ApiEntry api) {
        this.api = api;
        return this;
    }

    public PolicyHarness operation(OperationEntry operation) {
        this.operation = operation;
        return this;
    }

    public int start() {
        server = vertx.createHttpServer();
        return server.requestHandler(this::handle).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().join().actualPort();
    }

    private void handle(HttpServerRequest request) {
        request.pause();
        RouteMatch match = new RouteMatch(new CompiledRoute(api, operation, policies), request.path());
        RequestContext context = new RequestContext(request, snapshot, match, "req-1",
                request.remoteAddress().hostAddress(), System.nanoTime());
        run(context, 0).onComplete(outcome -> {
            for (Policy policy : policies) {
                policy.onResponse(context);
            }
            if (context.hasResponseHeaders()) {
                context.responseHeaders().applyTo(request.response().headers());
            }
            if (outcome.failed()) {
                if (outcome.cause() instanceof PolicyFailure failure) {
                    failure.headers().forEach(request.response()::putHeader);
                    // Problems.write renders statuses below 400 (a preflight's 204) as a bodiless answer.
                    Problems.write(request.response(), failure.status(), failure.key(), failure.getMessage(), "req-1");
                } else {
                    Problems.write(request.response(), 500, "INTERNAL", "unexpected", "req-1");
                }
                return;
            }
            request.resume();
            request.body().onComplete(body -> request.response().putHeader("Content-Type", "application/json")
                    .end(seen(context, body.succeeded() ? body.result().length() : -1).encode()));
        });
    }

    private Future<Void> run(RequestContext context, int index) {
        if (index == policies.size()) {
            return Policy.CONTINUE;
        }
        return policies.get(index).onRequest(context).compose(ok -> run(context, index + 1));
    }

    private static JsonObject seen(RequestContext context, int bodyBytes) {
        JsonObject headers = new JsonObject();
        context.request().headers().forEach(entry -> headers.put(entry.getKey().toLowerCase(), entry.getValue()));
        Consumer consumer = context.consumer();
        JsonObject body = new JsonObject()
                .put("clientIp", context.clientIp())
                .put("headers", headers)
                .put("query", context.upstreamQuery() != null ? context.upstreamQuery() : context.request().query())
                .put("bodyBytes", bodyBytes);
        if (consumer != null) {
            body.put("consumer", new JsonObject(Map.of(
                    "tenantId", String.valueOf(consumer.tenantId()), "applicationId", String.valueOf(consumer.applicationId()),
                    "keyId", String.valueOf(consumer.keyId()), "subject", String.valueOf(consumer.subject()),
                    "planId", String.valueOf(consumer.planId()), "scopes", String.join(" ", consumer.scopes()))));
        }
        return body;
    }

    @Override
    public void close() {
        if (server != null) {
            server.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
