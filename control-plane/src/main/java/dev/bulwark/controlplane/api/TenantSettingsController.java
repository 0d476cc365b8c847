package dev.bulwark.controlplane.api;

import dev.bulwark.contracts.schema.Violation;
import dev.bulwark.controlplane.kernel.ETags;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.RequiresRole;
import dev.bulwark.controlplane.kernel.Role;
import dev.bulwark.controlplane.kernel.Versioned;
import dev.bulwark.controlplane.tenant.Tenants;
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
 * Tenant-wide catalog settings, for now the private networks the tenant's APIs may use. Those are
 * the platform operator's decision ({@link PrivateUpstreamsController}): members read them here,
 * and a change asked for here is refused naming the field.
 */
@Controller("/api/v1/tenant-settings")
@ExecuteOn(TaskExecutors.BLOCKING)
public class TenantSettingsController {
    /**
     * @param allowPrivateUpstreams whether any private network is allowed (APIs may then opt in)
     * @param privateUpstreamCidrs  the networks, set by the platform operator
     */
    public record TenantSettings(boolean allowPrivateUpstreams, List<String> privateUpstreamCidrs) {
    }

    public record SettingsChange(Boolean allowPrivateUpstreams) {
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
        ETags.requiredVersion(request);
        Versioned<TenantSettings> settings = store.read(principal);
        return HttpResponse.ok(settings.body()).header(HttpHeaders.ETAG, settings.etag());
    }

    /** The settings of the tenant row; the row version is the tenant's. */
    @Singleton
    public static class Store {
        private final Tenants tenants;
        private final PrivateUpstreams privateUpstreams;

        public Store(Tenants tenants, PrivateUpstreams privateUpstreams) {
            this.tenants = tenants;
            this.privateUpstreams = privateUpstreams;
        }

        @Transactional
        public Versioned<TenantSettings> read(Principal caller) {
            List<String> cidrs = privateUpstreams.tenantCidrs(caller.tenantId());
            return tenants.version(caller.tenantId())
                    .map(version -> new Versioned<>(new TenantSettings(!cidrs.isEmpty(), cidrs), version))
                    .orElseThrow(() -> ProblemException.notFound("Tenant"));
        }
    }
}
