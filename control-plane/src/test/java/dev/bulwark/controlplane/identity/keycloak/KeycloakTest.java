package dev.bulwark.controlplane.identity.keycloak;

import dev.bulwark.controlplane.RealDatabaseTest;
import dev.bulwark.testing.KeycloakServer;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;

/**
 * Base of tests against the run's real Keycloak ({@link KeycloakServer#shared()}): the control plane
 * is configured with it, its realms carry a prefix of this class's own, and {@link #keycloak} is an
 * admin client the test uses to look at (or arrange) what Keycloak holds.
 */
public abstract class KeycloakTest extends RealDatabaseTest {
    protected KeycloakServer server;
    protected String realmPrefix;
    protected Keycloak keycloak;

    @Override
    public Map<String, String> getProperties() {
        server = KeycloakServer.shared();
        realmPrefix = KeycloakServer.uniqueName("bwt") + "-";
        keycloak = KeycloakBuilder.builder().serverUrl(server.url()).realm("master").clientId("admin-cli")
                .username(server.adminUsername()).password(server.adminPassword()).grantType("password").build();
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("bulwark.identity.keycloak.url", server.url());
        properties.put("bulwark.identity.keycloak.admin-username", server.adminUsername());
        properties.put("bulwark.identity.keycloak.admin-password", server.adminPassword());
        properties.put("bulwark.identity.keycloak.realm-prefix", realmPrefix);
        properties.put("bulwark.identity.keycloak.retry-base", "200ms");
        properties.put("bulwark.identity.keycloak.retry-max", "2s");
        properties.put("bulwark.identity.keycloak.poll", "200ms");
        return properties;
    }

    /** This class's realms go with it, so a shared or long-lived Keycloak does not fill up. */
    @AfterAll
    void removeRealms() {
        if (keycloak == null) {
            return;
        }
        try {
            keycloak.realms().findAll().stream().map(r -> r.getRealm()).filter(name -> name.startsWith(realmPrefix))
                    .forEach(name -> keycloak.realm(name).remove());
        } finally {
            keycloak.close();
        }
    }
}
