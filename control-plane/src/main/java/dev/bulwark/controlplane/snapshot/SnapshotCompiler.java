package dev.bulwark.controlplane.snapshot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.bulwark.contracts.policy.PolicyConfig;
import dev.bulwark.contracts.schema.Violation;
import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.contracts.snapshot.ApiKeyEntry;
import dev.bulwark.contracts.snapshot.ApplicationEntry;
import dev.bulwark.contracts.snapshot.OperationEntry;
import dev.bulwark.contracts.snapshot.PlanEntry;
import dev.bulwark.contracts.snapshot.Snapshot;
import dev.bulwark.contracts.snapshot.SnapshotHash;
import dev.bulwark.controlplane.api.Environment;
import dev.bulwark.controlplane.sql.Sql;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Compiles everything one environment's gateways need, for all tenants, into an immutable
 * {@link Snapshot}. The content hash ({@link SnapshotHash}) identifies the content; the version
 * moves only when it changes. The snapshot carries key digests, so it is never exposed over HTTP.
 */
@Singleton
public class SnapshotCompiler {
    private final SnapshotQueries queries;
    private final KeyCache keyCache;
    private final Sql sql;
    private final ObjectMapper canonical;

    public SnapshotCompiler(SnapshotQueries queries, KeyCache keyCache, Sql sql, ObjectMapper mapper) {
        this.queries = queries;
        this.keyCache = keyCache;
        this.sql = sql;
        this.canonical = JsonMapper.builder()
                .findAndAddModules()
                .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
    }

    /**
     * The content only: version 0 and no hash. The sync publisher diffs it against the published
     * head and hashes just the entries that changed, so nothing here is O(snapshot) beyond the reads.
     */
    @Transactional
    public Snapshot compileContent(Environment environment) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<ApiEntry> apis = queries.apis(environment);
        List<PlanEntry> plans = queries.plans(environment);
        List<ApplicationEntry> applications = new ArrayList<>();
        queries.activeSubscriptions(environment).forEach((applicationId, subscriptions) -> {
            Map<String, String> planByApi = new TreeMap<>();
            subscriptions.forEach(s -> planByApi.put(s.apiId().toString(), s.planId().toString()));
            SnapshotQueries.Subscriptions first = subscriptions.get(0);
            applications.add(new ApplicationEntry(applicationId.toString(), first.tenantId().toString(), first.name(), planByApi));
        });
        Set<String> applicationIds = applications.stream().map(ApplicationEntry::applicationId).collect(Collectors.toSet());
        // A key whose application has no active subscription here could never be authorised: leave it out.
        List<ApiKeyEntry> keys = keyCache.keys(environment, now).stream()
                .filter(key -> applicationIds.contains(key.applicationId()))
                .toList();
        validate(environment, apis, plans);
        return new Snapshot(Snapshot.SCHEMA_VERSION, 0, environment.wire(), null, now, apis, plans, applications, keys);
    }

    /** {@link #compileContent} stamped with its content hash and a version kept in {@code snapshot_head}. */
    @Transactional
    public Snapshot compile(Environment environment) {
        Snapshot content = compileContent(environment);
        String hash = SnapshotHash.of(content);
        long version = advanceVersion(environment, hash, content.createdAt());
        return new Snapshot(content.schemaVersion(), version, content.environment(), hash, content.createdAt(), content.apis(),
                content.plans(), content.applications(), content.apiKeys());
    }

    /** The content hash ({@link SnapshotHash}, the one both planes verify) of this content. */
    public String contentHash(Environment environment, List<ApiEntry> apis, List<PlanEntry> plans,
                              List<ApplicationEntry> applications, List<ApiKeyEntry> keys) {
        return SnapshotHash.of(new Snapshot(Snapshot.SCHEMA_VERSION, 0, environment.wire(), null, null, apis, plans, applications, keys));
    }

    /** Canonical JSON of a whole snapshot, as written to a gateway or a file. */
    public byte[] toJson(Snapshot snapshot) {
        try {
            return canonical.writeValueAsBytes(snapshot);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise snapshot", e);
        }
    }

    private static void validate(Environment environment, List<ApiEntry> apis, List<PlanEntry> plans) {
        List<String> problems = new ArrayList<>();
        Map<String, String> routes = new HashMap<>();
        for (ApiEntry api : apis) {
            String route = (api.host() == null ? "*" : api.host()) + api.basePath();
            String other = routes.putIfAbsent(route, api.apiId());
            if (other != null) {
                problems.add("route " + route + " in " + environment.wire() + " is claimed by APIs " + other + " and " + api.apiId());
            }
            check(api.policies(), "api " + api.apiId(), problems);
            for (OperationEntry operation : api.operations()) {
                check(operation.policies(), "api " + api.apiId() + " operation " + operation.operationId(), problems);
            }
        }
        for (PlanEntry plan : plans) {
            check(plan.policies(), "plan " + plan.planId(), problems);
        }
        if (!problems.isEmpty()) {
            throw new SnapshotInvalidException(problems);
        }
    }

    private static void check(List<PolicyConfig> policies, String owner, List<String> problems) {
        for (int i = 0; i < policies.size(); i++) {
            for (Violation violation : policies.get(i).validate()) {
                problems.add(owner + " policies[" + i + "]." + violation.path() + " " + violation.message());
            }
        }
    }

    private long advanceVersion(Environment environment, String hash, Instant now) {
        sql.update("INSERT INTO snapshot_head (environment, version, content_hash, compiled_at) VALUES (?, 0, '', ?) "
                + "ON CONFLICT (environment) DO NOTHING", environment, now);
        record Head(long version, String hash) {
        }
        Head head = sql.one("SELECT version, content_hash FROM snapshot_head WHERE environment = ? FOR UPDATE",
                row -> new Head(row.getLong(1), row.getString(2)), environment).orElseThrow();
        if (head.hash().equals(hash)) {
            return head.version();
        }
        long next = head.version() + 1;
        sql.update("UPDATE snapshot_head SET version = ?, content_hash = ?, compiled_at = ? WHERE environment = ?",
                next, hash, now, environment);
        return next;
    }
}
