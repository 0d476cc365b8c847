package dev.bulwark.controlplane.identity;

import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.Role;
import dev.bulwark.controlplane.kernel.TenantId;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The port between the control plane and whoever vouches for people: sessions start when a member
 * has proved who they are, are checked on every request, and end at log-out. The built-in adapter
 * ({@link BuiltInIdentityProvider}) signs its own tokens; a Keycloak adapter will verify Keycloak's.
 */
public interface IdentityProvider {

    Session startSession(UUID userId, TenantId tenant, Role role, String email);

    /** The member behind a presented token: authentic, current, not revoked and still a member (with their current role). */
    Optional<AuthenticatedSession> authenticate(String token);

    void endSession(AuthenticatedSession session);

    record Session(String token, UUID sessionId, Instant expiresAt) {
    }

    record AuthenticatedSession(Principal principal, UUID sessionId, Instant expiresAt) implements java.security.Principal {
        @Override
        public String getName() {
            return principal.getName();
        }
    }
}
