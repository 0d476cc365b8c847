package dev.bulwark.controlplane.api;

import dev.bulwark.contracts.schema.Violation;
import dev.bulwark.controlplane.kernel.ETags;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.RequiresRole;
import dev.bulwark.controlplane.kernel.Role;
import dev.bulwark.controlplane.kernel.Versioned;
import dev.bulwark.controlplane.tenant.Tenants;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Tenant-wide catalog settings: the private networks the tenant's APIs may use, which are the
 * platform operator's decision ({@link PrivateUpstreamsController}: members read them here, and a
 * change asked for here is refused naming the field), and the owner's publish gate.
 */
@Controller("/api/v1/tenant-settings")
@ExecuteOn(TaskExecutors.BLOCKING)
public class TenantSettingsController {
    /**
     * @param allowPrivateUpstreams whether any private network is allowed (APIs may then opt in)
     * @param privateUpstreamCidrs  the networks, set by the platform operator
     * @param minimumPublishScore   the audit score (0-100) an API needs to be served in production; null: no gate
     */
    public record TenantSettings(boolean allowPrivateUpstreams, List<String> privateUpstreamCidrs,
                                 @Nullable Integer minimumPublishScore) {
    }

    /** @param minimumPublishScore 0-100; 0 lifts the gate */
    public record SettingsChange(@Nullable Boolean allowPrivateUpstreams, @Nullable Integer minimumPublishScore) {
    }

    private final Store store;

    public TenantSettingsController(Store store) {
        this.store = store;
    }

    @Get
    @RequiresRole(Role.VIEWER)
    public HttpResponse<TenantSettings> getTenantSettings(Principal principal) {
        Versioned<TenantSettings> settings = store.read(principal);
        return HttpResponse.ok(settings.body()).header(HttpHeaders.ETAG, settings.etag());
    }

    @Patch
    @RequiresRole(Role.OWNER)
    public HttpResponse<TenantSettings> updateTenantSettings(Principal principal, HttpRequest<?> request,
                                                             @Body SettingsChange body) {
        if (body.allowPrivateUpstreams() != null) {
            throw new ProblemException(403, "OPERATOR_SETTING", "Forbidden",
                    "Private upstream networks are set by the platform operator, not by tenants",
                    List.of(new Violation("allowPrivateUpstreams", "is read-only: ask the platform operator")));
        }
        Integer minimum = body.minimumPublishScore();
        if (minimum != null && (minimum < 0 || minimum > 100)) {
            throw ProblemException.invalid("minimumPublishScore", "must be between 0 and 100 (0 lifts the gate)");
        }
        long expected = ETags.requiredVersion(request);
        Versioned<TenantSettings> settings = minimum == null ? store.read(principal) : store.setMinimumScore(principal, minimum, expected);
        return HttpResponse.ok(settings.body()).header(HttpHeaders.ETAG, settings.etag());
    }

    /** The settings of the tenant row; the row version is the tenant's. */
    @Singleton
    public static class Store {
        private final Tenants tenants;
        private final PrivateUpstreams privateUpstreams;
        private final PublishGate gate;

        public Store(Tenants tenants, PrivateUpstreams privateUpstreams, PublishGate gate) {
            this.tenants = tenants;
            this.privateUpstreams = privateUpstreams;
            this.gate = gate;
        }

        @Transactional
        public Versioned<TenantSettings> read(Principal caller) {
            List<String> cidrs = privateUpstreams.tenantCidrs(caller.tenantId());
            Integer minimum = gate.minimumScore(caller.tenantId()).filter(score -> score > 0).orElse(null);
            return tenants.version(caller.tenantId())
                    .map(version -> new Versioned<>(new TenantSettings(!cidrs.isEmpty(), cidrs, minimum), version))
                    .orElseThrow(() -> ProblemException.notFound("Tenant"));
        }

        @Transactional
        public Versioned<TenantSettings> setMinimumScore(Principal caller, int score, long expectedVersion) {
            gate.setMinimumScore(caller.tenantId(), score, expectedVersion);
            return read(caller);
        }
    }
}
