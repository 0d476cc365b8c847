package dev.bulwark.dataplane.snapshot;

import dev.bulwark.contracts.policy.ContractValidationConfig;
import dev.bulwark.contracts.policy.EnforcementMode;
import dev.bulwark.contracts.policy.PolicyConfig;
import dev.bulwark.contracts.policy.ResponseValidationMode;
import dev.bulwark.contracts.policy.PolicyType;
import dev.bulwark.contracts.policy.TimeoutsConfig;
import dev.bulwark.contracts.snapshot.ApiEntry;
import dev.bulwark.contracts.snapshot.ApiKeyEntry;
import dev.bulwark.contracts.snapshot.ApplicationEntry;
import dev.bulwark.contracts.snapshot.OperationEntry;
import dev.bulwark.contracts.snapshot.PlanEntry;
import dev.bulwark.contracts.snapshot.Snapshot;
import dev.bulwark.dataplane.contract.CompiledOperation;
import dev.bulwark.dataplane.contract.OperationCompiler;
import dev.bulwark.dataplane.contract.SchemaEngine;
import dev.bulwark.dataplane.model.CompiledPlan;
import dev.bulwark.dataplane.model.CompiledRoute;
import dev.bulwark.dataplane.model.CompiledSnapshot;
import dev.bulwark.dataplane.model.Policy;
import dev.bulwark.dataplane.model.PolicyFactory;
import dev.bulwark.dataplane.routing.RouterBuilder;
import dev.bulwark.dataplane.upstream.AddressGuard;
import dev.bulwark.dataplane.upstream.Origin;
import dev.bulwark.dataplane.upstream.Upstream;
import dev.bulwark.dataplane.upstream.UpstreamGroup;
import dev.bulwark.dataplane.upstream.UpstreamRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a validated snapshot into the immutable structures requests read: the routing trie, each
 * route's sorted policy chain and upstream group, and the key/application/plan tables. Runs off the
 * event loop; nothing it builds is decided again per request.
 */
public final class GatewayCompiler {
    private static final Comparator<Policy> BY_ORDER = Comparator.comparingInt(Policy::order);
    private static final TimeoutsConfig DEFAULT_TIMEOUTS = new TimeoutsConfig(null, null, null);

    private final PolicyFactory policyFactory;
    private final UpstreamRegistry upstreams;
    private final OperationCompiler contracts = new OperationCompiler(new SchemaEngine());

    public GatewayCompiler(PolicyFactory policyFactory, UpstreamRegistry upstreams) {
        this.policyFactory = policyFactory;
        this.upstreams = upstreams;
    }

