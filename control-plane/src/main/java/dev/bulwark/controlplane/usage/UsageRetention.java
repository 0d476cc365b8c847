package dev.bulwark.controlplane.usage;

import io.micronaut.transaction.TransactionOperations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Deletes hourly rollup rows older than their retention. {@code usage_hour} is not partitioned (a day
 * holds 60 times fewer rows than {@code usage_minute}, whose whole days are dropped instead), so expiry
 * is a DELETE in bounded batches: each batch is its own short transaction and never holds locks long
 * enough to stall ingestion.
 * <p>Hand SQL: bounded batch deletes (ctid ... LIMIT), each its own short transaction.
 */
final class UsageRetention {
    static final int BATCH = 5_000;
    /** Batches per table per sweep: a backlog (after a long stop) drains over several sweeps, not in one long pause. */
    static final int MAX_BATCHES = 40;

    private final TransactionOperations<Connection> transactions;

    UsageRetention(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /** Deletes {@code usage_hour} rows before {@code cutoff}; returns how many. */
    long expireHours(Instant cutoff) {
        return expire("usage_hour", "hour", cutoff);
    }

    private long expire(String table, String timeColumn, Instant cutoff) {
        // Table and column names are constants of this class, never input.
        String delete = "DELETE FROM " + table + " WHERE ctid = ANY(ARRAY(SELECT ctid FROM " + table + " WHERE " + timeColumn
                + " < ? LIMIT " + BATCH + "))";
        long total = 0;
        int batches = 0;
        int deleted;
        do {
            deleted = transactions.executeWrite(status -> {
                try (PreparedStatement statement = status.getConnection().prepareStatement(delete)) {
                    statement.setTimestamp(1, Timestamp.from(cutoff));
                    return statement.executeUpdate();
                }
            });
            total += deleted;
        } while (deleted == BATCH && ++batches < MAX_BATCHES);
        return total;
    }
}
