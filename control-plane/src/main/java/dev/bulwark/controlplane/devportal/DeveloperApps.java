package dev.bulwark.controlplane.devportal;

import dev.bulwark.controlplane.apikey.ApiKey;
import dev.bulwark.controlplane.apikey.ApiKeyService;
import dev.bulwark.controlplane.apikey.IssuedKey;
import dev.bulwark.controlplane.application.Application;
import dev.bulwark.controlplane.application.ApplicationService;
import dev.bulwark.controlplane.kernel.KeysetCursor;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.TimeRange;
import dev.bulwark.controlplane.sql.Sql;
import dev.bulwark.controlplane.subscription.Subscription;
import dev.bulwark.controlplane.subscription.SubscriptionService;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A developer's own applications, subscriptions and keys. Every method first proves the
 * application belongs to the calling developer in the caller's tenant (else 404
 * APPLICATION_NOT_FOUND, the same answer as for an id that does not exist), then delegates to the
 * console's services, so validation, audit and key handling are the same as a member's.
 */
@Singleton
public class DeveloperApps {
    public record CreateApp(String name, String description) {
    }

    public record CreateKey(String label, String environment, String expiresAt) {
    }

    private final Sql sql;
    private final ApplicationService applications;
    private final SubscriptionService subscriptions;
    private final ApiKeyService keys;

    public DeveloperApps(Sql sql, ApplicationService applications, SubscriptionService subscriptions, ApiKeyService keys) {
        this.sql = sql;
        this.applications = applications;
        this.subscriptions = subscriptions;
        this.keys = keys;
    }

    @Transactional(readOnly = true)
    public List<AppViews.DevApplication> list(DeveloperCaller caller) {
        List<Application> own = applications.ofDeveloper(caller.tenantId(), caller.developerId());
        return own.stream().map(app -> view(caller, app)).toList();
    }

    @Transactional
    public AppViews.DevApplication create(DeveloperCaller caller, CreateApp command) {
        Application app = applications.create(caller.actor(),
                new ApplicationService.CreateApplication(command.name(), caller.developerId().toString(), command.description()));
        return view(caller, app);
    }

    @Transactional(readOnly = true)
    public AppViews.DevApplication get(DeveloperCaller caller, String appId) {
        return view(caller, own(caller, appId));
    }

    @Transactional
    public AppViews.DevSubscription subscribe(DeveloperCaller caller, String appId, SubscriptionService.Subscribe command) {
        Application app = own(caller, appId);
        Subscription created = subscriptions.subscribe(caller.actor(), app.id(), command);
        return subscriptionViews(caller, app.id()).stream().filter(s -> s.id().equals(created.id())).findFirst().orElseThrow();
    }

    @Transactional(readOnly = true)
    public List<ApiKey> keys(DeveloperCaller caller, String appId) {
        Application app = own(caller, appId);
        return keys.list(caller.tenantId(), app.id(), new KeysetCursor(new UUID(0, 0), 10_000)).items();
    }

    /**
     * Developers cannot choose scopes: a scope is an authorization the tenant grants, so a
     * self-service key carries none (members can issue scoped keys from the console).
     */
    @Transactional
    public IssuedKey createKey(DeveloperCaller caller, String appId, CreateKey command) {
        Application app = own(caller, appId);
        Instant expiresAt = command.expiresAt() == null || command.expiresAt().isBlank()
                ? null : TimeRange.instant("expiresAt", command.expiresAt());
        return keys.create(caller.actor(), app.id(),
                new ApiKeyService.CreateKey(command.label(), List.of(), expiresAt, command.environment()));
    }

    @Transactional
    public IssuedKey rotate(DeveloperCaller caller, String appId, String keyId, ApiKeyService.Rotate command) {
        ApiKey key = ownKey(caller, appId, keyId);
        return keys.rotate(caller.actor(), key.id(), command);
    }

    @Transactional
    public void revoke(DeveloperCaller caller, String appId, String keyId) {
        ApiKey key = ownKey(caller, appId, keyId);
        keys.revoke(caller.actor(), key.id());
    }

    /** The caller's application, or 404 APPLICATION_NOT_FOUND (also for another developer's or tenant's). */
    public Application own(DeveloperCaller caller, String appId) {
        return parse(appId).flatMap(id -> applications.find(caller.tenantId(), id))
                .filter(app -> app.developerId().equals(caller.developerId()))
                .orElseThrow(DeveloperApps::applicationNotFound);
    }

    private ApiKey ownKey(DeveloperCaller caller, String appId, String keyId) {
        Application app = own(caller, appId);
        return parse(keyId).flatMap(id -> keys.find(caller.tenantId(), id))
                .filter(key -> key.applicationId().equals(app.id()))
                .orElseThrow(() -> new ProblemException(404, "KEY_NOT_FOUND", "Not found", "API key does not exist", null));
    }

    private static Optional<UUID> parse(String id) {
        try {
            return Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    static ProblemException applicationNotFound() {
        return new ProblemException(404, "APPLICATION_NOT_FOUND", "Not found", "Application does not exist", null);
    }

    private AppViews.DevApplication view(DeveloperCaller caller, Application app) {
        return new AppViews.DevApplication(app.id(), app.name(), app.description(), app.createdAt(),
                subscriptionViews(caller, app.id()));
    }

    /** Hand SQL: one join of subscription, api and plan builds the portal's view in a single read. */
    List<AppViews.DevSubscription> subscriptionViews(DeveloperCaller caller, UUID appId) {
        return new ArrayList<>(sql.list("""
                SELECT s.id, s.api_id, a.name AS api_name, s.plan_id, p.name AS plan_name, s.status, s.created_at
                FROM subscription s
                JOIN api a ON a.id = s.api_id AND a.tenant_id = s.tenant_id
                JOIN plan p ON p.id = s.plan_id AND p.tenant_id = s.tenant_id
                WHERE s.tenant_id = ? AND s.application_id = ? ORDER BY s.id""",
                row -> new AppViews.DevSubscription(Sql.uuid(row, "id"), Sql.uuid(row, "api_id"), row.getString("api_name"),
                        Sql.uuid(row, "plan_id"), row.getString("plan_name"), row.getString("status"), Sql.instant(row, "created_at")),
                caller.tenantId(), appId));
    }
}
