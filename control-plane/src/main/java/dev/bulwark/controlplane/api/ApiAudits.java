package dev.bulwark.controlplane.api;

import dev.bulwark.contracts.policy.PolicyConfig;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.securitytesting.audit.ApiAuditor;
import dev.bulwark.securitytesting.audit.AuditReport;
import dev.bulwark.securitytesting.gateway.GatewayPolicies;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Runs the security audit of an API when it is published and keeps the latest result. The API is
 * judged as the gateway will serve it: the document plus the policy types attached to the API and
 * to each operation (an api-key on every operation means no anonymous writes, a missing
 * contract-validation or threat-protection policy is reported).
 */
@Singleton
public class ApiAudits {
    /**
     * One finding as stored and shown: {@code location} is a JSON pointer into the document,
     * {@code operations} the operations it affects (several for a shared component, none for the
     * document as a whole; absent from audits stored before it existed).
     */
    public record FindingView(String ruleId, String severity, String owasp, String message, String location,
                              String remediation, List<String> operations) {
        public FindingView {
            operations = operations == null ? List.of() : List.copyOf(operations);
        }
    }

    /** {@code securityScore} and {@code dataValidationScore} are the two parts of {@code score} (null before they existed). */
    public record AuditView(UUID apiId, int score, String grade, @Nullable Integer securityScore,
                            @Nullable Integer dataValidationScore,
                            Instant auditedAt, List<FindingView> findings) {
    }

    private final ApiAuditor auditor = ApiAuditor.withDefaultRules();
    private final OpenApiImporter importer;
    private final ApiAuditRepository audits;

    ApiAudits(OpenApiImporter importer, ApiAuditRepository audits) {
        this.importer = importer;
        this.audits = audits;
    }

    /** Audits the API as served with {@code operations}' policies and stores the result. */
    public AuditView auditAndStore(TenantId tenant, Api api, List<Operation> operations) {
        AuditReport report = auditor.audit(importer.parse(api.openapi()).document(), gateway(api, operations));
        List<FindingView> findings = report.findings().stream()
                .map(f -> new FindingView(f.ruleId(), f.severity().name(), f.owaspCategory().name(), f.message(),
                        f.location().toString(), f.remediation(), f.operations()))
                .toList();
        AuditView view = new AuditView(api.id(), report.score().value(), report.score().grade().name(),
                report.score().security(), report.score().dataValidation(), Instant.now(), findings);
        audits.save(api.id(), tenant, view.score(), view.grade(), view.securityScore(), view.dataValidationScore(), findings,
                view.auditedAt());
        return view;
    }

    /** The policy types the gateway applies: API level, and per operation by its catalogue key. */
    public static GatewayPolicies gateway(Api api, List<Operation> operations) {
        Map<String, Set<String>> perOperation = new HashMap<>();
        for (Operation operation : operations) {
            perOperation.put(operation.key(), types(operation.policies()));
        }
        return GatewayPolicies.of(types(api.policies()), perOperation);
    }

    private static Set<String> types(List<PolicyConfig> policies) {
        return policies.stream().map(PolicyConfig::type).collect(Collectors.toSet());
    }

    public Optional<AuditView> latest(TenantId tenant, UUID apiId) {
        return audits.findByTenantIdAndApiId(tenant, apiId).map(ApiAuditRow::toView);
    }
}
