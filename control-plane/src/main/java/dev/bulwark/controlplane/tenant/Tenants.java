package dev.bulwark.controlplane.tenant;

import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.sql.Sql;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;

/** The {@code tenant} table. */
@Singleton
public class Tenants {
    public record Tenant(TenantId id, String slug, String name) {
    }

    private final Sql sql;

    public Tenants(Sql sql) {
        this.sql = sql;
    }

    @Transactional
    public Tenant create(String slug, String name) {
        TenantId id = new TenantId(UUID.randomUUID());
        sql.update("INSERT INTO tenant (id, slug, name) VALUES (?, ?, ?)", id, slug, name);
        return new Tenant(id, slug, name);
    }

    @Transactional(readOnly = true)
    public Optional<Tenant> find(TenantId id) {
        return sql.one("SELECT id, slug, name FROM tenant WHERE id = ?",
                row -> new Tenant(new TenantId(Sql.uuid(row, "id")), row.getString("slug"), row.getString("name")), id);
    }

    @Transactional(readOnly = true)
    public boolean slugTaken(String slug) {
        return sql.one("SELECT 1 FROM tenant WHERE slug = ?", row -> true, slug).isPresent();
    }
}
