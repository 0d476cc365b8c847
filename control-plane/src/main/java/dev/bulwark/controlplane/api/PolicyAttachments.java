package dev.bulwark.controlplane.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.contracts.policy.PolicyConfig;
import dev.bulwark.controlplane.audit.AuditTrail;
import dev.bulwark.controlplane.kernel.ETags;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.Versioned;
import dev.bulwark.controlplane.policy.PolicyCodec;
import dev.bulwark.controlplane.policy.PolicyLevel;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;

/**
 * Replaces the policies attached to an API or one of its operations. Both bump the API's version
 * (its ETag), so concurrent editors of one API cannot silently overwrite each other.
 */
@Singleton
public class PolicyAttachments {
    /** The policies of one attachment point, as answered and audited. */
    public record PolicySet(List<PolicyConfig> policies) {
    }

    private final PolicyCodec codec;
    private final ApiRepository apis;
    private final OperationRepository operations;
    private final ApiService apiService;
    private final AuditTrail auditTrail;

    public PolicyAttachments(PolicyCodec codec, ApiRepository apis, OperationRepository operations, ApiService apiService,
                             AuditTrail auditTrail) {
        this.codec = codec;
        this.apis = apis;
        this.operations = operations;
        this.apiService = apiService;
        this.auditTrail = auditTrail;
    }

    @Transactional
    public Versioned<List<PolicyConfig>> setApiPolicies(Principal actor, UUID apiId, long expectedVersion, List<JsonNode> raw) {
        List<PolicyConfig> policies = codec.decode(raw, PolicyLevel.API, "policies");
        Api current = apiService.require(actor.tenantId(), apiId);
        apiService.requireReachableJwks(current, policies, "policies");
        Api saved = apis.update(current.withPolicies(policies), expectedVersion).orElseThrow(ETags::stale);
        if (saved.lifecycle().isRouted()) {
            apiService.requireAuthentication(saved);
        }
        auditTrail.record(actor, "api.policies.update", "api", apiId.toString(),
                new PolicySet(current.policies()), new PolicySet(saved.policies()));
        return new Versioned<>(saved.policies(), saved.version());
    }

    @Transactional
    public Versioned<OperationView> setOperationPolicies(Principal actor, UUID apiId, String operationKey,
                                                         long expectedVersion, List<JsonNode> raw) {
        List<PolicyConfig> policies = codec.decode(raw, PolicyLevel.OPERATION, "policies");
        Api current = apiService.require(actor.tenantId(), apiId);
        apiService.requireReachableJwks(current, policies, "policies");
        Operation operation = operations.find(actor.tenantId(), apiId, operationKey)
                .orElseThrow(() -> ProblemException.notFound("Operation"));
        operations.setPolicies(actor.tenantId(), operation.id(), policies);
        Api saved = apis.update(current, expectedVersion).orElseThrow(ETags::stale);
        if (saved.lifecycle().isRouted()) {
            apiService.requireAuthentication(saved);
        }
        Operation after = operations.find(actor.tenantId(), apiId, operationKey).orElseThrow();
        auditTrail.record(actor, "operation.policies.update", "operation", operation.id().toString(),
                OperationView.of(operation), OperationView.of(after));
        return new Versioned<>(OperationView.of(after), saved.version());
    }
}
