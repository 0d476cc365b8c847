package dev.bulwark.controlplane.securitytest;

import dev.bulwark.contracts.schema.Violations;
import dev.bulwark.controlplane.api.Api;
import dev.bulwark.controlplane.api.ApiService;
import dev.bulwark.controlplane.audit.AuditTrail;
import dev.bulwark.controlplane.billing.PlanLimit;
import dev.bulwark.controlplane.billing.PlanLimits;
import dev.bulwark.controlplane.kernel.Environment;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.securitytest.ScanViews.RegressionCheckView;
import dev.bulwark.controlplane.securitytest.ScanViews.RunDetail;
import dev.bulwark.controlplane.securitytest.ScanViews.RunSummary;
import dev.bulwark.controlplane.securitytest.ScanViews.WorstFinding;
import dev.bulwark.securitytesting.audit.model.Severity;
import dev.bulwark.securitytesting.scan.model.RecordedAttack;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** Scan configuration, runs and regression checks of the caller's tenant. Each public method is one transaction. */
@Singleton
public class SecurityTests {
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final int MAX_CREDENTIAL = 8192;

    private final ApiService apis;
    private final ScanConfigStore configs;
    private final ScanRunStore runs;
    private final ScanCredentials credentials;
    private final AuditTrail auditTrail;
    private final PlanLimits planLimits;

    SecurityTests(ApiService apis, ScanConfigStore configs, ScanRunStore runs, ScanCredentials credentials, AuditTrail auditTrail,
                  PlanLimits planLimits) {
        this.apis = apis;
        this.configs = configs;
        this.runs = runs;
        this.credentials = credentials;
        this.auditTrail = auditTrail;
        this.planLimits = planLimits;
    }

    @Transactional(readOnly = true)
    public ScanConfig.View config(TenantId tenant, UUID apiId) {
        apis.require(tenant, apiId);
        return configs.find(tenant, apiId).orElse(ScanConfig.DEFAULTS).view();
    }

