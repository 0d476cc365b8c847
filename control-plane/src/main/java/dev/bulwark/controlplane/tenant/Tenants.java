package dev.bulwark.controlplane.tenant;

import dev.bulwark.controlplane.kernel.TenantId;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Tenants: creating one, finding one by id, and whether a slug is taken. */
@Singleton
public class Tenants {
    public record Tenant(TenantId id, String slug, String name) {
    }

    private final TenantRepository repository;
    private final ApplicationEventPublisher<TenantCreated> created;

    Tenants(TenantRepository repository, ApplicationEventPublisher<TenantCreated> created) {
        this.repository = repository;
        this.created = created;
    }

    @Transactional
    public Tenant create(String slug, String name) {
        TenantId id = new TenantId(UUID.randomUUID());
        repository.insert(new TenantRow(id, slug, name, 0));
        created.publishEvent(new TenantCreated(id, Instant.now()));
        return new Tenant(id, slug, name);
    }

    @Transactional(readOnly = true)
    public Optional<Tenant> find(TenantId id) {
        return repository.findById(id).map(TenantRow::toTenant);
    }

    /** The tenant a developer-portal URL names by its slug. */
    @Transactional(readOnly = true)
    public Optional<Tenant> findBySlug(String slug) {
        return repository.findBySlug(slug).map(TenantRow::toTenant);
    }

    @Transactional(readOnly = true)
    public boolean slugTaken(String slug) {
        return repository.existsBySlug(slug);
    }

    /** The tenant row's version, which versions the tenant's settings (their ETag). */
    @Transactional(readOnly = true)
    public Optional<Long> version(TenantId id) {
        return repository.findVersionById(id);
    }
}
