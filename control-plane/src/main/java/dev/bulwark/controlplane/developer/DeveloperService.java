package dev.bulwark.controlplane.developer;

import dev.bulwark.contracts.schema.Violations;
import dev.bulwark.controlplane.audit.AuditTrail;
import dev.bulwark.controlplane.identity.Emails;
import dev.bulwark.controlplane.kernel.Constraints;
import dev.bulwark.controlplane.kernel.Ids;
import dev.bulwark.controlplane.kernel.KeysetCursor;
import dev.bulwark.controlplane.kernel.Page;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.sql.Sql;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Registers and lists the tenant's developers. Every query is scoped to the caller's tenant. */
@Singleton
public class DeveloperService {
    public record CreateDeveloper(String email, String name) {
    }

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}");
    private static final String COLUMNS = "id, email, name, created_at, signed_up_at";

    private final Sql sql;
    private final AuditTrail auditTrail;

    public DeveloperService(Sql sql, AuditTrail auditTrail) {
        this.sql = sql;
        this.auditTrail = auditTrail;
    }

    @Transactional
    public Developer create(Principal actor, CreateDeveloper command) {
        Violations v = Violations.root();
        String email = Emails.normalise(command.email());
        v.require(email != null && EMAIL.matcher(email).matches(), "email", "must be an email address");
        if (email != null && EMAIL.matcher(email).matches()) {
            Emails.problem(email).ifPresent(problem -> v.add("email", problem));
        }
        v.require(command.name() != null && !command.name().isBlank() && command.name().length() <= 200, "name",
                "is required (1-200 characters)");
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v.list());
        }
        Developer developer = new Developer(Ids.next(), email, command.name().strip(), Instant.now(), null);
        try {
            sql.update("INSERT INTO developer (id, tenant_id, email, name, created_at) VALUES (?, ?, ?, ?, ?)",
                    developer.id(), actor.tenantId(), developer.email(), developer.name(), developer.createdAt());
        } catch (DataAccessException e) {
            if (Constraints.isUniqueViolation(e, "developer_email")) {
                throw ProblemException.conflict("DEVELOPER_EXISTS", "A developer with this email is already registered");
            }
            throw e;
        }
        auditTrail.record(actor, "developer.create", "developer", developer.id().toString(), null, developer);
        return developer;
    }

    @Transactional
    public Optional<Developer> find(TenantId tenant, UUID id) {
        return sql.one("SELECT " + COLUMNS + " FROM developer WHERE tenant_id = ? AND id = ?", DeveloperService::map, tenant, id);
    }

    @Transactional
    public Page<Developer> list(TenantId tenant, KeysetCursor cursor) {
        return cursor.page(sql.list("SELECT " + COLUMNS + " FROM developer WHERE tenant_id = ? AND id > ? ORDER BY id LIMIT ?",
                DeveloperService::map, tenant, cursor.after(), cursor.fetchSize()), Developer::id);
    }

    private static Developer map(ResultSet row) throws SQLException {
        return new Developer(row.getObject("id", UUID.class), row.getString("email"), row.getString("name"),
                Sql.instant(row, "created_at"), Sql.instant(row, "signed_up_at"));
    }
}
