package dev.bulwark.controlplane.api;

import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.Role;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/** Tenants and documents for service-level catalog tests (before sign-up exists on this branch). */
public final class CatalogTestSupport {
    private CatalogTestSupport() {
    }

    /** A fresh tenant row and an owner acting in it. */
    public static Principal newTenant(TestDatabase database, Role role) {
        UUID id = UUID.randomUUID();
        try (Connection connection = database.connect();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO tenant (id, slug, name) VALUES (?, ?, ?)")) {
            insert.setObject(1, id);
            insert.setString(2, "t-" + id.toString().substring(0, 8));
            insert.setString(3, "Tenant " + id);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new Principal(UUID.randomUUID(), new TenantId(id), role, "owner@" + id + ".example");
    }

    public static void allowPrivateUpstreams(TestDatabase database, TenantId tenant) {
        try (Connection connection = database.connect();
             PreparedStatement update = connection.prepareStatement("UPDATE tenant SET private_upstream_cidrs = '{0.0.0.0/0,::/0}' WHERE id = ?")) {
            update.setObject(1, tenant.value());
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String document(String name) {
        try (InputStream in = CatalogTestSupport.class.getResourceAsStream("/openapi/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("missing fixture " + name, e);
        }
    }

    public static ApiCommands.CreateApi petstore(String basePath) {
        return new ApiCommands.CreateApi("Pet store", document("petstore-3.0.json"), basePath, null,
                List.of("https://203.0.113.10/v1"), "1.0", null);
    }
}
