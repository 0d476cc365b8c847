package dev.bulwark.controlplane.identity.keycloak;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

/** Runs {@link RealmProvisioning#syncOne()} every second (each row in its own transaction) while Keycloak is configured. */
@Singleton
class RealmSyncJob {
    private static final int BATCH = 20;
    private final KeycloakSettings settings;
    private final RealmProvisioning provisioning;

    RealmSyncJob(KeycloakSettings settings, RealmProvisioning provisioning) {
        this.settings = settings;
        this.provisioning = provisioning;
    }

    @Scheduled(fixedDelay = "${bulwark.identity.keycloak.poll:1s}", initialDelay = "1s")
    void catchUp() {
        if (!settings.enabled()) {
            return;
        }
        for (int i = 0; i < BATCH && provisioning.syncOne(); i++) {
            // until no row is due
        }
    }
}