    @Transactional
    public ScanConfig.View setConfig(Principal actor, UUID apiId, ScanConfig.Change change) {
        TenantId tenant = actor.tenantId();
        apis.require(tenant, apiId);
        ScanConfig current = configs.find(tenant, apiId).orElse(ScanConfig.DEFAULTS);
        Violations v = Violations.root();
        Environment environment = change.environment() == null ? current.environment() : Environment.parse(change.environment(), "environment");
        boolean writes = change.allowWrites() == null ? current.allowWrites() : change.allowWrites();
        v.require(!writes || environment == Environment.STAGING, "allowWrites", "writes are only allowed when scanning staging");
        Integer hours = change.scheduleHours() == null ? current.scheduleHours() : change.scheduleHours() == 0 ? null : change.scheduleHours();
        v.require(hours == null || hours >= 1 && hours <= 720, "scheduleHours", "must be between 1 and 720 (0 turns the schedule off)");
        String header = change.authHeader() == null ? current.authHeader() : change.authHeader();
        v.require(HEADER_NAME.matcher(header).matches(), "authHeader", "must be a header name (letters, digits, -)");
        int maxRequests = change.maxRequests() == null ? current.maxRequests() : change.maxRequests();
        v.require(maxRequests >= 1 && maxRequests <= 10_000, "maxRequests", "must be between 1 and 10000");
        int rate = change.requestsPerSecond() == null ? current.requestsPerSecond() : change.requestsPerSecond();
        v.require(rate >= 1 && rate <= 50, "requestsPerSecond", "must be between 1 and 50");
        checkCredential(change.primaryCredential(), "primaryCredential", v);
        checkCredential(change.secondaryCredential(), "secondaryCredential", v);
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v.list());
        }
        Instant next = hours == null ? null
                : hours.equals(current.scheduleHours()) && current.nextRunAt() != null ? current.nextRunAt()
                : Instant.now().plusSeconds(3600L * hours);
        ScanConfig saved = new ScanConfig(environment, writes, hours, next, header,
                credential(change.primaryCredential(), current.primaryCredential(), apiId, "primary"),
                credential(change.secondaryCredential(), current.secondaryCredential(), apiId, "secondary"),
                maxRequests, rate);
        configs.save(tenant, apiId, saved, credentials.kekId());
        auditTrail.record(actor, "api.scan-config.update", "api", apiId.toString(), current.view(), saved.view());
        return saved.view();
    }

    private static void checkCredential(String value, String field, Violations v) {
        v.require(value == null || value.length() <= MAX_CREDENTIAL && value.chars().noneMatch(c -> c < 0x20 || c == 0x7f),
                field, "must be a header value of at most " + MAX_CREDENTIAL + " characters without control characters");
    }

    private byte[] credential(String change, byte[] current, UUID apiId, String slot) {
        if (change == null) {
            return current;
        }
        return change.isEmpty() ? null : credentials.seal(change, apiId, slot);
    }

    /** Queues a run; the worker picks it up. One open run per API at a time. */
    @Transactional
    public RunSummary requestRun(Principal actor, UUID apiId) {
        TenantId tenant = actor.tenantId();
        apis.require(tenant, apiId);
        if (runs.hasOpenRun(tenant, apiId)) {
            throw ProblemException.conflict("SCAN_IN_PROGRESS", "A scan of this API is already queued or running");
        }
        planLimits.requireRoomFor(tenant, PlanLimit.SCAN_RUNS);
        ScanConfig config = configs.find(tenant, apiId).orElse(ScanConfig.DEFAULTS);
        UUID id = UUID.randomUUID();
        runs.insertQueued(id, tenant, apiId, "manual", config.environment().wire(), actor.userId().toString());
        auditTrail.record(actor, "api.scan.request", "api", apiId.toString(), null, id.toString());
        return runs.detail(tenant, apiId, id).orElseThrow().run();
    }

    @Transactional(readOnly = true)
    public List<RunSummary> runs(TenantId tenant, UUID apiId, int limit) {
        apis.require(tenant, apiId);
        return runs.list(tenant, apiId, limit);
    }

    @Transactional(readOnly = true)
    public RunDetail run(TenantId tenant, UUID apiId, UUID runId) {
        apis.require(tenant, apiId);
        return runs.detail(tenant, apiId, runId).orElseThrow(() -> ProblemException.notFound("Scan run"));
    }

    @Transactional
    public RunDetail cancel(Principal actor, UUID apiId, UUID runId) {
        RunDetail run = run(actor.tenantId(), apiId, runId);
        if (!runs.requestCancel(actor.tenantId(), apiId, runId)) {
            throw ProblemException.conflict("SCAN_FINISHED", "The scan run is already over");
        }
        auditTrail.record(actor, "api.scan.cancel", "api", apiId.toString(), null, runId.toString());
        return run(actor.tenantId(), apiId, run.run().id());
    }

    @Transactional(readOnly = true)
    public String sarif(TenantId tenant, UUID apiId, UUID runId) {
        run(tenant, apiId, runId);
        return runs.sarif(tenant, apiId, runId).orElseThrow(() -> ProblemException.notFound("A SARIF report of this run (it has no results)"));
    }

    /** The worst findings of the latest scan of each API, most severe first (new ones before older ones). */
    @Transactional(readOnly = true)
    public List<WorstFinding> worstFindings(TenantId tenant, int limit) {
        return runs.latestPerApi(tenant).stream()
                .flatMap(run -> run.findings().stream()
                        .map(finding -> new WorstFinding(run.apiId(), run.apiName(), run.runId(), run.finishedAt(), finding)))
                .sorted(Comparator.comparing((WorstFinding w) -> Severity.valueOf(w.finding().severity()))
                        .thenComparing(w -> !"new".equals(w.finding().status()))
                        .thenComparing(WorstFinding::foundAt, Comparator.reverseOrder()))
                .limit(limit)
                .toList();
    }

    /** Turns a security event the gateway raised on this API into a regression check of the API. */
    @Transactional
    public RegressionCheckView addRegressionCheck(Principal actor, UUID apiId, String securityEventId) {
        TenantId tenant = actor.tenantId();
        Api api = apis.require(tenant, apiId);
        if (securityEventId == null || securityEventId.isBlank() || securityEventId.length() > 200) {
            throw ProblemException.invalid("securityEventId", "is required");
        }
        ScanConfigStore.BlockedEvent event = configs.securityEvent(tenant, securityEventId)
                .filter(found -> apiId.toString().equals(found.apiId()))
                .orElseThrow(() -> ProblemException.notFound("Security event of this API"));
        if (configs.regressionCheckExists(tenant, apiId, securityEventId)) {
            throw ProblemException.conflict("REGRESSION_CHECK_EXISTS", "This event is already a regression check of the API");
        }
        RecordedAttack attack = BlockedRequests.attack(event, api.basePath());
        UUID id = UUID.randomUUID();
        configs.insertRegressionCheck(id, tenant, apiId, securityEventId, attack);
        RegressionCheckView view = configs.regressionChecks(tenant, apiId).stream()
                .filter(check -> check.id().equals(id)).findFirst().orElseThrow();
        auditTrail.record(actor, "api.regression-check.create", "api", apiId.toString(), null, view);
        return view;
    }

    @Transactional(readOnly = true)
    public List<RegressionCheckView> regressionChecks(TenantId tenant, UUID apiId) {
        apis.require(tenant, apiId);
        return configs.regressionChecks(tenant, apiId);
    }

    @Transactional
    public void deleteRegressionCheck(Principal actor, UUID apiId, UUID checkId) {
        apis.require(actor.tenantId(), apiId);
        if (!configs.deleteRegressionCheck(actor.tenantId(), apiId, checkId)) {
            throw ProblemException.notFound("Regression check");
        }
        auditTrail.record(actor, "api.regression-check.delete", "api", apiId.toString(), checkId.toString(), null);
    }
}
