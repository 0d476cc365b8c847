package dev.bulwark.dataplane.event;

import dev.bulwark.contracts.event.EventStreams;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Serialised records (usage aggregates, security events) waiting for Redis, oldest first, bounded by count and bytes. Owned by the
 * shipper thread alone; the size and byte counts are volatile only so that gauges can read them.
 */
final class Spool {
    /** One record ready for XADD; {@code id} is assigned once and kept across retries, {@code version} names the record. */
    record Entry(EventStreams.Kind kind, String version, String id, String json) {
        long bytes() {
            return id.length() + json.length() + 8L;
        }
    }

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final int maxEvents;
    private final long maxBytes;
    private volatile int size;
    private volatile long bytes;

    Spool(int maxEvents, long maxBytes) {
        this.maxEvents = maxEvents;
        this.maxBytes = maxBytes;
    }

    boolean hasRoom() {
        return size < maxEvents && bytes < maxBytes;
    }

    void add(Entry entry) {
        entries.addLast(entry);
        size = size + 1;
        bytes = bytes + entry.bytes();
    }

    /** Removes up to {@code max} entries from the front into {@code batch}. */
    void takeBatch(int max, List<Entry> batch) {
        while (batch.size() < max && !entries.isEmpty()) {
            Entry entry = entries.pollFirst();
            size = size - 1;
            bytes = bytes - entry.bytes();
            batch.add(entry);
        }
    }

    /** Puts entries that could not be shipped back in front, keeping their order. */
    void returnToFront(List<Entry> failed) {
        for (int i = failed.size() - 1; i >= 0; i--) {
            Entry entry = failed.get(i);
            entries.addFirst(entry);
            size = size + 1;
            bytes = bytes + entry.bytes();
        }
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    int size() {
        return size;
    }

    long bytes() {
        return bytes;
    }
}
