package dev.bulwark.controlplane.application;

import static dev.bulwark.controlplane.api.CatalogTestSupport.newTenant;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.controlplane.RealDatabaseTest;
import dev.bulwark.controlplane.api.CatalogScenario;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.Role;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The typed tenant reaches the SQL in both kinds of repository method: a derived finder and a
 * {@code @Query} whose {@code :tenantId} binds through the row's converter. Another tenant asking
 * for the same ids gets nothing.
 */
@MicronautTest(transactional = false)
class ApplicationRepositoryTest extends RealDatabaseTest {
    private static final UUID START = new UUID(0, 0);

    @Inject CatalogScenario scenario;
    @Inject ApplicationRepository repository;

    @Test
    void anotherTenantSeesNoneOfTheRows() {
        Principal a = newTenant(database, Role.OWNER);
        Principal b = newTenant(database, Role.OWNER);
        Application app = scenario.application(a, "Shop");

        assertThat(repository.findByTenantIdAndId(a.tenantId(), app.id())).map(ApplicationRow::name).contains("Shop");
        assertThat(repository.findByTenantIdAndId(b.tenantId(), app.id())).isEmpty();

        assertThat(repository.page(a.tenantId(), START, 10)).extracting(ApplicationRow::id).containsExactly(app.id());
        assertThat(repository.page(b.tenantId(), START, 10)).isEmpty();

        assertThat(repository.findByTenantIdAndDeveloperIdOrderById(a.tenantId(), app.developerId()))
                .extracting(ApplicationRow::id).containsExactly(app.id());
        assertThat(repository.findByTenantIdAndDeveloperIdOrderById(b.tenantId(), app.developerId())).isEmpty();
    }
}
