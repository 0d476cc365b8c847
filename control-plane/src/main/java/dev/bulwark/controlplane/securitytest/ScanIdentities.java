package dev.bulwark.controlplane.securitytest;

import dev.bulwark.controlplane.api.Api;
import dev.bulwark.controlplane.api.Lifecycle;
import dev.bulwark.controlplane.apikey.ApiKeyService;
import dev.bulwark.controlplane.apikey.IssuedKey;
import dev.bulwark.controlplane.application.ApplicationService;
import dev.bulwark.controlplane.developer.DeveloperService;
import dev.bulwark.controlplane.kernel.Environment;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.Role;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.sql.Sql;
import dev.bulwark.controlplane.subscription.SubscriptionService;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The scan's two test consumers, made by the control plane so the tenant never hands it keys: per
 * API a test developer with two applications subscribed to one of the API's plans, and per run one
 * key per application, of the scanned environment only, expiring after the longest a run may last,
 * and revoked when the run ends. Everything is written through the catalogue's own services, so it
 * is audited (actor {@code scan:<run id>}) and reaches the gateways like any key.
 */
@Singleton
class ScanIdentities {
    /** Prefix of the audit actor of everything a run does to the catalogue. */
    static final String ACTOR_PREFIX = "scan:";

    /** The keys of one run; they exist in clear only in memory, for the run's duration. */
    record Issued(String primaryKey, String secondaryKey, UUID primaryApplication, UUID secondaryApplication) {
        @Override
        public String toString() {
            return "Issued[primaryApplication=" + primaryApplication + ", secondaryApplication=" + secondaryApplication + "]";
        }
    }

    private record Consumers(UUID developer, UUID primary, UUID secondary) {
    }

    /** A run whose keys are still live although it is over. */
    private record Orphan(TenantId tenant, UUID runId) {
    }

    private final Sql sql;
    private final DeveloperService developers;
    private final ApplicationService applications;
    private final SubscriptionService subscriptions;
    private final ApiKeyService keys;

    ScanIdentities(Sql sql, DeveloperService developers, ApplicationService applications, SubscriptionService subscriptions,
                   ApiKeyService keys) {
        this.sql = sql;
        this.developers = developers;
        this.applications = applications;
        this.subscriptions = subscriptions;
        this.keys = keys;
    }

    /** On the caller's transaction: the run's keys are committed with the run's preparation, or not at all. */
    Issued issue(Api api, UUID runId, Environment environment, Duration lifetime) {
        TenantId tenant = api.tenantId();
        if (api.lifecycle() != Lifecycle.PUBLISHED) {
            throw new ScanJobs.NotScannable("the API is not published, so it has no test consumers: publish it, "
                    + "or set test consumer credentials in the scan settings");
        }
        // An auto-approved plan first: it is the one ordinary consumers get without an admin's decision.
        UUID planId = sql.one("""
                        SELECT id FROM plan WHERE tenant_id = ? AND api_id = ?
                        ORDER BY approval = 'auto' DESC, created_at, id LIMIT 1""", row -> Sql.uuid(row, "id"), tenant, api.id())
                .orElseThrow(() -> new ScanJobs.NotScannable("the API has no plan for the scan's test consumers to subscribe to: "
                        + "add a plan, or set test consumer credentials in the scan settings"));
        Principal actor = actor(tenant, runId);
        Consumers consumers = consumers(actor, api);
        subscribe(actor, consumers.primary(), api.id(), planId);
        subscribe(actor, consumers.secondary(), api.id(), planId);
        Instant expiresAt = Instant.now().plus(lifetime);
        IssuedKey primary = key(actor, consumers.primary(), runId, expiresAt, environment);
        IssuedKey secondary = key(actor, consumers.secondary(), runId, expiresAt, environment);
        return new Issued(primary.key(), secondary.key(), consumers.primary(), consumers.secondary());
    }

    /** Revokes the run's live keys (idempotent); the number revoked. */
    @Transactional
    int revoke(TenantId tenant, UUID runId) {
        List<UUID> live = sql.list("SELECT key_id FROM scan_run_key WHERE tenant_id = ? AND run_id = ? AND revoked_at IS NULL",
                row -> Sql.uuid(row, "key_id"), tenant, runId);
        Principal actor = actor(tenant, runId);
        live.forEach(keyId -> keys.revoke(actor, keyId));
        sql.update("UPDATE scan_run_key SET revoked_at = now() WHERE tenant_id = ? AND run_id = ? AND revoked_at IS NULL",
                tenant, runId);
        return live.size();
    }

