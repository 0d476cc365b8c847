package dev.bulwark.controlplane.snapshot;

import dev.bulwark.contracts.net.UpstreamAddresses;
import dev.bulwark.contracts.policy.PolicyConfig;
import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.contracts.snapshot.OperationContract;
import dev.bulwark.contracts.snapshot.OperationEntry;
import dev.bulwark.contracts.snapshot.PlanEntry;
import dev.bulwark.controlplane.api.PrivateUpstreams;
import dev.bulwark.controlplane.kernel.Environment;
import dev.bulwark.controlplane.kernel.JsonColumns;
import dev.bulwark.controlplane.sql.Sql;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The reads behind a snapshot. Unlike every other catalog query these span all tenants on
 * purpose: a gateway serves one environment for every tenant. Nothing here is reachable over HTTP.
 * <p>Hand SQL: bulk reads that span every tenant of an environment on purpose, one query per table.
 */
@Singleton
class SnapshotQueries {
    /** An API is routed in an environment when published or deprecated, enabled there, has upstreams, and its tenant is not closed. */
    private static final String ROUTED = "FROM api a JOIN api_environment e ON e.api_id = a.id AND e.environment = ? "
            + "WHERE a.lifecycle IN ('published', 'deprecated') AND e.enabled AND jsonb_array_length(e.upstream_urls) > 0 "
            + "AND NOT EXISTS (SELECT 1 FROM tenant ct WHERE ct.id = a.tenant_id AND ct.closed_at IS NOT NULL)";

    record Subscriptions(UUID applicationId, UUID tenantId, String name, UUID apiId, UUID planId, Long tokensNotBefore) {
    }

    private final Sql sql;
    private final JsonColumns json;
    private final PrivateUpstreams privateUpstreams;

    SnapshotQueries(Sql sql, JsonColumns json, PrivateUpstreams privateUpstreams) {
        this.sql = sql;
        this.json = json;
        this.privateUpstreams = privateUpstreams;
    }

    List<ApiEntry> apis(Environment environment) {
        Map<UUID, List<OperationEntry>> operations = operations(environment);
        // Private upstreams today are one switch on the API and one on its tenant; the gateway takes a
        // CIDR list, so "both on" means every non-public range (metadata addresses stay refused there).
        return sql.list("SELECT a.id, a.tenant_id, a.name, a.host, a.base_path, e.upstream_urls::text AS upstreams, "
                        + "a.policies::text AS policies, a.allow_private_upstreams, a.contract_schemas, "
                        + "(SELECT t.private_upstream_cidrs FROM tenant t WHERE t.id = a.tenant_id) AS private_cidrs "
                        + ROUTED + " ORDER BY a.id",
                row -> {
                    UUID id = row.getObject("id", UUID.class);
                    return new ApiEntry(id.toString(), row.getObject("tenant_id", UUID.class).toString(),
                            row.getString("name"), row.getString("host"), row.getString("base_path"),
                            json.strings(row.getString("upstreams")), operations.getOrDefault(id, List.of()),
                            sorted(json.policies(row.getString("policies"))),
                            privateUpstreams.apiCidrs(row.getBoolean("allow_private_upstreams"),
                                    List.of((String[]) row.getArray("private_cidrs").getArray())),
                            privateUpstreams.platformEndpoints(), row.getString("contract_schemas"));
                }, environment);
    }

    private Map<UUID, List<OperationEntry>> operations(Environment environment) {
        Map<UUID, List<OperationEntry>> byApi = new LinkedHashMap<>();
        sql.list("SELECT o.api_id, o.operation_key, o.method, o.path_template, "
                        // The document's scopes bind keys only when the API enforces them (chosen at publish).
                        + "CASE WHEN (SELECT x.enforce_document_scopes FROM api x WHERE x.id = o.api_id) "
                        + "THEN o.required_scopes::text ELSE '[]' END AS scopes, "
                        + "o.policies::text AS policies, o.contract::text AS contract FROM api_operation o WHERE o.api_id IN (SELECT a.id " + ROUTED + ") "
                        + "ORDER BY o.api_id, o.operation_key",
                row -> {
                    byApi.computeIfAbsent(row.getObject("api_id", UUID.class), k -> new ArrayList<>())
                            .add(new OperationEntry(row.getString("operation_key"), row.getString("method"),
                                    row.getString("path_template"), json.strings(row.getString("scopes")).stream().sorted().toList(),
                                    sorted(json.policies(row.getString("policies"))),
                                    json.value(row.getString("contract"), OperationContract.class)));
                    return null;
                }, environment);
        return byApi;
    }

