package dev.bulwark.controlplane.usage;

import dev.bulwark.controlplane.securityevent.SecurityEventWriter;
import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes one batch of delivered events in ONE transaction: usage dedupe + rollup upserts and
 * security inserts commit together or not at all. The caller acknowledges the stream entries only
 * after this returns, which is what makes redelivery safe.
 */
final class IngestionWriter {
    /** A point where tests can stop ingestion as if the process died there. */
    enum Phase { BEFORE_COMMIT, AFTER_COMMIT }

    /** Called at each {@link Phase}; throwing stops the batch (before commit it also rolls it back). */
    @FunctionalInterface
    interface Checkpoint {
        Checkpoint NONE = (phase, batch) -> { };

        void reached(Phase phase, List<DeliveredEvent> batch);
    }

    /**
     * What a batch added: usage records counted for the first time (and the requests they carried),
     * security events stored, and duplicates skipped.
     */
    record Outcome(int usageCounted, long usageRequests, int securityStored, int duplicates) {
    }

    private final TransactionOperations<Connection> transactions;
    private final DailyPartitions dedupePartitions;
    private final DailyPartitions securityPartitions;
    private final DailyPartitions usagePartitions;
    private final UsageRollupWriter rollups = new UsageRollupWriter();
    private final SecurityEventWriter securityEvents = new SecurityEventWriter();
    private final Checkpoint checkpoint;

    IngestionWriter(TransactionOperations<Connection> transactions, DailyPartitions dedupePartitions,
                    DailyPartitions securityPartitions, DailyPartitions usagePartitions, Checkpoint checkpoint) {
        this.transactions = transactions;
        this.dedupePartitions = dedupePartitions;
        this.securityPartitions = securityPartitions;
        this.usagePartitions = usagePartitions;
        this.checkpoint = checkpoint;
    }

    Outcome write(List<DeliveredEvent> batch) {
        List<DeliveredEvent> usage = new ArrayList<>();
        List<SecurityEventWriter.Row> security = new ArrayList<>();
        Set<LocalDate> usageDays = new TreeSet<>();
        Set<LocalDate> securityDays = new TreeSet<>();
        for (DeliveredEvent event : batch) {
            if (event.isUsage()) {
                usage.add(event);
                usageDays.add(DailyPartitions.dayOf(event.occurredAt()));
            } else {
                security.add(new SecurityEventWriter.Row(event.deliveryId(), event.tenantId(), event.security()));
                securityDays.add(DailyPartitions.dayOf(event.security().at()));
            }
        }
        dedupePartitions.ensure(usageDays);
        // A usage record's minute lies in the day it occurred (an aggregate's minute is its time; a legacy event's is truncated).
        usagePartitions.ensure(usageDays);
        securityPartitions.ensure(securityDays);
        Outcome outcome = transactions.executeWrite(status -> {
            Connection connection = status.getConnection();
            UsageRollupWriter.Counted counted = rollups.write(connection, usage);
            int stored = securityEvents.write(connection, security);
            checkpoint.reached(Phase.BEFORE_COMMIT, batch);
            return new Outcome(counted.records(), counted.requests(), stored, batch.size() - counted.records() - stored);
        });
        checkpoint.reached(Phase.AFTER_COMMIT, batch);
        return outcome;
    }
}
