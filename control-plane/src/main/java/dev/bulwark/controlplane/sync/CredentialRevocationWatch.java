package dev.bulwark.controlplane.sync;

import dev.bulwark.controlplane.dataplane.DataPlaneCredentials;
import dev.bulwark.controlplane.snapshot.SyncSettings;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Disconnects data planes whose credential was revoked through another control-plane replica. The
 * replica that serves the revocation call disconnects its own at once; this check bounds how long a
 * data plane connected elsewhere keeps receiving configuration (one poll interval).
 */
@Context
class CredentialRevocationWatch {
    private static final Logger LOG = LoggerFactory.getLogger(CredentialRevocationWatch.class);

    private final DataPlaneCredentials credentials;
    private final SyncHub hub;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "bulwark-credential-watch");
        thread.setDaemon(true);
        return thread;
    });

    CredentialRevocationWatch(DataPlaneCredentials credentials, SyncHub hub, SyncSettings settings) {
        this.credentials = credentials;
        this.hub = hub;
        long every = settings.pollInterval().toMillis();
        executor.scheduleWithFixedDelay(this::check, every, every, TimeUnit.MILLISECONDS);
    }

    void check() {
        try {
            Set<UUID> connected = hub.connectedCredentials();
            for (UUID revoked : credentials.revokedAmong(connected)) {
                LOG.warn("data-plane credential {} was revoked; closing its connections to this replica", revoked);
                hub.revoked(revoked);
            }
        } catch (RuntimeException e) {
            LOG.error("could not check data-plane credentials for revocation; will retry", e);
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
