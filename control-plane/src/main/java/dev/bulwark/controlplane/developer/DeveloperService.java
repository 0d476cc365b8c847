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
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
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

    private final DeveloperRepository repository;
    private final AuditTrail auditTrail;

    public DeveloperService(DeveloperRepository repository, AuditTrail auditTrail) {
        this.repository = repository;
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
            repository.insert(DeveloperRow.of(actor.tenantId(), developer));
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
        return repository.findByTenantIdAndId(tenant, id).map(DeveloperRow::toDeveloper);
    }

    @Transactional
    public Page<Developer> list(TenantId tenant, KeysetCursor cursor) {
        return cursor.page(repository.page(tenant, cursor.after(), cursor.fetchSize()).stream()
                .map(DeveloperRow::toDeveloper).toList(), Developer::id);
    }
}
