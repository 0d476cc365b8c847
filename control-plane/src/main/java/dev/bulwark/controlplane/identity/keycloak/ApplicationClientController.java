package dev.bulwark.controlplane.identity.keycloak;

import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.RequiresRole;
import dev.bulwark.controlplane.kernel.Role;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.UUID;

/**
 * An application's OAuth client (client credentials, in the tenant's Keycloak realm). The secret
 * is in the answer that creates or rotates it and never again. Exists only when Keycloak is configured.
 */
@Controller("/api/v1/applications/{applicationId}/oauth-client")
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(condition = KeycloakConfigured.class)
public class ApplicationClientController {
    private final ApplicationClients clients;

    public ApplicationClientController(ApplicationClients clients) {
        this.clients = clients;
    }

    @Post
    @RequiresRole(Role.ADMIN)
    public HttpResponse<ApplicationClients.OAuthClient> createOAuthClient(Principal principal, UUID applicationId) {
        return HttpResponse.created(clients.create(principal, applicationId)).header("Cache-Control", "no-store");
    }

    @Get
    @RequiresRole(Role.VIEWER)
    public ApplicationClients.OAuthClient getOAuthClient(Principal principal, UUID applicationId) {
        return clients.describe(principal, applicationId);
    }

    @Post("/secret")
    @RequiresRole(Role.ADMIN)
    public HttpResponse<ApplicationClients.OAuthClient> rotateOAuthClientSecret(Principal principal, UUID applicationId,
            @io.micronaut.core.annotation.Nullable @io.micronaut.http.annotation.Body ApplicationClients.SecretRotation rotation) {
        return HttpResponse.ok(clients.rotateSecret(principal, applicationId, rotation == null ? null : rotation.overlap()))
                .header("Cache-Control", "no-store");
    }

    @Delete
    @RequiresRole(Role.ADMIN)
    public HttpResponse<Void> revokeOAuthClient(Principal principal, UUID applicationId) {
        clients.revoke(principal, applicationId);
        return HttpResponse.noContent();
    }
}
