package dev.bulwark.controlplane.securitytest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.contracts.policy.PolicyConfig;
import dev.bulwark.controlplane.api.Api;
import dev.bulwark.controlplane.api.ApiAudits;
import dev.bulwark.controlplane.api.ApiService;
import dev.bulwark.controlplane.api.OpenApiImporter;
import dev.bulwark.controlplane.api.Operation;
import dev.bulwark.controlplane.api.OperationRepository;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.securitytest.ScanViews.CoverageRow;
import dev.bulwark.controlplane.securitytest.ScanViews.FindingView;
import dev.bulwark.securitytesting.owasp.OwaspApiTop10;
import dev.bulwark.securitytesting.report.ThreatModelJson;
import dev.bulwark.securitytesting.scan.Scanner;
import dev.bulwark.securitytesting.scan.model.CheckDescriptor;
import dev.bulwark.securitytesting.scan.model.RecordedAttack;
import dev.bulwark.securitytesting.threatmodel.Control;
import dev.bulwark.securitytesting.threatmodel.Threat;
import dev.bulwark.securitytesting.threatmodel.ThreatModel;
import dev.bulwark.securitytesting.threatmodel.ThreatModeler;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The threat model of an API as the gateway serves it, and its OWASP API Top 10 coverage map:
 * per risk, which attached policies mitigate it, which would and are missing, which scanner checks
 * test it, and what the latest audit and scan found.
 */
@Singleton
public class RiskCoverage {
    /** Every check a scan may run; one placeholder attack so the replay of blocked attacks is listed too. */
    private static final List<CheckDescriptor> CHECKS =
            Scanner.withDefaultChecks(List.of(new RecordedAttack("placeholder", "GET", "/", null, null, ""))).checks();

    private final ApiService apis;
    private final OperationRepository operations;
    private final OpenApiImporter importer;
    private final ApiAudits audits;
    private final ScanRunStore runs;

    RiskCoverage(ApiService apis, OperationRepository operations, OpenApiImporter importer, ApiAudits audits, ScanRunStore runs) {
        this.apis = apis;
        this.operations = operations;
        this.importer = importer;
        this.audits = audits;
        this.runs = runs;
    }

    @Transactional(readOnly = true)
    public ObjectNode threatModel(TenantId tenant, UUID apiId) {
        return ThreatModelJson.toJson(model(tenant, apis.require(tenant, apiId)));
    }

    @Transactional(readOnly = true)
    public List<CoverageRow> coverage(TenantId tenant, UUID apiId) {
        Api api = apis.require(tenant, apiId);
        List<Operation> ops = operations.all(tenant, apiId);
        ThreatModel model = model(tenant, api, ops);
        Set<String> attached = new HashSet<>(types(api.policies()));
        ops.forEach(op -> attached.addAll(types(op.policies())));
        List<ApiAudits.FindingView> audit = audits.latest(tenant, apiId).map(ApiAudits.AuditView::findings).orElse(List.of());
        List<FindingView> scan = runs.latestFindings(tenant, apiId);
        List<CoverageRow> rows = new ArrayList<>();
        for (OwaspApiTop10 risk : OwaspApiTop10.values()) {
            Set<String> mitigatedBy = new TreeSet<>();
            Set<String> missing = new TreeSet<>();
            int open = 0;
            for (Threat threat : model.threats()) {
                if (threat.owaspCategory() != risk) {
                    continue;
                }
                if (threat.status() == Threat.Status.OPEN || threat.status() == Threat.Status.PARTIAL) {
                    open++;
                }
                for (Control control : threat.controls()) {
                    control.anyOf().stream().filter(attached::contains).forEach(mitigatedBy::add);
                    if (control.state() == Control.State.MISSING && control.anyOf().stream().noneMatch(attached::contains)) {
                        missing.addAll(control.anyOf());
                    }
                }
            }
            List<String> testedBy = CHECKS.stream().filter(check -> check.category() == risk).map(CheckDescriptor::id).toList();
            rows.add(new CoverageRow(risk.id(), risk.title(), List.copyOf(mitigatedBy), List.copyOf(missing), testedBy, open,
                    (int) audit.stream().filter(f -> risk.name().equals(f.owasp())).count(),
                    (int) scan.stream().filter(f -> f.owasp().equals(risk.id())).count()));
        }
        return rows;
    }

    private ThreatModel model(TenantId tenant, Api api) {
        return model(tenant, api, operations.all(tenant, api.id()));
    }

    private ThreatModel model(TenantId tenant, Api api, List<Operation> ops) {
        return ThreatModeler.model(importer.parse(api.openapi()).document(), ApiAudits.gateway(api, ops));
    }

    private static List<String> types(List<PolicyConfig> policies) {
        return Stream.ofNullable(policies).flatMap(List::stream).map(PolicyConfig::type).toList();
    }
}
