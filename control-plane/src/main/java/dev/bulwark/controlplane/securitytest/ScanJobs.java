package dev.bulwark.controlplane.securitytest;

import dev.bulwark.contracts.policy.ApiKeyAuthConfig;
import dev.bulwark.contracts.policy.CredentialLocation;
import dev.bulwark.controlplane.api.Api;
import dev.bulwark.controlplane.api.ApiRepository;
import dev.bulwark.controlplane.api.ApiService;
import dev.bulwark.controlplane.api.OpenApiImporter;
import dev.bulwark.controlplane.billing.PlanLimit;
import dev.bulwark.controlplane.billing.PlanLimits;
import dev.bulwark.controlplane.dataplane.DataPlaneRegistry;
import dev.bulwark.controlplane.dataplane.DataPlaneView;
import dev.bulwark.controlplane.kernel.Environment;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.securitytest.ScanViews.FindingView;
import dev.bulwark.controlplane.securitytest.ScanViews.LogEntry;
import dev.bulwark.securitytesting.openapi.ApiDocument;
import dev.bulwark.securitytesting.sarif.ScanSarifWriter;
import dev.bulwark.securitytesting.scan.ScanDelta;
import dev.bulwark.securitytesting.scan.ScanReport;
import dev.bulwark.securitytesting.scan.model.Identity;
import dev.bulwark.securitytesting.scan.model.RecordedAttack;
import dev.bulwark.securitytesting.scan.model.ScanFinding;
import dev.bulwark.securitytesting.scan.model.ScanSettings;
import dev.bulwark.securitytesting.scan.model.ScanTarget;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transactional steps of a scan run, around the scan itself (which holds no transaction):
 * queue and claim, prepare the target, store the outcome.
 */
@Singleton
class ScanJobs {
    private static final Logger LOG = LoggerFactory.getLogger(ScanJobs.class);
    /** Everything a worker needs to scan, loaded in one transaction. */
    record Prepared(UUID runId, TenantId tenant, UUID apiId, ScanTarget target, ScanSettings settings,
                    List<RecordedAttack> attacks, List<FindingView> previous, ApiDocument document, List<LogEntry> preface) {
    }

    /** A run that cannot start, with the reason shown to the tenant. */
    static final class NotScannable extends RuntimeException {
        NotScannable(String message) {
            super(message, null, false, false);
        }
    }

    private final ScanRunStore runs;
    private final ScanConfigStore configs;
    private final ScanCredentials credentials;
    private final ApiService apis;
    private final ApiRepository apiRows;
    private final OpenApiImporter importer;
    private final DataPlaneRegistry dataPlanes;
    private final ScanWorkerSettings settings;
    private final ScanIdentities identities;
    private final PlanLimits planLimits;

    ScanJobs(ScanRunStore runs, ScanConfigStore configs, ScanCredentials credentials, ApiService apis, ApiRepository apiRows,
             OpenApiImporter importer, DataPlaneRegistry dataPlanes, ScanWorkerSettings settings, ScanIdentities identities,
             PlanLimits planLimits) {
        this.identities = identities;
        this.planLimits = planLimits;
        this.runs = runs;
        this.configs = configs;
        this.credentials = credentials;
        this.apis = apis;
        this.apiRows = apiRows;
        this.importer = importer;
        this.dataPlanes = dataPlanes;
        this.settings = settings;
    }

    /** Queues the scheduled scans that are due, fails runs whose replica died, and claims up to {@code slots} runs. */
    @Transactional
    List<ScanRunStore.Claimed> claim(int slots) {
        Instant now = Instant.now();
        for (ScanConfigStore.Due due : configs.takeDue(now, 20)) {
            if (runs.hasOpenRun(due.tenant(), due.apiId())) {
                continue;
            }
            // Past the plan's scan runs this month a scheduled run is skipped (its schedule moves on); nothing else changes.
            if (!planLimits.hasRoomFor(due.tenant(), PlanLimit.SCAN_RUNS)) {
                LOG.info("scheduled scan of API {} (tenant {}) skipped: the plan's scan runs for the month are used up", due.apiId(), due.tenant());
            } else {
                runs.insertQueued(UUID.randomUUID(), due.tenant(), due.apiId(), "schedule", due.environment(), null);
            }
        }
        runs.failStale(now.minus(settings.staleAfter()));
        identities.sweep();
        return slots <= 0 ? List.of() : runs.claim(slots);
    }

    @Transactional(readOnly = true)
    boolean cancelRequested(UUID runId) {
        return runs.cancelRequested(runId);
    }

