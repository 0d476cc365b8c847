package dev.bulwark.controlplane.dataplane;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers a data-plane credential given in configuration ({@code bulwark.sync.bootstrap-credential},
 * env {@code BULWARK_SYNC_BOOTSTRAP_CREDENTIAL}) at start-up, so a platform started in one go (the
 * launcher, a deployment) can connect its first gateways before any platform administrator exists.
 * Idempotent: only the credential's digest is stored, once. Revoking it through the API sticks,
 * because a revoked row is never re-enabled here.
 */
@Singleton
@Requires(property = "bulwark.sync.bootstrap-credential")
class BootstrapCredential {
    private static final Logger LOG = LoggerFactory.getLogger(BootstrapCredential.class);

    private final DataPlaneCredentials credentials;
    private final String credential;
    private final String environment;

    BootstrapCredential(DataPlaneCredentials credentials,
                        @Value("${bulwark.sync.bootstrap-credential}") String credential,
                        @Value("${bulwark.sync.bootstrap-environment:production}") String environment) {
        this.credentials = credentials;
        this.credential = credential;
        this.environment = environment;
    }

    @EventListener
    void register(StartupEvent started) {
        if (credential.isBlank()) {
            return;
        }
        if (credentials.register(environment, "bootstrap", credential, "bootstrap")) {
            LOG.info("registered the bootstrap data-plane credential for environment {}", environment);
        }
    }
}