    /**
     * Revokes the keys of runs that are over (or deleted with their API) but still have live keys:
     * their replica died before it could (the run was failed as stale since). Spans tenants, as the queue does; each revocation is
     * made in the run's own tenant.
     */
    @Transactional
    int sweep() {
        List<Orphan> orphans = sql.list("""
                SELECT DISTINCT k.tenant_id, k.run_id FROM scan_run_key k LEFT JOIN scan_run r ON r.id = k.run_id
                WHERE k.revoked_at IS NULL AND (r.id IS NULL OR r.status NOT IN ('queued', 'running')) LIMIT 50""",
                row -> new Orphan(new TenantId(Sql.uuid(row, "tenant_id")), Sql.uuid(row, "run_id")));
        int revoked = 0;
        for (Orphan orphan : orphans) {
            revoked += revoke(orphan.tenant(), orphan.runId());
        }
        return revoked;
    }

    private Consumers consumers(Principal actor, Api api) {
        TenantId tenant = api.tenantId();
        Optional<Consumers> existing = sql.one("""
                        SELECT developer_id, primary_application_id, secondary_application_id FROM scan_identity
                        WHERE tenant_id = ? AND api_id = ?""",
                row -> new Consumers(Sql.uuid(row, "developer_id"), Sql.uuid(row, "primary_application_id"),
                        Sql.uuid(row, "secondary_application_id")), tenant, api.id());
        if (existing.isPresent()) {
            return existing.get();
        }
        UUID developer = developers.create(actor, new DeveloperService.CreateDeveloper(
                "security-scan+" + api.id() + "@scan.bulwark.invalid", "Security scan (automatic test consumer)")).id();
        UUID primary = applications.create(actor, new ApplicationService.CreateApplication(
                "Security scan: test consumer A", developer.toString(), "Made by the security scan of " + api.name())).id();
        UUID secondary = applications.create(actor, new ApplicationService.CreateApplication(
                "Security scan: test consumer B", developer.toString(), "Made by the security scan of " + api.name())).id();
        sql.update("""
                INSERT INTO scan_identity (api_id, tenant_id, developer_id, primary_application_id, secondary_application_id)
                VALUES (?, ?, ?, ?, ?)""", api.id(), tenant, developer, primary, secondary);
        return new Consumers(developer, primary, secondary);
    }

    /** A live subscription of the application to the API, approved by the run if the plan wants approval. */
    private void subscribe(Principal actor, UUID application, UUID apiId, UUID planId) {
        Optional<SubscriptionState> live = sql.one("""
                        SELECT id, status FROM subscription
                        WHERE tenant_id = ? AND application_id = ? AND api_id = ? AND status IN ('pending', 'active')""",
                row -> new SubscriptionState(Sql.uuid(row, "id"), row.getString("status")), actor.tenantId(), application, apiId);
        if (live.isEmpty()) {
            var created = subscriptions.subscribe(actor, application, new SubscriptionService.Subscribe(planId.toString()));
            live = Optional.of(new SubscriptionState(created.id(), created.status().wire()));
        }
        if (live.get().status().equals("pending")) {
            subscriptions.approve(actor, live.get().id());
        }
    }

    private record SubscriptionState(UUID id, String status) {
    }

    private IssuedKey key(Principal actor, UUID application, UUID runId, Instant expiresAt, Environment environment) {
        IssuedKey issued = keys.create(actor, application, new ApiKeyService.CreateKey("security scan " + runId, List.of(),
                expiresAt, environment.wire()));
        sql.update("INSERT INTO scan_run_key (key_id, tenant_id, run_id) VALUES (?, ?, ?)", issued.id(), actor.tenantId(), runId);
        return issued;
    }

    /** The run as an actor: a publisher of its tenant, named so the audit trail tells its changes apart. */
    private static Principal actor(TenantId tenant, UUID runId) {
        return new Principal(runId, tenant, Role.PUBLISHER, ACTOR_PREFIX + runId);
    }
}