    List<PlanEntry> plans(Environment environment) {
        return sql.list("SELECT p.id, p.tenant_id, p.api_id, p.allowed_operations::text AS allowed, p.policies::text AS policies "
                        + "FROM plan p WHERE p.api_id IN (SELECT a.id " + ROUTED + ") ORDER BY p.id",
                row -> new PlanEntry(row.getObject("id", UUID.class).toString(), row.getObject("tenant_id", UUID.class).toString(),
                        row.getObject("api_id", UUID.class).toString(),
                        json.strings(row.getString("allowed")).stream().sorted().toList(),
                        sorted(json.policies(row.getString("policies")))),
                environment);
    }

    /**
     * Active subscriptions to routed APIs, grouped by application in id order. PostgreSQL orders
     * uuids bytewise, which is the order of their lower-case text (the snapshot's id order); Java's
     * {@code UUID.compareTo} is not, hence the SQL order and a LinkedHashMap.
     */
    Map<UUID, List<Subscriptions>> activeSubscriptions(Environment environment) {
        Map<UUID, List<Subscriptions>> byApplication = new LinkedHashMap<>();
        // tokens_not_before: set when the application's OAuth client (identity.keycloak) is revoked.
        sql.list("SELECT s.application_id, app.tenant_id, app.name, s.api_id, s.plan_id,"
                        + " CAST(CEIL(EXTRACT(EPOCH FROM oc.tokens_not_before)) AS bigint) AS tokens_not_before FROM subscription s "
                        + "JOIN application app ON app.id = s.application_id AND app.tenant_id = s.tenant_id "
                        + "LEFT JOIN application_oauth_client oc ON oc.application_id = s.application_id AND oc.tenant_id = s.tenant_id "
                        + "WHERE s.status = 'active' AND s.api_id IN (SELECT a.id " + ROUTED + ") ORDER BY s.application_id, s.api_id",
                row -> {
                    Subscriptions s = new Subscriptions(row.getObject("application_id", UUID.class),
                            row.getObject("tenant_id", UUID.class), row.getString("name"),
                            row.getObject("api_id", UUID.class), row.getObject("plan_id", UUID.class),
                            row.getObject("tokens_not_before", Long.class));
                    byApplication.computeIfAbsent(s.applicationId(), k -> new ArrayList<>()).add(s);
                    return null;
                }, environment);
        return byApplication;
    }

    /**
     * OAuth client ids other than the application id that are the application (identity.keycloak:
     * the current client after a secret rotation and those whose overlap is not over), sorted.
     */
    Map<UUID, List<String>> extraClientIds() {
        Map<UUID, List<String>> byApplication = new java.util.HashMap<>();
        sql.list("""
                SELECT application_id, client_id FROM application_oauth_client
                WHERE revoked_at IS NULL AND client_id <> application_id::text
                UNION
                SELECT r.application_id, r.client_id FROM oauth_client_retiring r
                JOIN application_oauth_client c ON c.application_id = r.application_id AND c.tenant_id = r.tenant_id
                WHERE c.revoked_at IS NULL AND r.client_id <> r.application_id::text
                ORDER BY 1, 2""",
                row -> byApplication.computeIfAbsent(row.getObject("application_id", UUID.class), k -> new ArrayList<>())
                        .add(row.getString("client_id")));
        byApplication.values().forEach(ids -> ids.sort(null));
        return byApplication;
    }

    private static List<PolicyConfig> sorted(List<PolicyConfig> policies) {
        return policies.stream().sorted(Comparator.comparing(PolicyConfig::type)).toList();
    }
}
