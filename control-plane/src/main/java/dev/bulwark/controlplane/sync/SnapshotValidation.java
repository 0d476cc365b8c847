package dev.bulwark.controlplane.sync;

import dev.bulwark.contracts.policy.PolicyConfig;
import dev.bulwark.contracts.schema.Violation;
import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.contracts.snapshot.ApiKeyEntry;
import dev.bulwark.contracts.snapshot.ApplicationEntry;
import dev.bulwark.contracts.snapshot.OperationEntry;
import dev.bulwark.contracts.snapshot.PlanEntry;
import dev.bulwark.contracts.snapshot.Snapshot;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * The last check before a snapshot is published: a snapshot that fails it is never published and
 * the data planes keep the version they have. Catalog validation should have caught all of this
 * when each object was saved; this guards against the combination and against bugs.
 */
final class SnapshotValidation {
    private SnapshotValidation() {
    }

    /** Every problem, each naming where it is; empty when the snapshot may be published. */
    static List<String> problems(Snapshot snapshot) {
        List<String> problems = new ArrayList<>();
        uniqueIds(snapshot.apis(), ApiEntry::apiId, "apis", problems);
        uniqueIds(snapshot.plans(), PlanEntry::planId, "plans", problems);
        uniqueIds(snapshot.applications(), ApplicationEntry::applicationId, "applications", problems);
        uniqueIds(snapshot.apiKeys(), ApiKeyEntry::keyId, "apiKeys", problems);
        Set<String> lookupIds = new HashSet<>();
        for (ApiKeyEntry key : snapshot.apiKeys()) {
            if (!lookupIds.add(key.lookupId())) {
                problems.add("apiKeys[" + key.keyId() + "].lookupId: duplicate");
            }
        }
        Set<String> routes = new HashSet<>();
        for (ApiEntry api : snapshot.apis()) {
            String where = "apis[" + api.apiId() + "]";
            if (api.upstreams().isEmpty()) {
                problems.add(where + ".upstreams: at least one upstream is required");
            }
            policies(api.policies(), where, problems);
            for (OperationEntry operation : api.operations()) {
                String route = (api.host() == null ? "*" : api.host().toLowerCase(Locale.ROOT)) + " "
                        + operation.method().toUpperCase(Locale.ROOT) + " " + join(api.basePath(), operation.pathTemplate());
                if (!routes.add(route)) {
                    problems.add(where + ".operations[" + operation.operationId() + "]: duplicate route " + route);
                }
                policies(operation.policies(), where + ".operations[" + operation.operationId() + "]", problems);
            }
        }
        for (PlanEntry plan : snapshot.plans()) {
            policies(plan.policies(), "plans[" + plan.planId() + "]", problems);
        }
        return problems;
    }

    private static void policies(List<PolicyConfig> policies, String where, List<String> problems) {
        for (int i = 0; i < policies.size(); i++) {
            for (Violation violation : policies.get(i).validate()) {
                problems.add(where + ".policies[" + i + "]." + violation.path() + ": " + violation.message());
            }
        }
    }

    private static <T> void uniqueIds(List<T> entries, Function<T, String> id, String collection, List<String> problems) {
        Set<String> seen = new HashSet<>();
        for (T entry : entries) {
            String key = id.apply(entry);
            if (key == null || key.isBlank()) {
                problems.add(collection + ": an entry has no id");
            } else if (!seen.add(key)) {
                problems.add(collection + "[" + key + "]: duplicate id");
            }
        }
    }

    /** Path templates are compared with their parameter names erased: /a/{x} and /a/{y} collide. */
    private static String join(String basePath, String pathTemplate) {
        String path = ("/".equals(basePath) ? "" : basePath) + pathTemplate;
        return path.replaceAll("\\{[^}/]*}", "{}");
    }
}
