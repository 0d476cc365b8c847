package dev.bulwark.controlplane.api;

import dev.bulwark.contracts.policy.PolicyConfig;
import dev.bulwark.controlplane.kernel.BodyLimits;
import dev.bulwark.controlplane.kernel.CatalogPages;
import dev.bulwark.controlplane.kernel.ETags;
import dev.bulwark.controlplane.kernel.Environment;
import dev.bulwark.controlplane.kernel.Ids;
import dev.bulwark.controlplane.kernel.Page;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.RequiresRole;
import dev.bulwark.controlplane.kernel.Role;
import dev.bulwark.controlplane.kernel.Versioned;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;

/** APIs of the caller's tenant: import, change, publish, environments, operations, policies, audit. */
@Controller("/api/v1/apis")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ApiController {
    private final ApiService apis;
    private final CatalogPages pages;
    private final PolicyAttachments policies;

    public ApiController(ApiService apis, PolicyAttachments policies, CatalogPages pages) {
        this.pages = pages;
        this.apis = apis;
        this.policies = policies;
    }

    @Post
    @RequiresRole(Role.PUBLISHER)
    @BodyLimits.Document
    public HttpResponse<ApiView> createApi(Principal principal, @Body ApiCommands.CreateApi body) {
        ApiView view = apis.create(principal, body);
        return HttpResponse.<ApiView>status(HttpStatus.CREATED).body(view).header(HttpHeaders.ETAG, ETags.of(0));
    }

    @Get
    @RequiresRole(Role.VIEWER)
    public Page<ApiView> listApis(Principal principal, @QueryValue @Nullable Integer limit, @QueryValue @Nullable String cursor) {
        String scope = CatalogPages.scope("apis", principal.tenantId());
        return pages.seal(scope, apis.list(principal.tenantId(), pages.open(scope, limit, cursor)));
    }

    @Get("/{apiId}")
    @RequiresRole(Role.VIEWER)
    public HttpResponse<ApiView> getApi(Principal principal, String apiId) {
        return ok(apis.get(principal.tenantId(), Ids.parse(apiId, "API")));
    }

    @Patch("/{apiId}")
    @RequiresRole(Role.PUBLISHER)
    @BodyLimits.Document
    public HttpResponse<ApiView> updateApi(Principal principal, String apiId, HttpRequest<?> request,
                                        @Body ApiCommands.UpdateApi body) {
        long expected = ETags.requiredVersion(request);
        return ok(apis.update(principal, Ids.parse(apiId, "API"), expected, body));
    }

    @Post("/{apiId}/lifecycle")
    @RequiresRole(Role.PUBLISHER)
    public HttpResponse<ApiView> lifecycle(Principal principal, String apiId, @Body ApiCommands.LifecycleChange body) {
        return ok(apis.changeLifecycle(principal, Ids.parse(apiId, "API"), body.state(), body.enforceDocumentScopes()));
    }

    @Put("/{apiId}/environments/{environment}")
    @RequiresRole(Role.PUBLISHER)
    public HttpResponse<ApiView> environment(Principal principal, String apiId, String environment,
                                             HttpRequest<?> request,
                                             @Body ApiCommands.EnvironmentUpdate body) {
        Environment target = Environment.parse(environment, "environment");
        long expected = ETags.requiredVersion(request);
        return ok(apis.setEnvironment(principal, Ids.parse(apiId, "API"), target, expected, body));
    }

    @Get("/{apiId}/operations")
    @RequiresRole(Role.VIEWER)
    public Page<OperationView> operations(Principal principal, String apiId, @QueryValue @Nullable Integer limit,
                                          @QueryValue @Nullable String cursor) {
        String scope = CatalogPages.scope("operations", principal.tenantId(), apiId);
        return pages.seal(scope, apis.operations(principal.tenantId(), Ids.parse(apiId, "API"), pages.open(scope, limit, cursor)));
    }

    @Put("/{apiId}/policies")
    @RequiresRole(Role.PUBLISHER)
    public HttpResponse<PolicyAttachments.PolicySet> apiPolicies(Principal principal, String apiId,
                                                                    HttpRequest<?> request,
                                                                    @Body ApiCommands.PolicyList body) {
        long expected = ETags.requiredVersion(request);
        Versioned<List<PolicyConfig>> saved = policies.setApiPolicies(principal, Ids.parse(apiId, "API"), expected, body.policies());
        return HttpResponse.ok(new PolicyAttachments.PolicySet(saved.body())).header(HttpHeaders.ETAG, saved.etag());
    }

    @Put("/{apiId}/operations/{operationId}/policies")
    @RequiresRole(Role.PUBLISHER)
    public HttpResponse<OperationView> operationPolicies(Principal principal, String apiId, String operationId,
                                                         HttpRequest<?> request,
                                                         @Body ApiCommands.PolicyList body) {
        long expected = ETags.requiredVersion(request);
        return ok(policies.setOperationPolicies(principal, Ids.parse(apiId, "API"), operationId, expected, body.policies()));
    }

    @Get("/{apiId}/audit")
    @RequiresRole(Role.VIEWER)
    public ApiAudits.AuditView audit(Principal principal, String apiId) {
        return apis.audit(principal.tenantId(), Ids.parse(apiId, "API"));
    }

    private static <T> HttpResponse<T> ok(Versioned<T> versioned) {
        return HttpResponse.ok(versioned.body()).header(HttpHeaders.ETAG, versioned.etag());
    }
}
