package dev.bulwark.controlplane.snapshot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.bulwark.contracts.policy.PlanAllowanceConfig;
import dev.bulwark.contracts.policy.PolicyConfig;
import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.contracts.snapshot.ApiKeyEntry;
import dev.bulwark.contracts.snapshot.ApplicationEntry;
import dev.bulwark.contracts.snapshot.PlanEntry;
import dev.bulwark.contracts.snapshot.Snapshot;
import dev.bulwark.contracts.snapshot.SnapshotHash;
import dev.bulwark.controlplane.billing.PlanAllowances;
import dev.bulwark.controlplane.kernel.Environment;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
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
    private final ObjectMapper canonical;
    private final PlanAllowances allowances;
    private final List<SnapshotRestrictions> restrictions;

    public SnapshotCompiler(SnapshotQueries queries, KeyCache keyCache, ObjectMapper mapper, PlanAllowances allowances,
                            List<SnapshotRestrictions> restrictions) {
        this.queries = queries;
        this.keyCache = keyCache;
        this.allowances = allowances;
        this.restrictions = List.copyOf(restrictions);
        this.canonical = JsonMapper.builder()
                .findAndAddModules()
                .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
    }

    /**
     * The content only: version 0 and no hash. The sync publisher checks it against the shared
     * {@code SnapshotRules}, diffs it against the published head and hashes just the entries that
     * changed, so nothing here is O(snapshot) beyond the reads. Versions are the publisher's
     * ({@code published_snapshot}); there is no other version counter.
     */
    @Transactional
    public Snapshot compileContent(Environment environment) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<ApiEntry> apis = RestrictionsApplied.blockAddresses(withPlanAllowances(queries.apis(environment)), blocked(now));
        List<PlanEntry> plans = queries.plans(environment);
        List<ApplicationEntry> applications = new ArrayList<>();
        Map<UUID, List<String>> clientIds = queries.extraClientIds();
        queries.activeSubscriptions(environment).forEach((applicationId, subscriptions) -> {
            Map<String, String> planByApi = new TreeMap<>();
            subscriptions.forEach(s -> planByApi.put(s.apiId().toString(), s.planId().toString()));
            SnapshotQueries.Subscriptions first = subscriptions.get(0);
            applications.add(new ApplicationEntry(applicationId.toString(), first.tenantId().toString(), first.name(), planByApi,
                    first.tokensNotBefore(), clientIds.getOrDefault(applicationId, List.of())));
        });
        Set<String> applicationIds = applications.stream().map(ApplicationEntry::applicationId).collect(Collectors.toSet());
        // A key whose application has no active subscription here could never be authorised: leave it out.
        List<ApiKeyEntry> keys = keyCache.keys(environment, now).stream()
                .filter(key -> applicationIds.contains(key.applicationId()))
                .filter(key -> !suspended(now).contains(key.applicationId()))
                .toList();
        return new Snapshot(Snapshot.SCHEMA_VERSION, 0, environment.wire(), null, now, apis, plans, applications, keys);
    }

    /** Every API of a tenant whose billing plan throttles requests carries the tenant's allowance. */
    private List<ApiEntry> withPlanAllowances(List<ApiEntry> apis) {
        Map<String, PlanAllowanceConfig> byTenant = allowances.byTenant();
        return apis.stream().map(api -> {
            PlanAllowanceConfig allowance = byTenant.get(api.tenantId());
            if (allowance == null) {
                return api;
            }
            List<PolicyConfig> policies = new ArrayList<>(api.policies());
            policies.add(allowance);
            policies.sort(Comparator.comparing(PolicyConfig::type));
            return new ApiEntry(api.apiId(), api.tenantId(), api.name(), api.host(), api.basePath(), api.upstreams(), api.operations(),
                    policies, api.allowedPrivateCidrs(), api.deniedEndpoints(), api.schemas());
        }).toList();
    }

    private Map<String, List<String>> blocked(Instant now) {
        Map<String, List<String>> all = new TreeMap<>();
        restrictions.forEach(r -> r.blockedAddresses(now).forEach((tenant, cidrs) ->
                all.computeIfAbsent(tenant, t -> new ArrayList<>()).addAll(cidrs)));
        return all;
    }

    private Set<String> suspended(Instant now) {
        return restrictions.stream().flatMap(r -> r.suspendedApplications(now).stream()).collect(Collectors.toSet());
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
}
