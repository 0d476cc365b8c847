package dev.bulwark.controlplane.application;

import dev.bulwark.contracts.schema.Violations;
import dev.bulwark.controlplane.audit.AuditTrail;
import dev.bulwark.controlplane.developer.DeveloperService;
import dev.bulwark.controlplane.kernel.Ids;
import dev.bulwark.controlplane.kernel.KeysetCursor;
import dev.bulwark.controlplane.kernel.Page;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.TenantId;
import dev.bulwark.controlplane.sql.Sql;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Registers and lists applications. Every query is scoped to the caller's tenant. */
@Singleton
public class ApplicationService {
    public record CreateApplication(String name, String developerId, String description) {
    }

    private static final String COLUMNS = "id, developer_id, name, description, created_at";

    private final Sql sql;
    private final DeveloperService developers;
    private final AuditTrail auditTrail;

    public ApplicationService(Sql sql, DeveloperService developers, AuditTrail auditTrail) {
        this.sql = sql;
        this.developers = developers;
        this.auditTrail = auditTrail;
    }

    @Transactional
    public Application create(Principal actor, CreateApplication command) {
        Violations v = Violations.root();
        v.require(command.name() != null && !command.name().isBlank() && command.name().length() <= 200, "name",
                "is required (1-200 characters)");
        v.require(command.description() == null || command.description().length() <= 2000, "description",
                "must be at most 2000 characters");
        UUID developerId = null;
        try {
            developerId = command.developerId() == null ? null : UUID.fromString(command.developerId());
        } catch (IllegalArgumentException e) {
            // reported below
        }
        v.require(developerId != null && developers.find(actor.tenantId(), developerId).isPresent(), "developerId",
                "must be the id of one of this tenant's developers");
        if (!v.isEmpty()) {
            throw ProblemException.invalid(v.list());
        }
        Application application = new Application(Ids.next(), developerId, command.name().strip(),
                command.description(), Instant.now());
        sql.update("INSERT INTO application (id, tenant_id, developer_id, name, description, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                application.id(), actor.tenantId(), developerId, application.name(), application.description(),
                application.createdAt());
        auditTrail.record(actor, "application.create", "application", application.id().toString(), null, application);
        return application;
    }

    @Transactional
    public Optional<Application> find(TenantId tenant, UUID id) {
        return sql.one("SELECT " + COLUMNS + " FROM application WHERE tenant_id = ? AND id = ?", ApplicationService::map, tenant, id);
    }

    public Application require(TenantId tenant, UUID id) {
        return find(tenant, id).orElseThrow(() -> ProblemException.notFound("Application"));
    }

    @Transactional
    public Page<Application> list(TenantId tenant, KeysetCursor cursor) {
        return cursor.page(sql.list("SELECT " + COLUMNS + " FROM application WHERE tenant_id = ? AND id > ? ORDER BY id LIMIT ?",
                ApplicationService::map, tenant, cursor.after(), cursor.fetchSize()), Application::id);
    }

    private static Application map(ResultSet row) throws SQLException {
        return new Application(row.getObject("id", UUID.class), row.getObject("developer_id", UUID.class),
                row.getString("name"), row.getString("description"), Sql.instant(row, "created_at"));
    }
}
