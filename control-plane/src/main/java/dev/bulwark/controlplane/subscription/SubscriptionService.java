package dev.bulwark.controlplane.subscription;

import dev.bulwark.controlplane.api.Api;
import dev.bulwark.controlplane.api.ApiService;
import dev.bulwark.controlplane.api.Lifecycle;
import dev.bulwark.controlplane.application.ApplicationService;
import dev.bulwark.controlplane.audit.AuditTrail;
import dev.bulwark.controlplane.kernel.Constraints;
import dev.bulwark.controlplane.kernel.Ids;
import dev.bulwark.controlplane.kernel.KeysetCursor;
import dev.bulwark.controlplane.kernel.Page;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.plan.Plan;
import dev.bulwark.controlplane.plan.PlanService;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Subscribing applications to plans: active at once for auto-approval plans, pending until an
 * admin approves or rejects otherwise. One live subscription per application and API.
 */
@Singleton
public class SubscriptionService {
    public record Subscribe(String planId) {
    }

    private final SubscriptionRepository repository;
    private final ApplicationService applications;
    private final PlanService plans;
    private final ApiService apis;
    private final AuditTrail auditTrail;

    public SubscriptionService(SubscriptionRepository repository, ApplicationService applications, PlanService plans, ApiService apis,
                               AuditTrail auditTrail) {
        this.repository = repository;
        this.applications = applications;
        this.plans = plans;
        this.apis = apis;
        this.auditTrail = auditTrail;
    }

    @Transactional
    public Subscription subscribe(Principal actor, UUID applicationId, Subscribe command) {
        TenantId tenant = actor.tenantId();
        applications.require(tenant, applicationId);
        UUID planId;
        try {
            planId = UUID.fromString(command.planId());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ProblemException.invalid("planId", "must be the id of a plan");
        }
        Plan plan = plans.find(tenant, planId)
                .orElseThrow(() -> ProblemException.invalid("planId", "must be the id of one of this tenant's plans"));
        Api api = apis.require(tenant, plan.apiId());
        if (api.lifecycle() != Lifecycle.PUBLISHED) {
            throw ProblemException.conflict("API_NOT_PUBLISHED", "Only published APIs accept new subscriptions");
        }
        boolean auto = plan.approval() == Plan.Approval.AUTO;
        Instant now = Instant.now();
        Subscription subscription = new Subscription(Ids.next(), applicationId, api.id(), planId,
                auto ? Subscription.Status.ACTIVE : Subscription.Status.PENDING, now, auto ? now : null, null);
        try {
            repository.insert(SubscriptionRow.of(tenant, subscription));
        } catch (DataAccessException e) {
            if (Constraints.isUniqueViolation(e, "subscription_live")) {
                throw ProblemException.conflict("SUBSCRIPTION_EXISTS",
                        "This application already has an active or pending subscription to this API");
            }
            throw e;
        }
        auditTrail.record(actor, "subscription.create", "subscription", subscription.id().toString(), null, subscription);
        return subscription;
    }

    @Transactional
    public Subscription approve(Principal actor, UUID id) {
        return decide(actor, id, Subscription.Status.ACTIVE, "subscription.approve");
    }

    @Transactional
    public Subscription reject(Principal actor, UUID id) {
        return decide(actor, id, Subscription.Status.REJECTED, "subscription.reject");
    }

    /**
     * @param applicationId only this application's subscriptions (an application's page lists all of
     *                      them, not those among the tenant's first page), or null for every one
     */
    @Transactional
    public Page<Subscription> list(TenantId tenant, String status, @Nullable UUID applicationId, KeysetCursor cursor) {
        Subscription.Status wanted = null;
        if (status != null) {
            try {
                wanted = Subscription.Status.fromWire(status);
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("status", "must be pending, active or rejected");
            }
        }
        List<SubscriptionRow> rows;
        if (applicationId == null) {
            rows = wanted == null ? repository.page(tenant, cursor.after(), cursor.fetchSize())
                    : repository.pageWithStatus(tenant, wanted, cursor.after(), cursor.fetchSize());
        } else {
            rows = wanted == null ? repository.pageOfApplication(tenant, applicationId, cursor.after(), cursor.fetchSize())
                    : repository.pageOfApplicationWithStatus(tenant, applicationId, wanted, cursor.after(), cursor.fetchSize());
        }
        return cursor.page(rows.stream().map(SubscriptionRow::toSubscription).toList(), Subscription::id);
    }

    @Transactional
    public Optional<Subscription> find(TenantId tenant, UUID id) {
        return repository.findByTenantIdAndId(tenant, id).map(SubscriptionRow::toSubscription);
    }

    private Subscription decide(Principal actor, UUID id, Subscription.Status outcome, String action) {
        TenantId tenant = actor.tenantId();
        Subscription before = find(tenant, id).orElseThrow(() -> ProblemException.notFound("Subscription"));
        int updated = repository.decide(tenant, id, outcome, Instant.now(), actor.userId());
        if (updated != 1) {
            throw ProblemException.conflict("INVALID_SUBSCRIPTION_STATE",
                    "Only pending subscriptions can be approved or rejected; this one is " + before.status().wire());
        }
        Subscription after = find(tenant, id).orElseThrow();
        auditTrail.record(actor, action, "subscription", id.toString(), before, after);
        return after;
    }
}
