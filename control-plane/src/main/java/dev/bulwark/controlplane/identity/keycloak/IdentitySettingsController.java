package dev.bulwark.controlplane.identity.keycloak;

import dev.bulwark.contracts.schema.Violation;
import dev.bulwark.controlplane.audit.AuditTrail;
import dev.bulwark.controlplane.identity.LoginMethods;
import dev.bulwark.controlplane.kernel.Principal;
import dev.bulwark.controlplane.kernel.ProblemException;
import dev.bulwark.controlplane.kernel.RequiresRole;
import dev.bulwark.controlplane.kernel.Role;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import jakarta.validation.constraints.NotNull;
import java.util.List;
import java.util.Map;

/**
 * A tenant's identity settings: which log-in methods its members may use, and the state of its
 * Keycloak realm (read-only: the platform provisions it). At least one method stays on; OIDC only
 * where the platform runs Keycloak.
 */
@Controller("/api/v1/identity-settings")
@ExecuteOn(TaskExecutors.BLOCKING)
public class IdentitySettingsController {
    /**
     * @param keycloakConfigured whether this platform runs Keycloak at all
     * @param realm              the tenant's realm, when provisioned or being provisioned
     * @param realmReady         whether Keycloak holds the realm now
     * @param issuer             the realm's OIDC issuer (also the gateway jwt policy's {@code issuer})
     */
    @Introspected
    public record IdentitySettings(boolean passwordLogin, boolean oidcLogin, boolean keycloakConfigured,
                                   @Nullable String realm, boolean realmReady, @Nullable String issuer) {
    }

    @Introspected
    public record IdentitySettingsChange(@NotNull Boolean passwordLogin, @NotNull Boolean oidcLogin) {
    }

    private final Store store;

    public IdentitySettingsController(Store store) {
        this.store = store;
    }

    @Get
    @RequiresRole(Role.VIEWER)
    public IdentitySettings getIdentitySettings(Principal principal) {
        return store.read(principal);
    }

    @Put
    @RequiresRole(Role.OWNER)
    public IdentitySettings updateIdentitySettings(Principal principal, @Body IdentitySettingsChange body) {
        if (body == null || body.passwordLogin() == null || body.oidcLogin() == null) {
            throw ProblemException.invalid(body == null || body.passwordLogin() == null ? "passwordLogin" : "oidcLogin", "is required");
        }
        if (!body.passwordLogin() && !body.oidcLogin()) {
            throw ProblemException.invalid(List.of(new Violation("passwordLogin", "at least one log-in method must stay on")));
        }
        return store.update(principal, new LoginMethods.Methods(body.passwordLogin(), body.oidcLogin()));
    }

    @Singleton
    public static class Store {
        private final LoginMethods methods;
        private final RealmProvisioning realms;
        private final KeycloakSettings keycloak;
        private final AuditTrail audit;

        public Store(LoginMethods methods, RealmProvisioning realms, KeycloakSettings keycloak, AuditTrail audit) {
            this.methods = methods;
            this.realms = realms;
            this.keycloak = keycloak;
            this.audit = audit;
        }

        @Transactional(readOnly = true)
        public IdentitySettings read(Principal caller) {
            LoginMethods.Methods current = methods.of(caller.tenantId());
            var state = realms.state(caller.tenantId()).filter(s -> s.desired().equals("present"));
            return new IdentitySettings(current.password(), current.oidc(), keycloak.enabled(),
                    state.map(RealmProvisioning.RealmState::realm).orElse(null),
                    state.map(RealmProvisioning.RealmState::inSync).orElse(false),
                    state.map(s -> keycloak.baseUrl() + "/realms/" + s.realm()).orElse(null));
        }

        @Transactional
        public IdentitySettings update(Principal caller, LoginMethods.Methods wanted) {
            if (wanted.oidc() && !keycloak.enabled()) {
                throw new ProblemException(409, "KEYCLOAK_NOT_CONFIGURED", "Conflict",
                        "Single sign-on needs Keycloak, which this platform does not run", List.of(new Violation("oidcLogin", "is unavailable")));
            }
            LoginMethods.Methods before = methods.of(caller.tenantId());
            methods.set(caller.tenantId(), wanted);
            audit.record(caller, "identity.settings_changed", "tenant", caller.tenantId().toString(),
                    Map.of("passwordLogin", before.password(), "oidcLogin", before.oidc()),
                    Map.of("passwordLogin", wanted.password(), "oidcLogin", wanted.oidc()));
            return read(caller);
        }
    }
}
