package dev.bulwark.controlplane.billing.payment;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Instant;

/** Runs {@link Dunning} on every replica (its steps are claimed row by row); off with the invoice closing switch. */
@Singleton
@Requires(property = "bulwark.billing.closing-enabled", notEquals = "false")
class DunningSchedule {
    private final Dunning dunning;

    DunningSchedule(Dunning dunning) {
        this.dunning = dunning;
    }

    @Scheduled(fixedDelay = "${bulwark.billing.dunning-interval:1h}", initialDelay = "5m")
    void run() {
        dunning.run(Instant.now());
    }
}
