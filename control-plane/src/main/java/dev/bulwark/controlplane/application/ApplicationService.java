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
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Registers and lists applications. Every query is scoped to the caller's tenant. */
@Singleton
public class ApplicationService {
    public record CreateApplication(String name, String developerId, String description) {
    }

    private final ApplicationRepository repository;
    private final DeveloperService developers;
    private final AuditTrail auditTrail;

    public ApplicationService(ApplicationRepository repository, DeveloperService developers, AuditTrail auditTrail) {
        this.repository = repository;
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
        repository.insert(ApplicationRow.of(actor.tenantId(), application));
        auditTrail.record(actor, "application.create", "application", application.id().toString(), null, application);
        return application;
    }

    @Transactional
    public Optional<Application> find(TenantId tenant, UUID id) {
        return repository.findByTenantIdAndId(tenant, id).map(ApplicationRow::toApplication);
    }

    public Application require(TenantId tenant, UUID id) {
        return find(tenant, id).orElseThrow(() -> ProblemException.notFound("Application"));
    }

    /** Every application of one developer of the tenant, oldest first. */
    @Transactional
    public List<Application> ofDeveloper(TenantId tenant, UUID developerId) {
        return repository.findByTenantIdAndDeveloperIdOrderById(tenant, developerId).stream()
                .map(ApplicationRow::toApplication).toList();
    }

    @Transactional
    public Page<Application> list(TenantId tenant, KeysetCursor cursor) {
        return cursor.page(repository.page(tenant, cursor.after(), cursor.fetchSize()).stream()
                .map(ApplicationRow::toApplication).toList(), Application::id);
    }
}
