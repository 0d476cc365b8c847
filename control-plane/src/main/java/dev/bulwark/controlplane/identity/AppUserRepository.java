package dev.bulwark.controlplane.identity;

import dev.bulwark.controlplane.kernel.PlatformTable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;
import java.util.UUID;

/** People, found by id or by normalised email. Joins the caller's transaction. */
@PlatformTable("a person is one account across every tenant they belong to")
@JdbcRepository(dialect = Dialect.POSTGRES)
interface AppUserRepository extends GenericRepository<AppUserRow, UUID> {

    void insert(AppUserRow row);

    Optional<AppUserRow> findById(UUID id);

    Optional<AppUserRow> findByEmail(String email);

    @Query("UPDATE app_user SET password_hash = :passwordHash WHERE id = :id")
    int updatePasswordHash(UUID id, String passwordHash);
}
