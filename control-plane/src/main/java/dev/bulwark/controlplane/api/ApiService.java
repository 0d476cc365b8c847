package dev.bulwark.controlplane.api;

import dev.bulwark.contracts.policy.JwtAuthConfig;
import dev.bulwark.contracts.policy.PolicyConfig;
import dev.bulwark.contracts.schema.Violation;
import dev.bulwark.contracts.schema.Violations;
import dev.bulwark.controlplane.audit.AuditTrail;
import dev.bulwark.controlplane.billing.PlanLimit;
import dev.bulwark.controlplane.billing.PlanLimits;
import dev.bulwark.controlplane.contract.ContractCompiler;
import dev.bulwark.controlplane.kernel.ETags;
import dev.bulwark.controlplane.kernel.Environment;
import dev.bulwark.controlplane.kernel.Ids;
import dev.bulwark.controlplane.kernel.KeysetCursor;
import dev.bulwark.controlplane.kernel.Page;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.Role;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.kernel.Versioned;
import dev.bulwark.controlplane.policy.PolicyCodec;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Creating, changing and publishing APIs. Each public method is one transaction and one audit entry. */
@Singleton
public class ApiService {
    private final ApiRepository apis;
    private final OperationRepository operations;
    private final OpenApiImporter importer;
    private final UpstreamGuard upstreamGuard;
    private final ApiAudits audits;
    private final AuditTrail auditTrail;
    private final LiveRoutes liveRoutes;
    private final PrivateUpstreams privateUpstreams;
    private final PublishGate publishGate;
    private final PlanLimits planLimits;

    public ApiService(ApiRepository apis, OperationRepository operations, OpenApiImporter importer,
                      UpstreamGuard upstreamGuard, ApiAudits audits, AuditTrail auditTrail, LiveRoutes liveRoutes,
                      PrivateUpstreams privateUpstreams, PublishGate publishGate, PlanLimits planLimits) {
        this.publishGate = publishGate;
        this.planLimits = planLimits;
        this.liveRoutes = liveRoutes;
        this.privateUpstreams = privateUpstreams;
        this.apis = apis;
        this.operations = operations;
        this.importer = importer;
        this.upstreamGuard = upstreamGuard;
        this.audits = audits;
        this.auditTrail = auditTrail;
    }

    @Transactional
    public ApiView create(Principal actor, ApiCommands.CreateApi command) {
        TenantId tenant = actor.tenantId();
        Violations v = Violations.root();
        checkName(command.name(), v);
        Routes.checkBasePath(command.basePath(), v);
        String host = Routes.normaliseHost(command.host(), v);
        checkVersionLabel(command.version(), v);
        boolean privateUpstreams = Boolean.TRUE.equals(command.allowPrivateUpstreams());
        checkPrivateUpstreamsAllowed(tenant, privateUpstreams, v);
        List<String> upstreams = command.upstreamUrls() == null ? List.of() : command.upstreamUrls();
        List<Violation> problems = new ArrayList<>(v.list());
        problems.addAll(upstreamGuard.check(upstreams, this.privateUpstreams.allowance(tenant, privateUpstreams), "upstreamUrls"));
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        planLimits.requireRoomFor(tenant, PlanLimit.APIS);
        OpenApiImporter.Imported imported = importer.parse(command.openapi());

        Instant now = Instant.now();
        String version = blankToNull(command.version()) == null ? documentVersion(imported) : command.version().strip();
        Api api = new Api(Ids.next(), tenant, command.name().strip(), version, host,
                command.basePath(), command.openapi(), Lifecycle.DRAFT, privateUpstreams, List.of(), now, now, 0);
        apis.insert(api);
        // Staging serves the given upstreams at once; production stays off until enabled explicitly.
        apis.saveEnvironment(tenant, api.id(), new EnvironmentConfig(Environment.STAGING, upstreams, !upstreams.isEmpty()));
        apis.saveEnvironment(tenant, api.id(), new EnvironmentConfig(Environment.PRODUCTION, upstreams, false));
        operations.replaceAll(tenant, api.id(), imported.operations());
        apis.saveContract(tenant, api.id(), imported.schemas(), ContractCompiler.FORMAT);
        ApiView view = view(api, false);
        auditTrail.record(actor, "api.create", "api", api.id().toString(), null, view);
        return view(api, true);
    }

