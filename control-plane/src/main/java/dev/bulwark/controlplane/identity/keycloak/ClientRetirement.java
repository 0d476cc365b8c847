package dev.bulwark.controlplane.identity.keycloak;

import dev.bulwark.controlplane.snapshot.ConfigurationChanged;
import dev.bulwark.controlplane.sql.Sql;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import jakarta.ws.rs.NotFoundException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends secret overlaps: deletes in Keycloak each previous application client whose overlap is over,
 * then its {@code oauth_client_retiring} row, and asks for a snapshot so gateways stop mapping its
 * client id. The row is the to-do, so a restart or a Keycloak outage only delays the deletion
 * (retried with the realm back-off); rows are claimed with {@code SKIP LOCKED} so replicas share them.
 */
@Singleton
@Requires(condition = KeycloakConfigured.class)
public class ClientRetirement {
    private static final Logger LOG = LoggerFactory.getLogger(ClientRetirement.class);
    private static final int BATCH = 20;
    private final KeycloakAdmin keycloak;
    private final RealmProvisioning realms;
    private final Sql sql;
    private final MeterRegistry metrics;
    private final ApplicationEventPublisher<ConfigurationChanged> events;

    ClientRetirement(KeycloakAdmin keycloak, RealmProvisioning realms, Sql sql, MeterRegistry metrics,
                     ApplicationEventPublisher<ConfigurationChanged> events) {
        this.keycloak = keycloak;
        this.realms = realms;
        this.sql = sql;
        this.metrics = metrics;
        this.events = events;
    }

    @Scheduled(fixedDelay = "${bulwark.identity.keycloak.poll:1s}", initialDelay = "1s")
    void catchUp() {
        boolean retired = false;
        for (int i = 0; i < BATCH; i++) {
            Optional<Boolean> outcome = retireOne();
            if (outcome.isEmpty()) {
                break;
            }
            retired |= outcome.get();
        }
        if (retired) {
            // After the commit: the compiler must no longer see the retired client ids.
            events.publishEvent(ConfigurationChanged.everywhere());
        }
    }

    /** Claims one client whose overlap is over; empty when none is due, else whether it was deleted. */
    @Transactional
    public Optional<Boolean> retireOne() {
        Optional<Due> due = sql.one("""
                SELECT application_id, realm, client_id, attempts FROM oauth_client_retiring
                WHERE retires_at <= now() AND next_attempt_at <= now()
                ORDER BY retires_at LIMIT 1 FOR UPDATE SKIP LOCKED""",
                row -> new Due(Sql.uuid(row, "application_id"), row.getString("realm"), row.getString("client_id"), row.getInt("attempts")));
        if (due.isEmpty()) {
            return Optional.empty();
        }
        Due row = due.get();
        try {
            try {
                keycloak.deleteClient(row.realm(), row.clientId());
            } catch (NotFoundException realmGone) {
                // the realm went (tenant closed): its clients went with it
            }
            sql.update("DELETE FROM oauth_client_retiring WHERE application_id = ? AND client_id = ?", row.applicationId(), row.clientId());
            count("done");
            return Optional.of(true);
        } catch (RuntimeException e) {
            count("failed");
            int attempts = row.attempts() + 1;
            LOG.warn("Previous OAuth client of application {} not deleted yet (attempt {}): {}", row.applicationId(), attempts,
                    e.getClass().getSimpleName());
            sql.update("UPDATE oauth_client_retiring SET attempts = ?, next_attempt_at = ? WHERE application_id = ? AND client_id = ?",
                    attempts, java.sql.Timestamp.from(Instant.now().plus(realms.backoff(attempts))), row.applicationId(), row.clientId());
            return Optional.of(false);
        }
    }

    /** bulwark_keycloak_client_retirement_total{outcome=done|failed}. */
    private void count(String outcome) {
        Counter.builder("bulwark.keycloak.client.retirement").description("Previous application clients deleted when their overlap ended")
                .tag("outcome", outcome).register(metrics).increment();
    }

    private record Due(UUID applicationId, String realm, String clientId, int attempts) {
    }
}
