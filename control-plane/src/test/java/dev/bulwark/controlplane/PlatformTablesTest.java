package dev.bulwark.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The schema side of the platform-repository rule (RepositoryTenancyTest checks the code side):
 * a repository marked {@code @PlatformTable} maps a table that exists after the migrations and has
 * no {@code tenant_id} column, so it cannot be pointed at tenant rows by mistake.
 */
@MicronautTest(transactional = false)
class PlatformTablesTest extends RealDatabaseTest {
    @Test
    void everyPlatformRepositoryMapsATableWithoutTenant() throws Exception {
        List<Class<?>> platform = RepositoryTenancyTest.platformRepositories();
        assertThat(platform).as("platform repositories found").hasSizeGreaterThanOrEqualTo(4);
        List<String> violations = new ArrayList<>();
        for (Class<?> repository : platform) {
            String table = RepositoryTenancyTest.rowOf(repository).getAnnotation(MappedEntity.class).value();
            List<String> columns = columns(table);
            if (columns.isEmpty()) {
                violations.add(repository.getSimpleName() + ": no table " + table);
            } else if (columns.contains("tenant_id")) {
                violations.add(repository.getSimpleName() + ": " + table + " has a tenant_id column");
            }
        }
        assertThat(violations).isEmpty();
        assertThat(columns("membership")).as("the check sees a tenant table's column").contains("tenant_id");
    }

    private List<String> columns(String table) throws Exception {
        try (Connection connection = database.connect();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = ?")) {
            statement.setString(1, table);
            List<String> columns = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getString(1));
                }
            }
            return columns;
        }
    }
}
