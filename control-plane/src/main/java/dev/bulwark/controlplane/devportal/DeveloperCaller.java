package dev.bulwark.controlplane.devportal;

import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.Role;
import dev.bulwark.controlplane.kernel.TenantId;
import java.time.Instant;
import java.util.UUID;

/**
 * The developer behind a developer-portal request, in the one tenant its session belongs to. Bound
 * to controller parameters by {@link DeveloperBinder}; never built from request data. It is a
 * {@link java.security.Principal} so the OpenAPI generator does not take it for a parameter.
 */
public record DeveloperCaller(UUID developerId, TenantId tenantId, String tenantSlug, String email, UUID sessionId,
                              Instant expiresAt) implements java.security.Principal {

    /** Prefix of {@code actor_email} in audit entries written by developers, so they read apart from members'. */
    public static final String AUDIT_ACTOR_PREFIX = "developer:";

    @Override
    public String getName() {
        return developerId.toString();
    }

    /**
     * The actor the shared catalog services audit with. They take a member {@link Principal} but
     * never consult its role (access was decided by {@link DeveloperEndpoint}); the marked email
     * keeps developer actions distinguishable in the tenant's audit chain.
     */
    public Principal actor() {
        return actor(developerId, tenantId, email);
    }

    static Principal actor(UUID developerId, TenantId tenantId, String email) {
        return new Principal(developerId, tenantId, Role.VIEWER, AUDIT_ACTOR_PREFIX + email);
    }
}