    @Transactional
    public Versioned<ApiView> get(TenantId tenant, UUID id) {
        Api api = require(tenant, id);
        return new Versioned<>(view(api, true), api.version());
    }

    @Transactional
    public Page<ApiView> list(TenantId tenant, KeysetCursor cursor) {
        Page<Api> page = cursor.page(apis.list(tenant, cursor), Api::id);
        return new Page<>(page.items().stream().map(api -> view(api, false)).toList(), page.nextCursor());
    }

    @Transactional
    public Versioned<ApiView> update(Principal actor, UUID id, long expectedVersion, ApiCommands.UpdateApi command) {
        TenantId tenant = actor.tenantId();
        Api current = require(tenant, id);
        Violations v = Violations.root();
        if (command.name() != null) {
            checkName(command.name(), v);
        }
        if (command.basePath() != null) {
            Routes.checkBasePath(command.basePath(), v);
        }
        String host = command.host() == null ? current.host() : Routes.normaliseHost(command.host(), v);
        if (command.version() != null) {
            checkVersionLabel(command.version(), v);
        }
        boolean privateUpstreams = command.allowPrivateUpstreams() == null
                ? current.allowPrivateUpstreams() : command.allowPrivateUpstreams();
        if (privateUpstreams && !current.allowPrivateUpstreams()) {
            checkPrivateUpstreamsAllowed(tenant, true, v);
        }
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v.list());
        }
        if (current.lifecycle() == Lifecycle.RETIRED) {
            throw ProblemException.conflict("API_RETIRED", "A retired API cannot be changed");
        }
        // Publishers choose at publish; changing it later (it can open every operation to scope-less keys) is an admin's call.
        if (command.enforceDocumentScopes() != null && !actor.role().includes(Role.ADMIN)
                && command.enforceDocumentScopes() != apis.enforcesDocumentScopes(tenant, id)) {
            throw ProblemException.forbidden("Changing whether the document's OAuth scopes are enforced takes an admin");
        }
        OpenApiImporter.Imported imported = command.openapi() == null ? null : importer.parse(command.openapi());
        ApiView before = view(current, false);
        Api changed = new Api(id, tenant, command.name() == null ? current.name() : command.name().strip(),
                command.version() == null ? current.versionLabel() : blankToNull(command.version()), host,
                command.basePath() == null ? current.basePath() : command.basePath(),
                command.openapi() == null ? current.openapi() : command.openapi(), current.lifecycle(),
                privateUpstreams, current.policies(), current.createdAt(), current.updatedAt(), current.version());
        Api saved = apis.update(changed, expectedVersion).orElseThrow(ETags::stale);
        if (command.enforceDocumentScopes() != null) {
            // Saved with the version bump above, so the next snapshot carries the new choice.
            apis.enforceDocumentScopes(tenant, id, command.enforceDocumentScopes());
        }
        if (imported != null) {
            operations.replaceAll(tenant, id, imported.operations());
            apis.saveContract(tenant, id, imported.schemas(), ContractCompiler.FORMAT);
        }
        if (saved.lifecycle().isRouted()) {
            requireAuthentication(saved);
            if (!java.util.Objects.equals(saved.host(), current.host()) || !saved.basePath().equals(current.basePath())) {
                liveRoutes.requireAvailable(saved);
            }
        }
        auditTrail.record(actor, "api.update", "api", id.toString(), before, view(saved, false));
        return new Versioned<>(view(saved, true), saved.version());
    }

    @Transactional
    public Versioned<ApiView> changeLifecycle(Principal actor, UUID id, String state) {
        return changeLifecycle(actor, id, state, null);
    }

    /** @param enforceDocumentScopes only when publishing: whether the gateway requires the document's scopes; null keeps the choice */
    @Transactional
    public Versioned<ApiView> changeLifecycle(Principal actor, UUID id, String state, Boolean enforceDocumentScopes) {
        TenantId tenant = actor.tenantId();
        Lifecycle target;
        try {
            target = Lifecycle.fromWire(state);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ProblemException.invalid("state", "must be one of published, deprecated, retired");
        }
        Api current = apis.lock(tenant, id).orElseThrow(() -> ProblemException.notFound("API"));
        if (!current.lifecycle().canMoveTo(target)) {
            throw ProblemException.conflict("INVALID_LIFECYCLE_TRANSITION",
                    "An API cannot go from " + current.lifecycle().wire() + " to " + target.wire());
        }
        if (enforceDocumentScopes != null && target != Lifecycle.PUBLISHED) {
            throw ProblemException.invalid("enforceDocumentScopes", "is chosen when publishing");
        }
        if (target == Lifecycle.PUBLISHED) {
            if (enforceDocumentScopes != null) {
                apis.enforceDocumentScopes(tenant, id, enforceDocumentScopes);
            }
            checkPublishable(current);
            ApiAudits.AuditView audit = audits.auditAndStore(tenant, current, operations.all(tenant, id));
            publishGate.check(tenant, apis.environments(tenant, id), audit);
        }
        Api saved = apis.update(current.withLifecycle(target), current.version()).orElseThrow(ETags::stale);
        String action = "api." + switch (target) {
            case PUBLISHED -> "publish";
            case DEPRECATED -> "deprecate";
            case RETIRED -> "retire";
            case DRAFT -> "draft";
        };
        auditTrail.record(actor, action, "api", id.toString(), view(current, false), view(saved, false));
        return new Versioned<>(view(saved, true), saved.version());
    }

    @Transactional
    public Versioned<ApiView> setEnvironment(Principal actor, UUID id, Environment environment, long expectedVersion,
                                             ApiCommands.EnvironmentUpdate command) {
        TenantId tenant = actor.tenantId();
        Api current = require(tenant, id);
        List<String> upstreams = command.upstreamUrls() == null ? List.of() : command.upstreamUrls();
        List<Violation> problems = new ArrayList<>(upstreamGuard.check(upstreams, privateUpstreamsEffective(current), "upstreamUrls"));
        if (command.enabled() == null) {
            problems.add(new Violation("enabled", "is required"));
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
        List<EnvironmentConfig> before = apis.environments(tenant, id);
        apis.saveEnvironment(tenant, id, new EnvironmentConfig(environment, upstreams, command.enabled()));
        Api saved = apis.update(current, expectedVersion).orElseThrow(ETags::stale);
        List<EnvironmentConfig> after = apis.environments(tenant, id);
        if (saved.lifecycle().isRouted() && after.stream().noneMatch(EnvironmentConfig::isServing)) {
            throw ProblemException.conflict("NO_SERVING_ENVIRONMENT",
                    "A published API needs at least one enabled environment with upstreams");
        }
        if (saved.lifecycle().isRouted() && environment == Environment.PRODUCTION) {
            audits.latest(tenant, id).ifPresent(audit -> publishGate.check(tenant, after, audit));
        }
        auditTrail.record(actor, "api.environment.update", "api", id.toString(),
                ApiView.of(current, before, false, apis.enforcesDocumentScopes(tenant, id)), view(saved, false));
        return new Versioned<>(view(saved, true), saved.version());
    }

    @Transactional
    public Page<OperationView> operations(TenantId tenant, UUID apiId, KeysetCursor cursor) {
        require(tenant, apiId);
        Page<Operation> page = cursor.page(operations.list(tenant, apiId, cursor), Operation::id);
        return new Page<>(page.items().stream().map(OperationView::of).toList(), page.nextCursor());
    }

    @Transactional
    public ApiAudits.AuditView audit(TenantId tenant, UUID apiId) {
        require(tenant, apiId);
        return audits.latest(tenant, apiId).orElseThrow(() -> ProblemException.notFound("An audit of this API (publish it first)"));
    }

    public Api require(TenantId tenant, UUID id) {
        return apis.find(tenant, id).orElseThrow(() -> ProblemException.notFound("API"));
    }

    public ApiView view(Api api, boolean withDocument) {
        return ApiView.of(api, apis.environments(api.tenantId(), api.id()), withDocument,
                apis.enforcesDocumentScopes(api.tenantId(), api.id()));
    }

    /**
     * Deny by default: a routed API must authenticate every operation, through an API-level
     * authentication policy or one on each operation. An API without operations is served as a
     * catch-all below its base path, so only an API-level policy covers it ("every one of no
     * operations" would be vacuously true and let it through unauthenticated).
     */
    public void requireAuthentication(Api api) {
        if (PolicyCodec.authenticates(api.policies())) {
            return;
        }
        List<Operation> all = operations.all(api.tenantId(), api.id());
        boolean everyOperation = !all.isEmpty() && all.stream()
                .allMatch(operation -> PolicyCodec.authenticates(operation.policies()));
        if (!everyOperation) {
            throw ProblemException.conflict("AUTHENTICATION_REQUIRED",
                    "A published API must authenticate callers: attach an api-key or jwt policy to the API or to every operation");
        }
    }

    private void checkPublishable(Api api) {
        List<EnvironmentConfig> environments = apis.environments(api.tenantId(), api.id());
        if (environments.stream().noneMatch(EnvironmentConfig::isServing)) {
            throw ProblemException.conflict("NO_SERVING_ENVIRONMENT",
                    "Publishing needs at least one enabled environment with upstream URLs");
        }
        requireAuthentication(api);
        liveRoutes.requireAvailable(api);
        // The operator may have withdrawn private networks since the URLs were saved: check again.
        List<Violation> problems = new ArrayList<>(jwksProblems(api, api.policies(), "policies"));
        for (Operation operation : operations.all(api.tenantId(), api.id())) {
            problems.addAll(jwksProblems(api, operation.policies(), "operations." + operation.key() + ".policies"));
        }
        for (EnvironmentConfig environment : environments) {
            problems.addAll(upstreamGuard.check(environment.upstreamUrls(), privateUpstreamsEffective(api),
                    "environments." + environment.environment().wire() + ".upstreamUrls"));
        }
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
    }

    /**
     * The gateway fetches a jwt policy's JWKS, and calls its introspection endpoint, from its own
     * network, so both URLs pass the same guard as the API's upstreams (item: SSRF through jwksUrl).
     */
    public void requireReachableJwks(Api api, List<PolicyConfig> policies, String field) {
        List<Violation> problems = jwksProblems(api, policies, field);
        if (!problems.isEmpty()) {
            throw ProblemException.invalid(problems);
        }
    }

    private List<Violation> jwksProblems(Api api, List<PolicyConfig> policies, String field) {
        List<Violation> problems = new ArrayList<>();
        UpstreamGuard.Allowance allowance = privateUpstreamsEffective(api);
        for (int i = 0; i < policies.size(); i++) {
            if (policies.get(i) instanceof JwtAuthConfig jwt) {
                Violation problem = upstreamGuard.checkOne(jwt.jwksUrl(), allowance, field + "[" + i + "].jwksUrl");
                if (problem != null) {
                    problems.add(problem);
                }
                // The introspection endpoint is called from the gateway's network too, with a client secret.
                Violation introspection = jwt.introspection() == null ? null
                        : upstreamGuard.checkOne(jwt.introspection().endpoint(), allowance, field + "[" + i + "].introspection.endpoint");
                if (introspection != null) {
                    problems.add(introspection);
                }
            }
        }
        return problems;
    }

    private UpstreamGuard.Allowance privateUpstreamsEffective(Api api) {
        return privateUpstreams.allowance(api.tenantId(), api.allowPrivateUpstreams());
    }

    private void checkPrivateUpstreamsAllowed(TenantId tenant, boolean requested, Violations v) {
        if (requested && privateUpstreams.tenantCidrs(tenant).isEmpty()) {
            v.add("allowPrivateUpstreams", "the platform operator allows no private networks for this tenant");
        }
    }

    private static void checkName(String name, Violations v) {
        v.require(name != null && !name.isBlank() && name.strip().length() <= 200, "name", "is required (1-200 characters)");
    }

    private static void checkVersionLabel(String version, Violations v) {
        v.require(version == null || version.length() <= 50, "version", "must be at most 50 characters");
    }

    /** The form promises the document's info.version when no version is given; one that does not fit is left out. */
    private static String documentVersion(OpenApiImporter.Imported imported) {
        var info = imported.document().openApi().getInfo();
        String version = info == null ? null : blankToNull(info.getVersion());
        return version == null || version.length() > 50 ? null : version;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
