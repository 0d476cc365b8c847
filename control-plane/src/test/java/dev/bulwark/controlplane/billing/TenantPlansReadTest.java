package dev.bulwark.controlplane.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.controlplane.Api;
import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * Looking up a tenant's plan (every billing page, every invoice run) is a read: it writes only for a
 * tenant that has no billing row yet. PostgreSQL refuses any INSERT in a read-only transaction, even
 * one that would change nothing, so the lookup succeeding there is the proof.
 */
@MicronautTest(transactional = false)
class TenantPlansReadTest extends BillingTestBase {
    @Inject TenantPlans plans;
    @Inject TransactionOperations<Connection> transactions;

    @Test
    void theCurrentPlanOfATenantIsReadInAReadOnlyTransaction() {
        TenantId tenant = new TenantId(http.signUp(Api.unique("read")).tenantId());

        TenantPlans.Assignment assignment = transactions.executeRead(status -> plans.current(tenant));

        assertThat(assignment.planId()).isEqualTo(plans.signupPlan());
        assertThat(assignment.timeZone()).isEqualTo("UTC");
    }

    @Test
    void aTenantWithoutABillingRowGetsOneOnItsFirstLookupAndOnlyOnce() throws SQLException {
        TenantId tenant = new TenantId(http.signUp(Api.unique("nobill")).tenantId());
        // As for a tenant created before billing existed.
        execute("DELETE FROM tenant_plan_change WHERE tenant_id = ?", tenant.value());
        execute("DELETE FROM tenant_billing WHERE tenant_id = ?", tenant.value());

        assertThat(plans.current(tenant).planId()).isEqualTo(plans.signupPlan());
        assertThat(plans.current(tenant).planId()).isEqualTo(plans.signupPlan());

        assertThat(count("SELECT count(*) FROM tenant_billing WHERE tenant_id = ?", tenant.value())).isEqualTo(1);
        assertThat(plans.timeline(tenant)).extracting(TenantPlans.Change::reason).containsExactly("migration");
    }
}
