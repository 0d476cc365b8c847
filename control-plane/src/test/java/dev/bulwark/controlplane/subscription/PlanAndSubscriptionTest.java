package dev.bulwark.controlplane.subscription;

import static dev.bulwark.controlplane.api.CatalogTestSupport.newTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bulwark.contracts.schema.Violation;
import dev.bulwark.controlplane.RealDatabaseTest;
import dev.bulwark.controlplane.api.ApiService;
import dev.bulwark.controlplane.api.ApiView;
import dev.bulwark.controlplane.api.AuditRows;
import dev.bulwark.controlplane.api.CatalogScenario;
import dev.bulwark.controlplane.api.CatalogTestSupport;
import dev.bulwark.controlplane.application.Application;
import dev.bulwark.controlplane.kernel.KeysetCursor;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.Role;
import dev.bulwark.controlplane.plan.Plan;
import dev.bulwark.controlplane.plan.PlanService;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class PlanAndSubscriptionTest extends RealDatabaseTest {
    @Inject CatalogScenario scenario;
    @Inject PlanService plans;
    @Inject SubscriptionService subscriptions;
    @Inject ApiService apis;

    @Test
    void plansValidateOperationsPoliciesAndApproval() {
        Principal owner = newTenant(database, Role.OWNER);
        ApiView api = scenario.publishedApi(owner, "/plans");

        assertThatThrownBy(() -> plans.create(owner, api.id(), new PlanService.CreatePlan("Gold", null,
                List.of("listPets", "stealPets"), List.of(), "sometimes")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.errors()).extracting(Violation::path)
                        .containsExactly("approval", "allowedOperations[1]"));
        assertThatThrownBy(() -> plans.create(owner, api.id(), new PlanService.CreatePlan("Gold", null, List.of(),
                scenario.nodes("[{\"type\":\"quota\"},{\"type\":\"api-key\"}]"), "auto")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.errors()).extracting(Violation::path)
                        .contains("policies[1].type"));

        Plan gold = scenario.plan(owner, api, "Gold", "manual");
        assertThat(gold.policies()).extracting(p -> p.type()).containsExactly("rate-limit");
        assertThatThrownBy(() -> scenario.plan(owner, api, "Gold", "auto"))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.key()).isEqualTo("PLAN_EXISTS"));

        var renamed = plans.update(owner, gold.id(), 0, new PlanService.UpdatePlan("Platinum", null, null, null, "auto"));
        assertThat(renamed.body().name()).isEqualTo("Platinum");
        assertThat(renamed.body().approval()).isEqualTo(Plan.Approval.AUTO);
        assertThat(renamed.version()).isEqualTo(1);
        assertThatThrownBy(() -> plans.update(owner, gold.id(), 0, new PlanService.UpdatePlan("Stale", null, null, null, null)))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(412));
        assertThat(plans.list(owner.tenantId(), api.id(), KeysetCursor.of(null, null)).items()).hasSize(1);
    }

    @Test
    void autoApprovalPlansActivateAtOnceAndOneLiveSubscriptionPerApi() {
        Principal owner = newTenant(database, Role.OWNER);
        ApiView api = scenario.publishedApi(owner, "/auto");
        Plan free = scenario.plan(owner, api, "Free", "auto");
        Application app = scenario.application(owner, "Mobile");

        Subscription subscription = subscriptions.subscribe(owner, app.id(), new SubscriptionService.Subscribe(free.id().toString()));

        assertThat(subscription.status()).isEqualTo(Subscription.Status.ACTIVE);
        assertThat(subscription.apiId()).isEqualTo(api.id());
        assertThatThrownBy(() -> subscriptions.subscribe(owner, app.id(), new SubscriptionService.Subscribe(free.id().toString())))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.key()).isEqualTo("SUBSCRIPTION_EXISTS");
                });
    }

    @Test
    void manualApprovalWaitsForAnAdminAndIsAudited() {
        Principal owner = newTenant(database, Role.OWNER);
        ApiView api = scenario.publishedApi(owner, "/manual");
        Plan gold = scenario.plan(owner, api, "Gold", "manual");
        Application first = scenario.application(owner, "First");
        Application second = scenario.application(owner, "Second");

        Subscription pending = subscriptions.subscribe(owner, first.id(), new SubscriptionService.Subscribe(gold.id().toString()));
        Subscription other = subscriptions.subscribe(owner, second.id(), new SubscriptionService.Subscribe(gold.id().toString()));
        assertThat(pending.status()).isEqualTo(Subscription.Status.PENDING);
        assertThat(subscriptions.list(owner.tenantId(), "pending", null, KeysetCursor.of(null, null)).items())
                .extracting(Subscription::id).containsExactly(pending.id(), other.id());

        Subscription approved = subscriptions.approve(owner, pending.id());
        Subscription rejected = subscriptions.reject(owner, other.id());

        assertThat(approved.status()).isEqualTo(Subscription.Status.ACTIVE);
        assertThat(approved.decidedBy()).isEqualTo(owner.userId());
        assertThat(rejected.status()).isEqualTo(Subscription.Status.REJECTED);
        assertThatThrownBy(() -> subscriptions.approve(owner, other.id()))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.key()).isEqualTo("INVALID_SUBSCRIPTION_STATE"));
        assertThat(AuditRows.forResource(database, pending.id().toString())).extracting(AuditRows.Entry::action)
                .containsExactly("subscription.create", "subscription.approve");
        assertThat(AuditRows.forResource(database, other.id().toString())).extracting(AuditRows.Entry::action)
                .containsExactly("subscription.create", "subscription.reject");
        // A rejected application may ask again.
        assertThat(subscriptions.subscribe(owner, second.id(), new SubscriptionService.Subscribe(gold.id().toString())).status())
                .isEqualTo(Subscription.Status.PENDING);
    }

    @Test
    void onlyPublishedApisTakeSubscriptionsAndTenantsStayApart() {
        Principal owner = newTenant(database, Role.OWNER);
        Principal stranger = newTenant(database, Role.OWNER);
        ApiView draft = apis.create(owner, CatalogTestSupport.petstore("/draft"));
        Plan plan = plans.create(owner, draft.id(), new PlanService.CreatePlan("P", null, null, null, null));
        Application app = scenario.application(owner, "App");

        assertThatThrownBy(() -> subscriptions.subscribe(owner, app.id(), new SubscriptionService.Subscribe(plan.id().toString())))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.key()).isEqualTo("API_NOT_PUBLISHED"));
        Application strangersApp = scenario.application(stranger, "Theirs");
        assertThatThrownBy(() -> subscriptions.subscribe(stranger, strangersApp.id(), new SubscriptionService.Subscribe(plan.id().toString())))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.errors()).extracting(Violation::path).containsExactly("planId"));
        assertThatThrownBy(() -> plans.require(stranger.tenantId(), plan.id()))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(404));
    }
}
