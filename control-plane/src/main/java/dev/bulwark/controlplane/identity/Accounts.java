package dev.bulwark.controlplane.identity;

import dev.bulwark.controlplane.kernel.Role;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.sql.Sql;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * People ({@code app_user}) and their memberships. Emails are stored and compared in {@link Emails#normalise} form.
 * Hand SQL for now: app_user belongs to no tenant (a person across tenants); see docs/architecture.md, "Data
 * access".
 */
@Singleton
public class Accounts {
    public record User(UUID id, String email, String displayName, String passwordHash) {
    }

    public record Membership(TenantId tenantId, String tenantSlug, String tenantName, Role role, Instant since) {
    }

    private final Sql sql;

    public Accounts(Sql sql) {
        this.sql = sql;
    }

    @Transactional(readOnly = true)
    public Optional<User> findByEmail(String email) {
        return sql.one("SELECT id, email, display_name, password_hash FROM app_user WHERE email = ?",
                Accounts::user, Emails.normalise(email));
    }

    @Transactional(readOnly = true)
    public Optional<User> find(UUID id) {
        return sql.one("SELECT id, email, display_name, password_hash FROM app_user WHERE id = ?", Accounts::user, id);
    }

    /** Oldest first, so a log-in without a tenant picks the tenant the person joined first. */
    @Transactional(readOnly = true)
    public List<Membership> memberships(UUID userId) {
        return sql.list("""
                SELECT m.tenant_id, t.slug, t.name, m.role, m.created_at FROM membership m JOIN tenant t ON t.id = m.tenant_id
                WHERE m.user_id = ? ORDER BY m.created_at, t.slug""",
                row -> new Membership(new TenantId(Sql.uuid(row, "tenant_id")), row.getString("slug"), row.getString("name"),
                        role(row.getString("role")), Sql.instant(row, "created_at")), userId);
    }

    @Transactional
    public User createUser(String rawEmail, String displayName, String passwordHash) {
        String email = Emails.normalise(rawEmail);
        UUID id = UUID.randomUUID();
        sql.update("INSERT INTO app_user (id, email, display_name, password_hash) VALUES (?, ?, ?, ?)",
                id, email, displayName, passwordHash);
        return new User(id, email, displayName, passwordHash);
    }

    @Transactional
    public void updatePasswordHash(UUID userId, String passwordHash) {
        sql.update("UPDATE app_user SET password_hash = ? WHERE id = ?", passwordHash, userId);
    }

    @Transactional
    public void addMembership(TenantId tenant, UUID userId, Role role) {
        sql.update("INSERT INTO membership (tenant_id, user_id, role) VALUES (?, ?, ?)", tenant, userId, role);
    }

    public static Role role(String stored) {
        return Role.valueOf(stored.toUpperCase(Locale.ROOT));
    }

    private static User user(ResultSet row) throws SQLException {
        return new User(Sql.uuid(row, "id"), row.getString("email"), row.getString("display_name"), row.getString("password_hash"));
    }
}
