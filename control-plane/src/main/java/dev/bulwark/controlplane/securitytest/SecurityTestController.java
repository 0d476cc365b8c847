package dev.bulwark.controlplane.securitytest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bulwark.controlplane.kernel.Ids;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.RequiresRole;
import dev.bulwark.controlplane.kernel.Role;
import dev.bulwark.controlplane.securitytest.ScanViews.CoverageRow;
import dev.bulwark.controlplane.securitytest.ScanViews.RegressionCheckView;
import dev.bulwark.controlplane.securitytest.ScanViews.RunDetail;
import dev.bulwark.controlplane.securitytest.ScanViews.RunSummary;
import dev.bulwark.controlplane.securitytest.ScanViews.WorstFinding;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;

/**
 * Security testing of the caller's tenant's APIs: scan configuration, runs (on demand; the schedule
 * queues the others), findings with their status against the previous run, SARIF, the threat model,
 * the OWASP API Top 10 coverage map, regression checks made of blocked attacks, and the tenant's
 * worst findings. An API of another tenant is not found.
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SecurityTestController {
    public static final String SARIF = "application/sarif+json";

    /** @param securityEventId the id of a security event the gateway raised on this API */
    public record NewRegressionCheck(@Nullable String securityEventId) {
    }

    private final SecurityTests tests;
    private final RiskCoverage risks;
    private final ScanWorker worker;

    SecurityTestController(SecurityTests tests, RiskCoverage risks, ScanWorker worker) {
        this.tests = tests;
        this.risks = risks;
        this.worker = worker;
    }

    @Get("/apis/{apiId}/scan-config")
    @RequiresRole(Role.VIEWER)
    public ScanConfig.View getScanConfig(Principal principal, String apiId) {
        return tests.config(principal.tenantId(), Ids.parse(apiId, "API"));
    }

    @Put("/apis/{apiId}/scan-config")
    @RequiresRole(Role.PUBLISHER)
    @Operation(summary = "Sets how the API is scanned: environment, writes (staging only), schedule, test credentials, budget")
    public ScanConfig.View putScanConfig(Principal principal, String apiId, @Body ScanConfig.Change body) {
        return tests.setConfig(principal, Ids.parse(apiId, "API"), body);
    }

    @Post("/apis/{apiId}/scans")
    @RequiresRole(Role.PUBLISHER)
    @Operation(summary = "Queues a scan of the API through its gateway; poll the run for its outcome")
    @ApiResponse(responseCode = "202", description = "queued")
    public HttpResponse<RunSummary> startScan(Principal principal, String apiId) {
        RunSummary run = tests.requestRun(principal, Ids.parse(apiId, "API"));
        worker.nudge();
        return HttpResponse.<RunSummary>status(HttpStatus.ACCEPTED).body(run);
    }

    @Get("/apis/{apiId}/scans")
    @RequiresRole(Role.VIEWER)
    @Operation(summary = "The API's runs, newest first, with score and findings per severity (the trend)")
    public List<RunSummary> listScans(Principal principal, String apiId, @QueryValue @Nullable Integer limit) {
        return tests.runs(principal.tenantId(), Ids.parse(apiId, "API"), limit(limit, 30));
    }

    @Get("/apis/{apiId}/scans/{runId}")
    @RequiresRole(Role.VIEWER)
    public RunDetail getScan(Principal principal, String apiId, String runId) {
        return tests.run(principal.tenantId(), Ids.parse(apiId, "API"), Ids.parse(runId, "Scan run"));
    }

    @Post("/apis/{apiId}/scans/{runId}/cancel")
    @RequiresRole(Role.PUBLISHER)
    public RunDetail cancelScan(Principal principal, String apiId, String runId) {
        RunDetail run = tests.cancel(principal, Ids.parse(apiId, "API"), Ids.parse(runId, "Scan run"));
        worker.cancelLocal(run.run().id());
        return run;
    }

    /** SARIF is JSON: a client asking for either gets it, labelled as SARIF. */
    @Get(value = "/apis/{apiId}/scans/{runId}/sarif", produces = {SARIF, MediaType.APPLICATION_JSON})
    @RequiresRole(Role.VIEWER)
    @ApiResponse(responseCode = "200", description = "SARIF 2.1.0 log of the run",
            content = @Content(mediaType = SARIF, schema = @Schema(type = "object")))
    public HttpResponse<String> scanSarif(Principal principal, String apiId, String runId) {
        String sarif = tests.sarif(principal.tenantId(), Ids.parse(apiId, "API"), Ids.parse(runId, "Scan run"));
        return HttpResponse.ok(sarif).contentType(MediaType.of(SARIF))
                .header("Content-Disposition", "attachment; filename=\"scan-" + runId + ".sarif\"");
    }

    @Get("/apis/{apiId}/threat-model")
    @RequiresRole(Role.VIEWER)
    @Operation(summary = "The API's threat model as the gateway serves it: assets, actors, entry points, boundaries, STRIDE threats")
    @ApiResponse(responseCode = "200", description = "the threat model", content = @Content(schema = @Schema(type = "object")))
    public ObjectNode threatModel(Principal principal, String apiId) {
        return risks.threatModel(principal.tenantId(), Ids.parse(apiId, "API"));
    }

    @Get("/apis/{apiId}/owasp-coverage")
    @RequiresRole(Role.VIEWER)
    @Operation(summary = "Per OWASP API Top 10 (2023) risk: mitigating policies, missing ones, checks testing it, findings")
    public List<CoverageRow> owaspCoverage(Principal principal, String apiId) {
        return risks.coverage(principal.tenantId(), Ids.parse(apiId, "API"));
    }

    @Get("/apis/{apiId}/regression-checks")
    @RequiresRole(Role.VIEWER)
    public List<RegressionCheckView> listRegressionChecks(Principal principal, String apiId) {
        return tests.regressionChecks(principal.tenantId(), Ids.parse(apiId, "API"));
    }

    @Post("/apis/{apiId}/regression-checks")
    @RequiresRole(Role.PUBLISHER)
    @Operation(summary = "Turns a blocked attack (a security event of this API) into a check replayed by every later scan")
    @ApiResponse(responseCode = "201", description = "created")
    public HttpResponse<RegressionCheckView> createRegressionCheck(Principal principal, String apiId, @Body NewRegressionCheck body) {
        RegressionCheckView view = tests.addRegressionCheck(principal, Ids.parse(apiId, "API"), body.securityEventId());
        return HttpResponse.<RegressionCheckView>status(HttpStatus.CREATED).body(view);
    }

    @Delete("/apis/{apiId}/regression-checks/{checkId}")
    @RequiresRole(Role.PUBLISHER)
    public HttpResponse<Void> deleteRegressionCheck(Principal principal, String apiId, String checkId) {
        tests.deleteRegressionCheck(principal, Ids.parse(apiId, "API"), Ids.parse(checkId, "Regression check"));
        return HttpResponse.noContent();
    }

    @Get("/security/worst-findings")
    @RequiresRole(Role.VIEWER)
    @Operation(summary = "The most severe findings of the latest scan of each of the tenant's APIs")
    public List<WorstFinding> worstFindings(Principal principal, @QueryValue @Nullable Integer limit) {
        return tests.worstFindings(principal.tenantId(), limit(limit, 10));
    }

    private static int limit(Integer requested, int fallback) {
        if (requested == null) {
            return fallback;
        }
        if (requested < 1 || requested > 100) {
            throw ProblemException.invalid("limit", "must be between 1 and 100");
        }
        return requested;
    }
}
