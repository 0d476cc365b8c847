package dev.bulwark.controlplane.devportal;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.bulwark.controlplane.tenant.Tenants;
import java.time.Instant;
import java.util.UUID;

/** What sign-up, log-in and {@code /me} return; {@code session} (with the token) only on sign-up and log-in. */
public record DevSession(DeveloperView developer, TenantView tenant,
                         @JsonInclude(JsonInclude.Include.NON_NULL) SessionView session) {

    public record DeveloperView(UUID id, String email, String name) {
    }

    public record TenantView(String slug, String name) {
        static TenantView of(Tenants.Tenant tenant) {
            return new TenantView(tenant.slug(), tenant.name());
        }
    }

    public record SessionView(String token, Instant expiresAt) {
        @Override
        public String toString() {
            return "SessionView[expiresAt=" + expiresAt + "]";
        }
    }
}
