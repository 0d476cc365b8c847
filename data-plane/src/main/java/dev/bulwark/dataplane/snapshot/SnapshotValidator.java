package dev.bulwark.dataplane.snapshot;

import dev.bulwark.contracts.net.Cidr;
import dev.bulwark.contracts.policy.PolicyConfig;
import dev.bulwark.contracts.schema.Violation;
import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.contracts.snapshot.ApiKeyEntry;
import dev.bulwark.contracts.snapshot.ApplicationEntry;
import dev.bulwark.contracts.snapshot.OperationEntry;
import dev.bulwark.contracts.snapshot.PlanEntry;
import dev.bulwark.contracts.snapshot.Snapshot;
import dev.bulwark.dataplane.routing.PathTemplate;
import dev.bulwark.dataplane.upstream.Origin;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that a snapshot is consistent before anything is built from it: ids unique, references
 * resolvable, paths and upstream URLs well-formed, every policy configuration valid. Each problem
 * is reported with the JSON path of the offending field.
 */
final class SnapshotValidator {
    static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private final List<String> problems = new ArrayList<>();

    static List<String> validate(Snapshot snapshot) {
        SnapshotValidator validator = new SnapshotValidator();
        validator.check(snapshot);
        return validator.problems;
    }

    private void check(Snapshot snapshot) {
        require(snapshot.schemaVersion() == Snapshot.SCHEMA_VERSION, "schemaVersion", "must be " + Snapshot.SCHEMA_VERSION);
        require(snapshot.version() >= 1, "version", "must be at least 1");
        Set<String> apiIds = new HashSet<>();
        for (int i = 0; i < snapshot.apis().size(); i++) {
            ApiEntry api = snapshot.apis().get(i);
            String at = "apis[" + i + "]";
            if (require(notBlank(api.apiId()), at + ".apiId", "is required")) {
                require(apiIds.add(api.apiId()), at + ".apiId", "duplicates " + api.apiId());
            }
            require(notBlank(api.tenantId()), at + ".tenantId", "is required");
            require(api.host() == null || api.host().matches("[A-Za-z0-9.-]+"), at + ".host", "must be a host name without port");
            attempt(at + ".basePath", () -> PathTemplate.parseBasePath(api.basePath()));
            require(!api.upstreams().isEmpty(), at + ".upstreams", "needs at least one upstream");
            for (int u = 0; u < api.upstreams().size(); u++) {
                String url = api.upstreams().get(u);
                attempt(at + ".upstreams[" + u + "]", () -> Origin.parse(url));
            }
            for (int c = 0; c < api.privateCidrs().size(); c++) {
                String cidr = api.privateCidrs().get(c);
                attempt(at + ".allowedPrivateCidrs[" + c + "]", () -> Cidr.parse(cidr));
            }
            policies(at + ".policies", api.policies());
            for (int o = 0; o < api.operations().size(); o++) {
                OperationEntry operation = api.operations().get(o);
                String op = at + ".operations[" + o + "]";
                require(operation.method() != null && METHODS.contains(operation.method()), op + ".method", "must be one of " + METHODS);
                attempt(op + ".pathTemplate", () -> PathTemplate.parse(operation.pathTemplate()));
                policies(op + ".policies", operation.policies());
            }
        }
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
        Set<String> lookupIds = new HashSet<>();
        for (int i = 0; i < snapshot.apiKeys().size(); i++) {
            ApiKeyEntry key = snapshot.apiKeys().get(i);
            String at = "apiKeys[" + i + "]";
            require(notBlank(key.keyId()), at + ".keyId", "is required");
            require(notBlank(key.digest()), at + ".digest", "is required");
            if (require(notBlank(key.lookupId()), at + ".lookupId", "is required")) {
                require(lookupIds.add(key.lookupId()), at + ".lookupId", "duplicates another key's lookup id");
            }
            require(applications.contains(key.applicationId()), at + ".applicationId", "names no application of the snapshot");
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

    private void attempt(String field, Runnable check) {
        try {
            check.run();
        } catch (IllegalArgumentException e) {
            problems.add(field + ": " + e.getMessage());
        }
    }

    private static boolean notBlank(String text) {
        return text != null && !text.isBlank();
    }
}