    public CompiledSnapshot compile(Snapshot snapshot) throws InvalidSnapshotException {
        List<String> problems = SnapshotValidator.validate(snapshot);
        if (!problems.isEmpty()) {
            throw new InvalidSnapshotException(problems);
        }
        contracts.engine().begin();
        policyFactory.begin();
        try {
            CompiledSnapshot compiled = build(snapshot);
            contracts.engine().commit();
            policyFactory.commit();
            return compiled;
        } catch (IllegalArgumentException | IllegalStateException e) {
            contracts.engine().abandon();
            policyFactory.abandon();
            throw new InvalidSnapshotException(List.of(e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }

    /** Schemas compiled (not taken from the cache) by the last {@link #compile}. */
    public int schemasCompiled() {
        return contracts.engine().compiledThisGeneration();
    }

    private CompiledSnapshot build(Snapshot snapshot) {
        RouterBuilder router = new RouterBuilder();
        List<UpstreamRegistry.BreakerKey> breakers = new ArrayList<>();
        for (ApiEntry api : snapshot.apis()) {
            AddressGuard addresses = AddressGuard.of(api.allowedPrivateCidrs());
            Map<String, PolicyConfig> apiConfigs = byType(api.policies());
            Map<String, Policy> apiPolicies = instantiate(apiConfigs, addresses);
            List<Upstream> origins = new ArrayList<>(api.upstreams().size());
            for (String url : api.upstreams()) {
                Origin origin = Origin.parse(url);
                origins.add(upstreams.upstream(api.tenantId(), api.apiId(), origin));
                breakers.add(UpstreamRegistry.key(api.tenantId(), api.apiId(), origin));
            }
            if (api.operations().isEmpty()) {
                UpstreamGroup group = new UpstreamGroup(origins, timeouts(apiConfigs), addresses);
                router.api(api.host(), api.basePath(), new CompiledRoute(api, null, sorted(apiPolicies), group, api.apiId() + " *"));
                continue;
            }
            router.api(api.host(), api.basePath(), null);
            OperationCompiler.Definitions definitions = null;
            for (OperationEntry operation : api.operations()) {
                Map<String, PolicyConfig> own = byType(operation.policies());
                Map<String, Policy> chain = new LinkedHashMap<>(apiPolicies);
                chain.putAll(instantiate(own, addresses));
                Map<String, PolicyConfig> effective = new LinkedHashMap<>(apiConfigs);
                effective.putAll(own);
                UpstreamGroup group = new UpstreamGroup(origins, timeouts(effective), addresses);
                String label = operation.operationId() != null ? operation.operationId() : operation.method() + " " + operation.pathTemplate();
                CompiledOperation contract = null;
                if (effective.get(PolicyType.CONTRACT_VALIDATION) instanceof ContractValidationConfig validation
                        && operation.contract() != null) {
                    definitions = definitions != null ? definitions : OperationCompiler.Definitions.of(api);
                    boolean blocks = validation.mode() == EnforcementMode.BLOCK;
                    contract = contracts.compile(api, definitions, operation, blocks && validation.validateParameters(),
                            blocks && validation.validateBody(), validation.responses() != ResponseValidationMode.OFF);
                }
                router.operation(operation.method(), operation.pathTemplate(),
                        new CompiledRoute(api, operation, sorted(chain), group, label, contract));
            }
            if (apiConfigs.get(PolicyType.CONTRACT_VALIDATION) instanceof ContractValidationConfig validation
                    && !validation.rejectUndefinedOperations()) {
                // Operations the document does not define are forwarded with the API's own policies.
                router.fallback(new CompiledRoute(api, null, sorted(apiPolicies),
                        new UpstreamGroup(origins, timeouts(apiConfigs), addresses), api.apiId() + " undefined"));
            }
        }
        Map<String, CompiledPlan> plans = new HashMap<>(snapshot.plans().size() * 2);
        for (PlanEntry plan : snapshot.plans()) {
            plans.put(plan.planId(), new CompiledPlan(plan, java.util.Set.copyOf(plan.allowedOperations()),
                    sorted(instantiate(byType(plan.policies()), AddressGuard.PUBLIC_ONLY))));
        }
        Map<String, ApplicationEntry> applications = new HashMap<>(snapshot.applications().size() * 2);
        for (ApplicationEntry application : snapshot.applications()) {
            applications.put(application.applicationId(), application);
            // A secret rotation's overlap: tokens of the new and the previous client are the same application.
            for (String clientId : application.clientIds()) {
                applications.put(clientId, application);
            }
        }
        Map<String, ApiKeyEntry> keys = new HashMap<>(snapshot.apiKeys().size() * 2);
        for (ApiKeyEntry key : snapshot.apiKeys()) {
            keys.put(key.lookupId(), key);
        }
        CompiledSnapshot compiled = new CompiledSnapshot(snapshot.version(), snapshot.environment(), snapshot.contentHash(),
                router.build(), keys, applications, plans);
        upstreams.retainOnly(breakers); // breakers (and their metrics) of removed APIs go with them
        return compiled;
    }

    private static Map<String, PolicyConfig> byType(List<PolicyConfig> configs) {
        Map<String, PolicyConfig> byType = new LinkedHashMap<>();
        for (PolicyConfig config : configs) {
            byType.put(config.type(), config);
        }
        return byType;
    }

    /** Executable policies of a level; timeouts are read by the proxy, not executed. */
    private Map<String, Policy> instantiate(Map<String, PolicyConfig> configs, AddressGuard addresses) {
        Map<String, Policy> policies = new LinkedHashMap<>();
        configs.forEach((type, config) -> {
            if (!type.equals(PolicyType.TIMEOUTS)) {
                Policy policy = policyFactory.create(config, addresses);
                if (policy == null) {
                    throw new IllegalArgumentException("no policy implementation for type " + type);
                }
                policies.put(type, policy);
            }
        });
        return policies;
    }

    private static List<Policy> sorted(Map<String, Policy> policies) {
        List<Policy> chain = new ArrayList<>(policies.values());
        chain.sort(BY_ORDER);
        return chain;
    }

    private static TimeoutsConfig timeouts(Map<String, PolicyConfig> configs) {
        return configs.get(PolicyType.TIMEOUTS) instanceof TimeoutsConfig timeouts ? timeouts : DEFAULT_TIMEOUTS;
    }
}
