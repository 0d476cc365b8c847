package dev.bulwark.controlplane.plan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bulwark.contracts.policy.PolicyConfig;
import dev.bulwark.contracts.schema.Violation;
import dev.bulwark.controlplane.api.Api;
import dev.bulwark.controlplane.api.ApiService;
import dev.bulwark.controlplane.api.Lifecycle;
import dev.bulwark.controlplane.api.Operation;
import dev.bulwark.controlplane.api.OperationRepository;
import dev.bulwark.controlplane.audit.AuditTrail;
import dev.bulwark.controlplane.kernel.Constraints;
import dev.bulwark.controlplane.kernel.ETags;
import dev.bulwark.controlplane.kernel.Ids;
import dev.bulwark.controlplane.kernel.KeysetCursor;
import dev.bulwark.controlplane.kernel.Page;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.kernel.Versioned;
import dev.bulwark.controlplane.policy.PolicyCodec;
import dev.bulwark.controlplane.policy.PolicyLevel;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Plans of the tenant's APIs. Every query is scoped to the caller's tenant. */
@Singleton
public class PlanService {
    public record CreatePlan(String name, String description, List<String> allowedOperations, List<JsonNode> policies,
                             String approval) {
    }

    /** Every field optional: null leaves it unchanged. */
    public record UpdatePlan(String name, String description, List<String> allowedOperations, List<JsonNode> policies,
                             String approval) {
    }

    private final PlanRepository repository;
    private final PolicyCodec codec;
    private final ApiService apis;
    private final OperationRepository operations;
    private final AuditTrail auditTrail;

    public PlanService(PlanRepository repository, PolicyCodec codec, ApiService apis, OperationRepository operations,
                       AuditTrail auditTrail) {
        this.repository = repository;
        this.codec = codec;
        this.apis = apis;
        this.operations = operations;
        this.auditTrail = auditTrail;
    }

    @Transactional
    public Plan create(Principal actor, UUID apiId, CreatePlan command) {
        Api api = apis.require(actor.tenantId(), apiId);
        if (api.lifecycle() == Lifecycle.RETIRED) {
            throw ProblemException.conflict("API_RETIRED", "A retired API takes no new plans");
        }
        List<Violation> problems = new ArrayList<>();
        checkName(command.name(), problems);
        Plan.Approval approval = approval(command.approval() == null ? "auto" : command.approval(), problems);
        List<String> allowed = command.allowedOperations() == null ? List.of() : command.allowedOperations();
        checkOperations(actor.tenantId(), apiId, allowed, problems);
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        List<PolicyConfig> policies = codec.decode(command.policies() == null ? List.of() : command.policies(),
                PolicyLevel.PLAN, "policies");
        Plan plan = new Plan(Ids.next(), apiId, command.name().strip(), command.description(), allowed, policies,
                approval, Instant.now(), 0);
        try {
            repository.insert(PlanRow.of(actor.tenantId(), plan));
        } catch (DataAccessException e) {
            throw nameConflictOr(e);
        }
        auditTrail.record(actor, "plan.create", "plan", plan.id().toString(), null, plan);
        return plan;
    }

    @Transactional
    public Versioned<Plan> update(Principal actor, UUID planId, long expectedVersion, UpdatePlan command) {
        Plan current = require(actor.tenantId(), planId);
        List<Violation> problems = new ArrayList<>();
        if (command.name() != null) {
            checkName(command.name(), problems);
        }
        Plan.Approval approval = command.approval() == null ? current.approval() : approval(command.approval(), problems);
        List<String> allowed = command.allowedOperations() == null ? current.allowedOperations() : command.allowedOperations();
        if (command.allowedOperations() != null) {
            checkOperations(actor.tenantId(), current.apiId(), allowed, problems);
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        List<PolicyConfig> policies = command.policies() == null
                ? current.policies() : codec.decode(command.policies(), PolicyLevel.PLAN, "policies");
        int updated;
        try {
            updated = repository.update(actor.tenantId(), planId, expectedVersion,
                    command.name() == null ? current.name() : command.name().strip(),
                    command.description() == null ? current.description() : command.description(),
                    allowed, policies, approval);
        } catch (DataAccessException e) {
            throw nameConflictOr(e);
        }
        if (updated != 1) {
            throw ETags.stale();
        }
        Plan saved = require(actor.tenantId(), planId);
        auditTrail.record(actor, "plan.update", "plan", planId.toString(), current, saved);
        return new Versioned<>(saved, saved.version());
    }

    @Transactional
    public Optional<Plan> find(TenantId tenant, UUID planId) {
        return repository.findByTenantIdAndId(tenant, planId).map(PlanRow::toPlan);
    }

    public Plan require(TenantId tenant, UUID planId) {
        return find(tenant, planId).orElseThrow(() -> ProblemException.notFound("Plan"));
    }

    @Transactional
    public Page<Plan> list(TenantId tenant, UUID apiId, KeysetCursor cursor) {
        apis.require(tenant, apiId);
        return cursor.page(repository.page(tenant, apiId, cursor.after(), cursor.fetchSize()).stream()
                .map(PlanRow::toPlan).toList(), Plan::id);
    }

    private void checkOperations(TenantId tenant, UUID apiId, List<String> allowed, List<Violation> problems) {
        Set<String> known = operations.all(tenant, apiId).stream().map(Operation::key).collect(Collectors.toSet());
        for (int i = 0; i < allowed.size(); i++) {
            if (!known.contains(allowed.get(i))) {
                problems.add(new Violation("allowedOperations[" + i + "]", "is not an operation of this API"));
            }
        }
    }

    private static void checkName(String name, List<Violation> problems) {
        if (name == null || name.isBlank() || name.length() > 200) {
            problems.add(new Violation("name", "is required (1-200 characters)"));
        }
    }

    private static Plan.Approval approval(String text, List<Violation> problems) {
        try {
            return Plan.Approval.parse(text);
        } catch (IllegalArgumentException e) {
            problems.add(new Violation("approval", "must be auto or manual"));
            return null;
        }
    }

    private static RuntimeException nameConflictOr(DataAccessException e) {
        return Constraints.isUniqueViolation(e, "plan_tenant_id_api_id_name_key")
                ? ProblemException.conflict("PLAN_EXISTS", "This API already has a plan with this name") : e;
    }
}
