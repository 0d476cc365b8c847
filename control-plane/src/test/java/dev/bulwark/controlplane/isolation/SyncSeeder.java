package dev.bulwark.controlplane.isolation;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;

/**
 * Sync's resource: a data-plane credential (credentialId). Credentials belong to the platform, not
 * to a tenant, and only platform administrators manage them; a tenant's owner is not one, so every
 * call here must be refused. Inserted through SQL because no tenant can create one over HTTP.
 */
@Singleton
@Requires(property = "spec.name", value = "TenantIsolationTest")
class SyncSeeder implements IsolationSeeder {

    @Override
    public Map<String, String> seed(Tenant tenant) {
        UUID id = UUID.randomUUID();
        try (Connection connection = tenant.database().connect();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO data_plane_credential"
                     + " (id, environment, name, secret_hash, prefix, created_at, created_by) VALUES (?, 'production', ?, ?, ?, now(), ?)")) {
            insert.setObject(1, id);
            insert.setString(2, "isolation-" + id);
            insert.setString(3, "hash-" + id);
            insert.setString(4, "bwdp_" + id.toString().substring(0, 8));
            insert.setString(5, "isolation-test");
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot seed a data-plane credential", e);
        }
        return Map.of("credentialId", id.toString());
    }
}
