package dev.bulwark.controlplane.apikey;

import dev.bulwark.controlplane.kernel.CatalogPages;
import dev.bulwark.controlplane.kernel.Ids;
import dev.bulwark.controlplane.kernel.Page;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.RequiresRole;
import dev.bulwark.controlplane.kernel.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** Keys of applications. The key text appears only in the 201 answers of create and rotate. */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ApiKeyController {
    private final ApiKeyService keys;
    private final CatalogPages pages;

    public ApiKeyController(ApiKeyService keys, CatalogPages pages) {
        this.pages = pages;
        this.keys = keys;
    }

    @Post("/applications/{applicationId}/keys")
    @RequiresRole(Role.PUBLISHER)
    public HttpResponse<IssuedKey> createKey(Principal principal, String applicationId, @Body ApiKeyService.CreateKey body) {
        IssuedKey issued = keys.create(principal, Ids.parse(applicationId, "Application"), body);
        return HttpResponse.<IssuedKey>status(HttpStatus.CREATED).body(issued).header("Cache-Control", "no-store");
    }

    @Get("/applications/{applicationId}/keys")
    @RequiresRole(Role.VIEWER)
    public Page<ApiKey> listKeys(Principal principal, String applicationId, @QueryValue @Nullable Integer limit,
                             @QueryValue @Nullable String cursor) {
        String scope = CatalogPages.scope("keys", principal.tenantId(), applicationId);
        return pages.seal(scope, keys.list(principal.tenantId(), Ids.parse(applicationId, "Application"), pages.open(scope, limit, cursor)));
    }

    @Post("/keys/{keyId}/rotate")
    @RequiresRole(Role.PUBLISHER)
    public HttpResponse<IssuedKey> rotateKey(Principal principal, String keyId, @Body @Nullable ApiKeyService.Rotate body) {
        IssuedKey issued = keys.rotate(principal, Ids.parse(keyId, "API key"), body);
        return HttpResponse.<IssuedKey>status(HttpStatus.CREATED).body(issued).header("Cache-Control", "no-store");
    }

    @Delete("/keys/{keyId}")
    @RequiresRole(Role.PUBLISHER)
    public HttpResponse<Void> revokeKey(Principal principal, String keyId) {
        keys.revoke(principal, Ids.parse(keyId, "API key"));
        return HttpResponse.noContent();
    }
}
