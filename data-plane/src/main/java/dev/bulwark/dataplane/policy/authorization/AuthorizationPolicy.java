package dev.bulwark.dataplane.policy.authorization;

import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.contracts.snapshot.OperationEntry;
import dev.bulwark.dataplane.model.CompiledPlan;
import dev.bulwark.dataplane.model.Consumer;
import dev.bulwark.dataplane.model.Policy;
import dev.bulwark.dataplane.model.PolicyFailure;
import dev.bulwark.dataplane.model.PolicyOrder;
import dev.bulwark.dataplane.model.RequestContext;
import io.vertx.core.Future;
import java.util.List;

/**
 * What an authenticated consumer may do: it must be subscribed to the API (403 NOT_SUBSCRIBED),
 * its plan must allow the operation (403 OPERATION_NOT_ALLOWED), and it must hold the operation's
 * required scopes (403 SCOPE_MISSING). Then the plan's own policies (its rate limits and quotas)
 * run, in their compiled order. Stateless: the pipeline adds the one instance after authentication
 * on every route that authenticates; it has no configuration record of its own.
 */
public final class AuthorizationPolicy implements Policy {
    public static final AuthorizationPolicy INSTANCE = new AuthorizationPolicy(true);
    /**
     * For JWT-only APIs (jwt policy with {@code requireApplication: false}, set explicitly): no
     * subscription or plan, only the operation's required scopes against the token's.
     */
    public static final AuthorizationPolicy SCOPES_ONLY = new AuthorizationPolicy(false);
    public static final String ID = "authorization";

    private static final PolicyFailure NOT_SUBSCRIBED = new PolicyFailure(403, "NOT_SUBSCRIBED",
            "The application is not subscribed to this API");
    private static final PolicyFailure OPERATION_NOT_ALLOWED = new PolicyFailure(403, "OPERATION_NOT_ALLOWED",
            "The subscription's plan does not include this operation");
    /** Scopes named in one refusal, each cut to this length: the names come from the tenant's document. */
    private static final int NAMED_SCOPES = 5;
    private static final int SCOPE_CHARS = 100;

    private final boolean requireSubscription;

    private AuthorizationPolicy(boolean requireSubscription) {
        this.requireSubscription = requireSubscription;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public int order() {
        return PolicyOrder.AUTHORIZATION;
    }

    @Override
    public Future<Void> onRequest(RequestContext context) {
        Consumer consumer = context.consumer();
        if (!requireSubscription) {
            OperationEntry operation = context.route().route().operation();
            List<String> required = operation == null ? List.of() : operation.requiredScopes();
            List<String> held = consumer == null ? List.of() : consumer.scopes();
            return consumer != null && held.containsAll(required) ? CONTINUE : Future.failedFuture(scopeMissing(required, held));
        }
        ApiEntry api = context.route().route().api();
        CompiledPlan plan = consumer == null || consumer.planId() == null ? null : context.snapshot().plan(consumer.planId());
        // The plan must belong to this API and tenant: a plan id is never trusted across APIs.
        if (plan == null || !api.apiId().equals(plan.plan().apiId()) || !api.tenantId().equals(plan.plan().tenantId())
                || !api.tenantId().equals(consumer.tenantId())) {
            return Future.failedFuture(NOT_SUBSCRIBED);
        }
        OperationEntry operation = context.route().route().operation();
        if (!plan.allows(operation == null ? null : operation.operationId())) {
            return Future.failedFuture(OPERATION_NOT_ALLOWED);
        }
        if (operation != null && !consumer.scopes().containsAll(operation.requiredScopes())) {
            return Future.failedFuture(scopeMissing(operation.requiredScopes(), consumer.scopes()));
        }
        return runPlanPolicies(plan.policies(), 0, context);
    }

    @Override
    public void onResponse(RequestContext context) {
        if (!requireSubscription) {
            return;
        }
        Consumer consumer = context.consumer();
        CompiledPlan plan = consumer == null || consumer.planId() == null ? null : context.snapshot().plan(consumer.planId());
        if (plan != null) {
            for (Policy policy : plan.policies()) {
                policy.onResponse(context);
            }
        }
    }

    private static Future<Void> runPlanPolicies(List<Policy> policies, int index, RequestContext context) {
        if (index == policies.size()) {
            return CONTINUE;
        }
        Future<Void> step = policies.get(index).onRequest(context);
        if (step == CONTINUE) {
            return runPlanPolicies(policies, index + 1, context);
        }
        return step.compose(ok -> runPlanPolicies(policies, index + 1, context));
    }

    /**
     * Names the scopes the credential lacks: the caller already proved a valid, subscribed credential,
     * and without the names it cannot tell which scope to ask for (as OAuth's insufficient_scope does).
     */
    static PolicyFailure scopeMissing(List<String> required, List<String> held) {
        List<String> missing = required.stream().filter(scope -> !held.contains(scope)).toList();
        String named = String.join(", ", missing.stream().limit(NAMED_SCOPES)
                .map(scope -> scope.length() > SCOPE_CHARS ? scope.substring(0, SCOPE_CHARS) + "…" : scope).toList());
        String more = missing.size() > NAMED_SCOPES ? " and " + (missing.size() - NAMED_SCOPES) + " more" : "";
        return new PolicyFailure(403, "SCOPE_MISSING", "The credential lacks the scope" + (missing.size() == 1 ? "" : "s")
                + " this operation requires: " + named + more);
    }
}
