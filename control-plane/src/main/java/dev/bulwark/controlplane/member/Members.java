package dev.bulwark.controlplane.member;

import dev.bulwark.controlplane.identity.Accounts;
import dev.bulwark.controlplane.kernel.Role;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.sql.Sql;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Membership rows of one tenant; every query is scoped by the tenant id. Runs in the caller's transaction. */
@Singleton
class Members {
    private static final String SELECT = """
            SELECT m.user_id, u.email, u.display_name, m.role, m.created_at, m.version
            FROM membership m JOIN app_user u ON u.id = m.user_id WHERE m.tenant_id = ?""";

    private final Sql sql;

    Members(Sql sql) {
        this.sql = sql;
    }

    /** Keyset page ordered by (joined, user id), after the given position. */
    List<Member> page(TenantId tenant, Optional<Position> after, int limit) {
        if (after.isEmpty()) {
            return sql.list(SELECT + " ORDER BY m.created_at, m.user_id LIMIT ?", Members::member, tenant, limit);
        }
        return sql.list(SELECT + " AND (m.created_at, m.user_id) > (?, ?) ORDER BY m.created_at, m.user_id LIMIT ?",
                Members::member, tenant, after.get().joinedAt(), after.get().userId(), limit);
    }

    Optional<Member> find(TenantId tenant, UUID userId) {
        return sql.one(SELECT + " AND m.user_id = ?", Members::member, tenant, userId);
    }

    Optional<Member> findForUpdate(TenantId tenant, UUID userId) {
        return sql.one(SELECT + " AND m.user_id = ? FOR UPDATE OF m", Members::member, tenant, userId);
    }

    /** Locks the tenant's owner rows, so two owners cannot demote each other at once and leave none. */
    long lockOwners(TenantId tenant) {
        return sql.list("SELECT user_id FROM membership WHERE tenant_id = ? AND role = 'owner' FOR UPDATE", row -> 1, tenant).size();
    }

    boolean updateRole(TenantId tenant, UUID userId, Role role, long expectedVersion) {
        return sql.update("UPDATE membership SET role = ?, version = version + 1 WHERE tenant_id = ? AND user_id = ? AND version = ?",
                role, tenant, userId, expectedVersion) == 1;
    }

    boolean remove(TenantId tenant, UUID userId) {
        return sql.update("DELETE FROM membership WHERE tenant_id = ? AND user_id = ?", tenant, userId) == 1;
    }

    record Position(Instant joinedAt, UUID userId) {
        String encode() {
            return joinedAt.toString() + "|" + userId;
        }

        static Position decode(String text) {
            String[] parts = text.split("\\|", 2);
            return new Position(Instant.parse(parts[0]), UUID.fromString(parts[1]));
        }
    }

    private static Member member(ResultSet row) throws SQLException {
        return new Member(Sql.uuid(row, "user_id"), row.getString("email"), row.getString("display_name"),
                Accounts.role(row.getString("role")), Sql.instant(row, "created_at"), row.getLong("version"));
    }
}
