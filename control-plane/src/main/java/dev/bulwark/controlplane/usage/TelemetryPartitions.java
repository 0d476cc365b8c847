package dev.bulwark.controlplane.usage;

import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Telemetry housekeeping. The three time-partitioned tables, {@code security_event} (kept for
 * {@code security-event-retention}), {@code ingested_event} (kept for {@code dedupe-retention}) and
 * {@code usage_minute} (kept for {@code usage-minute-retention}): creates yesterday through
 * {@code partitions-ahead} days from now and drops whole days past the retention. The hourly
 * rollups, 60 times fewer rows: deletes {@code usage_hour} rows past theirs.
 */
final class TelemetryPartitions implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(TelemetryPartitions.class);

    private final DailyPartitions security;
    private final DailyPartitions dedupe;
    private final DailyPartitions usage;
    private final UsageRetention rollups;
    private final TelemetrySettings settings;
    private final Clock clock;

    TelemetryPartitions(TransactionOperations<Connection> transactions, TelemetrySettings settings, Clock clock) {
        this.security = new DailyPartitions("security_event", transactions);
        this.dedupe = new DailyPartitions("ingested_event", transactions);
        this.usage = new DailyPartitions("usage_minute", transactions);
        this.rollups = new UsageRetention(transactions);
        this.settings = settings;
        this.clock = clock;
    }

    DailyPartitions security() {
        return security;
    }

    DailyPartitions dedupe() {
        return dedupe;
    }

    DailyPartitions usage() {
        return usage;
    }

    @Override
    public void run() {
        LocalDate today = LocalDate.now(clock.withZone(java.time.ZoneOffset.UTC));
        List<LocalDate> ahead = new ArrayList<>();
        for (int offset = -1; offset <= settings.partitionsAhead(); offset++) {
            ahead.add(today.plusDays(offset));
        }
        security.ensure(ahead);
        dedupe.ensure(ahead);
        usage.ensure(ahead);
        // Events older than the retention are refused at decode time, so a dropped day is never written again.
        List<LocalDate> droppedSecurity = security.dropBefore(today.minusDays(settings.securityEventRetention().toDays()));
        List<LocalDate> droppedDedupe = dedupe.dropBefore(today.minusDays(settings.dedupeRetention().toDays()));
        // Whole UTC days: a minute is kept until its day has wholly passed the retention.
        List<LocalDate> droppedUsage = usage.dropBefore(LocalDate.ofInstant(clock.instant().minus(settings.usageMinuteRetention()),
                java.time.ZoneOffset.UTC));
        if (!droppedSecurity.isEmpty() || !droppedDedupe.isEmpty() || !droppedUsage.isEmpty()) {
            LOG.info("dropped expired partitions: security_event {}, ingested_event {}, usage_minute {}", droppedSecurity, droppedDedupe,
                    droppedUsage);
        }
        Instant now = clock.instant();
        long hours = rollups.expireHours(now.minus(settings.usageHourRetention()));
        if (hours > 0) {
            LOG.info("deleted expired usage rollups: {} usage_hour row(s)", hours);
        }
    }
}
