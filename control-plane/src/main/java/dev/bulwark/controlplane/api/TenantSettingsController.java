package dev.bulwark.controlplane.api;

import io.micronaut.http.HttpRequest;
import dev.bulwark.controlplane.web.ETags;
import dev.bulwark.controlplane.sql.Sql;
import dev.bulwark.controlplane.audit.AuditTrail;
import dev.bulwark.controlplane.identity.Principal;
import dev.bulwark.controlplane.identity.RequiresRole;
import dev.bulwark.controlplane.identity.Role;
import dev.bulwark.controlplane.tenant.TenantId;
import dev.bulwark.controlplane.web.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

/** Tenant-wide catalog settings; for now whether APIs may proxy to private networks. */
@Controller("/api/v1/tenant-settings")
@ExecuteOn(TaskExecutors.BLOCKING)
public class TenantSettingsController {
    public record TenantSettings(boolean allowPrivateUpstreams) {
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
        Versioned<TenantSettings> settings = store.read(principal.tenantId());
        return HttpResponse.ok(settings.body()).header(HttpHeaders.ETAG, settings.etag());
    }

    @Patch
    @RequiresRole(Role.OWNER)
    public HttpResponse<TenantSettings> updateTenantSettings(Principal principal, HttpRequest<?> request,
                                               @Body SettingsChange body) {
        long expected = ETags.requiredVersion(request);
        Versioned<TenantSettings> settings = store.update(principal, expected, body);
        return HttpResponse.ok(settings.body()).header(HttpHeaders.ETAG, settings.etag());
    }

    /** The settings columns of the tenant row; the row version is the tenant's. */
    @Singleton
    public static class Store {
        private final Sql sql;
        private final AuditTrail auditTrail;

        public Store(Sql sql, AuditTrail auditTrail) {
            this.sql = sql;
            this.auditTrail = auditTrail;
        }

        @Transactional
        public Versioned<TenantSettings> read(TenantId tenant) {
            return sql.one("SELECT allow_private_upstreams, version FROM tenant WHERE id = ?",
                    row -> new Versioned<>(new TenantSettings(row.getBoolean(1)), row.getLong(2)), tenant)
                    .orElseThrow(() -> ProblemException.notFound("Tenant"));
        }

        @Transactional
        public Versioned<TenantSettings> update(Principal actor, long expectedVersion, SettingsChange change) {
            Versioned<TenantSettings> before = read(actor.tenantId());
            boolean allow = change.allowPrivateUpstreams() == null
                    ? before.body().allowPrivateUpstreams() : change.allowPrivateUpstreams();
            int updated = sql.update("UPDATE tenant SET allow_private_upstreams = ?, version = version + 1 "
                    + "WHERE id = ? AND version = ?", allow, actor.tenantId(), expectedVersion);
            if (updated != 1) {
                throw ETags.stale();
            }
            Versioned<TenantSettings> after = read(actor.tenantId());
            auditTrail.record(actor, "tenant.settings.update", "tenant", actor.tenantId().toString(),
                    before.body(), after.body());
            return after;
        }
    }
}
