package dev.bulwark.controlplane.kernel;

import java.util.UUID;

/**
 * The authenticated member behind a request, in the one tenant its session is scoped to.
 * Controllers take it as a method argument; it is never built from request data. It is a
 * {@link java.security.Principal} so tools (the OpenAPI generator) know it is not a request parameter.
 */
public record Principal(UUID userId, TenantId tenantId, Role role, String email) implements java.security.Principal {

    /** The user id: stable, unlike the email. */
    @Override
    public String getName() {
        return userId.toString();
    }
}
