package dev.bulwark.dataplane.event;

import dev.bulwark.contracts.event.LatencyBuckets;
import dev.bulwark.contracts.event.UsageAggregate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One event loop's usage counters since its last flush, one mutable {@link Cell} per (minute, tenant,
 * API, application, key, status class). Open addressing over the identifiers' own (cached) string
 * hashes, so finding the cell of a request allocates nothing; a cell is allocated the first time its
 * combination is seen in a flush interval. Bounded by {@code maxCells}: {@link #cell} returns null
 * when full and the owner flushes early. Not thread-safe: one owner thread.
 */
final class UsageTable {
    private static final long MINUTE_MILLIS = 60_000;

    /** The counters of one combination; {@code buckets} follow {@link LatencyBuckets}. */
    static final class Cell {
        final long minute;
        final String tenantId;
        final String apiId;
        final String applicationId;
        final String keyId;
        final int statusClass;
        final int hash;
        long requests;
        long requestBytes;
        long responseBytes;
        long latencySumMicros;
        long lastAtMillis;
        final long[] buckets = new long[LatencyBuckets.COUNT];

        private Cell(long minute, String tenantId, String apiId, String applicationId, String keyId, int statusClass, int hash) {
            this.minute = minute;
            this.tenantId = tenantId;
            this.apiId = apiId;
            this.applicationId = applicationId;
            this.keyId = keyId;
            this.statusClass = statusClass;
            this.hash = hash;
        }

        void add(long nowMillis, long latencyMicros, long requestBytes, long responseBytes) {
            requests++;
            this.requestBytes += requestBytes;
            this.responseBytes += responseBytes;
            latencySumMicros += latencyMicros;
            buckets[LatencyBuckets.bucketOf(latencyMicros)]++;
            if (nowMillis > lastAtMillis) {
                lastAtMillis = nowMillis;
            }
        }

        private boolean is(long minute, String tenantId, String apiId, String applicationId, String keyId, int statusClass) {
            return this.minute == minute && this.statusClass == statusClass && same(this.tenantId, tenantId)
                    && same(this.apiId, apiId) && same(this.applicationId, applicationId) && same(this.keyId, keyId);
        }

        UsageAggregate toAggregate() {
            return new UsageAggregate(Instant.ofEpochMilli(minute * MINUTE_MILLIS), Instant.ofEpochMilli(lastAtMillis), tenantId,
                    apiId, applicationId, keyId, statusClass, requests, requestBytes, responseBytes, latencySumMicros, buckets);
        }
    }

    /** Receives the aggregates of a flush. */
    @FunctionalInterface
    interface Output {
        void accept(UsageAggregate aggregate);
    }

    private final int maxCells;
    private Cell[] slots = new Cell[64];
    private int size;

    UsageTable(int maxCells) {
        this.maxCells = maxCells;
    }

    /** The cell of the combination, created when new; null when the table is full. */
    Cell cell(long epochMillis, String tenantId, String apiId, String applicationId, String keyId, int statusClass) {
        long minute = epochMillis / MINUTE_MILLIS;
        int hash = hash(minute, tenantId, apiId, applicationId, keyId, statusClass);
        int mask = slots.length - 1;
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            Cell cell = slots[i];
            if (cell == null) {
                if (size >= maxCells) {
                    return null;
                }
                if (2 * (size + 1) > slots.length) {
                    grow();
                    return cell(epochMillis, tenantId, apiId, applicationId, keyId, statusClass);
                }
                cell = new Cell(minute, tenantId, apiId, applicationId, keyId, statusClass, hash);
                slots[i] = cell;
                size++;
                return cell;
            }
            if (cell.hash == hash && cell.is(minute, tenantId, apiId, applicationId, keyId, statusClass)) {
                return cell;
            }
        }
    }

    int size() {
        return size;
    }

    /** Hands every cell to {@code output} as an aggregate and empties the table; returns the requests handed over. */
    long drain(Output output) {
        long requests = 0;
        if (size == 0) {
            return 0;
        }
        for (Cell cell : slots) {
            if (cell != null) {
                requests += cell.requests;
                output.accept(cell.toAggregate());
            }
        }
        Arrays.fill(slots, null);
        size = 0;
        return requests;
    }

    private void grow() {
        Cell[] old = slots;
        slots = new Cell[old.length * 2];
        int mask = slots.length - 1;
        for (Cell cell : old) {
            if (cell != null) {
                int i = cell.hash & mask;
                while (slots[i] != null) {
                    i = (i + 1) & mask;
                }
                slots[i] = cell;
            }
        }
    }

    private static int hash(long minute, String tenantId, String apiId, String applicationId, String keyId, int statusClass) {
        int h = Long.hashCode(minute);
        h = 31 * h + Objects.hashCode(tenantId);
        h = 31 * h + Objects.hashCode(apiId);
        h = 31 * h + Objects.hashCode(applicationId);
        h = 31 * h + Objects.hashCode(keyId);
        h = 31 * h + statusClass;
        return h ^ (h >>> 16); // spread high bits into the low ones the mask keeps
    }

    private static boolean same(String a, String b) {
        return a == b || (a != null && a.equals(b));
    }
}