    /**
     * Loads what the run needs; unless the tenant set credentials of its own, this also issues the
     * run's test consumer keys (committed with the preparation, revoked by {@link #finish} or {@link #fail}).
     */
    @Transactional
    Prepared prepare(ScanRunStore.Claimed claimed) {
        Api api = apis.require(claimed.tenant(), claimed.apiId());
        ScanConfig config = configs.find(claimed.tenant(), api.id()).orElse(ScanConfig.DEFAULTS);
        Environment environment = config.environment();
        boolean serving = apiRows.environments(claimed.tenant(), api.id()).stream()
                .anyMatch(e -> e.environment() == environment && e.isServing());
        if (!serving) {
            throw new NotScannable("the " + environment.wire() + " environment of this API is not enabled with upstreams");
        }
        // An API routed by host name is reached at the gateway's address with its host as Host.
        URI base = URI.create(gatewayUrl(claimed.tenant(), environment).replaceAll("/+$", "")
                + (api.basePath().equals("/") ? "" : api.basePath()));
        ApiDocument document = importer.parse(api.openapi()).document();
        List<LogEntry> preface = new ArrayList<>();
        ScanTarget target;
        if (config.primaryCredential() != null) {
            Identity primary = credentials.open(config.primaryCredential(), api.id(), "primary")
                    .map(value -> Identity.header("primary test consumer", config.authHeader(), value))
                    .orElse(Identity.anonymous());
            target = new ScanTarget(base, document, primary,
                    credentials.open(config.secondaryCredential(), api.id(), "secondary")
                            .map(value -> Identity.header("secondary test consumer", config.authHeader(), value)),
                    Optional.empty(), Optional.empty(), Optional.ofNullable(api.host()));
            preface.add(new LogEntry(Instant.now(), "test consumers: the credentials set in the scan settings"));
        } else {
            ApiKeyAuthConfig apiKey = api.policies().stream().filter(ApiKeyAuthConfig.class::isInstance)
                    .map(ApiKeyAuthConfig.class::cast).findFirst()
                    .filter(policy -> policy.in() == CredentialLocation.HEADER)
                    .orElseThrow(() -> new NotScannable("the scan makes its test consumers only for an API whose api-key policy "
                            + "(attached to the API, key in a header) authenticates them: attach one, or set test consumer "
                            + "credentials in the scan settings"));
            ScanIdentities.Issued issued;
            try {
                issued = identities.issue(api, claimed.id(), environment, settings.staleAfter());
            } catch (ProblemException e) {
                // A refusal of the catalogue (its detail is written for members, without internals).
                throw new NotScannable("the scan's test consumers could not be made: " + e.getMessage());
            }
            target = new ScanTarget(base, document, Identity.header("test consumer A", apiKey.name(), issued.primaryKey()),
                    Optional.of(Identity.header("test consumer B", apiKey.name(), issued.secondaryKey())),
                    Optional.empty(), Optional.empty(), Optional.ofNullable(api.host()));
            preface.add(new LogEntry(Instant.now(), "test consumers: applications " + issued.primaryApplication() + " and "
                    + issued.secondaryApplication() + ", one " + environment.wire() + " key each for this run only"));
        }
        // Writes only ever reach staging, whatever was stored.
        ScanSettings scanSettings = ScanSettings.safeDefaults()
                .withWrites(config.allowWrites() && environment == Environment.STAGING)
                .withBudget(config.maxRequests(), config.requestsPerSecond());
        return new Prepared(claimed.id(), claimed.tenant(), api.id(), target, scanSettings,
                configs.recordedAttacks(claimed.tenant(), api.id()),
                runs.previousFindings(claimed.tenant(), api.id(), claimed.id()), document, List.copyOf(preface));
    }

    private String gatewayUrl(TenantId tenant, Environment environment) {
        String configured = environment == Environment.STAGING ? settings.stagingGatewayUrl() : settings.productionGatewayUrl();
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        return dataPlanes.list(tenant).stream()
                .filter(plane -> plane.connected() && environment.wire().equals(plane.environment()) && plane.publicUrl() != null)
                .map(DataPlaneView::publicUrl)
                .findFirst()
                .orElseThrow(() -> new NotScannable("no connected " + environment.wire() + " gateway announced a public URL"));
    }

    @Transactional
    void finish(Prepared prepared, ScanReport report) {
        List<ScanFinding> previous = prepared.previous().stream().map(FindingView::toFinding).toList();
        ScanDelta delta = ScanDelta.between(previous, report);
        List<FindingView> findings = delta.findings().stream().map(t -> FindingView.of(t.finding(), t.status())).toList();
        List<FindingView> fixed = delta.fixed().stream().map(f -> FindingView.of(f, ScanDelta.Status.FIXED)).toList();
        String status = report.requestsAnswered() == 0 ? "unreachable" : switch (report.outcome()) {
            case COMPLETED -> "completed";
            case BUDGET_SPENT -> "budget_spent";
            case CANCELLED -> "cancelled";
        };
        Integer score = status.equals("unreachable") ? null : ScanScore.of(report.findings());
        List<LogEntry> log = new ArrayList<>(prepared.preface());
        log.addAll(log(report));
        int revoked = identities.revoke(prepared.tenant(), prepared.runId());
        if (revoked > 0) {
            log.add(new LogEntry(Instant.now(), "test consumers: " + revoked + " key(s) of this run revoked"));
        }
        String sarif = new ScanSarifWriter().toJson(report, prepared.document(), "openapi.yaml").toString();
        runs.finish(prepared.runId(), status, report.requestsSent(), score,
                status.equals("unreachable") ? "the gateway never answered" : null, status.equals("unreachable") ? List.of() : findings,
                status.equals("unreachable") ? List.of() : fixed, log, sarif);
    }

    @Transactional
    void fail(ScanRunStore.Claimed claimed, String reason) {
        List<LogEntry> log = new ArrayList<>(List.of(new LogEntry(Instant.now(), reason)));
        int revoked = identities.revoke(claimed.tenant(), claimed.id());
        if (revoked > 0) {
            log.add(new LogEntry(Instant.now(), "test consumers: " + revoked + " key(s) of this run revoked"));
        }
        runs.finish(claimed.id(), "failed", 0, null, reason, List.of(), List.of(), log, null);
    }

    /** Whatever ended the run, its keys are revoked (a no-op when finish or fail already did). */
    void release(ScanRunStore.Claimed claimed) {
        identities.revoke(claimed.tenant(), claimed.id());
    }

    private static List<LogEntry> log(ScanReport report) {
        return report.log().stream().map(entry -> new LogEntry(entry.at(), entry.message())).toList();
    }
}
