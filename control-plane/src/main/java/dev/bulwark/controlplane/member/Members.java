package dev.bulwark.controlplane.member;

import dev.bulwark.controlplane.identity.Accounts;
import dev.bulwark.controlplane.kernel.Role;
import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Membership rows of one tenant, with the person's email and name. Joins the caller's transaction. */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface Members extends GenericRepository<MembershipRow, UUID> {
    String SELECT = """
            SELECT m.user_id, u.email, u.display_name, m.role, m.created_at, m.version
            FROM membership m JOIN app_user u ON u.id = m.user_id WHERE m.tenant_id = :tenantId""";

    /** One member as read: {@code role} as stored. */
    @Introspected
    record MemberRow(UUID userId, String email, String displayName, String role, Instant createdAt, long version) {
        Member toMember() {
            return new Member(userId, email, displayName, Accounts.role(role), createdAt, version);
        }
    }

    /** Keyset page ordered by (joined, user id), after the given position. */
    default List<Member> page(TenantId tenantId, Optional<Position> after, int limit) {
        List<MemberRow> rows = after.isEmpty() ? first(tenantId, limit)
                : after(tenantId, after.get().joinedAt(), after.get().userId(), limit);
        return rows.stream().map(MemberRow::toMember).toList();
    }

    default Optional<Member> find(TenantId tenantId, UUID userId) {
        return findRow(tenantId, userId).map(MemberRow::toMember);
    }

    default Optional<Member> findForUpdate(TenantId tenantId, UUID userId) {
        return lockRow(tenantId, userId).map(MemberRow::toMember);
    }

    /** Locks the tenant's owner rows, so two owners cannot demote each other at once and leave none. */
    default long lockOwners(TenantId tenantId) {
        return lockOwnerIds(tenantId).size();
    }

    default boolean updateRole(TenantId tenantId, UUID userId, Role role, long expectedVersion) {
        return updateRoleAt(tenantId, userId, role, expectedVersion) == 1;
    }

    default boolean remove(TenantId tenantId, UUID userId) {
        return deleteByTenantIdAndUserId(tenantId, userId) == 1;
    }

    @Query(SELECT + " ORDER BY m.created_at, m.user_id LIMIT :limit")
    List<MemberRow> first(TenantId tenantId, int limit);

    @Query(SELECT + " AND (m.created_at, m.user_id) > (:joinedAt, :userId) ORDER BY m.created_at, m.user_id LIMIT :limit")
    List<MemberRow> after(TenantId tenantId, Instant joinedAt, UUID userId, int limit);

    @Query(SELECT + " AND m.user_id = :userId")
    Optional<MemberRow> findRow(TenantId tenantId, UUID userId);

    @Query(SELECT + " AND m.user_id = :userId FOR UPDATE OF m")
    Optional<MemberRow> lockRow(TenantId tenantId, UUID userId);

    @Query("SELECT user_id FROM membership WHERE tenant_id = :tenantId AND role = 'owner' FOR UPDATE")
    List<UUID> lockOwnerIds(TenantId tenantId);

    @Query("""
            UPDATE membership SET role = :role, version = version + 1
            WHERE tenant_id = :tenantId AND user_id = :userId AND version = :version""")
    int updateRoleAt(TenantId tenantId, UUID userId, Role role, long version);

    int deleteByTenantIdAndUserId(TenantId tenantId, UUID userId);

    record Position(Instant joinedAt, UUID userId) {
        String encode() {
            return joinedAt.toString() + "|" + userId;
        }

        static Position decode(String text) {
            String[] parts = text.split("\\|", 2);
            return new Position(Instant.parse(parts[0]), UUID.fromString(parts[1]));
        }
    }
}
