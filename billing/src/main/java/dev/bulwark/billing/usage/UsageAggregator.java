package dev.bulwark.billing.usage;

import dev.bulwark.billing.period.Interval;
import java.util.HashMap;
import java.util.Map;

/**
 * Sums usage per meter for one subscription and one interval, each record id counted once.
 * Duplicates are detected over everything passed in, before filtering, so a conflicting duplicate
 * is caught even when the copies fall in different periods or subscriptions.
 */
public final class UsageAggregator {

    private UsageAggregator() {}

    public static MeteredUsage aggregate(String subscriptionId, Interval interval, Iterable<UsageRecord> records) {
        Map<String, UsageRecord> byId = new HashMap<>();
        int duplicates = 0;
        Map<String, Long> quantities = new HashMap<>();
        for (UsageRecord record : records) {
            UsageRecord first = byId.putIfAbsent(record.id(), record);
            if (first != null) {
                if (!first.equals(record)) {
                    throw new ConflictingUsageException(first, record);
                }
                if (counts(first, subscriptionId, interval)) {
                    duplicates++;
                }
                continue;
            }
            if (counts(record, subscriptionId, interval)) {
                quantities.merge(record.meter(), record.quantity(), Math::addExact);
            }
        }
        return new MeteredUsage(subscriptionId, interval, quantities, duplicates);
    }

    private static boolean counts(UsageRecord record, String subscriptionId, Interval interval) {
        return record.subscriptionId().equals(subscriptionId) && interval.contains(record.timestamp());
    }
}
