package dev.bulwark.controlplane.devportal;

import dev.bulwark.contracts.policy.PolicyConfig;
import dev.bulwark.contracts.policy.QuotaConfig;
import dev.bulwark.contracts.policy.RateLimitConfig;
import dev.bulwark.controlplane.api.Api;
import dev.bulwark.controlplane.api.ApiRepository;
import dev.bulwark.controlplane.api.EnvironmentConfig;
import dev.bulwark.controlplane.api.Operation;
import dev.bulwark.controlplane.api.OperationRepository;
import dev.bulwark.controlplane.kernel.KeysetCursor;
import dev.bulwark.controlplane.kernel.Page;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.plan.Plan;
import dev.bulwark.controlplane.plan.PlanService;
import dev.bulwark.controlplane.sql.Sql;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The public side of a tenant's portal: APIs in the published or deprecated state, their
 * operations and plans. Drafts and retired APIs do not exist here (404 API_NOT_FOUND).
 */
@Singleton
public class PortalCatalog {
    private static final String VISIBLE = "lifecycle IN ('published', 'deprecated')";

    private final Sql sql;
    private final ApiRepository apis;
    private final OperationRepository operations;
    private final PlanService plans;
    private final DocumentNotes notes;
    private final ApiAccess access;

    public PortalCatalog(Sql sql, ApiRepository apis, OperationRepository operations, PlanService plans, DocumentNotes notes,
                         ApiAccess access) {
        this.access = access;
        this.sql = sql;
        this.apis = apis;
        this.operations = operations;
        this.plans = plans;
        this.notes = notes;
    }

    private record Row(UUID id, String name, String version, String basePath, String lifecycle, long rowVersion,
                       List<String> environments) {
    }

    /**
     * Hand SQL: one read lists the visible APIs with a correlated {@code array()} of their serving
     * environments, instead of a query per API; the document is read only when the notes cache misses.
     */
    @Transactional(readOnly = true)
    public List<CatalogViews.ApiSummary> list(TenantId tenant) {
        List<Row> rows = sql.list("SELECT a.id, a.name, a.version_label, a.base_path, a.lifecycle, a.version, "
                + "array(SELECT e.environment FROM api_environment e WHERE e.tenant_id = a.tenant_id AND e.api_id = a.id "
                + "AND e.enabled AND jsonb_array_length(e.upstream_urls) > 0 ORDER BY e.environment DESC) AS environments "
                + "FROM api a WHERE a.tenant_id = ? AND a." + VISIBLE + " ORDER BY lower(a.name), a.id", row -> new Row(
                Sql.uuid(row, "id"), row.getString("name"), row.getString("version_label"), row.getString("base_path"),
                row.getString("lifecycle"), row.getLong("version"),
                Arrays.asList((String[]) row.getArray("environments").getArray())), tenant);
        return rows.stream().map(r -> summary(r, notes.of(r.id(), r.rowVersion(), () -> document(tenant, r.id())).description()))
                .toList();
    }

    @Transactional(readOnly = true)
    public CatalogViews.ApiDetail detail(TenantId tenant, UUID apiId) {
        Api api = visible(tenant, apiId);
        DocumentNotes.Notes documentNotes = notes.of(api.id(), api.version(), api::openapi);
        // Scopes the gateway does not require are not shown as required.
        boolean scoped = apis.enforcesDocumentScopes(tenant, apiId);
        List<CatalogViews.PublicOperation> ops = operations.all(tenant, apiId).stream()
                .map(o -> operation(o, documentNotes, scoped))
                .toList();
        List<CatalogViews.PublicPlan> publicPlans = allPlans(tenant, apiId).stream().map(PortalCatalog::publicPlan).toList();
        CatalogViews.ApiSummary summary = summary(api, documentNotes.description());
        return CatalogViews.ApiDetail.of(summary, ops, publicPlans, access.of(api, summary.environments()));
    }

    @Transactional(readOnly = true)
    public CatalogViews.OpenApiDocument openapi(TenantId tenant, UUID apiId) {
        String text = visible(tenant, apiId).openapi();
        String format = text.stripLeading().startsWith("{") ? "json" : "yaml";
        return new CatalogViews.OpenApiDocument(text, format, sha256(text));
    }

    /** A published or deprecated API of the tenant, or 404 API_NOT_FOUND. */
    public Api visible(TenantId tenant, UUID apiId) {
        return apis.find(tenant, apiId).filter(a -> a.lifecycle().isRouted()).orElseThrow(PortalCatalog::apiNotFound);
    }

    static ProblemException apiNotFound() {
        return new ProblemException(404, "API_NOT_FOUND", "Not found", "API does not exist", null);
    }

    private List<Plan> allPlans(TenantId tenant, UUID apiId) {
        List<Plan> all = new ArrayList<>();
        KeysetCursor cursor = KeysetCursor.of(200, null);
        while (true) {
            Page<Plan> page = plans.list(tenant, apiId, cursor);
            all.addAll(page.items());
            if (page.nextCursor() == null) {
                return all;
            }
            cursor = KeysetCursor.of(200, page.nextCursor());
        }
    }

    private String document(TenantId tenant, UUID apiId) {
        return sql.one("SELECT openapi FROM api WHERE tenant_id = ? AND id = ?", row -> row.getString(1), tenant, apiId).orElse("");
    }

    private CatalogViews.ApiSummary summary(Api api, String description) {
        List<String> environments = apis.environments(api.tenantId(), api.id()).stream()
                .filter(EnvironmentConfig::isServing).map(e -> e.environment().wire()).toList();
        return new CatalogViews.ApiSummary(api.id(), api.name(), api.versionLabel(), api.basePath(), api.lifecycle().wire(),
                description, environments);
    }

    private static CatalogViews.ApiSummary summary(Row row, String description) {
        return new CatalogViews.ApiSummary(row.id(), row.name(), row.version(), row.basePath(), row.lifecycle(), description,
                List.copyOf(row.environments()));
    }

    private static CatalogViews.PublicOperation operation(Operation operation, DocumentNotes.Notes notes, boolean scoped) {
        return new CatalogViews.PublicOperation(operation.key(), operation.method(), operation.pathTemplate(),
                notes.summaries().get(operation.key()), scoped ? operation.requiredScopes() : List.of());
    }

    static CatalogViews.PublicPlan publicPlan(Plan plan) {
        return new CatalogViews.PublicPlan(plan.id(), plan.apiId(), plan.name(), plan.description(),
                plan.approval().name().toLowerCase(Locale.ROOT), rateLimit(plan).orElse(null), quota(plan).orElse(null));
    }

    static Optional<CatalogViews.RateLimit> rateLimit(Plan plan) {
        for (PolicyConfig policy : plan.policies()) {
            if (policy instanceof RateLimitConfig r) {
                return Optional.of(new CatalogViews.RateLimit(r.limit(), r.periodSeconds(), r.periodSeconds(), r.burst()));
            }
        }
        return Optional.empty();
    }

    static Optional<QuotaConfig> quotaConfig(Plan plan) {
        for (PolicyConfig policy : plan.policies()) {
            if (policy instanceof QuotaConfig q) {
                return Optional.of(q);
            }
        }
        return Optional.empty();
    }

    static Optional<CatalogViews.Quota> quota(Plan plan) {
        return quotaConfig(plan).map(q -> new CatalogViews.Quota(q.limit(), q.period().name().toLowerCase(Locale.ROOT), q.timeZone()));
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
