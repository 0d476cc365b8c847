package dev.bulwark.controlplane.devportal;

import dev.bulwark.controlplane.identity.keycloak.ApplicationClients;
import dev.bulwark.controlplane.identity.keycloak.KeycloakConfigured;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * A developer's own application as an OAuth client (client credentials in the tenant's Keycloak
 * realm): the same service as the console's, on an application the caller owns (else 404). The
 * secret is in the answer that creates or rotates it and never again. Only where Keycloak runs.
 */
@Controller("/api/devportal/v1/tenants/{slug}/applications/{appId}/oauth-client")
@ExecuteOn(TaskExecutors.BLOCKING)
@DeveloperEndpoint
@Requires(condition = KeycloakConfigured.class)
@Tag(name = "developer portal")
@SecurityRequirement(name = PortalSessionController.DEVELOPER_BEARER)
@SecurityRequirement(name = PortalSessionController.DEVELOPER_COOKIE)
public class PortalOAuthClientController {
    private final DeveloperApps apps;
    private final ApplicationClients clients;

    public PortalOAuthClientController(DeveloperApps apps, ApplicationClients clients) {
        this.apps = apps;
        this.clients = clients;
    }

    @Get
    public ApplicationClients.OAuthClient getOwnOAuthClient(String slug, String appId, DeveloperCaller caller) {
        return clients.describe(caller.actor(), apps.own(caller, appId).id());
    }

    @Post
    public HttpResponse<ApplicationClients.OAuthClient> createOwnOAuthClient(String slug, String appId, DeveloperCaller caller) {
        return HttpResponse.<ApplicationClients.OAuthClient>status(HttpStatus.CREATED)
                .body(clients.create(caller.actor(), apps.own(caller, appId).id()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    @Post("/secret")
    public HttpResponse<ApplicationClients.OAuthClient> rotateOwnOAuthClientSecret(String slug, String appId, DeveloperCaller caller,
            @io.micronaut.core.annotation.Nullable @io.micronaut.http.annotation.Body ApplicationClients.SecretRotation rotation) {
        return HttpResponse.ok(clients.rotateSecret(caller.actor(), apps.own(caller, appId).id(), rotation == null ? null : rotation.overlap()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    @Delete
    public HttpResponse<Void> revokeOwnOAuthClient(String slug, String appId, DeveloperCaller caller) {
        clients.revoke(caller.actor(), apps.own(caller, appId).id());
        return HttpResponse.noContent();
    }
}
