package dev.bulwark.controlplane.identity.keycloak;

import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;

/** True when {@code bulwark.identity.keycloak.url} names a server: the Keycloak beans exist only then. */
public final class KeycloakConfigured implements Condition {
    @Override
    public boolean matches(ConditionContext context) {
        return context.getProperty("bulwark.identity.keycloak.url", String.class).filter(url -> !url.isBlank()).isPresent();
    }
}
