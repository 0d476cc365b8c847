package dev.bulwark.controlplane.domain;

import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.sql.Sql;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Domain claims. Every method is scoped to one tenant. */
@Singleton
public class DomainClaimRepository {
    static final int MAX_PER_TENANT = 100;
    private static final String COLUMNS = "id, domain, token, verified_by, verified_at, created_at";

    private final Sql sql;

    public DomainClaimRepository(Sql sql) {
        this.sql = sql;
    }

    public List<DomainClaim> list(TenantId tenant) {
        return sql.list("SELECT " + COLUMNS + " FROM domain_claim WHERE tenant_id = ? ORDER BY domain LIMIT " + MAX_PER_TENANT,
                this::map, tenant);
    }

    public int count(TenantId tenant) {
        return sql.one("SELECT count(*) FROM domain_claim WHERE tenant_id = ?", row -> row.getInt(1), tenant).orElse(0);
    }

    public Optional<DomainClaim> find(TenantId tenant, UUID id) {
        return sql.one("SELECT " + COLUMNS + " FROM domain_claim WHERE tenant_id = ? AND id = ?", this::map, tenant, id);
    }

    public Optional<DomainClaim> findByDomain(TenantId tenant, String domain) {
        return sql.one("SELECT " + COLUMNS + " FROM domain_claim WHERE tenant_id = ? AND domain = ?", this::map, tenant, domain);
    }

    public void insert(TenantId tenant, DomainClaim claim) {
        sql.update("INSERT INTO domain_claim (id, tenant_id, domain, token, created_at) VALUES (?, ?, ?, ?, ?)",
                claim.id(), tenant, claim.domain(), claim.token(), claim.createdAt());
    }

    /** Marks a pending claim verified; a unique violation means another tenant proved the name first. */
    public boolean markVerified(TenantId tenant, UUID id, String method, Instant at) {
        return sql.update("UPDATE domain_claim SET verified_by = ?, verified_at = ? WHERE tenant_id = ? AND id = ? AND verified_at IS NULL",
                method, at, tenant, id) == 1;
    }

    public boolean delete(TenantId tenant, UUID id) {
        return sql.update("DELETE FROM domain_claim WHERE tenant_id = ? AND id = ?", tenant, id) == 1;
    }

    public boolean verified(TenantId tenant, String host) {
        return sql.one("SELECT 1 FROM domain_claim WHERE tenant_id = ? AND domain = ? AND verified_at IS NOT NULL",
                row -> 1, tenant, host).isPresent();
    }

    /** True when a routed or draft API of the tenant is bound to this exact host. */
    public boolean hostInUse(TenantId tenant, String host) {
        return sql.one("SELECT 1 FROM api WHERE tenant_id = ? AND host = ? AND lifecycle IN ('published', 'deprecated') LIMIT 1",
                row -> 1, tenant, host).isPresent();
    }

    public Optional<String> slug(TenantId tenant) {
        return sql.one("SELECT slug FROM tenant WHERE id = ?", row -> row.getString(1), tenant);
    }

    private DomainClaim map(ResultSet row) throws SQLException {
        return new DomainClaim(row.getObject("id", UUID.class), row.getString("domain"), row.getString("token"),
                row.getString("verified_by"), Sql.instant(row, "verified_at"), Sql.instant(row, "created_at"));
    }
}
