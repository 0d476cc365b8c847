package dev.bulwark.controlplane.identity.session;

import dev.bulwark.controlplane.identity.Accounts;
import dev.bulwark.controlplane.identity.IdentityProvider.Session;
import dev.bulwark.controlplane.kernel.Role;
import dev.bulwark.controlplane.tenant.Tenants;
import java.time.Instant;
import java.util.UUID;

/** What sign-up, log-in and invitation acceptance return: who, where, as what, and the session. */
public record SessionResponse(TenantView tenant, UserView user, Role role, SessionView session) {

    public record TenantView(UUID id, String name, String slug) {
        public static TenantView of(Tenants.Tenant tenant) {
            return new TenantView(tenant.id().value(), tenant.name(), tenant.slug());
        }
    }

    public record UserView(UUID id, String email, String displayName) {
        public static UserView of(Accounts.User user) {
            return new UserView(user.id(), user.email(), user.displayName());
        }
    }

    public record SessionView(String token, Instant expiresAt) {
    }

    public static SessionResponse of(Tenants.Tenant tenant, Accounts.User user, Role role, Session session) {
        return new SessionResponse(TenantView.of(tenant), UserView.of(user), role, new SessionView(session.token(), session.expiresAt()));
    }
}
