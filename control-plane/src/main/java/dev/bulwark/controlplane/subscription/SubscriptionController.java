package dev.bulwark.controlplane.subscription;

import dev.bulwark.controlplane.kernel.CatalogPages;
import dev.bulwark.controlplane.kernel.Ids;
import dev.bulwark.controlplane.kernel.Page;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.RequiresRole;
import dev.bulwark.controlplane.kernel.Role;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import java.util.UUID;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SubscriptionController {
    private final SubscriptionService subscriptions;
    private final CatalogPages pages;

    public SubscriptionController(SubscriptionService subscriptions, CatalogPages pages) {
        this.pages = pages;
        this.subscriptions = subscriptions;
    }

    @Post("/applications/{applicationId}/subscriptions")
    @RequiresRole(Role.PUBLISHER)
    public HttpResponse<Subscription> subscribe(Principal principal, String applicationId,
                                                @Body SubscriptionService.Subscribe body) {
        Subscription subscription = subscriptions.subscribe(principal, Ids.parse(applicationId, "Application"), body);
        return HttpResponse.<Subscription>status(HttpStatus.CREATED).body(subscription);
    }

    @Get("/subscriptions")
    @RequiresRole(Role.VIEWER)
    public Page<Subscription> listSubscriptions(Principal principal, @QueryValue @Nullable String status,
                                   @QueryValue @Nullable String applicationId,
                                   @QueryValue @Nullable Integer limit, @QueryValue @Nullable String cursor) {
        UUID application = applicationId == null ? null : queryId(applicationId, "applicationId");
        String scope = CatalogPages.scope("subscriptions", principal.tenantId(), status, applicationId);
        return pages.seal(scope, subscriptions.list(principal.tenantId(), status, application, pages.open(scope, limit, cursor)));
    }

    @Post("/subscriptions/{subscriptionId}/approve")
    @RequiresRole(Role.ADMIN)
    public Subscription approve(Principal principal, String subscriptionId) {
        return subscriptions.approve(principal, Ids.parse(subscriptionId, "Subscription"));
    }

    @Post("/subscriptions/{subscriptionId}/reject")
    @RequiresRole(Role.ADMIN)
    public Subscription reject(Principal principal, String subscriptionId) {
        return subscriptions.reject(principal, Ids.parse(subscriptionId, "Subscription"));
    }

    private static UUID queryId(String text, String parameter) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(parameter, "must be a UUID");
        }
    }
}
