package dev.bulwark.contracts.snapshot;

import dev.bulwark.contracts.policy.PolicyConfig;
import dev.bulwark.contracts.schema.Violation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one set of rules a snapshot must satisfy, checked by the control plane before it publishes
 * and by the gateway before it applies (a gateway must not trust a snapshot more than the control
 * plane does: it may come from a file, or from an older control plane). Ids unique and references
 * resolvable, hosts and paths well-formed, one API per route, no route of one tenant overlapping a
 * route of another ({@link RouteOwnership}), every policy configuration valid. Each problem names
 * the JSON path of the offending field, e.g. {@code apis[3].basePath: ...}.
 *
 * <p>What needs the gateway's own machinery (parsing upstream URLs with its HTTP client's parser)
 * the gateway checks in addition.
 */
public final class SnapshotRules {
    public static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]+");

    private final List<String> problems = new ArrayList<>();

    private SnapshotRules() {
    }

    /** Problems of the content, whatever its version: what the control plane checks before stamping. */
    public static List<String> contentProblems(Snapshot snapshot) {
        SnapshotRules rules = new SnapshotRules();
        rules.content(snapshot);
        return rules.problems;
    }

    /** {@link #contentProblems} plus what a stamped snapshot carries: what a gateway checks. */
    public static List<String> problems(Snapshot snapshot) {
        SnapshotRules rules = new SnapshotRules();
        rules.require(snapshot.version() >= 1, "version", "must be at least 1");
        rules.content(snapshot);
        return rules.problems;
    }

    private void content(Snapshot snapshot) {
        require(snapshot.schemaVersion() == Snapshot.SCHEMA_VERSION, "schemaVersion", "must be " + Snapshot.SCHEMA_VERSION);
        Set<String> apiIds = new HashSet<>();
        List<RouteOwnership.Route> routes = new ArrayList<>();
        Map<String, Integer> routeOwners = new HashMap<>();
        for (int i = 0; i < snapshot.apis().size(); i++) {
            ApiEntry api = snapshot.apis().get(i);
            String at = "apis[" + i + "]";
            if (require(notBlank(api.apiId()), at + ".apiId", "is required")) {
                require(apiIds.add(api.apiId()), at + ".apiId", "duplicates " + api.apiId());
            }
            require(notBlank(api.tenantId()), at + ".tenantId", "is required");
            boolean hostValid = require(api.host() == null || HOST.matcher(api.host()).matches(), at + ".host",
                    "must be a host name without port");
            boolean pathValid = attempt(at + ".basePath", () -> RoutePaths.basePath(api.basePath()));
            if (hostValid && pathValid) {
                RouteOwnership.Route route = new RouteOwnership.Route(api.tenantId(), api.host(), api.basePath());
                String key = RouteOwnership.host(api.host()) + " " + RouteOwnership.segments(api.basePath());
                Integer first = routeOwners.putIfAbsent(key, i);
                require(first == null, at + ".basePath", "duplicate route: apis[" + first + "] has the same host and base path");
                routes.add(route);
            } else {
                routes.add(null);
            }
            require(!api.upstreams().isEmpty(), at + ".upstreams", "needs at least one upstream");
            policies(at + ".policies", api.policies());
            Set<String> operationRoutes = new HashSet<>();
            for (int o = 0; o < api.operations().size(); o++) {
                OperationEntry operation = api.operations().get(o);
                String op = at + ".operations[" + o + "]";
                require(operation.method() != null && METHODS.contains(operation.method()), op + ".method", "must be one of " + METHODS);
                String[] template = new String[1];
                if (attempt(op + ".pathTemplate", () -> template[0] = RoutePaths.canonicalTemplate(operation.pathTemplate()))) {
                    require(operationRoutes.add(operation.method() + " " + template[0]), op,
                            "duplicate route " + operation.method() + " " + template[0]);
                }
                policies(op + ".policies", operation.policies());
                ContractRules.check(op + ".contract", operation, (field, message) -> problems.add(field + ": " + message));
            }
        }
        ownership(routes);
        Map<String, PlanEntry> plans = new HashMap<>();
        for (int i = 0; i < snapshot.plans().size(); i++) {
            PlanEntry plan = snapshot.plans().get(i);
            String at = "plans[" + i + "]";
            if (require(notBlank(plan.planId()), at + ".planId", "is required")) {
                require(plans.putIfAbsent(plan.planId(), plan) == null, at + ".planId", "duplicates " + plan.planId());
            }
            require(apiIds.contains(plan.apiId()), at + ".apiId", "names no API of the snapshot");
            policies(at + ".policies", plan.policies());
        }
        Set<String> applications = new HashSet<>();
        for (int i = 0; i < snapshot.applications().size(); i++) {
            ApplicationEntry application = snapshot.applications().get(i);
            String at = "applications[" + i + "]";
            if (require(notBlank(application.applicationId()), at + ".applicationId", "is required")) {
                require(applications.add(application.applicationId()), at + ".applicationId", "duplicates " + application.applicationId());
            }
            application.planByApi().forEach((apiId, planId) -> {
                PlanEntry plan = plans.get(planId);
                require(plan != null && plan.apiId().equals(apiId), at + ".planByApi." + apiId, "names no plan of that API");
            });
        }
        Set<String> keyIds = new HashSet<>();
        Set<String> lookupIds = new HashSet<>();
        for (int i = 0; i < snapshot.apiKeys().size(); i++) {
            ApiKeyEntry key = snapshot.apiKeys().get(i);
            String at = "apiKeys[" + i + "]";
            if (require(notBlank(key.keyId()), at + ".keyId", "is required")) {
                require(keyIds.add(key.keyId()), at + ".keyId", "duplicates " + key.keyId());
            }
            require(notBlank(key.digest()), at + ".digest", "is required");
            if (require(notBlank(key.lookupId()), at + ".lookupId", "is required")) {
                require(lookupIds.add(key.lookupId()), at + ".lookupId", "duplicates another key's lookup id");
            }
            require(applications.contains(key.applicationId()), at + ".applicationId", "names no application of the snapshot");
        }
    }

    /** Cross-tenant overlap; the message names the other route by position only, never its tenant. */
    private void ownership(List<RouteOwnership.Route> routes) {
        List<RouteOwnership.Route> valid = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < routes.size(); i++) {
            if (routes.get(i) != null) {
                valid.add(routes.get(i));
                positions.add(i);
            }
        }
        for (RouteOwnership.Conflict conflict : RouteOwnership.conflicts(valid)) {
            problems.add("apis[" + positions.get(conflict.index()) + "].basePath: route overlaps apis["
                    + positions.get(conflict.other()) + "] of another tenant (a segment prefix or extension on a shared host)");
        }
    }

    private void policies(String at, List<PolicyConfig> configs) {
        Set<String> types = new HashSet<>();
        for (int i = 0; i < configs.size(); i++) {
            PolicyConfig config = configs.get(i);
            if (!require(config != null, at + "[" + i + "]", "is null")) {
                continue;
            }
            require(types.add(config.type()), at + "[" + i + "].type", "duplicates policy " + config.type() + " at this level");
            for (Violation violation : config.validate()) {
                problems.add(at + "[" + i + "]." + violation.path() + ": " + violation.message());
            }
        }
    }

    private boolean require(boolean condition, String field, String message) {
        if (!condition) {
            problems.add(field + ": " + message);
        }
        return condition;
    }

    private boolean attempt(String field, Runnable check) {
        try {
            check.run();
            return true;
        } catch (IllegalArgumentException e) {
            problems.add(field + ": " + e.getMessage());
            return false;
        }
    }

    private static boolean notBlank(String text) {
        return text != null && !text.isBlank();
    }
}
