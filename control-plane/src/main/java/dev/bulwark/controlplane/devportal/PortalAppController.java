package dev.bulwark.controlplane.devportal;

import dev.bulwark.controlplane.apikey.ApiKey;
import dev.bulwark.controlplane.apikey.ApiKeyService;
import dev.bulwark.controlplane.apikey.IssuedKey;
import dev.bulwark.controlplane.subscription.SubscriptionService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * A developer's own applications, subscriptions and keys. {@code slug} is checked against the
 * session by the authentication filter; the developer comes from the session, never the request.
 */
@Controller("/api/devportal/v1/tenants/{slug}/applications")
@ExecuteOn(TaskExecutors.BLOCKING)
@DeveloperEndpoint
@Tag(name = "developer portal")
@SecurityRequirement(name = PortalSessionController.DEVELOPER_BEARER)
@SecurityRequirement(name = PortalSessionController.DEVELOPER_COOKIE)
public class PortalAppController {
    private final DeveloperApps apps;

    public PortalAppController(DeveloperApps apps) {
        this.apps = apps;
    }

    @Get
    public CatalogViews.Items<AppViews.DevApplication> list(String slug, DeveloperCaller caller) {
        return CatalogViews.Items.of(apps.list(caller));
    }

    @Post
    public HttpResponse<AppViews.DevApplication> create(String slug, DeveloperCaller caller, @Body DeveloperApps.CreateApp body) {
        return HttpResponse.<AppViews.DevApplication>status(HttpStatus.CREATED).body(apps.create(caller, body));
    }

    @Get("/{appId}")
    public AppViews.DevApplication get(String slug, String appId, DeveloperCaller caller) {
        return apps.get(caller, appId);
    }

    @Post("/{appId}/subscriptions")
    public HttpResponse<AppViews.DevSubscription> subscribe(String slug, String appId, DeveloperCaller caller,
                                                            @Body SubscriptionService.Subscribe body) {
        return HttpResponse.<AppViews.DevSubscription>status(HttpStatus.CREATED).body(apps.subscribe(caller, appId, body));
    }

    @Get("/{appId}/keys")
    public KeyList keys(String slug, String appId, DeveloperCaller caller) {
        return new KeyList(apps.keys(caller, appId));
    }

    @Post("/{appId}/keys")
    public HttpResponse<IssuedKey> createKey(String slug, String appId, DeveloperCaller caller, @Body DeveloperApps.CreateKey body) {
        return HttpResponse.<IssuedKey>status(HttpStatus.CREATED).body(apps.createKey(caller, appId, body))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    @Post("/{appId}/keys/{keyId}/rotate")
    public HttpResponse<IssuedKey> rotate(String slug, String appId, String keyId, DeveloperCaller caller,
                                          @Body @Nullable ApiKeyService.Rotate body) {
        return HttpResponse.<IssuedKey>status(HttpStatus.CREATED).body(apps.rotate(caller, appId, keyId, body))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    @Delete("/{appId}/keys/{keyId}")
    public HttpResponse<Void> revoke(String slug, String appId, String keyId, DeveloperCaller caller) {
        apps.revoke(caller, appId, keyId);
        return HttpResponse.noContent();
    }

    public record KeyList(java.util.List<ApiKey> items) {
    }
}
