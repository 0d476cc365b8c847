package dev.bulwark.controlplane.api;

import dev.bulwark.contracts.policy.PolicyConfig;
import dev.bulwark.controlplane.identity.Principal;
import dev.bulwark.controlplane.identity.RequiresRole;
import dev.bulwark.controlplane.identity.Role;
import dev.bulwark.controlplane.policy.PolicyAttachments;
import dev.bulwark.controlplane.web.Page;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
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
    private final PolicyAttachments policies;

    public ApiController(ApiService apis, PolicyAttachments policies) {
        this.apis = apis;
        this.policies = policies;
    }

    @Post
    @RequiresRole(Role.PUBLISHER)
    public HttpResponse<ApiView> create(Principal principal, @Body ApiCommands.CreateApi body) {
        ApiView view = apis.create(principal, body);
        return HttpResponse.<ApiView>status(HttpStatus.CREATED).body(view).header(HttpHeaders.ETAG, IfMatch.etag(0));
    }

    @Get
    @RequiresRole(Role.VIEWER)
    public Page<ApiView> list(Principal principal, @QueryValue @Nullable Integer limit, @QueryValue @Nullable String cursor) {
        return apis.list(principal.tenantId(), KeysetCursor.of(limit, cursor));
    }

    @Get("/{apiId}")
    @RequiresRole(Role.VIEWER)
    public HttpResponse<ApiView> get(Principal principal, String apiId) {
        return ok(apis.get(principal.tenantId(), Ids.parse(apiId, "API")));
    }

    @Patch("/{apiId}")
    @RequiresRole(Role.PUBLISHER)
    public HttpResponse<ApiView> update(Principal principal, String apiId, @Header("If-Match") @Nullable String ifMatch,
                                        @Body ApiCommands.UpdateApi body) {
        long expected = IfMatch.required(ifMatch);
        return ok(apis.update(principal, Ids.parse(apiId, "API"), expected, body));
    }

    @Post("/{apiId}/lifecycle")
    @RequiresRole(Role.PUBLISHER)
    public HttpResponse<ApiView> lifecycle(Principal principal, String apiId, @Body ApiCommands.LifecycleChange body) {
        return ok(apis.changeLifecycle(principal, Ids.parse(apiId, "API"), body.state()));
    }

    @Put("/{apiId}/environments/{environment}")
    @RequiresRole(Role.PUBLISHER)
    public HttpResponse<ApiView> environment(Principal principal, String apiId, String environment,
                                             @Header("If-Match") @Nullable String ifMatch,
                                             @Body ApiCommands.EnvironmentUpdate body) {
        Environment target = Environment.parse(environment, "environment");
        long expected = IfMatch.required(ifMatch);
        return ok(apis.setEnvironment(principal, Ids.parse(apiId, "API"), target, expected, body));
    }

    @Get("/{apiId}/operations")
    @RequiresRole(Role.VIEWER)
    public Page<OperationView> operations(Principal principal, String apiId, @QueryValue @Nullable Integer limit,
                                          @QueryValue @Nullable String cursor) {
        return apis.operations(principal.tenantId(), Ids.parse(apiId, "API"), KeysetCursor.of(limit, cursor));
    }

    @Put("/{apiId}/policies")
    @RequiresRole(Role.PUBLISHER)
    public HttpResponse<PolicyAttachments.PolicySet> apiPolicies(Principal principal, String apiId,
                                                                    @Header("If-Match") @Nullable String ifMatch,
                                                                    @Body ApiCommands.PolicyList body) {
        long expected = IfMatch.required(ifMatch);
        Versioned<List<PolicyConfig>> saved = policies.setApiPolicies(principal, Ids.parse(apiId, "API"), expected, body.policies());
        return HttpResponse.ok(new PolicyAttachments.PolicySet(saved.body())).header(HttpHeaders.ETAG, saved.etag());
    }

    @Put("/{apiId}/operations/{operationId}/policies")
    @RequiresRole(Role.PUBLISHER)
    public HttpResponse<OperationView> operationPolicies(Principal principal, String apiId, String operationId,
                                                         @Header("If-Match") @Nullable String ifMatch,
                                                         @Body ApiCommands.PolicyList body) {
        long expected = IfMatch.required(ifMatch);
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
